import { css } from 'lit';
import { token } from '../../styles/theme.js';

export default css`
  :host {
    display: inline-flex;
    align-items: center;
    flex-wrap: wrap;
    gap: calc(${token('space')} / 2);
    vertical-align: middle;
  }
  .icon {
    width: 1em;
    height: 1em;
    flex: none;
  }
  :host([feedback='success']) .button {
    border-color: ${token('success')};
    color: ${token('success')};
  }
  .message {
    color: ${token('danger')};
    font-size: 0.8125rem;
  }
`;
