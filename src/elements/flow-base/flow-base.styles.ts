/** Layout shared by the flow elements: panels, messages, the status line. Colours come from the theme tokens. */
import { css } from 'lit';
import { token } from '../../styles/theme.js';

export const flowStyles = css`
  :host {
    display: block;
    font-family: ${token('font')};
    color: ${token('text')};
  }
  .panel {
    display: grid;
    gap: ${token('space')};
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space')};
  }
  .status {
    margin: 0;
    color: ${token('muted')};
  }
  .status--ok {
    color: ${token('success')};
    font-weight: 600;
  }
  .notice {
    margin: 0;
    color: ${token('muted')};
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
  .alert .message {
    color: ${token('danger')};
    font-weight: 600;
  }
  .alert .detail {
    color: ${token('muted')};
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .spinner {
    width: 0.9em;
    height: 0.9em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    display: inline-block;
  }
  @media (prefers-reduced-motion: no-preference) {
    .spinner {
      animation: cw-spin 0.8s linear infinite;
    }
  }
  @keyframes cw-spin {
    to {
      transform: rotate(360deg);
    }
  }
`;
