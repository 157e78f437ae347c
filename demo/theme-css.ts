/** The demo's colours come from the library's own token tables (one palette for both). */
import { darkTokens, lightTokens, tokenNames } from '../src/styles/theme.js';

const decl = (tokens: Record<string, string>, prefix: string) => tokenNames.map((n) => `${prefix}${n}: ${tokens[n]};`).join(' ');

/**
 * `--demo-*` for the demo's own chrome (by `<html data-theme>`), and `--cw-*` on flow surfaces:
 * the flow elements alone have no `theme` attribute, so their host sets the tokens, as a
 * dashboard would.
 */
export function themeCss(): string {
  const light = decl(lightTokens, '--demo-');
  const dark = decl(darkTokens, '--demo-');
  const flowLight = decl(lightTokens, '--cw-');
  const flowDark = decl(darkTokens, '--cw-');
  return `
:root { ${light} color-scheme: light; }
:root[data-theme='dark'] { ${dark} color-scheme: dark; }
@media (prefers-color-scheme: dark) { :root[data-theme='auto'] { ${dark} color-scheme: dark; } }
.flow-surface { ${flowLight} color-scheme: light; }
.flow-surface[data-theme='dark'] { ${flowDark} color-scheme: dark; }
@media (prefers-color-scheme: dark) { .flow-surface[data-theme='auto'] { ${flowDark} color-scheme: dark; } }
`;
}

/** Inserts the theme variables once. */
export function installThemeCss(doc: Document = document): void {
  if (doc.getElementById('demo-theme-vars')) return;
  const style = doc.createElement('style');
  style.id = 'demo-theme-vars';
  style.textContent = themeCss();
  doc.head.prepend(style);
}

export const PREFS_KEY = 'cw-auth-demo:prefs';

/** The theme the person chose in the demo (pages follow it). */
export function storedTheme(): 'light' | 'dark' | 'auto' {
  try {
    const theme = (JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as { theme?: unknown }).theme;
    return theme === 'dark' || theme === 'auto' ? theme : 'light';
  } catch {
    return 'light';
  }
}
