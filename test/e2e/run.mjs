// End-to-end tests: the built drop-in bundles in Debian's Chromium (playwright-core, no browser
// download) against the real HTTP mock server. `npm run test:e2e`.
//
//  1. Our contract, cross-origin: examples/script-tag/index.html (classic <script>, the IIFE
//     bundle) on one port, the mock on another (CORS). The page is served unchanged; its `?api=`
//     switch points it at the mock's free port instead of 8787.
//  2. CrossWatch's API, same origin (it sends no CORS headers): the same page with ?api=same-origin
//     served by one server that also answers /api, /mock and /callback from the CrossWatch mock.
//  3. Screenshots of the demo (demo-dist/, built when missing or stale) and the dashboard example,
//     light and dark, into test-output/ (git-ignored). They must show cards; the compared
//     screenshots of every story are test/screenshots/run.mjs.
//
// Env: CHROME_PATH (default /usr/bin/chromium), E2E_REBUILD=1 forces a build, E2E_HEADFUL=1.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  badge,
  buildDemoIfNeeded,
  buildIfNeeded,
  card,
  control,
  everythingVisibleToScripts,
  field,
  launchChromium,
  part,
  repoRoot,
  startMock,
  startSameOrigin,
  startStaticServer,
} from './support.mjs';

const MASK = '\u2022'.repeat(8);
const SCRIPT_TAG_PAGE = '/examples/script-tag/';
const TIMEOUT = 15_000;
const started = Date.now();

buildIfNeeded();

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  console.log(`# e2e finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/**
 * A fresh browser context per test; page errors and console errors are collected and fail the
 * test (except failed resource loads we expect, e.g. a 404 for /favicon.ico).
 */
function usePage() {
  const state = { context: undefined, page: undefined, errors: [], warnings: [], requests: [] };
  beforeEach(async () => {
    state.errors = [];
    state.warnings = [];
    state.requests = [];
    state.context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    state.context.setDefaultTimeout(TIMEOUT);
    state.context.on('page', (p) => {
      p.on('pageerror', (error) => state.errors.push(`pageerror: ${error.message}`));
      p.on('console', (message) => {
        if (message.type() === 'warning') state.warnings.push(message.text());
        if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) state.errors.push(`console.error: ${message.text()}`);
      });
      p.on('request', (request) => state.requests.push(request.url()));
    });
    state.page = await state.context.newPage();
  });
  afterEach(async () => {
    await state.context?.close();
    assert.deepEqual(state.errors, [], 'the page logged errors');
  });
  return state;
}

/** The three connect flows' chunks arrived (they load when the browser is idle after the first paint). */
const flowsRegistered = (page) =>
  page.waitForFunction(() => ['cw-device-flow', 'cw-oauth-flow', 'cw-credentials-flow'].every((tag) => customElements.get(tag)));

async function expectText(locator, pattern, message) {
  await locator.first().waitFor();
  // Cards far off screen skip rendering (content-visibility: auto), and innerText is what is
  // rendered: look at it as a user would, scrolled into view.
  await locator.first().scrollIntoViewIfNeeded();
  const deadline = Date.now() + TIMEOUT;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${message}: expected ${pattern}, got "${text}"`);
}

async function waitForCards(page, count) {
  await page.getByRole('article').nth(count - 1).waitFor();
  // All cards finished loading the config (no "Loading settings…").
  await page.waitForFunction(() => !document.querySelector('cw-auth-providers')?.shadowRoot?.querySelector('[aria-busy="true"]'));
  return page.getByRole('article').count();
}

async function typeInto(locator, text) {
  await locator.click();
  await locator.pressSequentially(text, { delay: 5 });
}

/** Saves the given field values in a card and waits for the confirmation. */
async function saveFields(cardLocator, values) {
  for (const [key, value] of Object.entries(values)) await typeInto(control(cardLocator, key), value);
  await part(cardLocator, 'save').click();
  await expectText(cardLocator.locator('[part~="message"][role="status"]'), /saved/i, 'save confirmation');
}

// ============================================================== our contract, cross-origin

