import { css } from 'lit';
import { token } from '../../styles/theme.js';

export default css`
  .instructions {
    margin: 0;
  }
  .code-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space')};
  }
  .code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace;
    font-size: clamp(1.5rem, 5vw, 2.25rem);
    font-weight: 700;
    letter-spacing: 0.12em;
    padding: calc(${token('space')} / 2) ${token('space')};
    border: 1px dashed ${token('border')};
    border-radius: ${token('radius')};
    background: ${token('surface-raised')};
    user-select: all;
  }
  .countdown {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .qr {
    justify-self: start;
  }
`;
