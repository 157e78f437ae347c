import { css } from 'lit';
import { token } from '../../styles/theme.js';

export default css`
  :host {
    display: block;
  }
  .field {
    display: grid;
    gap: calc(${token('space')} / 2);
  }
  .label {
    font-weight: 600;
    font-size: 0.875rem;
    color: ${token('text')};
  }
  .required {
    color: ${token('danger')};
    margin-inline-start: 0.15em;
  }
  .changed {
    margin-inline-start: 0.5em;
    font-weight: 400;
    font-size: 0.75rem;
    color: ${token('warning')};
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(${token('space')} / 2);
  }
  .input {
    flex: 1 1 14rem;
    min-width: 0;
    min-height: 2.25rem;
    padding: 0 ${token('space')};
    border: 1px solid ${token('border')};
    border-radius: ${token('radius')};
    background: ${token('surface')};
    color: ${token('text')};
    font: inherit;
    font-size: 0.9375rem;
  }
  .input[type='password'],
  .input.mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  }
  .input[readonly] {
    background: ${token('surface-raised')};
    color: ${token('muted')};
  }
  .input[aria-invalid='true'] {
    border-color: ${token('danger')};
    box-shadow: 0 0 0 1px ${token('danger')};
  }
  select.input {
    padding-inline-end: calc(${token('space')} * 3);
  }
  .check {
    display: flex;
    align-items: center;
    gap: ${token('space')};
  }
  .check input {
    width: 1.125rem;
    height: 1.125rem;
    margin: 0;
    accent-color: ${token('accent')};
  }
  .check .label {
    font-weight: 500;
  }
  .saved {
    display: inline-flex;
    align-items: center;
    gap: calc(${token('space')} / 2);
    min-height: 2.25rem;
    padding: 0 ${token('space')};
    border: 1px dashed ${token('border')};
    border-radius: ${token('radius')};
    color: ${token('success')};
    font-size: 0.875rem;
  }
  .saved.clearing {
    color: ${token('warning')};
  }
  .help {
    color: ${token('muted')};
    font-size: 0.8125rem;
  }
  .error {
    color: ${token('danger')};
    font-size: 0.8125rem;
  }
  /* An empty live region stays in the accessibility tree so its first message is announced. */
  .error:empty {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .field {
    position: relative;
  }
`;
