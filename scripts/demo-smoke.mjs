#!/usr/bin/env node
// Smoke test of the demo in headless Chromium (Debian's /usr/bin/chromium via playwright-core):
// opens stories, takes screenshots, and finishes a device flow through the activation page, an
// OAuth flow through the consent page and a credentials connect, like a person would.
//
//   node scripts/demo-smoke.mjs                 # starts Vite's dev server on a free port
//   node scripts/demo-smoke.mjs --dist          # serves demo-dist/ (run `npm run demo:build` first)
//   node scripts/demo-smoke.mjs --url http://127.0.0.1:5173/   # an already running demo
//   options: --out <dir> (screenshots, default /tmp/cw-demo-smoke), --stories a,b,c
//
// Exits 1 when a step fails or the page logs an error.
import { createServer as createHttpServer } from 'node:http';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const outDir = option('out', '/tmp/cw-demo-smoke');
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

const DEFAULT_STORIES = [
  'full-widget', 'connected', 'dark-theme', 'german', 'loading', 'error', 'error-html', 'empty', 'invalid-manifest', 'hint',
  'keys-saved', 'token-expiring', 'token-expired', 'credentials-rejected', 'disconnect-refused', 'standalone-card',
  'device-waiting', 'device-slow-down', 'device-expired', 'device-denied', 'device-needs-keys', 'oauth-popup',
  'oauth-popup-blocked', 'alone-device', 'alone-oauth', 'alone-credentials', 'alone-actions', 'building-blocks',
  'cw-all-providers', 'cw-profiles', 'cw-jellyfin-quick-connect', 'cw-nuvio-profile', 'cw-nuvio-switch-refused', 'cw-simkl',
];
const storyIds = option('stories', DEFAULT_STORIES.join(',')).split(',').filter(Boolean);

/** What each story shows once it reached its state (searched inside #stage, through shadow roots). */
const EXPECT = {
  'full-widget': (stage) => stage.getByText('Plex', { exact: true }),
  connected: (stage) => stage.getByText(/Connected as sam_watches/).first(),
  'dark-theme': (stage) => stage.getByText(/Connected as sam/).first(),
  german: (stage) => stage.getByText(/Verbunden als sam/).first(),
  error: (stage) => stage.getByRole('button', { name: 'Retry' }),
  'error-html': (stage) => stage.getByRole('button', { name: 'Retry' }),
  empty: (stage) => stage.getByText(/No providers/),
  'invalid-manifest': (stage) => stage.getByText(/cannot be shown/),
  hint: (stage) => stage.getByText(/Redirect URL to register/).first(),
  'keys-saved': (stage) => stage.getByText('Keys saved').first(),
  'token-expiring': (stage) => stage.getByText(/Expires in 4 minutes/),
  'token-expired': (stage) => stage.getByText('Expired', { exact: true }),
  'credentials-rejected': (stage) => stage.getByText(/rejected/i).first(),
  'disconnect-refused': (stage) => stage.getByText(/Sync pair Plex/).first(),
  'standalone-card': (stage) => stage.getByText('Jellyfin', { exact: true }),
  'device-waiting': (stage) => stage.getByText(/Expires in \d+:\d\d/),
  // The first poll comes after 5 s and earns slow_down: the interval grows to 10 s.
  'device-slow-down': (stage) => stage.getByText(/poll interval 10 s/),
  'device-expired': (stage) => stage.getByRole('button', { name: /new code/i }),
  'device-denied': (stage) => stage.getByRole('button', { name: /new code/i }),
  'device-needs-keys': (stage) => stage.getByText(/Client Secret first/),
  'oauth-popup': (stage) => stage.getByRole('button', { name: /Connect/ }),
  'oauth-popup-blocked': (stage) => stage.getByText(/Continue to SIMKL/),
  'alone-device': (stage) => stage.getByRole('button', { name: 'Get code' }),
  'alone-oauth': (stage) => stage.getByRole('button', { name: /Connect/ }),
  'alone-credentials': (stage) => stage.getByRole('button', { name: 'Connect' }),
  'alone-actions': (stage) => stage.getByRole('button', { name: 'Disconnect' }),
  'building-blocks': (stage) => stage.locator('cw-qr-code svg'),
  'cw-all-providers': (stage) => stage.getByText('Tautulli', { exact: true }),
  'cw-profiles': (stage) => stage.getByRole('button', { name: 'Rename' }),
  'cw-jellyfin-quick-connect': (stage) => stage.getByText(/Expires in \d+:\d\d/),
  'cw-nuvio-profile': (stage) => stage.getByRole('combobox', { name: /profile to sync/ }),
  'cw-nuvio-switch-refused': (stage) => stage.getByRole('button', { name: 'Try again' }),
  'cw-simkl': (stage) => stage.getByText(/Use your own SIMKL app/),
};

