// Requests on mount: what `<cw-auth-providers>` asks the backend after it is appended, counted
// from the page's own requests (Playwright), against the built mock served on the page's origin:
// our contract with 7 and with 100 providers, CrossWatch's flavour with its 18. Each beside its
// baseline in the same run: the same backend without the all-providers routes (GET /api/auth/status;
// CrossWatch: GET /api/status, GET /api/provider-instances), so every card asks its own. Both are
// counted once the page is quiet after mount (only what is in view asked) and again after
// scrolling every card into view (what the whole list costs). Lazy chunk loads (dist/*.js after the
// drop-in) are counted separately.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, repoRoot, sleep, startStaticServer } from '../../test/e2e/support.mjs';

const lib = (p) => pathToFileURL(join(repoRoot, 'dist/lib/mock', p)).href;

const SCENARIOS = [
  { name: 'contract, 7 providers', flavor: 'contract', target: 3, options: {}, baseline: { statusAll: false } },
  { name: 'contract, 100 providers', flavor: 'contract', target: 3, options: { providerCount: 100 }, baseline: { providerCount: 100, statusAll: false } },
  { name: 'CrossWatch, 18 providers', flavor: 'crosswatch', target: 4, options: {}, baseline: { aggregates: false } },
];

async function backendFor(flavor, options) {
  if (flavor === 'crosswatch') return (await import(lib('crosswatch/index.js'))).createCrossWatchBackend(options);
  return (await import(lib('index.js'))).createMockBackend(options);
}

/** Waits until no request has been open or started for `quietMs`. */
async function quiet(state, quietMs = 400) {
  for (;;) {
    const seen = state.events;
    await sleep(quietMs);
    if (state.open === 0 && state.events === seen) return;
  }
}

async function measure(browser, flavor, options) {
  const { createMockMiddleware } = await import(lib('server.js'));
  const backend = await backendFor(flavor, options);
  const server = await startStaticServer({ before: createMockMiddleware(backend, ['/api/', '/mock', '/callback']) });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const state = { open: 0, events: 0, api: [], chunks: [], mounted: false };
  const track = (delta) => () => {
    state.open += delta;
    state.events += 1;
  };
  page.on('request', (request) => {
    track(1)();
    if (!state.mounted) return;
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) state.api.push(`${request.method()} ${url.pathname}`);
    else if (/^\/dist\/.+\.js$/.test(url.pathname)) state.chunks.push(url.pathname);
  });
  page.on('requestfinished', track(-1));
  page.on('requestfailed', track(-1));
  try {
    await page.goto(`${server.url}/scripts/bench/pages/blank.html`);
    await page.evaluate(async () => {
      await import('/dist/cw-auth.js');
    });
    await quiet(state);
    state.mounted = true;
    await page.evaluate(() => document.body.append(document.createElement('cw-auth-providers')));
    await page.waitForFunction(() => document.querySelector('cw-auth-providers')?.shadowRoot?.querySelector('cw-provider-card'));
    await quiet(state);
    const cards = await page.evaluate(() => document.querySelector('cw-auth-providers').shadowRoot.querySelectorAll('cw-provider-card').length);
    const onMount = { api: [...state.api], chunks: [...state.chunks] };
    for (let i = 0; i < cards; i++) {
      await page.evaluate((index) => document.querySelector('cw-auth-providers').shadowRoot.querySelectorAll('cw-provider-card')[index].scrollIntoView(), i);
      await sleep(40);
    }
    await quiet(state);
    return { cards, onMount, scrolled: { api: [...state.api], chunks: [...state.chunks] } };
  } finally {
    await page.close();
    await server.close();
  }
}

/** `GET /api/x` ×3 → "3 × GET /api/x", grouping per-provider routes as `<p>`. */
function summary(list) {
  const counts = new Map();
  for (const line of list) {
    const key = line
      .replace(/^GET \/api\/provider-instances\/[^/]+$/, 'GET /api/provider-instances/<p>')
      .replace(/^GET \/api\/(?!auth\/)[^/]+\/(status|verify)$/, 'GET /api/<p>/$1');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => (n > 1 ? `${n} × \`${k}\`` : `\`${k}\``)).join(', ');
}

export async function run() {
  const browser = await launchChromium();
  const rows = [];
  try {
    for (const s of SCENARIOS) {
      const widget = await measure(browser, s.flavor, s.options);
      const baseline = await measure(browser, s.flavor, s.baseline);
      rows.push({ ...s, widget, baseline });
      console.log(
        `requests ${s.name}: ${widget.onMount.api.length} on mount, ${widget.scrolled.api.length} after scrolling all ${widget.cards} cards (target ≤ ${s.target}); ` +
          `baseline without the all-providers routes ${baseline.onMount.api.length} on mount, ${baseline.scrolled.api.length} after scrolling; chunks ${widget.onMount.chunks.length}`,
      );
    }
  } finally {
    await browser.close();
  }
  const lines = [
    '| backend | cards | on mount | after scrolling every card into view | target | baseline on mount | baseline after scrolling | lazy chunks on mount |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.widget.cards} | **${r.widget.onMount.api.length}** | ${r.widget.scrolled.api.length} | ≤ ${r.target} | ${r.baseline.onMount.api.length} | ${r.baseline.scrolled.api.length} | ${r.widget.onMount.chunks.length} |`,
    ),
    '',
    'What they are:',
    '',
    ...rows.flatMap((r) => [
      `- ${r.name}: ${summary(r.widget.onMount.api)}.` +
        ` Baseline after scrolling: ${summary(r.baseline.scrolled.api)}.` +
        (r.widget.onMount.chunks.length ? ` Chunks: ${r.widget.onMount.chunks.map((c) => `\`${c}\``).join(', ')}.` : ''),
    ]),
    '',
    "Counted from the page's own requests to the backend (Playwright, Chromium 1280 × 900), the built mock served on the page's origin, from appending `<cw-auth-providers>` until nothing is in flight for 400 ms; then each card is scrolled into view in turn and the page waits again. Baseline: the same mock without the all-providers routes (`statusAll: false`; CrossWatch `aggregates: false`, i.e. `npm run mock -- --no-aggregates`), so each card asks its own status (and, on CrossWatch, its own profile list) once it is near the viewport; after scrolling, that is what every card asking on mount cost before (2 + N, plus CrossWatch's profile lists). Every request on mount: the manifests and the config (the cards' fields), and one status answer for all cards (CrossWatch: also one profile list for all). A connected CrossWatch card whose own status route names the account (Jellyfin, Emby, …) asks it once it is in view; the mock's fresh config has none connected. 100 providers: the mock's 7 and numbered copies of those that declare routes (`--providers 100`).",
  ];
  return { title: 'Requests on mount', markdown: lines.join('\n'), figures: rows };
}