describe('script-tag page (IIFE) against the contract mock on another origin', () => {
  let mock;
  let web;
  const ctx = usePage();
  const open = async () => {
    await ctx.page.goto(`${web.url}${SCRIPT_TAG_PAGE}?api=${encodeURIComponent(mock.url)}`);
    return waitForCards(ctx.page, 7);
  };

  before(async () => {
    mock = await startMock('contract');
    web = await startStaticServer();
    assert.notEqual(new URL(mock.url).port, new URL(web.url).port);
  });
  after(async () => {
    await web?.close();
    await mock?.close();
  });
  beforeEach(() => mock.backend.reset());

  test('cards render in manifest order, cross-origin, with the classic script only', async () => {
    const count = await open();
    const manifests = await (await fetch(`${mock.url}/api/auth/providers`)).json();
    assert.equal(count, manifests.length);
    const titles = await ctx.page.locator('cw-provider-card [part~="title"]').allTextContents();
    assert.deepEqual(titles.map((t) => t.trim()), manifests.map((m) => m.label));
    assert.ok(await ctx.page.evaluate(() => typeof window.CwAuth?.CwAuthProviders === 'function'), 'window.CwAuth exposes the classes');
    assert.equal(await ctx.page.evaluate(() => document.querySelectorAll('script[src]').length), 1, 'the page loads exactly one script');
    assert.ok(ctx.requests.some((u) => u.startsWith(`${mock.url}/api/auth/providers`)), 'providers came from the mock origin');
    // ?api= applies before the element starts: nothing asks the page's default backend first.
    assert.deepEqual(ctx.requests.filter((u) => u.startsWith('http://127.0.0.1:8787/')), [], 'no request to the default base-url');
  });

  test('the hint updates as Trakt keys are typed, and disappears when both are there', async () => {
    await open();
    const trakt = card(ctx.page, 'Trakt');
    const hint = part(trakt, 'hint');
    await expectText(hint, /Client ID.*Client Secret/, 'hint lists both keys');
    await typeInto(control(trakt, 'trakt.client_id'), 'e2e-client-id');
    const after = await expectText(hint, /Client Secret/, 'hint after the client id');
    assert.doesNotMatch(after, /Client ID/, 'the typed key left the hint');
    await typeInto(control(trakt, 'trakt.client_secret'), 'e2e-secret-value');
    await hint.waitFor({ state: 'detached' });
    await control(trakt, 'trakt.client_secret').fill('');
    await expectText(hint, /Client Secret/, 'hint back after clearing the secret');
  });

  test('saved Trakt keys survive a reload and come back masked', async () => {
    await open();
    const secret = 'e2e-trakt-secret-5f1c';
    await saveFields(card(ctx.page, 'Trakt'), { 'trakt.client_id': 'e2e-client-id', 'trakt.client_secret': secret });
    const config = await (await fetch(`${mock.url}/api/config`)).json();
    assert.equal(config.trakt.client_id, 'e2e-client-id');
    assert.equal(config.trakt.client_secret, MASK, 'the server masks the secret');

    await ctx.page.reload();
    await waitForCards(ctx.page, 7);
    const trakt = card(ctx.page, 'Trakt');
    assert.equal(await control(trakt, 'trakt.client_id').inputValue(), 'e2e-client-id');
    const secretField = field(trakt, 'trakt.client_secret');
    await expectText(secretField.locator('[part~="input"]'), /Saved/, 'the secret shows as saved');
    assert.equal(await secretField.locator('input').count(), 0, 'no input holds the saved secret');
    assert.ok(await secretField.getByRole('button', { name: /Replace/ }).isVisible());
    assert.equal(await badge(trakt).getAttribute('data-kind'), 'keys-saved');
    assert.equal(await part(trakt, 'hint').count(), 0, 'no hint once the keys are saved');
    const everything = await everythingVisibleToScripts(ctx.page);
    assert.ok(!everything.includes(secret), 'the secret is nowhere in the page');
  });

  test('a device flow approved on the activation page (Plex), with the QR code from the lazy chunk', async () => {
    await open();
    const plex = card(ctx.page, 'Plex');
    const popupPromise = ctx.page.waitForEvent('popup');
    await part(plex, 'start-button').click();
    const popup = await popupPromise;
    await popup.waitForURL(/\/mock\/activate/);
    const shownCode = (await part(plex, 'code').innerText()).replace(/^.*:\s*/s, '').trim();
    assert.match(shownCode, /^[A-Z0-9-]{4,}$/);
    assert.equal((await popup.locator('#code').inputValue()).replace(/-/g, ''), shownCode.replace(/-/g, ''), 'the page has the code');

    await part(plex, 'qr-toggle').click();
    await plex.locator('cw-qr-code svg').waitFor();
    assert.ok(ctx.requests.some((u) => u.endsWith('/dist/cw-auth-qr.js')), 'the encoder came from dist/cw-auth-qr.js');
    assert.ok(ctx.requests.some((u) => u.endsWith('/dist/cw-auth-flows.js')), 'the device flow came from dist/cw-auth-flows.js');

    await popup.locator('#account').fill('e2e-plex');
    await popup.getByRole('button', { name: 'Approve' }).click();
    await popup.getByText(/approved|linked/i).first().waitFor();
    await expectText(badge(plex), /Connected as e2e-plex/, 'Plex connected after the next poll');
    const status = await (await fetch(`${mock.url}/api/plex/status`)).json();
    assert.equal(status.connected, true);
  });

  test('an OAuth flow through the consent page (SIMKL, keys saved first)', async () => {
    await open();
    const simkl = card(ctx.page, 'SIMKL');
    await saveFields(simkl, { 'simkl.client_id': 'e2e-simkl-id', 'simkl.client_secret': 'e2e-simkl-secret' });
    const popupPromise = ctx.page.waitForEvent('popup');
    await part(simkl, 'start-button').click();
    const popup = await popupPromise;
    await popup.waitForURL(/\/mock\/oauth\/authorize/);
    await popup.locator('#account').fill('e2e-simkl');
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Allow' }).click();
    await closed; // the callback page posts to the opener and closes itself
    await expectText(badge(simkl), /Connected as e2e-simkl/, 'SIMKL connected');
  });

  test('a credentials connect (Jellyfin), then disconnect with confirmation', async () => {
    await open();
    const jellyfin = card(ctx.page, 'Jellyfin');
    await typeInto(control(jellyfin, 'jellyfin.server'), 'http://jellyfin.e2e:8096');
    await typeInto(control(jellyfin, 'jellyfin.username'), 'e2e-jelly');
    await typeInto(control(jellyfin, 'jellyfin.password'), 'e2e-password');
    await part(jellyfin, 'start-button').click();
    await expectText(badge(jellyfin), /Connected as e2e-jelly/, 'Jellyfin connected');
    assert.equal((await (await fetch(`${mock.url}/api/jellyfin/status`)).json()).connected, true);

    await part(jellyfin, 'disconnect-button').click();
    await part(jellyfin, 'confirm-button').click();
    await expectText(badge(jellyfin), /^(?!.*Connected).*$/, 'badge leaves Connected');
    assert.notEqual(await badge(jellyfin).getAttribute('data-kind'), 'connected');
    assert.equal((await (await fetch(`${mock.url}/api/jellyfin/status`)).json()).connected, false, 'the server forgot the token');
  });

  test('loading the bundle twice warns and keeps working', async () => {
    await open();
    await ctx.page.addScriptTag({ url: `${web.url}/dist/cw-auth.iife.js` });
    await ctx.page.waitForTimeout(200);
    assert.ok(
      ctx.warnings.some((w) => /already defined/.test(w) && /0\.\d+\.\d+/.test(w)),
      `a warning names the version; got ${JSON.stringify(ctx.warnings)}`,
    );
    const again = await ctx.page.evaluate(() => {
      const el = document.createElement('cw-auth-providers');
      return el instanceof customElements.get('cw-auth-providers');
    });
    assert.equal(again, true);
    assert.equal(await ctx.page.getByRole('article').count(), 7, 'cards still there');
  });

  test('German strings come from dist/cw-auth-de.js, only when asked for', async () => {
    await open();
    assert.ok(!ctx.requests.some((u) => u.endsWith('/dist/cw-auth-de.js')), 'not fetched for English');
    await ctx.page.locator('cw-auth-providers').evaluate((el) => el.setAttribute('locale', 'de'));
    const plex = card(ctx.page, 'Plex');
    await expectText(badge(plex), /Nicht eingerichtet/, 'German badge');
    await expectText(part(plex, 'start-button'), /Code anfordern/, 'German flow button');
    assert.ok(ctx.requests.some((u) => u === `${web.url}/dist/cw-auth-de.js`), 'fetched next to the script');
  });

  test('no profile switcher chunk against a backend without profiles', async () => {
    await open();
    await ctx.page.waitForLoadState('networkidle');
    assert.equal(await ctx.page.locator('cw-profile-switcher').count(), 0);
    assert.ok(!ctx.requests.some((u) => u.endsWith('/dist/cw-auth-profiles.js')), 'dist/cw-auth-profiles.js not fetched');
  });

  test('the ES drop-in (type=module) renders the same cards', async () => {
    await ctx.page.goto(`${web.url}/test/e2e/pages/es-module.html?api=${encodeURIComponent(mock.url)}`);
    assert.equal(await waitForCards(ctx.page, 7), 7);
    await ctx.page.locator('cw-auth-providers').evaluate((el) => el.setAttribute('locale', 'de'));
    await expectText(badge(card(ctx.page, 'Plex')), /Nicht eingerichtet/, 'German via the ES chunk');
    assert.ok(ctx.requests.some((u) => u === `${web.url}/dist/cw-auth-de.js`), 'the ES bundle imports ./cw-auth-de.js');
    await flowsRegistered(ctx.page);
    assert.equal(ctx.requests.filter((u) => u === `${web.url}/dist/cw-auth-flows.js`).length, 1, 'the ES bundle loads ./cw-auth-flows.js once for the visible cards');
  });

  test('a flows chunk that fails to load: each card says so with Retry, no page error; Retry fetches it again and the flows appear', async () => {
    let failures = 0;
    await ctx.page.route(
      (url) => url.pathname.endsWith('/dist/cw-auth-flows.js'),
      (route) => (new URL(route.request().url()).searchParams.has('retry') ? route.continue() : (failures++, route.abort('connectionreset'))),
    );
    await open();
    const plex = card(ctx.page, 'Plex');
    await expectText(plex.locator('[role="alert"]'), /sign-in part of this card could not be loaded/, 'the failed chunk, in words');
    assert.ok(failures >= 1, 'the chunk request failed');
    assert.equal(await part(plex, 'start-button').count(), 0, 'no flow yet');
    await plex.locator('[role="alert"]').getByRole('button', { name: /retry/i }).click();
    await part(plex, 'start-button').waitFor();
    assert.ok(ctx.requests.some((u) => /\/dist\/cw-auth-flows\.js\?retry=1$/.test(u)), 'Retry asked the network again (?retry=1), not a cached failure');
    // The other cards' flows came with the same file: no card still reports the failure.
    await flowsRegistered(ctx.page);
    await ctx.page.waitForFunction(() => {
      const cards = document.querySelector('cw-auth-providers')?.shadowRoot?.querySelectorAll('cw-provider-card') ?? [];
      return cards.length === 7 && [...cards].every((c) => !/could not be loaded/.test(c.shadowRoot?.textContent ?? ''));
    });
  });

  test('the flows are one chunk beside the IIFE, fetched after the first paint; nothing else is', async () => {
    await open();
    await flowsRegistered(ctx.page);
    await ctx.page.waitForLoadState('networkidle');
    assert.equal(ctx.requests.filter((u) => u === `${web.url}/dist/cw-auth-flows.js`).length, 1, 'the flows: one file next to the script, fetched once');
    const chunks = ctx.requests.filter((u) => /\/dist\/cw-auth-[a-z]+\.js$/.test(u)).map((u) => u.split('/').pop());
    // The mock's Emby is declared as CrossWatch sends it (no routes): CrossWatch's adapter comes
    // first, beside the config; then the flows. No other chunk (QR, German, profiles).
    assert.deepEqual(chunks, ['cw-auth-crosswatch.js', 'cw-auth-flows.js'], 'no other chunk (QR, German, profiles) before it is needed');
    assert.ok(await ctx.page.evaluate(() => customElements.get('cw-device-flow') !== undefined), 'registered by its chunk');
  });

  test("CrossWatch's adapter is not fetched when every card shown declares its routes", async () => {
    await ctx.page.goto(`${web.url}${SCRIPT_TAG_PAGE}?api=${encodeURIComponent(mock.url)}&providers=plex,trakt,jellyfin`);
    assert.equal(await waitForCards(ctx.page, 3), 3);
    await flowsRegistered(ctx.page);
    await ctx.page.waitForLoadState('networkidle');
    assert.ok(!ctx.requests.some((u) => u.includes('/dist/cw-auth-crosswatch.js')), 'dist/cw-auth-crosswatch.js not fetched');
    assert.ok(ctx.requests.some((u) => u === `${web.url}/dist/cw-auth-flows.js`), 'the flows came');
  });
});

