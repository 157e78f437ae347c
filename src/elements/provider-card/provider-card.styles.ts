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
  /* Rows that wrap: header, redirect URL, footer, load problems. */
  .header,
  .redirect,
  .footer,
  .problem {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--cw-space);
  }
  .title,
  .notes,
  .hint p,
  .message,
  .problem p {
    margin: 0;
  }
  .title {
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
    white-space: nowrap;
  }
  .status,
  .notes,
  .loading,
  .loading-part {
    color: var(--cw-muted);
  }
  .status[data-kind='keys-saved'] {
    color: var(--cw-accent);
  }
  .status[data-kind='connected'],
  .message.success {
    color: var(--cw-success);
  }
  .status[data-kind='expiring'],
  .unsaved {
    color: var(--cw-warning);
  }
  .status[data-kind='expired'],
  .status[data-kind='error'],
  .message.error,
  .problem {
    color: var(--cw-danger);
  }
  .status .detail {
    font-weight: 400;
  }
  .notes {
    white-space: pre-line;
  }
  /* Block flow, not grid: a keystroke re-lays out one field's line, while a grid re-runs its
     track sizing over every field (10,000 fields: ~30 ms → ~7 ms per keystroke). */
  .fields {
    display: block;
  }
  .fields > * + * {
    margin-block-start: calc(var(--cw-space) * 1.5);
  }
  /* Many fields (card-fields.ts MANY_FIELDS): those far off screen cost nothing until near
     (10,000 fields: 17 → 1 ms per keystroke). Paint containment clips at each field's edges, so
     only where the focus ring can be let out (overflow-clip-margin); elsewhere every field renders. */
  @supports (overflow-clip-margin: 6px) {
    .fields--many > cw-provider-field {
      content-visibility: auto;
      contain-intrinsic-size: auto 4.5rem;
      overflow-clip-margin: 6px;
    }
  }
  /* The second way (OAuth with the user's own app), set apart below the first. */
  .own-app {
    display: grid;
    gap: var(--cw-space);
    padding-block-start: calc(var(--cw-space) * 1.5);
    border-block-start: 1px solid var(--cw-border);
  }
  .own-app-title {
    margin: 0;
    font-weight: 600;
  }
  .own-app-note {
    margin: 0;
    color: var(--cw-muted);
  }
  .hint {
    display: grid;
    gap: calc(var(--cw-space) / 2);
    padding: var(--cw-space) calc(var(--cw-space) * 1.5);
    border-radius: var(--cw-radius);
    border: 1px solid color-mix(in srgb, var(--cw-warning) 45%, transparent);
    background: color-mix(in srgb, var(--cw-warning) 9%, var(--cw-surface));
  }
  .redirect {
    gap: calc(var(--cw-space) / 2);
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    padding: 0.1em 0.35em;
    border-radius: calc(var(--cw-radius) / 2);
    background: var(--cw-surface-raised);
    overflow-wrap: anywhere;
  }
  .footer {
    justify-content: flex-end;
  }
  code,
  .unsaved,
  .message {
    font-size: 0.875rem;
  }
  .unsaved {
    margin-inline-end: auto;
    font-weight: 600;
  }
  /* Empty live regions stay in the accessibility tree (display:none ones may not announce). */
  .message:empty {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
`;
