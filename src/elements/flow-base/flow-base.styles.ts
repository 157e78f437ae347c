/** Layout shared by the flow elements: panels, messages, the status line. Colours come from the theme tokens. */
import { css } from 'lit';
import { token } from '../../styles/theme.js';

const space = token('space');
const danger = token('danger');
const muted = token('muted');

// One rule per line: css`` text is shipped as written, so whitespace costs bytes.
export const flowStyles = css`
:host{display:block;font-family:${token('font')};color:${token('text')}}
.panel{display:grid;gap:${space}}
.row{display:flex;flex-wrap:wrap;align-items:center;gap:${space}}
.status,.notice,.alert p{margin:0}
.status,.notice,.alert .detail{color:${muted}}
.status--ok{color:${token('success')};font-weight:600}
.alert:empty{display:none}
.alert{display:grid;gap:calc(${space} / 2);padding:${space} calc(${space} * 1.5);border:1px solid color-mix(in srgb,${danger} 40%,transparent);border-left:4px solid ${danger};border-radius:${token('radius')};background:color-mix(in srgb,${danger} 6%,${token('surface')})}
.alert .message{color:${danger};font-weight:600}
.alert .detail{font-size:.875rem;overflow-wrap:anywhere}
.spinner{width:.9em;height:.9em;border:2px solid currentColor;border-right-color:transparent;border-radius:50%;display:inline-block}
@media (prefers-reduced-motion:no-preference){.spinner{animation:cw-spin .8s linear infinite}}
@keyframes cw-spin{to{transform:rotate(360deg)}}
`;