// ── servers ───────────────────────────────────────────────────────────────────

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** A minimal static server for demo-dist/ (what any static host would do). */
async function serveStatic(dir) {
  const server = createHttpServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

async function startDemo() {
  const given = option('url');
  if (given) return { url: given, close: async () => {} };
  if (args.includes('--dist')) return serveStatic(resolve(root, 'demo-dist'));
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: process.env.DEMO_LOG ?? 'warn',
    // No HMR or file watching: an edit elsewhere in the tree must not reload the page mid-flow.
    server: { port: 0, strictPort: false, host: '127.0.0.1', hmr: false, watch: null },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
  return { url, close: () => server.close() };
}

// ── the run ───────────────────────────────────────────────────────────────────

const failures = [];
const shots = [];
const check = (ok, message) => {
  console.log(`${ok ? '  ok ' : 'FAIL '} ${message}`);
  if (!ok) failures.push(message);
};

await mkdir(outDir, { recursive: true });
const demo = await startDemo();
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
const page = await context.newPage();
const pageErrors = [];
const watch = (p, name) => {
  p.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
  p.on('console', (msg) => {
    // The mock's injected faults make the browser log failed /api loads; those are the point.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) pageErrors.push(`${name} console: ${msg.text()}`);
  });
  p.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && !url.pathname.includes('/api/')) pageErrors.push(`${name}: ${response.status()} for ${url.pathname}`);
  });
};
watch(page, 'demo');
context.on('page', (p) => p !== page && watch(p, 'popup'));

async function shot(target, name) {
  const path = join(outDir, `${name}.png`);
  await target.screenshot({ path });
  shots.push(path);
  return path;
}

/** Opens a story (or restarts it when it is the current one) and waits until it reached its state. */
async function openStory(id) {
  if ((await page.evaluate(() => location.hash)) === `#/${id}`) await page.locator('#restart').click();
  else await page.evaluate((hash) => (location.hash = hash), `#/${id}`);
  await page.waitForFunction((wanted) => document.querySelector('[aria-current="page"]')?.getAttribute('href') === wanted, `#/${id}`);
  const expected = EXPECT[id];
  if (expected) {
    await expected(page.locator('#stage')).waitFor({ timeout: 20000 });
  } else {
    await page.waitForTimeout(id === 'loading' ? 700 : 1200);
  }
  const error = (await page.locator('#story-error').textContent())?.trim();
  check(!error, `story ${id} set up${error ? `: ${error}` : ''}`);
}

