/**
 * Theme tokens. Public names (`--cw-accent`, …) are what hosts set; every element reads them with
 * a light default as fallback, so a standalone sub-element still looks right.
 *
 * Top-level elements (`<cw-auth-providers>`, `<cw-provider-card>`) include `themeStyles`: they
 * resolve the tokens for their `theme` attribute into private `--_cw-*` names on `:host` and
 * re-expose them under the public names on their `.theme-scope` wrapper, so everything inside
 * (cards, flows, buttons) follows the chosen theme without knowing about it. A host's value always
 * wins because the resolution is `var(--cw-x, <default>)`.
 */
import { css, unsafeCSS, type CSSResult } from 'lit';

export const tokenNames = [
  'accent',
  'accent-contrast',
  'surface',
  'surface-raised',
  'text',
  'muted',
  'border',
  'danger',
  'success',
  'warning',
  'radius',
  'font',
  'space',
] as const;
export type TokenName = (typeof tokenNames)[number];

const shared = {
  radius: '8px',
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  space: '8px',
} as const;

/** Defaults chosen for WCAG AA contrast (4.5:1) of text on `surface` in both schemes. */
export const lightTokens: Record<TokenName, string> = {
  accent: '#1d4ed8',
  'accent-contrast': '#ffffff',
  surface: '#ffffff',
  'surface-raised': '#f4f5f7',
  text: '#1a1d23',
  muted: '#555d6b',
  border: '#c9ced6',
  danger: '#b42318',
  success: '#17692f',
  warning: '#8a5300',
  ...shared,
};

export const darkTokens: Record<TokenName, string> = {
  accent: '#8ab4ff',
  'accent-contrast': '#0b1220',
  surface: '#16181d',
  'surface-raised': '#20232a',
  text: '#e8eaee',
  muted: '#a9b0bc',
  border: '#3b404a',
  danger: '#ff8a80',
  success: '#6fd08c',
  warning: '#f5c36b',
  ...shared,
};

/** `var(--cw-<name>, <light default>)`, for use inside `css` literals. */
export function token(name: TokenName): CSSResult {
  return unsafeCSS(`var(--cw-${name}, ${lightTokens[name]})`);
}

const resolve = (values: Record<TokenName, string>): CSSResult =>
  unsafeCSS(tokenNames.map((n) => `--_cw-${n}: var(--cw-${n}, ${values[n]});`).join('\n'));
const expose = unsafeCSS(tokenNames.map((n) => `--cw-${n}: var(--_cw-${n});`).join('\n'));

/** For elements that carry a `theme="light|dark|auto"` attribute. */
export const themeStyles = css`
  :host {
    ${resolve(lightTokens)}
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${resolve(darkTokens)}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${resolve(darkTokens)}
      color-scheme: dark;
    }
  }
  .theme-scope {
    ${expose}
    color: var(--cw-text);
    font-family: var(--cw-font);
  }
`;

export type Theme = 'light' | 'dark' | 'auto';
