import { css } from 'lit';
import { token } from '../../styles/theme.js';

// One rule per line: css`` text is shipped as written, so whitespace costs bytes.
// The code is dark on light whatever the theme: scanners need the contrast.
export default css`
:host{display:inline-block;inline-size:var(--cw-qr-size,168px)}
svg{display:block;inline-size:100%;block-size:auto;background:#fff;border-radius:calc(${token('radius')} / 2)}
.note{margin:0;color:${token('muted')};font-size:.875rem}
`;
