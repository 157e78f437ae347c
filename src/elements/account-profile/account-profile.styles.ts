import { css } from 'lit';
import { token } from '../../styles/theme.js';

// One rule per line: css`` text is shipped as written, so whitespace costs bytes.
export default css`
.label{font-weight:600;font-size:.875rem}
.select{flex:0 1 14rem;min-width:0;min-height:2.25rem;padding:0 calc(${token('space')} / 2);border:1px solid ${token('border')};border-radius:${token('radius')};background:${token('surface')};color:${token('text')};font:inherit;font-size:.9375rem}
.select:disabled{opacity:.6}
`;
