import { css } from 'lit';
import { token } from '../../styles/theme.js';

export default css`
  :host {
    display: block;
    font-family: ${token('font')};
    color: ${token('text')};
  }
  .profiles {
    display: grid;
    gap: calc(${token('space')} / 2);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(${token('space')} / 2);
  }
  .label {
    font-weight: 600;
    font-size: 0.875rem;
  }
  .input {
    flex: 0 1 12rem;
    min-width: 0;
    min-height: 1.75rem;
    padding: 0 calc(${token('space')} / 2);
    border: 1px solid ${token('border')};
    border-radius: ${token('radius')};
    background: ${token('surface')};
    color: ${token('text')};
    font: inherit;
    font-size: 0.875rem;
  }
  .editor {
    display: grid;
    gap: calc(${token('space')} / 2);
    margin: 0;
  }
  .help {
    margin: 0;
    color: ${token('muted')};
    font-size: 0.8125rem;
  }
  .confirm {
    display: grid;
    gap: calc(${token('space')} / 2);
    padding: ${token('space')};
    border: 1px solid ${token('border')};
    border-radius: ${token('radius')};
  }
  .confirm p {
    margin: 0;
  }
  .button--danger-solid {
    background: ${token('danger')};
    border-color: ${token('danger')};
    color: #fff;
  }
  .message {
    margin: 0;
    color: ${token('success')};
    font-size: 0.875rem;
  }
  .note {
    margin: 0;
    color: ${token('muted')};
    font-size: 0.875rem;
  }
  .alert:empty {
    display: none;
  }
  .alert {
    display: grid;
    gap: calc(${token('space')} / 2);
    padding: ${token('space')} calc(${token('space')} * 1.5);
    border: 1px solid color-mix(in srgb, ${token('danger')} 40%, transparent);
    border-left: 4px solid ${token('danger')};
    border-radius: ${token('radius')};
    background: color-mix(in srgb, ${token('danger')} 6%, ${token('surface')});
  }
  .alert p {
    margin: 0;
  }
  .alert .error {
    color: ${token('danger')};
    font-weight: 600;
  }
  .alert .detail {
    color: ${token('muted')};
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .usages {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
`;
