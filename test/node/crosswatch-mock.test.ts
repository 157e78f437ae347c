/**
 * The CrossWatch-flavoured mock over real HTTP (startMockServer on a free port): recorded
 * manifests and config, masking and secret preservation, the auth gate and Origin check, FastAPI
 * 422s, PIN/device/OAuth/credential flows with CrossWatch's shapes, disconnect vs token/delete,
 * 409 provider_in_use, profiles, instance scoping and fault injection.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { createCrossWatchBackend, type CrossWatchBackend } from '../../src/mock/crosswatch/index.js';
import type { MockBackend } from '../../src/mock/types.js';

// Compile-time: the flavour can stand in wherever the contract mock's MockBackend is expected.
const sameShape: MockBackend = createCrossWatchBackend();
void sameShape;

const MASK = '\u2022'.repeat(8);
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(`${process.cwd()}/test/fixtures/crosswatch/${name}.json`, 'utf8'));

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

let server: MockServer;
let backend: CrossWatchBackend;
let base: string;

async function call(
  path: string,
  init: { method?: string; body?: unknown; raw?: string; headers?: Record<string, string>; form?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.form) {
    body = new URLSearchParams(init.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (init.raw !== undefined) {
    body = init.raw;
    headers['content-type'] ??= 'application/json';
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  const method = init.method ?? (body === undefined ? 'GET' : 'POST');
  const res = await fetch(base + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}
const post = (path: string, body: unknown = {}, headers: Record<string, string> = {}) => call(path, { method: 'POST', body, headers });
const config = async () => (await call('/api/config')).body;
const approve = (provider: string, code: string, account?: string) =>
  call('/mock/activate', { form: { provider, code, decision: 'approve', ...(account ? { account } : {}) } });

before(async () => {
  backend = createCrossWatchBackend();
  server = await startMockServer({ backend, port: 0 });
  base = server.url;
});
after(async () => {
  await server.close();
});
beforeEach(() => backend.reset());

describe('registry and config', () => {
  it('serves the 18 recorded manifests exactly and a text/html settings page', async () => {
    const r = await call('/api/auth/providers');
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 18);
    assert.deepEqual(r.body, fixture('auth-providers'));
    const h = await call('/api/auth/providers/html');
    assert.match(h.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(h.text, /id="sec-auth-media"/);
  });

  it('GET /api/config is config-fresh.json, no-store, and no CORS headers at all', async () => {
    const r = await call('/api/config', { headers: { origin: 'http://elsewhere.example' } });
    assert.deepEqual(r.body, fixture('config-fresh'));
    assert.equal(r.headers.get('cache-control'), 'no-store');
    for (const name of r.headers.keys()) assert.ok(!name.startsWith('access-control-'), `unexpected ${name}`);
    const preflight = await call('/api/config', { method: 'OPTIONS', headers: { origin: 'http://elsewhere.example', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 405);
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });

  it('saving Trakt keys gives config-after-save.json (secret masked, client_id readable)', async () => {
    const r = await post('/api/config', { trakt: { client_id: 'abc', client_secret: 'real-secret' } });
    assert.deepEqual(r.body, { ok: true });
    assert.deepEqual(await config(), fixture('config-after-save'));
    assert.equal((backend.rawConfig().trakt as Record<string, unknown>).client_secret, 'real-secret');
  });

  it('a posted mask, blank or asterisks keeps the stored secret; non-secrets overwrite', async () => {
    await post('/api/config', { trakt: { client_id: 'abc', client_secret: 'real-secret' } });
    for (const blank of [MASK, '', '*****']) {
      await post('/api/config', { trakt: { client_id: 'def', client_secret: blank } });
      const raw = backend.rawConfig().trakt as Record<string, unknown>;
      assert.equal(raw.client_secret, 'real-secret', `after posting ${JSON.stringify(blank)}`);
      assert.equal(raw.client_id, 'def');
    }
    // Heuristic keys: *_token, *password*, *secret* are preserved too.
    await post('/api/config', { plex: { account_token: 'tok' }, kodi: { password: 'pw' } });
    await post('/api/config', { plex: { account_token: MASK }, kodi: { password: '' } });
    const raw = backend.rawConfig();
    assert.equal((raw.plex as Record<string, unknown>).account_token, 'tok');
    assert.equal((raw.kodi as Record<string, unknown>).password, 'pw');
  });

  it('a client posting the whole masked config back (CrossWatch UI style) loses no secret', async () => {
    await post('/api/config', { trakt: { client_id: 'abc', client_secret: 'real-secret' }, simkl: { _pending_pin: { user_code: 'X' } } });
    const before = backend.rawConfig();
    const c = await config();
    c.ui.theme = 'flat-light';
    assert.deepEqual((await post('/api/config', c)).body, { ok: true });
    const after = backend.rawConfig();
    assert.equal((after.trakt as Record<string, unknown>).client_secret, 'real-secret');
    assert.deepEqual((after.simkl as Record<string, unknown>)._pending_pin, { user_code: 'X' });
    assert.deepEqual(after.app_auth, before.app_auth);
    assert.equal((after.ui as Record<string, unknown>).theme, 'flat-light');
  });

  it('masks per the §3.3 table and leaves client ids, Trakt _pending_device and Plex _pending_pin readable', async () => {
    await post('/api/config', {
      plex: { account_token: 'a', pms_token: 'b', home_pin: '1234', _pending_pin: { id: 1, code: 'AB12' } },
      simkl: { client_id: 'sid', client_secret: 's', access_token: 't' },
      mdblist: { api_key: 'k', _pending_device: { device_code: 'dc' } },
      nuvio: { _pending_tv_login: { code: 'X' } },
      tmdb_sync: { session_id: 'sess' },
      kodi: { password: '' },
    });
    const c = await config();
    assert.equal(c.plex.account_token, MASK);
    assert.equal(c.plex.pms_token, MASK);
    assert.equal(c.plex.home_pin, MASK);
    assert.deepEqual(c.plex._pending_pin, { id: 1, code: 'AB12' });
    assert.equal(c.simkl.client_id, 'sid');
    assert.equal(c.simkl.client_secret, MASK);
    assert.equal(c.simkl.access_token, MASK);
    assert.equal(c.mdblist.api_key, MASK);
    assert.equal(c.mdblist._pending_device, MASK);
    assert.equal(c.nuvio._pending_tv_login, MASK);
    assert.equal(c.tmdb_sync.session_id, MASK);
    assert.equal(c.kodi.password, '');
    assert.equal(typeof c.trakt._pending_device.device_code, 'string');
    assert.equal(c.app_auth.password.hash, MASK);
  });

  it('POST /api/config/unset removes paths and reports the missing ones; app_auth is protected', async () => {
    await post('/api/config', { trakt: { client_id: 'abc', client_secret: 'real-secret' } });
    const r = await post('/api/config/unset', { paths: ['trakt.client_secret', 'trakt.nope', 'app_auth.username'] });
    assert.deepEqual(r.body, { ok: true, removed: ['trakt.client_secret'], missing: ['trakt.nope', 'app_auth.username'] });
    const c = await config();
    assert.equal('client_secret' in c.trakt, false);
    assert.equal(c.trakt.client_id, 'abc');
    assert.equal(c.app_auth.username, 'admin');
    const bad = await post('/api/config/unset', { paths: 'trakt.client_id' });
    assert.equal(bad.status, 400);
  });
});

describe('auth gate, Origin check, FastAPI 422', () => {
  it('cookie mode: 401 without a session; Origin must equal http(s)://<Host> on unsafe methods', async () => {
    backend.setRequireAuth('cookie');
    const host = new URL(base).host;
    const denied = await call('/api/config');
    assert.equal(denied.status, 401);
    assert.deepEqual(denied.body, { ok: false, error: 'Unauthorized' });
    const cookie = { cookie: `cw_auth=${backend.credentials.sessionCookie}` };
    assert.equal((await call('/api/config', { headers: cookie })).status, 200);

    const wrong = await post('/api/config', { ui: { theme: 'x' } }, { ...cookie, origin: 'http://evil.example' });
    assert.equal(wrong.status, 403);
    assert.deepEqual(wrong.body, { ok: false, error: 'Origin mismatch' });
    const localhostVs127 = await post('/api/config', {}, { ...cookie, origin: `http://localhost:${server.port}` });
    assert.equal(localhostVs127.status, 403, 'localhost and 127.0.0.1 are different origins');
    const none = await post('/api/config', {}, cookie);
    assert.equal(none.status, 403, 'no Origin and no Referer');
    assert.equal((await post('/api/config', {}, { ...cookie, origin: `http://${host}` })).status, 200);
    assert.equal((await post('/api/config', {}, { ...cookie, origin: `https://${host}` })).status, 200);
    assert.equal((await post('/api/config', {}, { ...cookie, referer: `http://${host}/settings` })).status, 200);
    // The OAuth callback and the mock's own pages are outside the gate.
    assert.equal((await call('/callback')).status, 400);
    assert.equal((await call('/mock/activate')).status, 200);
  });

  it('a Bearer / X-CW-Token API token passes without an Origin; token mode refuses cookies', async () => {
    backend.setRequireAuth('cookie');
    const token = backend.credentials.apiToken;
    assert.equal((await post('/api/config', {}, { authorization: `Bearer ${token}` })).status, 200);
    assert.equal((await post('/api/config', {}, { 'x-cw-token': token })).status, 200);
    assert.equal((await call('/api/config', { headers: { authorization: 'Bearer nope' } })).status, 401);
    backend.setRequireAuth('token');
    assert.equal((await call('/api/config', { headers: { cookie: `cw_auth=${backend.credentials.sessionCookie}` } })).status, 401);
    assert.equal((await call('/api/config', { headers: { authorization: `Bearer ${token}` } })).status, 200);
  });

  it('/mock/login hands out a cw_auth session cookie that the gate accepts', async () => {
    backend.setRequireAuth('cookie');
    const login = await call('/mock/login', { form: { next: '/settings' } });
    assert.equal(login.status, 303);
    assert.equal(login.headers.get('location'), '/settings');
    const setCookie = login.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^cw_auth=sess-[0-9a-f]+; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookie = setCookie.split(';')[0]!;
    assert.equal((await call('/api/auth/providers', { headers: { cookie } })).status, 200);
    const open = await call('/mock/login', { form: { next: '//evil.example' } });
    assert.equal(open.headers.get('location'), '/', 'no open redirect');
  });

  it('POST without a JSON body answers FastAPI 422 on routes that need one', async () => {
    const expected = { detail: [{ loc: ['body'], msg: 'field required', type: 'missing' }] };
    for (const path of ['/api/simkl/authorize', '/api/config', '/api/config/unset', '/api/jellyfin/login', '/api/tautulli/save']) {
      const r = await call(path, { method: 'POST' });
      assert.equal(r.status, 422, path);
      assert.deepEqual(r.body, expected, path);
    }
    const invalid = await call('/api/config', { method: 'POST', raw: '{"trakt":' });
    assert.equal(invalid.status, 422);
    assert.equal(invalid.body.detail[0].type, 'json_invalid');
    // Device starts accept no body at all.
    assert.equal((await call('/api/mdblist/device/start', { method: 'POST' })).body.ok, true);
  });

  it('unknown routes are FastAPI 404, wrong methods 405', async () => {
    assert.deepEqual((await call('/api/nope')).body, { detail: 'Not Found' });
    assert.equal((await call('/api/config', { method: 'DELETE' })).status, 405);
  });
});

describe('PIN and device flows', () => {
  it('Trakt pin/new collapses missing keys to HTTP 200 "internal", then works once keys are sent', async () => {
    const before = await post('/api/trakt/pin/new');
    assert.equal(before.status, 200);
    assert.deepEqual(before.body, { ok: false, error: 'internal' });
    const masked = await post('/api/trakt/pin/new', { client_id: 'abc', client_secret: MASK });
    assert.deepEqual(masked.body, { ok: false, error: 'internal' }, 'a masked secret is ignored');

    const r = await post('/api/trakt/pin/new', { client_id: 'abc', client_secret: 'xyz' });
    assert.equal(r.body.ok, true);
    assert.match(r.body.user_code, /^[A-Z0-9]{8}$/);
    assert.equal(r.body.expiresIn, 600);
    assert.equal(r.body.verificationUrl, r.body.verification_url);
    assert.ok(r.body.verification_url.startsWith(`${base}/mock/activate`));
    let c = await config();
    assert.equal(c.trakt.client_id, 'abc');
    assert.equal(c.trakt.client_secret, MASK);
    assert.equal(c.trakt._pending_device.user_code, r.body.user_code, 'Trakt _pending_device is not masked');
    assert.equal(c.trakt.access_token, '');

    const page = await approve('trakt', r.body.user_code.toLowerCase());
    assert.equal(page.status, 200);
    assert.match(page.text, /Device approved/);
    c = await config();
    assert.equal(c.trakt.access_token, MASK, 'the server-side waiter stored the token');
    assert.equal(c.trakt.refresh_token, MASK);
    assert.equal(c.trakt._pending_device.user_code, '');
    assert.equal((await call('/api/trakt/status')).status, 404, 'Trakt has no status route');
  });

  it('Plex: 4-char code, expiresIn 300, approved on the activation page, token visible masked', async () => {
    const r = await post('/api/plex/pin/new');
    assert.equal(r.body.ok, true);
    assert.match(r.body.code, /^[A-Z0-9]{4}$/);
    assert.equal(r.body.expiresIn, 300);
    assert.equal(r.body.id, r.body.pin_id);
    assert.equal(r.body.instance, 'default');
    let c = await config();
    assert.equal(c.plex._pending_pin.code, r.body.code);
    assert.notEqual(c.plex.client_id, '');
    const form = await call(`/mock/activate?provider=plex&code=${r.body.code}`);
    assert.match(form.text, /<form method="post" action="\/mock\/activate">/);
    assert.match(form.text, new RegExp(`value="${r.body.code}"`));
    await approve('plex', r.body.code, 'alice');
    c = await config();
    assert.equal(c.plex.account_token, MASK);
    assert.equal(c.plex.username, 'alice');
    assert.equal(c.plex._pending_pin, undefined);
    assert.equal((await call('/api/plex/status')).status, 404, 'Plex has no status route');
  });

  it('the activation page refuses unknown, expired and reused codes and escapes what it echoes', async () => {
    const unknown = await approve('plex', 'ZZZZ');
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /No pending request has this code/);
    const r = await post('/api/plex/pin/new');
    await approve('plex', r.body.code);
    assert.equal((await approve('plex', r.body.code)).status, 409);
    const r2 = await post('/api/plex/pin/new');
    backend.advanceClock(301_000);
    assert.equal((await approve('plex', r2.body.code)).status, 410);
    const page = await call('/mock/activate?provider=plex&code=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.ok(!page.text.includes('<script>alert(1)</script>'));
    assert.match(page.text, /&quot;&gt;&lt;script&gt;/);
  });

  it('SIMKL PIN: start → pending → approve → authorized; cancel; no_pin', async () => {
    const start = await post('/api/simkl/pin/start');
    assert.equal(start.body.ok, true);
    assert.equal(start.body.interval, 5);
    assert.equal(start.body.expires_in, 900);
    assert.equal((await config()).simkl._pending_pin, MASK);
    assert.deepEqual((await post('/api/simkl/pin/poll')).body, { ok: true, status: 'pending' });
    await approve('simkl', start.body.user_code);
    assert.deepEqual((await post('/api/simkl/pin/poll')).body, { ok: true, status: 'authorized', auth_method: 'pin' });
    assert.equal((await config()).simkl.access_token, MASK);
    assert.deepEqual((await post('/api/simkl/pin/poll')).body, { ok: false, status: 'no_pin' });
    await post('/api/simkl/pin/start');
    assert.deepEqual((await post('/api/simkl/pin/cancel')).body, { ok: true, cancelled: true });
    assert.deepEqual((await post('/api/simkl/pin/poll')).body, { ok: false, status: 'no_pin' });
  });

  it('MDBList device code: authorization_pending → ok; denial; expiry; status route', async () => {
    const start = await post('/api/mdblist/device/start');
    assert.equal(start.body.ok, true);
    assert.match(start.body.user_code, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    assert.equal(start.body.interval, 5);
    assert.equal(typeof start.body.expires_at, 'number');
    let status = (await call('/api/mdblist/status')).body;
    assert.equal(status.connected, false);
    assert.equal(status.pending.user_code, start.body.user_code);
    assert.deepEqual((await post('/api/mdblist/device/poll')).body, { ok: false, status: 'authorization_pending' });
    await approve('mdblist', start.body.user_code.replace('-', ''));
    const done = await post('/api/mdblist/device/poll', {});
    assert.equal(done.body.ok, true);
    assert.equal(done.body.status, 'ok');
    status = (await call('/api/mdblist/status')).body;
    assert.equal(status.connected, true);
    assert.equal(status.device_configured, true);
    assert.equal('pending' in status, false);

    const second = await post('/api/mdblist/device/start');
    await call('/mock/activate', { form: { provider: 'mdblist', code: second.body.user_code, decision: 'deny' } });
    assert.deepEqual((await post('/api/mdblist/device/poll')).body, { ok: false, status: 'access_denied' });
    await post('/api/mdblist/device/start');
    backend.advanceClock(601_000);
    assert.deepEqual((await post('/api/mdblist/device/poll')).body, { ok: false, status: 'expired_token' });
    assert.deepEqual((await post('/api/mdblist/device/poll')).body, { ok: false, status: 'no_device_code' });
  });

  it('mirrors the real network_error failure of /api/mdblist/device/start (HTTP 200, long detail)', async () => {
    backend.faults.add({ fault: 'upstream_error', provider: 'mdblist', route: 'start', times: 1 });
    const r = await post('/api/mdblist/device/start');
    assert.equal(r.status, 200);
    assert.equal(r.body.ok, false);
    assert.equal(r.body.error, 'network_error');
    assert.ok(r.body.detail.length > 150);
    assert.match(r.body.detail, /api\.mdblist\.com/);
    assert.equal((await post('/api/mdblist/device/start')).body.ok, true, 'times: 1 is used up');
    backend.faults.add({ fault: 'upstream_error', route: '/api/plex/pin/new' });
    assert.deepEqual((await post('/api/plex/pin/new')).body, { ok: false, error: 'internal' });
  });

  it('PunchPlay and BingeBase device flows with their poll shapes; PunchPlay rate guard', async () => {
    const pp = await post('/api/punchplay/device/start');
    assert.ok(pp.body.verification_uri_complete.includes(encodeURIComponent(pp.body.user_code)));
    assert.equal(pp.body.expires_in, 600);
    await approve('punchplay', pp.body.user_code, 'kim');
    const ppDone = await post('/api/punchplay/device/poll');
    assert.equal(ppDone.body.status, 'authorized');
    assert.equal(ppDone.body.username, 'kim');
    assert.equal((await call('/api/punchplay/status')).body.connected, true);
    assert.equal((await post('/api/punchplay/refresh')).body.status, 'fresh');
    backend.advanceClock(86_400_000);
    assert.equal((await post('/api/punchplay/refresh')).body.status, 'ok');

    const bb = await post('/api/bingebase/device/start');
    await approve('bingebase', bb.body.user_code);
    const bbDone = await post('/api/bingebase/device/poll');
    assert.equal(bbDone.body.status, 'authorized');
    assert.match(bbDone.body.generated_webhook_url, /^https:\/\/bingebase\.com\/webhooks\/kodi\//);
    assert.equal((await config()).bingebase.webhook_url, MASK);
    assert.deepEqual((await post('/api/bingebase/device/cancel')).body, { ok: true, cancelled: true });

    // The first start was a day ago (clock advanced): ten more fit into the hour, the eleventh not.
    for (let i = 0; i < 10; i++) assert.equal((await post('/api/punchplay/device/start')).body.ok, true);
    const limited = await post('/api/punchplay/device/start');
    assert.equal(limited.body.error, 'rate_limited');
    assert.equal(limited.body.local, true);
    assert.ok(limited.body.retry_after > 0);
  });

  it('Nuvio TV login: pending → approved → finish stores tokens and the first profile', async () => {
    const start = await post('/api/nuvio/device/start', {});
    assert.equal(start.body.interval, 3);
    assert.ok(start.body.login_url.includes(start.body.code));
    assert.deepEqual((await post('/api/nuvio/device/poll')).body, { ok: true, status: 'pending', interval: 3 });
    await approve('nuvio', start.body.code);
    assert.deepEqual((await post('/api/nuvio/device/poll')).body, { ok: true, status: 'approved', interval: 3 });
    assert.equal((await call('/api/nuvio/status')).body.connected, false, 'not connected before finish');
    const fin = await post('/api/nuvio/device/finish');
    assert.equal(fin.body.status, 'ok');
    assert.equal(fin.body.profiles.length, 2);
    const sel = await post('/api/nuvio/profile/select', { profile_id: 2 });
    assert.deepEqual(sel.body, { ok: true, profile_id: 2, profile_name: 'Kids' });
    const status = (await call('/api/nuvio/status')).body;
    assert.equal(status.connected, true);
    assert.equal(status.profile_name, 'Kids');
  });

  it('Jellyfin Quick Connect: waiting → authorized; missing server is a 400 with a reason', async () => {
    const missing = await post('/api/jellyfin/quickconnect/start', {});
    assert.equal(missing.status, 400);
    assert.equal(missing.body.reason, 'missing_server');
    const start = await post('/api/jellyfin/quickconnect/start', { server: 'http://jf.lan:8096' });
    assert.match(start.body.code, /^\d{6}$/);
    assert.deepEqual((await call('/api/jellyfin/quickconnect/poll')).body, { ok: true, state: 'waiting' });
    await approve('jellyfin', start.body.code, 'sso-user');
    const done = await call('/api/jellyfin/quickconnect/poll');
    assert.equal(done.body.state, 'authorized');
    assert.equal(done.body.username, 'sso-user');
    const status = (await call('/api/jellyfin/status')).body;
    assert.deepEqual(status, { connected: true, user: 'sso-user', server_version: '10.10.3', instance: 'default' });
  });
});

describe('OAuth redirect (SIMKL, AniList)', () => {
  it('SIMKL authorize errors until keys are saved, then consent → /callback stores the token', async () => {
    const origin = 'http://dash.example:8080';
    const early = await post('/api/simkl/authorize', { origin });
    assert.equal(early.status, 200);
    assert.deepEqual(early.body, { ok: false, error: 'SIMKL client_id and client_secret must be set in settings first' });
    await post('/api/config', { simkl: { client_id: 'sid', client_secret: 'ssecret' } });
    const r = await post('/api/simkl/authorize', { origin });
    assert.equal(r.body.ok, true);
    const url = new URL(r.body.authorize_url);
    assert.equal(url.origin, base);
    assert.equal(url.searchParams.get('redirect_uri'), `${origin}/callback`);
    assert.equal(url.searchParams.get('client_id'), 'sid');
    assert.equal(url.searchParams.get('scope'), 'public write');
    const state = url.searchParams.get('state')!;
    assert.ok(state.length >= 24);

    const consent = await call(url.pathname + url.search);
    assert.match(consent.text, /value="allow"/);
    assert.ok(consent.text.includes('http://dash.example:8080/callback'));
    const allow = await call('/mock/oauth/authorize', { form: { state, decision: 'allow' } });
    assert.equal(allow.status, 302);
    const back = new URL(allow.headers.get('location')!);
    assert.equal(back.origin + back.pathname, `${origin}/callback`);
    assert.equal(back.searchParams.get('state'), state);

    // The widget's page is on another origin here; the callback itself lives on the backend.
    const cb = await call(`/callback${back.search}`);
    assert.equal(cb.status, 200);
    assert.match(cb.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(cb.text, 'SIMKL authorized. You can close this tab and return to the app.');
    assert.ok(!cb.text.includes('postMessage'));
    assert.equal((await config()).simkl.access_token, MASK);
    assert.equal((await call(`/callback${back.search}`)).text, 'State mismatch.', 'a state works once');
    assert.equal((await call('/callback?code=x')).text, 'Missing code or state.');
  });

  it('SIMKL Deny and AniList via /api/anilist/save and /callback/anilist', async () => {
    await post('/api/config', { simkl: { client_id: 'sid', client_secret: 'ssecret' } });
    const r = await post('/api/simkl/authorize', { origin: base });
    const state = new URL(r.body.authorize_url).searchParams.get('state')!;
    const deny = await call('/mock/oauth/authorize', { form: { state, decision: 'deny' } });
    const back = new URL(deny.headers.get('location')!);
    assert.equal(back.searchParams.get('error'), 'access_denied');
    const cb = await call(back.pathname + back.search);
    assert.equal(cb.status, 400);
    assert.equal((await config()).simkl.access_token, '');

    assert.equal((await post('/api/anilist/authorize', { origin: base })).body.ok, false);
    await post('/api/anilist/save', { client_id: 'aid', client_secret: 'asecret' });
    const a = await post('/api/anilist/authorize', { origin: base });
    const aUrl = new URL(a.body.authorize_url);
    assert.equal(aUrl.searchParams.get('redirect_uri'), `${base}/callback/anilist`);
    const allow = await call('/mock/oauth/authorize', { form: { state: aUrl.searchParams.get('state')!, decision: 'allow', account: 'Ani' } });
    const aBack = new URL(allow.headers.get('location')!);
    assert.equal((await call(aBack.pathname + aBack.search)).text, 'AniList authorized. You can close this tab and return to the app.');
    assert.deepEqual((await call('/api/anilist/status')).body, { connected: true, user: 'Ani', instance: 'default' });
  });
});

describe('credential routes', () => {
  it('Jellyfin login: 400 Missing, 401 bad password, success with an empty password', async () => {
    const missing = await post('/api/jellyfin/login', { server: 'http://jf.lan' });
    assert.deepEqual([missing.status, missing.body], [400, { ok: false, error: 'Missing: username' }]);
    assert.equal((await post('/api/jellyfin/login', { server: 'http://jf.lan', username: 'bob', password: 'wrong' })).status, 401);
    assert.equal((await post('/api/jellyfin/login', { server: 'http://unreachable.lan', username: 'bob' })).status, 502);
    const ok = await post('/api/jellyfin/login', { server: 'http://jf.lan/', username: 'bob', password: '' });
    assert.equal(ok.body.ok, true);
    assert.equal(ok.body.server, 'http://jf.lan');
    assert.equal((await call('/api/jellyfin/status')).body.connected, true);
    assert.equal((await config()).jellyfin.access_token, MASK);
  });

  it('Emby maps every failure to 500 "Login failed" and drops the password', async () => {
    const bad = await post('/api/emby/login', { server: 'http://emby.lan', username: 'bob', password: 'bad' });
    assert.deepEqual([bad.status, bad.body], [500, { ok: false, error: 'Login failed' }]);
    const ok = await post('/api/emby/login', { server: 'http://emby.lan', username: 'bob', password: 'pw' });
    assert.equal(ok.body.ok, true);
    assert.equal((backend.rawConfig().emby as Record<string, unknown>).password, '');
    assert.deepEqual((await call('/api/emby/status')).body, { connected: true, user: 'bob', instance: 'default' });
  });

  it('Kodi: reason + error with real status codes; success sets connection_verified', async () => {
    const old = await post('/api/kodi/connect', { server: 'http://kodi-old.lan:8080' });
    assert.deepEqual([old.status, old.body], [400, { ok: false, reason: 'version_too_old', error: 'Kodi 21.0 Omega or newer is required' }]);
    assert.equal((await post('/api/kodi/connect', { server: '' })).body.reason, 'missing_server');
    const ok = await post('/api/kodi/connect', { server: 'http://kodi.lan:8080', username: 'kodi', password: 'pw' });
    assert.deepEqual(ok.body, { ok: true, kodi_version: '21.1', jsonrpc_version: '13.5.0', auth_method: 'basic', instance: 'default' });
    const status = (await call('/api/kodi/status')).body;
    assert.equal(status.connected, true);
    assert.equal(status.has_password, true);
    assert.equal((await config()).kodi.connection_verified, true);
  });

  it('Stremio rejects bad credentials with HTTP 200; Tautulli uses FastAPI detail and invalid_api_key', async () => {
    const bad = await post('/api/stremio/connect', { email: 'a@b.c', password: 'wrong' });
    assert.deepEqual([bad.status, bad.body], [200, { ok: false, reason: 'invalid_credentials', error: 'Stremio rejected the credentials' }]);
    assert.equal((await post('/api/stremio/connect', { email: 'a@b.c', password: 'pw' })).body.ok, true);
    assert.equal((await call('/api/stremio/status?verify=1')).body.connected, true);

    const noKey = await post('/api/tautulli/save', { server_url: 'http://t.lan:8181' });
    assert.deepEqual([noKey.status, noKey.body], [400, { detail: 'api_key required' }]);
    const noUrl = await post('/api/tautulli/save', { api_key: 'k' });
    assert.deepEqual([noUrl.status, noUrl.body], [400, { detail: 'server_url required' }]);
    const invalid = await post('/api/tautulli/save', { server_url: 'http://t.lan:8181', api_key: 'badkey' });
    assert.deepEqual([invalid.status, invalid.body], [200, { ok: false, error: 'invalid_api_key' }]);
    const ok = await post('/api/tautulli/save', { server_url: 'http://t.lan:8181', api_key: 'goodkey', user_id: '7' });
    assert.deepEqual(ok.body, { ok: true, server_url: 'http://t.lan:8181', has_key: true, instance: 'default' });
    const again = await post('/api/tautulli/save', { server_url: 'http://t.lan:8181', api_key: MASK });
    assert.equal(again.body.ok, true, 'a masked key reuses the stored one');
    const c = await config();
    assert.equal(c.tautulli.api_key, MASK);
    assert.equal(c.tautulli.history.user_id, '7');
    assert.deepEqual((await call('/api/tautulli/status')).body, { connected: true });
  });

  it('Floppy, PublicMetaDB, TMDb, Scrob, MDBList key and CrossWatch local connect', async () => {
    assert.deepEqual((await post('/api/floppy/save', { server_url: 'http://f.lan', api_token: 'bad' })).body, { ok: false, error: 'invalid_api_token' });
    const floppy = await post('/api/floppy/save', { server_url: 'http://f.lan', api_token: 'tok', verify_ssl: false });
    assert.deepEqual(floppy.body, { ok: true, server_url: 'http://f.lan', has_token: true, verify_ssl: false, instance: 'default' });
    assert.deepEqual((await post('/api/publicmetadb/save', { api_key: 'invalid' })).body, { ok: false, error: 'invalid_api_key' });
    assert.equal((await post('/api/publicmetadb/save', { api_key: 'pm-abc' })).body.ok, true);
    assert.deepEqual((await call('/api/publicmetadb/status')).body, { connected: true });
    assert.equal((await post('/api/tmdb/save', { api_key: 'Bearer xyz' })).body.valid, false);
    assert.equal((await post('/api/tmdb/save', { api_key: 'a'.repeat(32) })).body.valid, true);
    const totp = await post('/api/scrob/save', { server_url: 'http://s.lan', api_key: 'k', username: 'totpuser', password: 'pw' });
    assert.deepEqual(totp.body, { ok: false, error: 'totp_required', requires_2fa: true });
    const validate = await call('/api/scrob/save?validate_only=1', { method: 'POST', body: { server_url: 'http://s.lan', api_key: 'k', username: 'me', password: 'pw' } });
    assert.equal(validate.body.password, 'pw', 'CrossWatch echoes secrets on validate_only');
    assert.equal((backend.rawConfig().scrob as Record<string, unknown>).api_key, '', 'validate_only stores nothing');
    assert.deepEqual((await post('/api/mdblist/save', { auth_method: 'api_key', api_key: 'wrong' })).body, { ok: false, error: 'invalid_api_key' });
    assert.deepEqual((await post('/api/mdblist/save', { auth_method: 'api_key', api_key: 'k1' })).body, { ok: true, auth_method: 'api_key', instance: 'default' });
    assert.deepEqual((await post('/api/crosswatch/connect')).body, { ok: true, instance: 'default' });
    assert.equal((await config()).crosswatch.connected, true);
  });
});

describe('disconnect, 409 provider_in_use, profiles, instances', () => {
  it('token/delete for Plex/Trakt/SIMKL/AniList/Jellyfin/Emby, /disconnect for the rest', async () => {
    backend.connect('plex', 'alice');
    await post('/api/config', { plex: { server_url: 'http://pms:32400' } });
    assert.equal((await post('/api/plex/disconnect')).status, 404);
    assert.deepEqual((await post('/api/plex/token/delete')).body, { ok: true, instance: 'default' });
    const c = await config();
    assert.equal(c.plex.account_token, '');
    assert.equal(c.plex.server_url, '', 'Plex delete resets the whole profile block');
    backend.connect('kodi');
    assert.equal((await post('/api/kodi/token/delete')).status, 404);
    assert.deepEqual((await post('/api/kodi/disconnect')).body, { ok: true, instance: 'default' });
    assert.equal((await call('/api/kodi/status')).body.connected, false);
    backend.connect('trakt');
    await post('/api/config', { trakt: { client_id: 'abc', client_secret: 'xyz' } });
    await post('/api/trakt/token/delete');
    const t = (await config()).trakt;
    assert.equal(t.access_token, '');
    assert.equal(t.client_id, 'abc', 'Trakt keeps its app keys');
  });

  it('answers 409 provider_in_use (top-level error, message, usages) while a profile is used', async () => {
    const used = createCrossWatchBackend({ inUse: [{ provider: 'trakt' }] });
    const s2 = await startMockServer({ backend: used, port: 0 });
    try {
      const res = await fetch(`${s2.url}/api/trakt/token/delete`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      assert.equal(res.status, 409);
      assert.deepEqual(await res.json(), {
        ok: false,
        error: 'provider_in_use',
        provider: 'trakt',
        instance: 'default',
        usages: [{ feature: 'sync_pair', role: 'source', pair_id: 'p1', enabled: true, label: 'Sync pair p1' }],
        message:
          'Cannot delete Trakt connection because it is used by Sync pair p1 (source). Remove this profile from Sync pairs, Watcher, or Webhooks first.',
      });
    } finally {
      await s2.close();
    }
    // Sync pairs in the config count too, per profile.
    await post('/api/config', { pairs: [{ id: 'p7', source: 'SIMKL', target: 'PLEX', target_instance: 'PLEX-P01', enabled: false }] });
    const simkl = await post('/api/simkl/token/delete');
    assert.equal(simkl.status, 409);
    assert.equal(simkl.body.usages[0].pair_id, 'p7');
    assert.equal((await post('/api/plex/token/delete')).status, 200, 'the pair uses PLEX-P01, not default');
    await post('/api/provider-instances/plex/next');
    const del = await call('/api/provider-instances/plex/PLEX-P01', { method: 'DELETE' });
    assert.equal(del.status, 409);
    assert.equal(del.body.usages[0].role, 'target');
    backend.faults.add({ fault: 'in_use', provider: 'kodi', times: 1 });
    assert.equal((await post('/api/kodi/disconnect')).status, 409);
    assert.equal((await post('/api/kodi/disconnect')).status, 200);
  });

  it('profiles: list, create (max 10), rename (12 chars), delete', async () => {
    assert.deepEqual((await call('/api/provider-instances/trakt')).body, [
      { id: 'default', uid: 'trakt:default', label: '', friendly_label: 'Default', display_label: 'Default', configured: false },
    ]);
    assert.deepEqual((await post('/api/provider-instances/trakt/next')).body, { ok: true, id: 'TRAKT-P01' });
    const renamed = await call('/api/provider-instances/trakt/TRAKT-P01', { method: 'PATCH', body: { label: 'Kids profile with a long name' } });
    assert.deepEqual(renamed.body, { ok: true, id: 'TRAKT-P01', label: 'Kids profile' });
    const list = (await call('/api/provider-instances/trakt')).body;
    assert.equal(list.length, 2);
    assert.deepEqual({ ...list[1], uid: undefined }, { id: 'TRAKT-P01', uid: undefined, label: 'Kids profile', friendly_label: 'P01', display_label: 'Kids profile', configured: false });
    for (let n = 2; n <= 10; n++) {
      assert.equal((await post('/api/provider-instances/trakt/next')).body.id, `TRAKT-P${String(n).padStart(2, '0')}`);
    }
    assert.deepEqual((await post('/api/provider-instances/trakt/next')).body, { ok: false, error: 'profile_limit_reached' });
    assert.deepEqual((await call('/api/provider-instances/trakt/TRAKT-P03', { method: 'DELETE' })).body, { ok: true, id: 'TRAKT-P03' });
    assert.equal((await post('/api/provider-instances/trakt/next')).body.id, 'TRAKT-P03', 'the freed id is reused');
    assert.equal((await call('/api/provider-instances/trakt/default', { method: 'DELETE' })).status, 400);
    assert.equal((await call('/api/provider-instances/trakt/TRAKT-P99', { method: 'DELETE' })).status, 404);
    assert.equal((await call('/api/provider-instances/nope')).status, 404);
  });

  it('?instance= scopes every route to cfg[prov].instances[id]', async () => {
    await post('/api/provider-instances/trakt/next');
    const pin = await post('/api/trakt/pin/new?instance=TRAKT-P01', { client_id: 'kid', client_secret: 'ksecret' });
    assert.equal(pin.body.ok, true);
    assert.deepEqual((await post('/api/trakt/pin/new')).body, { ok: false, error: 'internal' }, 'default has no keys');
    await approve('trakt', pin.body.user_code);
    const c = await config();
    assert.equal(c.trakt.access_token, '');
    assert.equal(c.trakt.instances['TRAKT-P01'].client_id, 'kid');
    assert.equal(c.trakt.instances['TRAKT-P01'].client_secret, MASK);
    assert.equal(c.trakt.instances['TRAKT-P01'].access_token, MASK);
    const list = (await call('/api/provider-instances/trakt')).body;
    assert.deepEqual(list.map((p: { id: string; configured: boolean }) => [p.id, p.configured]), [['default', false], ['TRAKT-P01', true]]);

    await post('/api/provider-instances/jellyfin/next');
    await post('/api/jellyfin/login?instance=JELLYFIN-P01', { server: 'http://jf2.lan', username: 'kid' });
    assert.equal((await call('/api/jellyfin/status?instance=JELLYFIN-P01')).body.connected, true);
    assert.equal((await call('/api/jellyfin/status')).body.connected, false);
    await post('/api/jellyfin/token/delete?instance=JELLYFIN-P01');
    assert.equal((await call('/api/jellyfin/status?instance=JELLYFIN-P01')).body.connected, false);
  });
});

describe('aggregate status and fault injection', () => {
  it('GET /api/status is cached for 60 s; ?fresh=1 probes again', async () => {
    const first = (await call('/api/status')).body;
    assert.equal(first.trakt_connected, false);
    assert.equal(first.providers.TRAKT.instances.default.probed, true);
    backend.connect('trakt');
    assert.equal((await call('/api/status')).body.trakt_connected, false, 'still the cached answer');
    assert.equal((await call('/api/status?fresh=1')).body.trakt_connected, true);
    backend.connect('plex');
    backend.advanceClock(61_000);
    const later = (await call('/api/status')).body;
    assert.equal(later.plex_connected, true);
    assert.equal(later.can_run, true);
  });

  it('injects CrossWatch-shaped faults by rule, header and control route', async () => {
    backend.faults.add({ fault: 'http_500', route: '/api/config', times: 1 });
    const r500 = await call('/api/config');
    assert.deepEqual([r500.status, r500.text], [500, 'Internal Server Error']);
    const html = await call('/api/auth/providers', { headers: { 'x-mock-fault': 'html_error' } });
    assert.equal(html.status, 502);
    assert.match(html.text, /<title>502 Bad Gateway<\/title>/);
    const malformed = await call('/api/simkl/pin/poll?mock_fault=malformed_json', { method: 'POST', body: {} });
    assert.equal(malformed.body, undefined);
    await assert.rejects(fetch(`${base}/api/config`, { headers: { 'x-mock-fault': 'network' } }));
    const ctl = await post('/mock/control/faults', { fault: 'slow_down_storm', provider: 'mdblist' });
    assert.equal(ctl.body.ok, true);
    await post('/api/mdblist/device/start');
    assert.deepEqual((await post('/api/mdblist/device/poll')).body, { ok: false, status: 'slow_down' });
    assert.equal((await post('/api/mdblist/device/start')).body.ok, true, 'slow_down_storm only hits poll routes');
    await call('/mock/control/faults', { method: 'DELETE' });
    assert.deepEqual((await post('/api/mdblist/device/poll')).body, { ok: false, status: 'authorization_pending' });
    const setup = await call('/api/config', { headers: { 'x-mock-fault': 'setup_required' } });
    assert.deepEqual([setup.status, setup.body], [403, { ok: false, error: 'Authentication setup required' }]);
    const unknown = await post('/mock/control/faults', { fault: 'nope' });
    assert.equal(unknown.status, 400);
  });

  it('reset() restores the fresh config and forgets flows and faults', async () => {
    await post('/api/config', { trakt: { client_id: 'abc' } });
    backend.faults.add({ fault: 'http_500' });
    assert.equal((await post('/mock/control/reset')).body.ok, true);
    assert.deepEqual(await config(), fixture('config-fresh'));
    const snap = (await call('/mock/control/state')).body;
    assert.deepEqual(snap.faults, []);
    assert.deepEqual(snap.deviceFlows, []);
  });
});