// ============================================================== CrossWatch, same origin

describe('script-tag page (IIFE) against the CrossWatch mock on the same origin', () => {
  let server;
  const ctx = usePage();
  const open = async () => {
    await ctx.page.goto(`${server.url}${SCRIPT_TAG_PAGE}?api=same-origin`);
    return waitForCards(ctx.page, 18);
  };

  before(async () => {
    server = await startSameOrigin('crosswatch');
  });
  after(() => server?.close());
  beforeEach(() => server.backend.reset());

  test('all 18 recorded manifests render as cards', async () => {
    assert.equal(await open(), 18);
    // textContent: off-screen cards are not rendered yet (content-visibility: auto), so no innerText.
    const titles = (await ctx.page.locator('cw-provider-card [part~="title"]').allTextContents()).map((t) => t.trim());
    for (const label of ['Plex', 'Trakt', 'SIMKL', 'Jellyfin', 'Tautulli', 'CrossWatch Local Tracker']) assert.ok(titles.includes(label), `${label} rendered`);
  });

  test('the profile switcher comes from dist/cw-auth-profiles.js (IIFE and ES drop-ins)', async () => {
    await open();
    const trakt = card(ctx.page, 'Trakt');
    await part(trakt, 'profile-select').waitFor();
    assert.equal((await part(trakt, 'profile-select').locator('option').first().textContent())?.trim(), 'Default');
    assert.ok(ctx.requests.some((u) => u === `${server.url}/dist/cw-auth-profiles.js`), 'IIFE: fetched next to the script');
    assert.equal(ctx.requests.filter((u) => u === `${server.url}/dist/cw-auth-crosswatch.js`).length, 1, "IIFE: CrossWatch's adapter, once, next to the script");
    assert.ok(await ctx.page.evaluate(() => customElements.get('cw-profile-switcher') !== undefined), 'registered by the chunk');
    // Adding a profile through the lazily loaded element reaches the backend and switches to it.
    await part(trakt, 'profile-add').click();
    await expectText(part(trakt, 'profile-message'), /added/i, 'profile added');
    assert.equal(await part(trakt, 'profile-select').locator('option').count(), 2);

    ctx.requests.length = 0;
    await ctx.page.goto(`${server.url}/test/e2e/pages/es-module.html?api=`);
    await waitForCards(ctx.page, 18);
    await part(card(ctx.page, 'Trakt'), 'profile-select').waitFor();
    assert.ok(ctx.requests.some((u) => u === `${server.url}/dist/cw-auth-profiles.js`), 'ES: ./cw-auth-profiles.js next to the bundle');
    assert.ok(ctx.requests.some((u) => u === `${server.url}/dist/cw-auth-crosswatch.js`), "ES: CrossWatch's adapter next to the bundle");
  });

  test('Trakt keys save and come back masked', async () => {
    await open();
    const secret = 'cw-e2e-trakt-secret';
    await saveFields(card(ctx.page, 'Trakt'), { 'trakt.client_id': 'cw-e2e-id', 'trakt.client_secret': secret });
    const config = await (await fetch(`${server.url}/api/config`)).json();
    assert.equal(config.trakt.client_secret, MASK);
    await ctx.page.reload();
    await waitForCards(ctx.page, 18);
    const trakt = card(ctx.page, 'Trakt');
    await expectText(field(trakt, 'trakt.client_secret').locator('[part~="input"]'), /Saved/, 'masked secret shows as saved');
    assert.equal(await control(trakt, 'trakt.client_id').inputValue(), 'cw-e2e-id');
    assert.ok(!(await everythingVisibleToScripts(ctx.page)).includes(secret));
  });

  test('Plex PIN (pin/new) approved on the activation page', async () => {
    await open();
    // CrossWatch's pin/new answers no URL, so the widget opens the preset https://plex.tv/link;
    // here the mock's activation page stands in for it (the person types the code there).
    await ctx.context.route(/^https:\/\/(www\.)?plex\.tv\/link/, (route) =>
      route.fulfill({ status: 302, headers: { location: `${server.url}/mock/activate?provider=plex` } }),
    );
    const plex = card(ctx.page, 'Plex');
    const popupPromise = ctx.page.waitForEvent('popup');
    await part(plex, 'start-button').click();
    const popup = await popupPromise;
    await popup.waitForURL(/\/mock\/activate/);
    const shownCode = (await part(plex, 'code').innerText()).replace(/^.*:\s*/s, '').trim();
    assert.match(shownCode, /^[A-Z0-9]{4}$/, 'a 4-character PIN');
    await popup.locator('#code').fill(shownCode);
    await popup.getByRole('button', { name: 'Approve' }).click();
    await popup.getByText(/approved|linked/i).first().waitFor();
    await expectText(badge(plex), /Connected/, 'Plex connected (token seen in the config)');
    const config = await (await fetch(`${server.url}/api/config`)).json();
    assert.equal(config.plex.account_token, MASK, 'the token is stored and masked');
  });

  test('Jellyfin Quick Connect (the second way) approved on the activation page; the typed password never sent', async () => {
    await open();
    const jellyfin = card(ctx.page, 'Jellyfin');
    await typeInto(control(jellyfin, 'jellyfin.server'), 'http://jellyfin.e2e:8096');
    await typeInto(control(jellyfin, 'jellyfin.password'), 'e2e-never-sent');
    const quick = part(jellyfin, 'quick-connect');
    await expectText(part(jellyfin, 'quick-connect-title'), /Quick Connect/, 'the second way is titled');
    const sent = [];
    ctx.page.on('request', (r) => r.url().includes('/api/jellyfin/') && sent.push(r.postData() ?? ''));
    const popupPromise = ctx.page.waitForEvent('popup');
    await part(quick, 'start-button').click();
    const popup = await popupPromise;
    // In `mock` URL mode the start names the mock's activation page, the code filled in.
    await popup.waitForURL(/\/mock\/activate\?provider=jellyfin&code=\d{6}/);
    const shownCode = (await part(quick, 'code').innerText()).replace(/\D/g, '');
    assert.equal(await popup.locator('#code').inputValue(), shownCode, 'the shown code is the one to approve');
    await popup.locator('#account').fill('e2e-sso-user');
    await popup.getByRole('button', { name: 'Approve' }).click();
    await expectText(badge(jellyfin), /Connected as e2e-sso-user/, 'Jellyfin connected through Quick Connect');
    assert.ok(sent.length > 0 && !sent.some((body) => body.includes('e2e-never-sent')), 'the password stayed in the page');
    assert.equal(await control(jellyfin, 'jellyfin.password').inputValue(), 'e2e-never-sent', 'nothing typed is lost');
  });
});

