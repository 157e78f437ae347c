import { css } from 'lit';
import { token } from '../../styles/theme.js';

export default css`
  :host {
    display: block;
  }
  .field {
    position: relative;
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
  .row,
  .check,
  .saved {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(${token('space')} / 2);
  }
  .input,
  .saved {
    min-height: 2.25rem;
    padding: 0 ${token('space')};
    border: 1px solid ${token('border')};
    border-radius: ${token('radius')};
  }
  .input {
    flex: 1 1 14rem;
    min-width: 0;
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
    flex-wrap: nowrap;
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
    border-style: dashed;
    color: ${token('success')};
    font-size: 0.875rem;
  }
  .saved.clearing {
    color: ${token('warning')};
  }
  .help,
  .error {
    font-size: 0.8125rem;
  }
  .help {
    color: ${token('muted')};
  }
  .error {
    color: ${token('danger')};
  }
  /* An empty live region stays in the accessibility tree so its first message is announced. */
  .error:empty {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
`;
