import { css } from 'lit';
import { token } from '../../styles/theme.js';

export default css`
  .confirm {
    display: grid;
    gap: ${token('space')};
    padding: ${token('space')} calc(${token('space')} * 1.5);
    border: 1px solid ${token('border')};
    border-radius: ${token('radius')};
    background: ${token('surface-raised')};
  }
  .confirm p {
    margin: 0;
  }
  .usages {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .button--danger-solid {
    background: ${token('danger')};
    border-color: ${token('danger')};
    color: #fff;
  }
`;
