import { css } from 'lit';
import { token } from '../../styles/theme.js';

const space = token('space');
const danger = token('danger');

// One rule per line: css`` text is shipped as written, so whitespace costs bytes.
export default css`
.confirm{display:grid;gap:${space};padding:${space} calc(${space} * 1.5);border:1px solid ${token('border')};border-radius:${token('radius')};background:${token('surface-raised')}}
.confirm p,.usages{margin:0}
.usages{padding-inline-start:1.25rem}
.button--danger-solid{background:${danger};border-color:${danger};color:#fff}
`;