try {
  console.log(`demo at ${demo.url}`);
  await page.goto(demo.url);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 20000 });
  check(true, 'the mock service worker controls the page');

  for (const id of storyIds) {
    try {
      await openStory(id);
      await shot(page, `story-${id}`);
    } catch (error) {
      check(false, `story ${id}: ${error.message}`);
      await shot(page, `story-${id}-failed`).catch(() => {});
    }
  }

  // Keyboard: the sidebar is a list of links; arrow keys move, Enter opens.
  await page.locator('nav a[data-story="full-widget"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#/connected');
  check(true, 'arrow keys + Enter in the sidebar open the next story');

  // The filter narrows the sidebar.
  await page.locator('#story-filter').fill('device');
  const shown = await page.locator('nav a[data-story]:visible').count();
  check(shown >= 4 && shown <= 6, `the filter "device" leaves the device stories (${shown} links)`);
  await page.locator('#story-filter').fill('');

  // ── a device flow through the activation page ──
  await openStory('full-widget');
  const plex = page.locator('cw-provider-card').filter({ has: page.getByText('Plex', { exact: true }) });
  const popupPromise = page.waitForEvent('popup');
  await plex.getByRole('button', { name: 'Get code' }).click();
  const popup = await popupPromise;
  await popup.waitForURL(/activate\.html/, { timeout: 10000 });
  const code = await popup.locator('#code').inputValue();
  check(/^[A-Z0-9-]{4,}$/.test(code), `the activation page opened with the code prefilled (${code})`);
  await popup.getByText('Link Plex', { exact: false }).first().waitFor();
  await shot(popup, 'device-activation-page');
  await popup.getByRole('button', { name: 'Approve' }).click();
  await popup.getByText('Done, you can close this window.').waitFor({ timeout: 5000 });
  await shot(popup, 'device-activation-done');
  await popup.waitForEvent('close', { timeout: 5000 }).catch(() => check(false, 'the activation popup closed itself'));
  await plex.getByText(/Connected/).first().waitFor({ timeout: 15000 });
  check(true, 'Plex connected after approving on the activation page');
  await shot(page, 'device-flow-connected');

  // ── an OAuth flow through the consent page ──
  await openStory('oauth-popup');
  const simkl = page.locator('cw-provider-card').filter({ has: page.getByText('SIMKL', { exact: true }) });
  const consentPromise = page.waitForEvent('popup');
  await simkl.getByRole('button', { name: 'Connect' }).click();
  const consent = await consentPromise;
  await consent.waitForURL(/consent\.html/, { timeout: 10000 });
  await consent.getByText('Authorize access to SIMKL').waitFor();
  await shot(consent, 'oauth-consent-page');
  await consent.getByRole('button', { name: 'Allow' }).click();
  await simkl.getByText(/Connected/).first().waitFor({ timeout: 15000 });
  check(true, 'SIMKL connected after Allow on the consent page');
  await shot(page, 'oauth-flow-connected');

  // ── OAuth denied: the consent page's message (with the flow's nonce) reaches the flow ──
  await openStory('alone-oauth');
  const deniedPromise = page.waitForEvent('popup');
  await page.locator('#stage').getByRole('button', { name: /Connect/ }).click();
  const denyPage = await deniedPromise;
  await denyPage.waitForURL(/consent\.html/, { timeout: 10000 });
  await denyPage.getByRole('button', { name: 'Deny' }).click();
  await page.locator('#stage').getByText(/Access was declined on SIMKL/).waitFor({ timeout: 10000 });
  check(true, 'Deny on the consent page shows "declined" (postMessage accepted: origin, source and nonce match)');
  await shot(page, 'oauth-denied');

  // ── a credentials connect ──
  await openStory('full-widget');
  const jellyfin = page.locator('cw-provider-card').filter({ has: page.getByText('Jellyfin', { exact: true }) });
  await jellyfin.getByLabel(/Server URL/).fill('http://jellyfin.local:8096');
  await jellyfin.getByLabel(/Username/).fill('sam');
  await jellyfin.getByRole('button', { name: 'Connect' }).click();
  await jellyfin.getByText(/Connected/).first().waitFor({ timeout: 10000 });
  check(true, 'Jellyfin connected with credentials');

  // The log shows requests and never a secret.
  const logText = await page.locator('#log').textContent();
  check(/POST\s*\/api\/plex\/device\/poll/.test(logText ?? ''), 'the request log lists the device polls');
  check(!/client_secret|demo-client-secret|password/i.test(logText ?? ''), 'the request log shows no secrets');
  await shot(page, 'final');

  // Dark theme of the whole demo through the controls.
  await openStory('full-widget');
  await page.locator('label[for="theme-dark"]').click();
  await page.waitForTimeout(300);
  await shot(page, 'full-widget-dark-control');
} catch (error) {
  check(false, `run aborted: ${error.stack ?? error.message}`);
  await shot(page, 'aborted').catch(() => {});
} finally {
  check(pageErrors.length === 0, `no page errors${pageErrors.length ? `:\n    ${pageErrors.join('\n    ')}` : ''}`);
  await browser.close();
  await demo.close();
}

console.log(`\nscreenshots (${shots.length}) in ${outDir}`);
if (failures.length) {
  console.log(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('all checks passed');
