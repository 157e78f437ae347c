import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .root {
    display: grid;
    gap: calc(var(--cw-space) * 3);
    font-family: var(--cw-font);
    color: var(--cw-text);
  }
  /* Dark text tokens need a dark backdrop, whatever the page behind is. */
  :host([theme='dark']) .theme-scope {
    padding: calc(var(--cw-space) * 2);
    border-radius: var(--cw-radius);
    background: var(--cw-backdrop, #0e1014);
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) .theme-scope {
      padding: calc(var(--cw-space) * 2);
      border-radius: var(--cw-radius);
      background: var(--cw-backdrop, #0e1014);
    }
  }
  .group {
    display: grid;
    gap: calc(var(--cw-space) * 1.5);
  }
  .group-heading {
    margin: 0;
    font-size: 0.8125rem;
    font-weight: 700;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--cw-muted);
  }
  .cards {
    display: grid;
    gap: calc(var(--cw-space) * 2);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .cards > li {
    display: grid;
    min-width: 0;
    /* Off-screen cards skip style, layout and paint until scrolled near (they stay in the document:
       find-in-page, focus and screen readers reach them). The size is remembered once rendered. */
    content-visibility: auto;
    contain-intrinsic-block-size: auto 24rem;
  }
  /* The invalid-manifest card and the loading/empty/error boxes. */
  .invalid,
  .state {
    padding: calc(var(--cw-space) * 2);
    border: 1px solid var(--cw-border);
    border-radius: var(--cw-radius);
    background: var(--cw-surface);
  }
  .invalid {
    display: grid;
    gap: var(--cw-space);
    align-content: start;
    border: 1px dashed var(--cw-danger);
  }
  .invalid .title {
    font-weight: 650;
  }
  .invalid p,
  .state p {
    margin: 0;
  }
  .state {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--cw-space) * 1.5);
  }
  .state.error {
    border-color: var(--cw-danger);
    color: var(--cw-danger);
  }
  .state.empty {
    color: var(--cw-muted);
  }
  .skeleton {
    height: 9rem;
    border: 1px solid var(--cw-border);
    border-radius: var(--cw-radius);
    background: linear-gradient(90deg, var(--cw-surface-raised), var(--cw-surface), var(--cw-surface-raised));
    background-size: 200% 100%;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: shimmer 1.4s ease-in-out infinite;
    }
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
`;