// ============================================================== dashboard example

describe('dashboard example (dist/lib ES modules + import map, mock on the same origin)', () => {
  let server;
  const ctx = usePage();
  before(async () => {
    server = await startSameOrigin('contract');
  });
  after(() => server?.close());
  beforeEach(() => server.backend.reset());

  test('renders the cards themed by the dashboard and logs their events', async () => {
    await ctx.page.goto(`${server.url}/examples/dashboard/?api=same-origin`);
    await waitForCards(ctx.page, 7);
    assert.ok(!ctx.requests.some((u) => /\/dist\/cw-auth(\.iife)?\.js/.test(u)), 'no drop-in bundle: modules from dist/lib');
    assert.ok(ctx.requests.some((u) => u.includes('/node_modules/lit/')), 'lit is loaded as a separate dependency');
    const accent = await card(ctx.page, 'Trakt').locator('[part~="save"]').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(accent, 'rgb(15, 110, 92)', "the Save button uses the dashboard's --dash-primary");
    await expectText(ctx.page.locator('#activity'), /7 services available/, 'cw-providers-loaded logged');

    await saveFields(card(ctx.page, 'SIMKL'), { 'simkl.client_id': 'dash-id', 'simkl.client_secret': 'dash-secret' });
    await expectText(ctx.page.locator('#toasts'), /SIMKL settings saved/, "a toast for cw-config-saved, in the manifest's label");
    await expectText(ctx.page.locator('#activity'), /SIMKL: saved simkl\.client_id, simkl\.client_secret/, 'key names logged');

    const toggle = ctx.page.locator('#theme-toggle');
    await expectText(toggle, /^Dark mode: off$/, 'the toggle says the theme (light)');
    await toggle.click();
    await expectText(toggle, /^Dark mode: on$/, 'the toggle says the theme (dark)');
    assert.equal(await ctx.page.locator('#connections').getAttribute('theme'), 'dark');

    server.backend.connect('jellyfin', 'dash-user');
    const jellyfin = card(ctx.page, 'Jellyfin');
    await ctx.page.evaluate(() => document.getElementById('connections').reload());
    await expectText(badge(jellyfin), /Connected/, 'Jellyfin connected after reload()');
    await part(jellyfin, 'disconnect-button').click();
    await part(jellyfin, 'confirm-button').click();
    await expectText(ctx.page.locator('#activity'), /Jellyfin: disconnected/, 'cw-disconnected logged');
    assert.ok(!(await ctx.page.locator('#activity').innerText()).includes('dash-secret'), 'no secret in the activity');
  });
});

