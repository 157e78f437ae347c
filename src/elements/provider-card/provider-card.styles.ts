import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .card {
    --_brand: var(--_brand-color, var(--cw-border));
    position: relative;
    display: grid;
    gap: calc(var(--cw-space) * 1.5);
    padding: calc(var(--cw-space) * 2);
    padding-inline-start: calc(var(--cw-space) * 2 + 4px);
    border: 1px solid var(--cw-border);
    border-radius: var(--cw-radius);
    background: var(--cw-surface);
    color: var(--cw-text);
    font-family: var(--cw-font);
    font-size: 0.9375rem;
    line-height: 1.45;
    overflow: hidden;
  }
  /* The brand accent: a stripe in the provider's colour (neutral when unknown). */
  .card::before {
    content: '';
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    width: 4px;
    background: var(--_brand);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--cw-space);
  }
  .title {
    margin: 0;
    flex: 1 1 auto;
    font-size: 1.0625rem;
    font-weight: 650;
  }
  .dot {
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    background: var(--_brand);
    flex: none;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    padding: 0.15em 0.6em;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.8125rem;
    font-weight: 600;
    color: var(--cw-muted);
    white-space: nowrap;
  }
  .status[data-kind='keys-saved'] {
    color: var(--cw-accent);
  }
  .status[data-kind='connected'] {
    color: var(--cw-success);
  }
  .status[data-kind='expiring'] {
    color: var(--cw-warning);
  }
  .status[data-kind='expired'],
  .status[data-kind='error'] {
    color: var(--cw-danger);
  }
  .status .detail {
    font-weight: 400;
  }
  .notes {
    margin: 0;
    color: var(--cw-muted);
    white-space: pre-line;
  }
  .fields {
    display: grid;
    gap: calc(var(--cw-space) * 1.5);
  }
  .hint {
    display: grid;
    gap: calc(var(--cw-space) / 2);
    padding: var(--cw-space) calc(var(--cw-space) * 1.5);
    border-radius: var(--cw-radius);
    border: 1px solid color-mix(in srgb, var(--cw-warning) 45%, transparent);
    background: color-mix(in srgb, var(--cw-warning) 9%, var(--cw-surface));
  }
  .hint p {
    margin: 0;
  }
  .redirect {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--cw-space) / 2);
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875rem;
    padding: 0.1em 0.35em;
    border-radius: calc(var(--cw-radius) / 2);
    background: var(--cw-surface-raised);
    overflow-wrap: anywhere;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: var(--cw-space);
  }
  .unsaved {
    margin-inline-end: auto;
    color: var(--cw-warning);
    font-size: 0.875rem;
    font-weight: 600;
  }
  .message {
    margin: 0;
    font-size: 0.875rem;
  }
  /* Empty live regions stay in the accessibility tree (display:none ones may not announce). */
  .message:empty {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .message.success {
    color: var(--cw-success);
  }
  .message.error {
    color: var(--cw-danger);
  }
  .problem {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--cw-space);
    color: var(--cw-danger);
  }
  .problem p {
    margin: 0;
  }
  .loading {
    color: var(--cw-muted);
  }
`;
