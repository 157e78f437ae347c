// Shared by the end-to-end tests (test/e2e/run.mjs) and the benchmarks (scripts/bench/):
// building when sources changed, the mock and static servers, Chromium through playwright-core,
// and locators for the cards.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { builtMockMiddleware, startStaticServer } from '../../examples/serve.mjs';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The flags Debian's Chromium needs here (see shared/reference/toolchain.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** `options` go to playwright's launch (e.g. `env` for the screenshot tests' fonts). */
export function launchChromium(extraArgs = [], options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` when dist/ is missing or older than anything under src/ (or the build script). */
export function buildIfNeeded({ log = console.log } = {}) {
  const outputs = ['dist/cw-auth.js', 'dist/cw-auth.iife.js', 'dist/cw-auth-qr.js', 'dist/lib/index.js', 'dist/lib/mock/server.js', 'dist/types/react.d.ts'].map((f) => join(repoRoot, f));
  const inputs = Math.max(
    newestMtime(join(repoRoot, 'src')),
    statSync(join(repoRoot, 'scripts/build.mjs')).mtimeMs,
    statSync(join(repoRoot, 'custom-elements-manifest.config.mjs')).mtimeMs,
    newestMtime(join(repoRoot, 'test/fixtures')),
  );
  const stale = outputs.some((f) => !existsSync(f) || statSync(f).mtimeMs < inputs);
  if (!stale && !process.env.E2E_REBUILD) return false;
  log('building dist/ (sources changed) …');
  try {
    execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    console.error('\nThe build failed (output above): the end-to-end tests and benchmarks need `npm run build` to pass.');
    process.exit(1);
  }
  return true;
}

/**
 * Runs `vite build` (demo-dist/, about a second) when it is missing or older than demo/, src/,
 * public/ or vite.config.ts: tests of the built demo never run against a stale or absent copy.
 */
export function buildDemoIfNeeded({ log = console.log } = {}) {
  const output = join(repoRoot, 'demo-dist/index.html');
  const inputs = Math.max(
    newestMtime(join(repoRoot, 'demo')),
    newestMtime(join(repoRoot, 'src')),
    newestMtime(join(repoRoot, 'public')),
    statSync(join(repoRoot, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(output) && statSync(output).mtimeMs >= inputs && !process.env.E2E_REBUILD) return false;
  log('building demo-dist/ (npm run demo:build) …');
  try {
    execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    console.error('\nThe demo build failed (output above): `npm run demo:build` must pass.');
    process.exit(1);
  }
  return true;
}

/** The built mock (dist/lib/mock) as a real HTTP server on a free port. */
export async function startMock(flavor = 'contract') {
  const lib = (p) => new URL(`../../dist/lib/mock/${p}`, import.meta.url).href;
  const { startMockServer } = await import(lib('server.js'));
  const backend =
    flavor === 'crosswatch'
      ? (await import(lib('crosswatch/index.js'))).createCrossWatchBackend()
      : (await import(lib('index.js'))).createMockBackend();
  const server = await startMockServer({ backend, port: 0 });
  return { backend, url: server.url, close: () => server.close() };
}

/** Static files and the mock on ONE origin (CrossWatch sends no CORS headers). */
export async function startSameOrigin(flavor, options = {}) {
  const { backend, middleware } = await builtMockMiddleware(flavor);
  const server = await startStaticServer({ ...options, before: middleware });
  return { backend, ...server };
}

export { startStaticServer };

// ------------------------------------------------------------------ locators

/** A provider card by its visible label (the `<article>` is labelled by its title). */
export const card = (page, label) => page.getByRole('article', { name: label, exact: true });
/** The card's status badge (the only element with `data-kind`). */
export const badge = (cardLocator) => cardLocator.locator('[part~="status"][data-kind]');
export const field = (cardLocator, key) => cardLocator.locator(`cw-provider-field[data-key="${key}"]`);
export const control = (cardLocator, key) => field(cardLocator, key).locator('input, select').first();
export const part = (cardLocator, name) => cardLocator.locator(`[part~="${name}"]`);

/** Every text, attribute and input value in the page, shadow roots included (for secret leaks). */
export function everythingVisibleToScripts(page) {
  return page.evaluate(() => {
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        for (const attr of el.attributes) out.push(attr.value);
        if ('value' in el && typeof el.value === 'string') out.push(el.value);
        if (el.shadowRoot) {
          out.push(el.shadowRoot.textContent ?? '');
          walk(el.shadowRoot);
        }
      }
    };
    out.push(document.documentElement.textContent ?? '');
    walk(document);
    return out.join('\n');
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
