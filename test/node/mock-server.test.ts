/**
 * The mock backend as a real HTTP server (src/mock/server.ts): started on a free port and driven
 * over real HTTP, including the person-facing pages submitted as forms. Time is injected (`now`),
 * so expiry and poll intervals need no real waiting.
 *
 * Built by scripts/build-node.mjs; run: node --test .cache/node-tests/
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMockBackend, type MockBackend } from '../../src/mock/index.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { MASK } from '../../src/api-client/config-paths.js';
import type {
  WireAuthorize,
  WireDevicePoll,
  WireDeviceStart,
  WireErrorEnvelope,
  WireManifest,
  WireStatus,
} from '../../src/api-client/wire.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START = Date.parse('2026-11-26T12:00:00Z');
const PAGE_ORIGIN = 'http://dashboard.test:5173';

let clock = START;
let backend: MockBackend;
let server: MockServer;

const url = (path: string) => `${server.url}${path}`;
const get = (path: string, headers: Record<string, string> = {}) => fetch(url(path), { headers });
const post = (path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const json = async <T>(response: Response | Promise<Response>): Promise<T> => (await response).json() as Promise<T>;

async function expectError(response: Response, status: number, code: string): Promise<WireErrorEnvelope> {
  const body = (await response.json()) as WireErrorEnvelope;
  assert.equal(response.status, status, `expected ${status} ${code}, got ${response.status} ${JSON.stringify(body)}`);
  assert.equal(body.ok, false);
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 10, 'a specific message');
  return body;
}

const saveKeys = (provider: string) =>
  post('/api/config', { [provider]: { client_id: `${provider}-id`, client_secret: `${provider}-secret` } });

/** The page's first form: action, method and the values a browser would submit (minus buttons). */
function readForm(markup: string): { action: string; method: string; fields: Record<string, string>; buttons: string[] } {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(markup);
  assert.ok(form, 'the page has a form');
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1];
  const unescape = (v: string) => v.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const [tag] of form[2]!.matchAll(/<input\b[^>]*>/gi)) {
    const name = attr(tag, 'name');
    if (name) fields[name] = unescape(attr(tag, 'value') ?? '');
  }
  const buttons = [...form[2]!.matchAll(/<button\b[^>]*\bvalue="([^"]*)"[^>]*>([^<]*)<\/button>/gi)].map((m) => `${m[1]}:${m[2]}`);
  return { action: attr(form[1]!, 'action')!, method: attr(form[1]!, 'method')!, fields, buttons };
}

/** Loads a page, fills its form and presses the `decision` button, like a person in a browser. */
async function submitPage(pageUrl: string, decision: string, overrides: Record<string, string> = {}): Promise<Response> {
  const page = await fetch(pageUrl);
  assert.equal(page.status, 200, `GET ${pageUrl}`);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  const form = readForm(await page.text());
  assert.equal(form.method.toLowerCase(), 'post');
  assert.ok(form.buttons.some((b) => b.startsWith(`${decision}:`)), `the page has a ${decision} button`);
  const body = new URLSearchParams({ ...form.fields, ...overrides, decision });
  return fetch(new URL(form.action, pageUrl), { method: 'POST', body, redirect: 'manual' });
}

before(async () => {
  backend = createMockBackend({ now: () => clock });
  server = await startMockServer({ backend, port: 0 });
});
after(async () => {
  await server.close();
});
beforeEach(() => {
  clock = START;
  backend.reset();
});

