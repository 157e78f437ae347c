import { css } from 'lit';
import { token } from '../../styles/theme.js';

const space = token('space');

// One rule per line: css`` text is shipped as written, so whitespace costs bytes.
export default css`
.instructions{margin:0}
.code-row{display:flex;flex-wrap:wrap;align-items:center;gap:${space}}
.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace;font-size:clamp(1.5rem,5vw,2.25rem);font-weight:700;letter-spacing:.12em;padding:calc(${space} / 2) ${space};border:1px dashed ${token('border')};border-radius:${token('radius')};background:${token('surface-raised')};user-select:all}
.countdown,.next-check{font-variant-numeric:tabular-nums;white-space:nowrap}
.qr{justify-self:start}
`;
