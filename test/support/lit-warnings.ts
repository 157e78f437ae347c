/**
 * Spectrum-style guard: Lit's dev-mode warnings (change-in-update, class-field-shadowing,
 * expression-in-template, …) fail the test that caused them.
 *
 * Lit prints each warning once per page (it remembers them in `globalThis.litIssuedWarnings`),
 * so the guard forgets them before every test; otherwise only the first offending test would fail.
 */

import { uninstallLeftoverClocks } from './clock.js';

/** Lit warnings mention https://lit.dev/msg/<code>; `dev-mode` is the harmless "Lit is in dev mode". */
const LIT_WARNING = /lit\.dev\/msg\/([\w-]*)/;
const IGNORED_CODES = new Set(['dev-mode']);

/** Captured before any test installs fake timers. */
const realSetTimeout = globalThis.setTimeout.bind(globalThis);

type LitGlobal = typeof globalThis & { litIssuedWarnings?: Set<string> };

export interface LitWarningRecorder {
  /** Warnings seen since start(), as `code: message`. */
  readonly warnings: string[];
  stop(): void;
}

/**
 * Starts recording Lit warnings (console.warn keeps working for everything else). `quiet`: the
 * recorded Lit warnings are not printed too (for a test that provokes one on purpose, so a clean
 * run's output shows no warning).
 */
export function recordLitWarnings({ quiet = false }: { quiet?: boolean } = {}): LitWarningRecorder {
  const warnings: string[] = [];
  const original = console.warn;
  (globalThis as LitGlobal).litIssuedWarnings?.clear();
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    const match = LIT_WARNING.exec(text);
    const isLitWarning = Boolean(match && !IGNORED_CODES.has(match[1] ?? ''));
    if (isLitWarning) warnings.push(`${match?.[1] || 'lit'}: ${text}`);
    if (!(isLitWarning && quiet)) original.apply(console, args);
  };
  return {
    warnings,
    stop() {
      console.warn = original;
    },
  };
}

/**
 * Call inside a `describe`: every test of that suite fails (in its afterEach) when Lit printed a
 * dev-mode warning while it ran.
 */
export function failOnLitWarnings(): void {
  let recorder: LitWarningRecorder | undefined;
  beforeEach(() => {
    recorder = recordLitWarnings();
  });
  afterEach(async function () {
    // Updates scheduled at the very end of a test still get to run (and warn).
    await new Promise((resolve) => realSetTimeout(resolve, 0));
    recorder?.stop();
    const warnings = recorder?.warnings ?? [];
    recorder = undefined;
    if (warnings.length) {
      // Failing here skips the suite's later afterEach hooks: a fake clock they would uninstall
      // must not outlive the test, or the run hangs instead of reporting this.
      uninstallLeftoverClocks();
      throw new Error(`Lit dev-mode warning(s) during "${this.currentTest?.fullTitle() ?? 'test'}":\n${warnings.join('\n')}`);
    }
  });
}