describe('mock server: basics', () => {
  it('listens on a free port and serves the provider list', async () => {
    assert.ok(server.port > 0);
    assert.equal(server.url, `http://127.0.0.1:${server.port}`);
    const response = await get('/api/auth/providers');
    assert.equal(response.status, 200);
    const list = (await response.json()) as WireManifest[];
    assert.deepEqual(
      list.map((m) => [m.name, m.flow]),
      [
        ['PLEX', 'device_code'],
        ['JELLYFIN', 'credentials'],
        ['EMBY', 'token'],
        ['TRAKT', 'device_code'],
        ['SIMKL', 'oauth'],
        ['MDBLIST', 'device_code'],
        ['TAUTULLI', 'credentials'],
      ],
    );
    const byName = Object.fromEntries(list.map((m) => [m.name, m]));
    // URLs point back at the server the client called.
    assert.equal(byName.PLEX!.verify_url, `${server.url}/mock/activate?provider=plex`);
    assert.equal(byName.SIMKL!.redirect_url, `${server.url}/api/simkl/callback`);
    assert.equal(byName.TRAKT!.routes?.poll, '/api/trakt/device/poll');
    assert.equal(byName.TRAKT!.brand?.color, '#ed1c24');
    assert.deepEqual(new Set(list.map((m) => m.group).filter(Boolean)), new Set(['Media servers', 'Trackers', 'Others']));
    // Every field type appears somewhere, select with options.
    const fields = list.flatMap((m) => m.fields);
    assert.deepEqual(new Set(fields.map((f) => f.type)), new Set(['text', 'password', 'url', 'bool', 'select', 'readonly', 'number']));
    assert.ok(fields.find((f) => f.type === 'select')!.options!.length >= 2);
    // EMBY is exactly CrossWatch's manifest: legacy flow, no extensions.
    const recorded = (JSON.parse(readFileSync(`${ROOT}test/fixtures/crosswatch/auth-providers.json`, 'utf8')) as WireManifest[]).find(
      (m) => m.name === 'EMBY',
    );
    assert.deepEqual(byName.EMBY, recorded);
  });

  it('answers a CORS preflight for another origin with 204 and the allowed headers', async () => {
    const response = await fetch(url('/api/config'), {
      method: 'OPTIONS',
      headers: {
        origin: PAGE_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-custom-thing',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'content-type', 'x-mock-fault', 'x-custom-thing']) assert.ok(allowed.includes(h), h);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  it('reflects the calling origin on real answers, also on errors; none without Origin', async () => {
    const ok = await get('/api/auth/providers', { origin: PAGE_ORIGIN });
    assert.equal(ok.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.equal(ok.headers.get('access-control-allow-credentials'), 'true');
    assert.match(ok.headers.get('vary') ?? '', /Origin/);
    const failed = await get('/api/trakt/status', { origin: PAGE_ORIGIN, 'x-mock-fault': 'http_500' });
    assert.equal(failed.status, 500);
    assert.equal(failed.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    const plain = await get('/api/auth/providers');
    assert.equal(plain.headers.get('access-control-allow-origin'), null);
  });

  it('answers unknown routes and providers with the 404 envelope', async () => {
    await expectError(await get('/api/nope/status'), 404, 'unknown_provider');
    await expectError(await get('/api/auth/whatever'), 404, 'not_found');
    await expectError(await get('/elsewhere'), 404, 'not_found');
    await expectError(await post('/api/jellyfin/device/start'), 404, 'not_found');
  });

  it('rejects a POST without a JSON body', async () => {
    const response = await fetch(url('/api/config'), { method: 'POST' });
    await expectError(response, 400, 'invalid_request');
    await expectError(await fetch(url('/api/config'), { method: 'POST', body: '{oops' }), 400, 'invalid_request');
  });
});

describe('mock server: config', () => {
  it('starts without secrets or connections', async () => {
    const config = await json<Record<string, unknown>>(get('/api/config'));
    assert.deepEqual(Object.keys(config).sort(), ['sync', 'ui']);
    const status = await json<WireStatus>(get('/api/trakt/status'));
    assert.equal(status.connected, false);
    assert.match(status.reason!, /Client ID/);
  });

  it('masks secrets, keeps them on masked or blank saves, replaces them on real ones, unsets', async () => {
    assert.equal((await saveKeys('trakt')).status, 200);
    const masked = await json<{ trakt: Record<string, unknown> }>(get('/api/config'));
    assert.equal(masked.trakt.client_id, 'trakt-id');
    assert.equal(masked.trakt.client_secret, MASK);

    assert.deepEqual(await json(post('/api/config', { trakt: { client_secret: MASK, client_id: 'new-id' } })), { ok: true });
    await post('/api/config', { trakt: { client_secret: '' } });
    let raw = backend.rawConfig().trakt as Record<string, unknown>;
    assert.equal(raw.client_secret, 'trakt-secret', 'masked and blank secrets keep the stored value');
    assert.equal(raw.client_id, 'new-id', 'other values merge');

    await post('/api/config', { trakt: { client_secret: 'rotated' }, tautulli: { history: { user_id: '7' } } });
    const all = backend.rawConfig() as Record<string, Record<string, unknown>>;
    assert.equal(all.trakt!.client_secret, 'rotated');
    assert.deepEqual(all.tautulli, { history: { user_id: '7' } });

    // An empty secret reads back as "", not as a mask.
    await post('/api/config', { jellyfin: { password: 'x' } });
    await post('/api/config/unset', { paths: ['jellyfin.password'] });
    const unset = await json<{ ok: boolean; removed: string[]; missing: string[] }>(
      post('/api/config/unset', { paths: ['trakt.client_secret', 'trakt.missing'] }),
    );
    assert.deepEqual(unset, { ok: true, removed: ['trakt.client_secret'], missing: ['trakt.missing'] });
    const after = await json<{ trakt: Record<string, unknown> }>(get('/api/config'));
    assert.equal('client_secret' in after.trakt, false);

    await expectError(await post('/api/config/unset', { paths: [] }), 400, 'invalid_request');
  });

  it('masks tokens and password fields, even when saved directly', async () => {
    await post('/api/config', { mdblist: { api_key: 'k' }, auth: { plex: { access_token: 'legacy' } }, emby: { password: 'pw' } });
    const config = await json<Record<string, Record<string, unknown>>>(get('/api/config'));
    assert.equal(config.mdblist!.api_key, MASK);
    assert.equal((config.auth!.plex as Record<string, unknown>).access_token, MASK);
    assert.equal(config.emby!.password, MASK);
    // A legacy token counts as connected.
    assert.equal((await json<WireStatus>(get('/api/plex/status'))).connected, true);
  });
});

describe('mock server: device code (RFC 8628)', () => {
  it('start → pending → Approve on the activation page form → authorized → connected', async () => {
    await saveKeys('trakt');
    const start = await json<WireDeviceStart>(post('/api/trakt/device/start'));
    assert.match(start.user_code, /^[A-Z2-9]{8}$/);
    assert.equal(start.interval, 5);
    assert.equal(start.expires_in, 600);
    assert.equal(start.verification_url, `${server.url}/mock/activate?provider=trakt`);
    assert.equal(start.verification_url_complete, `${start.verification_url}&code=${start.user_code}`);

    assert.deepEqual(await json(post('/api/trakt/device/poll')), { status: 'pending', interval: 5 });

    // The person opens the prefilled page and presses Approve.
    const page = await (await fetch(start.verification_url_complete!)).text();
    assert.match(page, /<label for="code">/);
    assert.equal(readForm(page).fields.code, start.user_code, 'the code is prefilled');
    const approved = await submitPage(start.verification_url_complete!, 'approve', { account: 'alice' });
    assert.equal(approved.status, 200);
    const result = await approved.text();
    assert.match(result, /Trakt approved/);
    assert.match(result, /alice/);

    // Not connected before the client's next poll collects the token.
    assert.equal((await json<WireStatus>(get('/api/trakt/status'))).connected, false);
    clock += 5_000;
    assert.deepEqual(await json(post('/api/trakt/device/poll')), { status: 'authorized', account: 'alice' });

    const status = await json<WireStatus>(get('/api/trakt/status'));
    assert.equal(status.connected, true);
    assert.equal(status.account, 'alice');
    assert.equal(status.expires_at, clock / 1000 + 24 * 3600);
    const config = await json<{ trakt: Record<string, unknown> }>(get('/api/config'));
    assert.equal(config.trakt.access_token, MASK);
    assert.equal(config.trakt.refresh_token, MASK);
    assert.match(String((backend.rawConfig().trakt as Record<string, unknown>).access_token), /^mock_trakt_[0-9a-f]{32}$/);
  });

  it('refuses to start Trakt until both app keys are saved', async () => {
    const body = await expectError(await post('/api/trakt/device/start'), 400, 'missing_client_credentials');
    assert.equal(body.error.field, 'client_id');
    await post('/api/config', { trakt: { client_id: 'only-id' } });
    const second = await expectError(await post('/api/trakt/device/start'), 400, 'missing_client_credentials');
    assert.equal(second.error.field, 'client_secret');
    await expectError(await post('/api/trakt/pin/new'), 400, 'missing_client_credentials');
  });

  it('answers slow_down when polled faster than the interval, and the interval grows by 5 s each time', async () => {
    const start = await json<WireDeviceStart>(post('/api/plex/device/start'));
    assert.match(start.user_code, /^[A-Z2-9]{4}$/, 'Plex uses a 4-character code');
    assert.equal(start.expires_in, 900);
    assert.equal((await json<WireDevicePoll>(post('/api/plex/device/poll'))).status, 'pending');
    let poll = await json<WireDevicePoll>(post('/api/plex/device/poll'));
    assert.equal(poll.status, 'slow_down');
    assert.equal(poll.interval, 10);
    clock += 6_000; // enough for the old 5 s, not for the new 10 s
    poll = await json<WireDevicePoll>(post('/api/plex/device/poll'));
    assert.deepEqual([poll.status, poll.interval], ['slow_down', 15]);
    clock += 15_000;
    assert.deepEqual(await json(post('/api/plex/device/poll')), { status: 'pending', interval: 15 });
  });

  it('Deny on the activation page (code typed loosely) makes the poll answer denied', async () => {
    const start = await json<WireDeviceStart>(post('/api/mdblist/device/start'));
    assert.match(start.user_code, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const typed = start.user_code.replace('-', ' ').toLowerCase();
    const denied = await submitPage(start.verification_url, 'deny', { code: typed });
    assert.equal(denied.status, 200);
    assert.match(await denied.text(), /access denied/);
    const poll = await json<WireDevicePoll>(post('/api/mdblist/device/poll'));
    assert.equal(poll.status, 'denied');
    assert.ok(poll.message);
    assert.equal((await json<WireStatus>(get('/api/mdblist/status'))).connected, false);
  });

  it('expires after expires_in; the activation page then says so', async () => {
    const start = await json<WireDeviceStart>(post('/api/plex/device/start'));
    clock += start.expires_in * 1000;
    assert.equal((await json<WireDevicePoll>(post('/api/plex/device/poll'))).status, 'expired');
    const late = await submitPage(start.verification_url_complete!, 'approve');
    assert.equal(late.status, 410);
    assert.match(await late.text(), /expired/);
  });

  it('the activation page explains an unknown code and escapes what was typed', async () => {
    const response = await submitPage(`${server.url}/mock/activate?provider=plex`, 'approve', { code: '<script>x</script>' });
    assert.equal(response.status, 404);
    const page = await response.text();
    assert.match(page, /No pending sign-in uses the code/);
    assert.doesNotMatch(page, /<script>x/i);
    assert.match(page, /&lt;SCRIPT&gt;X&lt;\/SCRIPT&gt;|&lt;script&gt;x&lt;\/script&gt;/);
    // Query values are escaped too.
    const reflected = await (await get('/mock/activate?provider=plex&code=%22%3E%3Cimg%20src%3Dx%3E')).text();
    assert.doesNotMatch(reflected, /<img/);
  });

  it('cancel ends the flow on the server: polls find nothing, the page refuses the code', async () => {
    const start = await json<WireDeviceStart>(post('/api/plex/device/start'));
    assert.deepEqual(await json(post('/api/plex/device/cancel')), { ok: true });
    await expectError(await post('/api/plex/device/poll'), 404, 'no_pending_flow');
    const page = await submitPage(start.verification_url_complete!, 'approve');
    assert.equal(page.status, 410);
    assert.match(await page.text(), /cancelled/);
  });

  it('a new start replaces the pending code', async () => {
    const first = await json<WireDeviceStart>(post('/api/plex/device/start'));
    const second = await json<WireDeviceStart>(post('/api/plex/device/start'));
    assert.notEqual(first.user_code, second.user_code);
    assert.equal((await submitPage(first.verification_url_complete!, 'approve')).status, 404);
  });

  it('seed fallback pin/new: the server-side waiter stores the token as soon as the person approves', async () => {
    const pin = await json<Record<string, unknown>>(
      post('/api/trakt/pin/new', { client_id: 'cid', client_secret: 'csecret' }),
    );
    assert.equal(pin.ok, true);
    assert.match(String(pin.user_code), /^[A-Z2-9]{8}$/);
    assert.equal(pin.verificationUrl, pin.verification_url);
    assert.equal(pin.expiresIn, 600);
    assert.equal((backend.rawConfig().trakt as Record<string, unknown>).client_secret, 'csecret', 'keys sent along are saved');
    const approved = await submitPage(String(pin.verification_url_complete), 'approve', { account: 'zoe' });
    assert.equal(approved.status, 200);
    // No poll: status and config show it right away.
    assert.deepEqual(await json(get('/api/trakt/status')), {
      connected: true,
      account: 'zoe',
      expires_at: clock / 1000 + 24 * 3600,
    });
    const plex = await json<Record<string, unknown>>(post('/api/plex/pin/new'));
    assert.equal(plex.code, plex.user_code);
    assert.equal(typeof plex.expires_epoch, 'number');
  });
});

describe('mock server: OAuth (SIMKL)', () => {
  it('refuses to authorize without app keys, and without a proper origin', async () => {
    await expectError(await post('/api/simkl/authorize', { origin: PAGE_ORIGIN }), 400, 'missing_client_credentials');
    await saveKeys('simkl');
    const bad = await expectError(await post('/api/simkl/authorize', { origin: 'javascript:alert(1)' }), 400, 'invalid_request');
    assert.equal(bad.error.field, 'origin');
  });

  it('authorize → consent page → Allow → callback page posts to the exact origin → connected', async () => {
    await saveKeys('simkl');
    const { authorize_url } = await json<WireAuthorize>(post('/api/simkl/authorize', { origin: PAGE_ORIGIN, nonce: 'n-42' }));
    const consentUrl = new URL(authorize_url);
    assert.equal(consentUrl.origin + consentUrl.pathname, `${server.url}/mock/oauth/authorize`);
    assert.equal(consentUrl.searchParams.get('client_id'), 'simkl-id');
    assert.equal(consentUrl.searchParams.get('redirect_uri'), `${server.url}/api/simkl/callback`);

    const consent = await (await fetch(authorize_url)).text();
    assert.match(consent, /Authorize access to SIMKL/);
    const redirect = await submitPage(authorize_url, 'allow', { account: 'kim' });
    assert.equal(redirect.status, 303);
    const callbackUrl = new URL(redirect.headers.get('location')!);
    assert.equal(callbackUrl.origin + callbackUrl.pathname, `${server.url}/api/simkl/callback`);
    assert.equal(callbackUrl.searchParams.get('state'), consentUrl.searchParams.get('state'));
    assert.ok(callbackUrl.searchParams.get('code'));

    const callback = await fetch(callbackUrl);
    assert.equal(callback.status, 200);
    const page = await callback.text();
    assert.match(page, /You can close this window/);
    const script = /<script nonce="([0-9a-f]+)">([\s\S]*?)<\/script>/.exec(page);
    assert.ok(script, 'a nonced inline script');
    assert.match(callback.headers.get('content-security-policy') ?? '', new RegExp(`script-src 'nonce-${script[1]}'`));
    assert.match(script[2]!, /window\.opener\.postMessage\(data, target\)/);
    assert.match(script[2]!, /window\.close\(\)/);
    const data = JSON.parse(/var data = (.*);/.exec(script[2]!)![1]!);
    assert.deepEqual(data, { type: 'cw-auth:oauth', provider: 'simkl', status: 'authorized', nonce: 'n-42' });
    assert.equal(JSON.parse(/var target = (.*);/.exec(script[2]!)![1]!), PAGE_ORIGIN);

    assert.deepEqual(await json(get('/api/simkl/status')), { connected: true, account: 'kim' });
    // The state is single-use.
    const replay = await fetch(callbackUrl);
    assert.equal(replay.status, 400);
    assert.doesNotMatch(await replay.text(), /postMessage/);
  });

  it('Deny on the consent page: the callback tells the opener "denied" and nothing is stored', async () => {
    await saveKeys('simkl');
    const { authorize_url } = await json<WireAuthorize>(post('/api/simkl/authorize', { origin: PAGE_ORIGIN }));
    const redirect = await submitPage(authorize_url, 'deny');
    const callbackUrl = new URL(redirect.headers.get('location')!);
    assert.equal(callbackUrl.searchParams.get('error'), 'access_denied');
    const page = await (await fetch(callbackUrl)).text();
    assert.match(page, /"status":"denied"/);
    assert.doesNotMatch(page, /nonce"/, 'no nonce was given, none is sent');
    assert.equal((await json<WireStatus>(get('/api/simkl/status'))).connected, false);
  });

  it('an unknown or expired state gets an error page', async () => {
    await saveKeys('simkl');
    const { authorize_url } = await json<WireAuthorize>(post('/api/simkl/authorize', { origin: PAGE_ORIGIN }));
    clock += 16 * 60_000;
    const page = await fetch(authorize_url);
    assert.equal(page.status, 400);
    assert.match(await page.text(), /unknown or has expired/);
  });
});

describe('mock server: credentials', () => {
  it('Jellyfin: success stores a token (not the password); failures have specific codes', async () => {
    const ok = await json<{ ok: boolean; account: string }>(
      post('/api/jellyfin/connect', { server: 'http://jellyfin.local:8096', username: 'bob', password: 'pw' }),
    );
    assert.deepEqual(ok, { ok: true, account: 'bob' });
    assert.deepEqual(await json(get('/api/jellyfin/status')), { connected: true, account: 'bob' });
    const raw = backend.rawConfig().jellyfin as Record<string, unknown>;
    assert.equal(raw.password, undefined);
    assert.equal(raw.server_version, '10.10.3');

    const creds = { server: 'http://jellyfin.local:8096', username: 'bob' };
    assert.equal((await expectError(await post('/api/jellyfin/connect', { ...creds, password: 'wrong' }), 401, 'invalid_credentials')).error.field, 'password');
    await expectError(await post('/api/jellyfin/connect', { ...creds, server: 'http://unreachable.local:8096' }), 502, 'unreachable');
    await expectError(await post('/api/jellyfin/connect', { ...creds, server: 'http://old-jf.local:8096' }), 422, 'version_too_old');
    await expectError(await post('/api/jellyfin/connect', { ...creds, server: 'ftp://jf' }), 422, 'invalid_url');
    backend.reset();
    assert.equal((await expectError(await post('/api/jellyfin/connect', { username: 'bob' }), 400, 'invalid_request')).error.field, 'server');
  });

  it('Jellyfin: an omitted password uses the saved one', async () => {
    await post('/api/config', { jellyfin: { server: 'http://jf.local', username: 'bob', password: 'wrong' } });
    await expectError(await post('/api/jellyfin/connect', { server: 'http://jf.local', username: 'bob' }), 401, 'invalid_credentials');
  });

  it('Tautulli: the API key must be 32 hex characters; success connects', async () => {
    const server_url = 'http://tautulli.local:8181';
    await expectError(await post('/api/tautulli/connect', { server_url, api_key: 'not-a-key' }), 400, 'invalid_api_key');
    await expectError(await post('/api/tautulli/connect', { server_url, api_key: '0'.repeat(32) }), 401, 'invalid_api_key');
    await expectError(await post('/api/tautulli/connect', { server_url, api_key: 'a'.repeat(32), days: 0 }), 400, 'invalid_request');
    const key = '0123456789abcdef0123456789abcdef';
    const ok = await json<{ ok: boolean; account: string }>(
      post('/api/tautulli/connect', { server_url, api_key: key, verify_ssl: false, user_id: 3, media_type: 'movie', days: 90 }),
    );
    assert.deepEqual(ok, { ok: true, account: 'Tautulli (tautulli.local:8181)' });
    assert.equal((await json<WireStatus>(get('/api/tautulli/status'))).connected, true);
    const config = await json<{ tautulli: Record<string, unknown> }>(get('/api/config'));
    assert.equal(config.tautulli.api_key, MASK);
    assert.deepEqual(config.tautulli.history, { user_id: '3', media_type: 'movie', days: 90 });
    assert.equal(config.tautulli.verify_ssl, false);
  });

  it('Emby answers with CrossWatch shapes on its CrossWatch routes', async () => {
    const missing = await post('/api/emby/login', { server: 'http://emby.local' });
    assert.equal(missing.status, 400);
    assert.deepEqual(await missing.json(), { ok: false, error: 'Missing: server/username' });
    const failed = await post('/api/emby/login', { server: 'http://emby.local', username: 'eve', password: 'wrong' });
    assert.equal(failed.status, 500);
    assert.deepEqual(await failed.json(), { ok: false, error: 'Login failed' });

    const ok = await json<Record<string, unknown>>(post('/api/emby/login', { server: 'http://emby.local', username: 'eve', password: '' }));
    assert.equal(ok.ok, true);
    assert.equal(ok.username, 'eve');
    assert.deepEqual(await json(get('/api/emby/status')), { connected: true, user: 'eve', instance: 'default' });
    backend.setInUse('emby');
    const refused = await post('/api/emby/token/delete');
    assert.equal(refused.status, 409);
    const refusal = (await refused.json()) as Record<string, unknown>;
    assert.equal(refusal.error, 'provider_in_use');
    assert.ok(Array.isArray(refusal.usages) && typeof refusal.message === 'string');
    backend.setInUse('emby', false);
    assert.deepEqual(await json(post('/api/emby/token/delete')), { ok: true, instance: 'default' });
    assert.deepEqual(await json(get('/api/emby/status')), { connected: false, user: null, instance: 'default' });
  });
});

describe('mock server: refresh and disconnect', () => {
  it('refresh answers fresh while the token is young, rotates it later; only where supported', async () => {
    await expectError(await post('/api/mdblist/refresh'), 409, 'not_connected');
    await expectError(await post('/api/plex/refresh'), 404, 'not_found');
    backend.connect('trakt', 'ann');
    const before = (backend.rawConfig().trakt as Record<string, unknown>).access_token;
    const fresh = await json<Record<string, unknown>>(post('/api/trakt/refresh'));
    assert.equal(fresh.status, 'fresh');
    clock += 13 * 3600_000;
    const rotated = await json<Record<string, unknown>>(post('/api/trakt/refresh'));
    assert.equal(rotated.status, 'ok');
    assert.equal(rotated.expires_at, clock / 1000 + 24 * 3600);
    assert.notEqual((backend.rawConfig().trakt as Record<string, unknown>).access_token, before);
  });

  it('an expired token reads as not connected until refreshed', async () => {
    backend.connect('mdblist', 'ann');
    clock += 3601_000;
    const status = await json<WireStatus>(get('/api/mdblist/status'));
    assert.equal(status.connected, false);
    assert.match(status.reason!, /expired/);
    await post('/api/mdblist/refresh');
    assert.equal((await json<WireStatus>(get('/api/mdblist/status'))).connected, true);
  });

  it('disconnect answers 409 provider_in_use while marked in use (control route), then forgets the token', async () => {
    backend.connect('plex', 'pat');
    const mark = await post('/mock/control/in-use', { provider: 'plex' });
    assert.equal(mark.status, 200);
    const refused = await expectError(await post('/api/plex/disconnect'), 409, 'provider_in_use');
    assert.equal(refused.error.usages?.[0]?.feature, 'sync_pair');
    assert.match(refused.error.message, /Sync pair/);
    await post('/mock/control/in-use', { provider: 'plex', in_use: false });
    assert.deepEqual(await json(post('/api/plex/disconnect')), { ok: true });
    assert.equal((await json<WireStatus>(get('/api/plex/status'))).connected, false);
    assert.deepEqual(await json(post('/api/plex/disconnect')), { ok: true }, 'idempotent');
  });
});

describe('mock server: failure injection', () => {
  it('a control-route rule hits the chosen provider and route the given number of times', async () => {
    const added = await json<{ ok: boolean; id: string }>(
      post('/mock/control/faults', { provider: 'trakt', route: 'status', fault: 'http_500', times: 1 }),
    );
    assert.equal(added.ok, true);
    assert.equal((await get('/api/plex/status')).status, 200, 'other providers are untouched');
    const failed = await expectError(await get('/api/trakt/status'), 500, 'internal');
    assert.match(failed.error.message, /http_500/);
    assert.equal((await get('/api/trakt/status')).status, 200, 'used up after one hit');
  });

  it('html_error (header), malformed_json (query), network, unauthorized, rate_limited', async () => {
    const html = await get('/api/auth/providers', { 'x-mock-fault': 'html_error' });
    assert.equal(html.status, 502);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await html.text(), /502 Bad Gateway/);

    const malformed = await get('/api/config?mock_fault=malformed_json');
    assert.equal(malformed.status, 200);
    assert.match(malformed.headers.get('content-type') ?? '', /json/);
    const text = await malformed.text();
    assert.throws(() => JSON.parse(text));

    await assert.rejects(get('/api/config', { 'x-mock-fault': 'network' }), TypeError);

    await expectError(await post('/api/plex/device/start', {}, { 'x-mock-fault': 'unauthorized' }), 401, 'unauthorized');
    const limited = await get('/api/auth/providers', { 'x-mock-fault': 'rate_limited=5000' });
    assert.equal(limited.headers.get('retry-after'), '5');
    assert.equal((await expectError(limited, 429, 'rate_limited')).error.retry_after, 5);
  });

  it('in_use only hits disconnect routes; slow_down_storm only polls', async () => {
    backend.connect('plex');
    await post('/mock/control/faults', { fault: 'in_use' });
    await post('/mock/control/faults', { fault: 'slow_down_storm', provider: 'plex' });
    assert.equal((await get('/api/plex/status')).status, 200);
    await expectError(await post('/api/plex/disconnect'), 409, 'provider_in_use');

    await post('/api/plex/device/start');
    const intervals: number[] = [];
    for (let i = 0; i < 3; i++) {
      clock += 60_000;
      const poll = await json<WireDevicePoll>(post('/api/plex/device/poll'));
      assert.equal(poll.status, 'slow_down');
      intervals.push(poll.interval!);
    }
    assert.deepEqual(intervals, [10, 15, 20]);
    assert.equal((await fetch(url('/mock/control/faults'), { method: 'DELETE' })).status, 200);
    clock += 60_000;
    assert.equal((await json<WireDevicePoll>(post('/api/plex/device/poll'))).status, 'pending');
  });

  it('latency delays the answer by the given ms', async () => {
    const started = performance.now();
    const response = await get('/api/auth/providers', { 'x-mock-fault': 'latency=200' });
    assert.equal(response.status, 200);
    assert.ok(performance.now() - started >= 190, 'waited');
  });

  it('rejects unknown faults with a message listing the known ones', async () => {
    const bad = await expectError(await post('/mock/control/faults', { fault: 'explode' }), 400, 'invalid_request');
    assert.match(bad.error.message, /slow_down_storm/);
    await expectError(await get('/api/config', { 'x-mock-fault': 'explode' }), 400, 'invalid_request');
  });

  it('control reset clears config, connections, faults and flows; state shows them masked', async () => {
    await saveKeys('trakt');
    backend.connect('trakt', 'ann');
    await post('/api/plex/device/start');
    await post('/mock/control/faults', { fault: 'latency', ms: 1 });
    const state = await json<Record<string, any>>(get('/mock/control/state'));
    assert.equal(state.providers.trakt.connected, true);
    assert.equal(state.config.trakt.client_secret, MASK);
    assert.equal(state.deviceFlows.length, 1);
    assert.equal(state.faults.length, 1);

    assert.deepEqual(await json(post('/mock/control/reset')), { ok: true });
    const after = await json<Record<string, any>>(get('/mock/control/state'));
    assert.equal(after.providers.trakt.connected, false);
    assert.equal(after.config.trakt, undefined);
    assert.deepEqual([after.deviceFlows.length, after.faults.length], [0, 0]);
  });

  it('control routes approve device flows, finish OAuth and move the clock', async () => {
    const start = await json<WireDeviceStart>(post('/api/plex/device/start'));
    const decided = await json<Record<string, unknown>>(post('/mock/control/device', { provider: 'plex', decision: 'approve', account: 'cli' }));
    assert.equal(decided.ok, true);
    assert.equal(decided.userCode, start.user_code);
    assert.equal((await json<WireDevicePoll>(post('/api/plex/device/poll'))).status, 'authorized');

    await saveKeys('simkl');
    await post('/api/simkl/authorize', { origin: PAGE_ORIGIN });
    assert.equal((await post('/mock/control/oauth', { provider: 'simkl', decision: 'allow' })).status, 200);
    assert.equal((await json<WireStatus>(get('/api/simkl/status'))).account, 'demo-simkl');

    await post('/api/mdblist/device/start');
    await post('/mock/control/clock', { advance_s: 601 });
    assert.equal((await json<WireDevicePoll>(post('/api/mdblist/device/poll'))).status, 'expired');
  });
});
