/** Building blocks every element composes: box model, visually hidden text, buttons, focus rings. */
import { css } from 'lit';
import { token } from './theme.js';

export const baseStyles = css`
  :host {
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  /* Read by screen readers, invisible on screen (used for live regions). */
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  :focus-visible {
    outline: 2px solid ${token('accent')};
    outline-offset: 2px;
  }
`;

export const buttonStyles = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: calc(${token('space')} / 2);
    min-height: 2.25rem;
    padding: 0 calc(${token('space')} * 1.5);
    border: 1px solid ${token('border')};
    border-radius: ${token('radius')};
    background: ${token('surface')};
    color: ${token('text')};
    font: inherit;
    font-size: 0.9375rem;
    line-height: 1.2;
    cursor: pointer;
    text-decoration: none;
  }
  .button:hover:not(:disabled):not([aria-disabled='true']) {
    background: color-mix(in srgb, ${token('accent')} 8%, ${token('surface')});
  }
  .button:disabled,
  .button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .button--primary {
    background: ${token('accent')};
    border-color: ${token('accent')};
    color: ${token('accent-contrast')};
  }
  .button--primary:hover:not(:disabled):not([aria-disabled='true']) {
    background: color-mix(in srgb, ${token('accent')} 85%, black);
  }
  .button--small {
    min-height: 1.75rem;
    padding: 0 ${token('space')};
    font-size: 0.8125rem;
  }
  .button--danger {
    color: ${token('danger')};
  }
  .link {
    color: ${token('accent')};
    text-decoration: underline;
  }
  @media (prefers-reduced-motion: no-preference) {
    .button {
      transition: background-color 120ms ease;
    }
  }
`;