// ============================================================== screenshots

describe('screenshots', () => {
  const outDir = join(repoRoot, 'test-output');
  const shoot = async (server, path, scheme, file, prepare) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    context.setDefaultTimeout(TIMEOUT);
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      const cardsShown = () =>
        page
          .getByRole('article')
          .first()
          .waitFor({ timeout: TIMEOUT })
          .then(() => true)
          .catch(() => false);
      let cards = await cardsShown();
      if (prepare) {
        // Switching the theme may re-render the page (the demo restarts its story).
        await prepare(page);
        await page.waitForTimeout(500);
        cards = await cardsShown();
      }
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(outDir, file), fullPage: false });
      console.log(`# screenshot: test-output/${file}${cards ? '' : ' (no provider card appeared)'}`);
      return cards;
    } finally {
      await context.close();
    }
  };
  before(() => mkdirSync(outDir, { recursive: true }));

  test('dashboard example in light and dark → test-output/', async () => {
    const server = await startSameOrigin('contract');
    try {
      for (const scheme of ['light', 'dark']) {
        assert.ok(await shoot(server, '/examples/dashboard/?api=same-origin', scheme, `dashboard-${scheme}.png`), 'cards rendered');
        assert.ok(existsSync(join(outDir, `dashboard-${scheme}.png`)));
      }
    } finally {
      await server.close();
    }
  });

  test('demo (demo-dist/, built when missing or stale) in light and dark → test-output/', async () => {
    buildDemoIfNeeded();
    assert.ok(existsSync(join(repoRoot, 'demo-dist/index.html')), 'demo-dist/ was built');
    const server = await startStaticServer({ root: join(repoRoot, 'demo-dist') });
    try {
      for (const scheme of ['light', 'dark']) {
        // The demo's own theme control, when it has one; prefers-color-scheme is emulated as well.
        const prepare = async (page) => {
          const radio = page.locator(`input[name="theme"][value="${scheme}"]`);
          // A segmented control whose labels cover the radios: click the radio from script.
          if (await radio.count()) await radio.first().evaluate((el) => el.click());
        };
        const cards = await shoot(server, '/', scheme, `demo-${scheme}.png`, prepare);
        assert.ok(cards, `the demo showed a provider card (${scheme}); see test-output/demo-${scheme}.png`);
        assert.ok(existsSync(join(outDir, `demo-${scheme}.png`)));
      }
    } finally {
      await server.close();
    }
  });
});
