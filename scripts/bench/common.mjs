// Small helpers the benchmark modules share. A benchmark module exports `run()` resolving to
// `{ title, markdown }` (a section of docs/benchmarks.md) and is listed in run.mjs.
import { launchChromium, startStaticServer } from '../../test/e2e/support.mjs';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const ms = (n) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
/** `median (min–max)` of a list of ms. */
export const spread = (xs) => `${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`;

/**
 * The drop-in the widget pages load, served from the repo root: `dist/cw-auth.js` unless
 * BENCH_BUNDLE names another (e.g. a build of main, to compare before and after in one run).
 */
export const bundleUrl = () => `/${(process.env.BENCH_BUNDLE ?? 'dist/cw-auth.js').replace(/^\/+/, '')}`;

/** A static server on the repo root and headless Chromium, closed after `fn`. */
export async function withBrowser(fn, { chromiumArgs = [] } = {}) {
  const server = await startStaticServer();
  const browser = await launchChromium(chromiumArgs);
  try {
    return await fn({ browser, server });
  } finally {
    await browser.close();
    await server.close();
  }
}

/** A fresh 1280 × 900 page on the blank bench page. */
export async function blankPage(browser, server) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/scripts/bench/pages/blank.html`);
  return page;
}
