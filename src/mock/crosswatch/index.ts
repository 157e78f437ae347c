/**
 * A mock backend that behaves like CrossWatch v0.11.3's real API (crosswatch-api.md), so the
 * widget, flows and e2e tests run against CrossWatch's shapes as well as against our contract.
 * Same shape as the contract mock (`MockBackend`), served by the same `startMockServer`; it sets
 * `cors: false` because CrossWatch sends no CORS headers. See docs/crosswatch.md.
 */
import { http, type RequestHandler } from 'msw';
import type { ActiveFault, DecisionResult, FaultControl, MockBackend, MockSnapshot } from '../types.js';
import { clone, isObject, redactConfig, type JsonObject } from './config.js';
import { registerCoreRoutes } from './core.js';
import { registerCredentialRoutes } from './credentials.js';
import { registerDeviceRoutes, NUVIO_PROFILES } from './devices.js';
import type { MockEnv } from './env.js';
import {
  classify,
  faultResponse,
  FaultList,
  parseFaultSpec,
  type CrossWatchActiveFault,
  type CrossWatchFaultRule,
} from './faults.js';
import {
  BodyError,
  bodyReader,
  html,
  invalidJson,
  json,
  methodNotAllowed,
  missingBody,
  notAnObject,
  notFound,
  parseCookies,
  redirect,
  Router,
  text,
  type RequestContext,
} from './http.js';
import { registerOAuthRoutes, storeOAuthToken } from './oauth.js';
import { activationPage, activationResultPage, DEVICE_PROVIDERS, loginPage } from './pages.js';
import { mockRules } from './rules.js';
import { CrossWatchState, randomHex, type Usage } from './state.js';
import { isConnected, PROVIDERS, registerStatusRoutes } from './status.js';

export type { CrossWatchFaultRule, CrossWatchActiveFault, CrossWatchFaultKind } from './faults.js';
export { CROSSWATCH_FAULT_KINDS, ALL_FAULT_KINDS } from './faults.js';
export { MASK, redactConfig, mergeConfig, looksSensitive, isBlankSecret } from './config.js';
export { mockRules } from './rules.js';

export interface CrossWatchBackendOptions {
  /** Clock in epoch ms; defaults to Date.now. */
  now?: () => number;
  /**
   * The auth gate on /api/*. `none` (default): open, like a test instance with auth off.
   * `cookie`: the `cw_auth` session cookie or an API token, plus CrossWatch's Origin check on
   * cookie-authenticated unsafe methods. `token`: only an API token (`Authorization: Bearer` or
   * `X-CW-Token`) is accepted.
   */
  requireAuth?: 'none' | 'cookie' | 'token';
  /** The accepted API token. Default `cwt_mock_token`. */
  apiToken?: string;
  /** A `cw_auth` value accepted besides the ones /mock/login hands out. Default `mock-session`. */
  sessionCookie?: string;
  /** `mock` (default): verification/authorize URLs point at this server's pages. `real`: CrossWatch's. */
  verificationUrls?: 'mock' | 'real';
  /** Profiles that are "in use" from the start (disconnect/delete answer 409). */
  inUse?: Array<{ provider: string; instance?: string; usages?: Usage[] }>;
  /** Raw config (secrets in clear) merged over config-fresh.json; restored by reset(). */
  config?: JsonObject;
  /** Fault rules active from the start (and after reset()). */
  faults?: CrossWatchFaultRule[];
  /** Delay every answer by this many ms. Default 0. */
  latencyMs?: number;
  /** `false`: `GET /api/provider-instances` and `GET /api/status` answer 404 (see MockEnv.aggregates). */
  aggregates?: boolean;
}

/** The contract mock's FaultControl, also taking the CrossWatch-only kinds. */
export interface CrossWatchFaultControl extends FaultControl {
  add(rule: CrossWatchFaultRule): string;
  /** The active rules; `fault` may also be a CrossWatch-only kind. */
  list(): ActiveFault[];
  listAll(): CrossWatchActiveFault[];
}

export interface CrossWatchBackend extends MockBackend {
  readonly flavor: 'crosswatch';
  /** CrossWatch sends no CORS headers; startMockServer must not add any. */
  readonly cors: false;
  readonly faults: CrossWatchFaultControl;
  /** The `cw_auth` cookie value and API token this backend accepts. */
  readonly credentials: { sessionCookie: string; apiToken: string };
  /** The current gate; tests may switch it without a new backend. */
  setRequireAuth(mode: 'none' | 'cookie' | 'token'): void;
  /** Stores a token as if the provider had been connected, for one profile. */
  connect(provider: string, account?: string, instance?: string): void;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ACCOUNT_DEFAULT = 'mockuser';

export function createCrossWatchBackend(options: CrossWatchBackendOptions = {}): CrossWatchBackend {
  const baseNow = options.now ?? (() => Date.now());
  let clockOffsetMs = 0;
  let latencyMs = options.latencyMs ?? 0;
  let requireAuth = options.requireAuth ?? 'none';
  const apiToken = options.apiToken ?? 'cwt_mock_token';
  const sessionCookie = options.sessionCookie ?? 'mock-session';
  const now = () => baseNow() + clockOffsetMs;

  const faults = new FaultList();
  const s = new CrossWatchState(now);
  const router = new Router();
  const env: MockEnv = { s, rules: mockRules, verificationUrls: options.verificationUrls ?? 'mock', aggregates: options.aggregates !== false };

  function initialState(state: CrossWatchState): void {
    state.reset();
    if (options.config) {
      // A plain deep merge: seeded secrets are stored as given.
      const merge = (target: JsonObject, src: JsonObject) => {
        for (const [k, v] of Object.entries(src)) {
          if (isObject(v) && isObject(target[k])) merge(target[k] as JsonObject, v);
          else target[k] = clone(v);
        }
      };
      merge(state.config, options.config);
    }
    state.inUse = (options.inUse ?? []).map((u) => ({ ...u }));
  }

  function reset(): void {
    initialState(s);
    clockOffsetMs = 0;
    latencyMs = options.latencyMs ?? 0;
    requireAuth = options.requireAuth ?? 'none';
    faults.clear();
    for (const rule of options.faults ?? []) faults.add(rule);
  }
  reset();

  registerCoreRoutes(router, env);
  registerStatusRoutes(router, env);
  registerDeviceRoutes(router, env);
  registerOAuthRoutes(router, env);
  registerCredentialRoutes(router, env);

  // ---- Auth gate (crosswatch.py app_auth_gate + _unsafe_api_origin_blocked)
  function authenticate(request: Request, cookies: Record<string, string>): 'cookie' | 'token' | null {
    const auth = request.headers.get('authorization') ?? '';
    const bearer = /^bearer\s+(.+)$/i.exec(auth)?.[1]?.trim() ?? request.headers.get('x-cw-token')?.trim();
    if (bearer && bearer === apiToken) return 'token';
    if (requireAuth === 'token') return null;
    const session = cookies['cw_auth'];
    if (session && (session === sessionCookie || s.sessions.has(session))) return 'cookie';
    return null;
  }

  function sameOrigin(request: Request, url: URL): boolean {
    const host = (request.headers.get('host') || url.host).toLowerCase();
    const allowed = [`http://${host}`, `https://${host}`];
    const origin = request.headers.get('origin');
    if (origin) return allowed.includes(origin.toLowerCase());
    const referer = request.headers.get('referer') || request.referrer;
    if (!referer) return false;
    // A Request built in the page itself (msw's fetch interception) has the "current client" referrer.
    if (referer === 'about:client') {
      const loc = (globalThis as { location?: { host?: string } }).location;
      return typeof loc?.host === 'string' && loc.host.toLowerCase() === host;
    }
    try {
      return allowed.includes(new URL(referer).origin.toLowerCase());
    } catch {
      return false;
    }
  }

  function context(request: Request, url: URL, cookies: Record<string, string>, params: Record<string, string>): RequestContext {
    const read = bodyReader(request);
    return {
      request,
      url,
      method: request.method.toUpperCase(),
      path: url.pathname,
      params,
      query: url.searchParams,
      instance: url.searchParams.get('instance')?.trim() || 'default',
      origin: url.origin,
      cookies,
      body: read,
      async requiredBody() {
        const body = await read();
        if (body === undefined) throw new BodyError('missing');
        if (!isObject(body)) throw new BodyError('dict_type');
        return body as Record<string, unknown>;
      },
      async optionalBody() {
        const body = await read();
        return isObject(body) ? (body as Record<string, unknown>) : {};
      },
    };
  }

  const sleep = (ms: number, signal?: AbortSignal) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(done, ms);
          function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
          }
          signal?.addEventListener('abort', done, { once: true });
        });

  async function run(ctx: RequestContext, handler: (c: RequestContext) => Response | Promise<Response>): Promise<Response> {
    try {
      return await handler(ctx);
    } catch (error) {
      if (error instanceof BodyError) {
        return error.kind === 'missing' ? missingBody() : error.kind === 'dict_type' ? notAnObject() : invalidJson();
      }
      // uvicorn's answer to an unhandled exception.
      return text('Internal Server Error', 500);
    }
  }

  async function dispatch(request: Request, mswCookies: Record<string, string>): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    const method = request.method.toUpperCase();
    const cookies = { ...parseCookies(request.headers.get('cookie')), ...mswCookies };

    if (path === '/mock' || path.startsWith('/mock/')) return mockRoute(request, url, cookies);

    const isApi = path === '/api' || path.startsWith('/api/');
    if (isApi && requireAuth !== 'none') {
      const via = authenticate(request, cookies);
      if (!via) return json({ ok: false, error: 'Unauthorized' }, 401);
      if (via === 'cookie' && UNSAFE.has(method) && !sameOrigin(request, url)) {
        return json({ ok: false, error: 'Origin mismatch' }, 403);
      }
    }

    const info = classify(method, path);
    let oneOff: CrossWatchFaultRule[];
    try {
      oneOff = parseFaultSpec(request.headers.get('x-mock-fault') ?? url.searchParams.get('mock_fault'));
    } catch (error) {
      return json({ detail: error instanceof Error ? error.message : String(error) }, 400);
    }
    const picked = faults.pick(oneOff, info);
    await sleep(latencyMs + picked.latencyMs, request.signal);
    const instance = url.searchParams.get('instance')?.trim() || 'default';
    if (picked.fault) return faultResponse(picked.fault, info, instance);

    const match = router.match(method, path);
    if (match === 'method') return methodNotAllowed();
    if (!match) return notFound();
    return run(context(request, url, cookies, match.params), match.handler);
  }

  // ---- /mock/*: person-facing pages and test controls (outside the gate, like /callback).
  async function mockRoute(request: Request, url: URL, cookies: Record<string, string>): Promise<Response> {
    const ctx = context(request, url, cookies, {});
    const method = ctx.method;
    const path = url.pathname.replace(/\/+$/, '') || '/mock';
    return run(ctx, async () => {
      if (path === '/mock' && method === 'GET') return html(indexHtml());
      if (path === '/mock/activate' && method === 'GET') {
        return html(activationPage(url.searchParams.get('provider') ?? '', url.searchParams.get('code') ?? ''));
      }
      if (path === '/mock/activate' && method === 'POST') {
        const body = await ctx.optionalBody();
        const decision = body['decision'] === 'deny' ? 'deny' : 'approve';
        const provider = typeof body['provider'] === 'string' && body['provider'] ? alias(body['provider']) : undefined;
        const code = typeof body['code'] === 'string' ? body['code'] : '';
        if (!code.trim()) return html(activationResultPage(false, decision, 'unknown_code'), 400);
        const account = typeof body['account'] === 'string' ? body['account'].trim() || undefined : undefined;
        const r = s.decide(provider, code, decision, account);
        const status = r.ok ? 200 : r.reason === 'unknown_code' ? 404 : r.reason === 'expired' ? 410 : 409;
        return html(activationResultPage(r.ok, decision, r.reason), status);
      }
      if (path === '/mock/login' && method === 'GET') return html(loginPage(safeNext(url.searchParams.get('next'))));
      if (path === '/mock/login' && method === 'POST') {
        const body = await ctx.optionalBody();
        const session = `sess-${randomHex(24)}`;
        s.sessions.add(session);
        const cookie = `cw_auth=${session}; Path=/; HttpOnly; SameSite=Lax`;
        const next = safeNext(typeof body['next'] === 'string' ? body['next'] : url.searchParams.get('next'));
        if ((request.headers.get('accept') ?? '').includes('application/json')) {
          return json({ ok: true }, 200, { 'set-cookie': cookie });
        }
        const res = redirect(next, 303);
        res.headers.set('set-cookie', cookie);
        return res;
      }
      if (path === '/mock/logout' && method === 'POST') {
        if (cookies['cw_auth']) s.sessions.delete(cookies['cw_auth']);
        return json({ ok: true }, 200, { 'set-cookie': 'cw_auth=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax' });
      }
      // Test controls: the contract mock's routes and bodies (docs/mock.md).
      if (path.startsWith('/mock/control/')) return control(path.slice('/mock/control/'.length), method, ctx);
      // The consent page lives in the OAuth module's routes.
      const match = router.match(method, path);
      if (match && match !== 'method') return match.handler({ ...ctx, params: match.params });
      return notFound();
    });
  }

  async function control(name: string, method: string, ctx: RequestContext): Promise<Response> {
    const bad = (message: string, status = 400) =>
      json({ ok: false, error: { code: status === 404 ? 'no_pending_flow' : 'invalid_request', message } }, status);
    const body = method === 'POST' ? await ctx.optionalBody() : {};
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    switch (`${method} ${name}`) {
      case 'GET state':
        return json(backend.snapshot());
      case 'POST reset':
        backend.reset();
        return json({ ok: true });
      case 'GET faults':
        return json(faults.list());
      case 'POST faults': {
        const raw = await ctx.body();
        try {
          const ids = (Array.isArray(raw) ? raw : [raw]).map((rule) => faults.add(rule as CrossWatchFaultRule));
          return json({ ok: true, id: ids[0], ids, faults: faults.list() });
        } catch (error) {
          return bad((error as Error).message);
        }
      }
      case 'DELETE faults':
      case 'POST faults/clear': {
        const cleared = faults.list().length;
        faults.clear();
        return json({ ok: true, cleared });
      }
      case 'POST in-use': {
        const provider = str(body['provider']);
        if (!provider) return bad('provider required');
        const inUse = body['in_use'] !== false && body['usages'] !== false;
        setInUse(provider, inUse ? (Array.isArray(body['usages']) ? (body['usages'] as Usage[]) : undefined) : false, str(body['instance']));
        return json({ ok: true, provider: alias(provider), in_use: inUse });
      }
      case 'POST device': {
        const provider = str(body['provider']);
        if (!provider) return bad('provider required');
        if (body['decision'] !== 'approve' && body['decision'] !== 'deny') return bad('decision must be "approve" or "deny".');
        const r = decideDevice(provider, body['decision'], { code: str(body['code']), account: str(body['account']) });
        return r.ok ? json(r) : bad(r.message, 404);
      }
      case 'POST oauth': {
        if (body['decision'] !== 'allow' && body['decision'] !== 'deny') return bad('decision must be "allow" or "deny".');
        const r = backend.decideOAuth(String(body['provider'] ?? ''), body['decision'], { account: str(body['account']) });
        return r.ok ? json(r) : bad(r.message, 404);
      }
      case 'POST connect': {
        const provider = str(body['provider']);
        if (!provider) return bad('provider required');
        connect(provider, str(body['account']), str(body['instance']));
        return json({ ok: true, provider: alias(provider) });
      }
      case 'POST clock': {
        const ms = typeof body['advance_ms'] === 'number' ? body['advance_ms'] : typeof body['advance_s'] === 'number' ? body['advance_s'] * 1000 : NaN;
        if (!Number.isFinite(ms)) return bad('Send {"advance_s": n} or {"advance_ms": n}.');
        clockOffsetMs += ms;
        return json({ ok: true, now: now() });
      }
      case 'POST latency': {
        const ms = body['ms'];
        if (typeof ms !== 'number' || !(ms >= 0)) return bad('Send {"ms": n} with n ≥ 0.');
        latencyMs = ms;
        return json({ ok: true, latency_ms: ms });
      }
      case 'POST auth': {
        const mode = body['require_auth'];
        if (mode !== 'none' && mode !== 'cookie' && mode !== 'token') return bad('require_auth must be "none", "cookie" or "token".');
        requireAuth = mode;
        return json({ ok: true, require_auth: mode });
      }
    }
    const faultId = /^faults\/([^/]+)$/.exec(name)?.[1];
    if (faultId && method === 'DELETE') {
      return faults.remove(decodeURIComponent(faultId)) ? json({ ok: true }) : bad('No such fault.', 404);
    }
    return notFound();
  }

  /** Only same-site relative paths: no open redirect from the login page. */
  function safeNext(next: string | null | undefined): string {
    return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
  }

  const alias = (prov: string) => (prov.toLowerCase() === 'tmdb' ? 'tmdb_sync' : prov.toLowerCase());

  function indexHtml(): string {
    const links = Object.entries(DEVICE_PROVIDERS)
      .map(([id, label]) => `<li><a href="/mock/activate?provider=${id}">Activate: ${label.replace(/[<>&"]/g, '')}</a></li>`)
      .join('');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CrossWatch mock</title></head><body><main>
<h1>CrossWatch-flavoured mock backend</h1>
<p>Behaves like CrossWatch v0.11.3's API. See docs/crosswatch.md.</p>
<ul><li><a href="/api/auth/providers">GET /api/auth/providers</a></li><li><a href="/api/config">GET /api/config</a></li>
<li><a href="/mock/control/state">GET /mock/control/state</a></li><li><a href="/mock/login">Sign in (cw_auth cookie)</a></li>${links}</ul>
</main></body></html>`;
  }

  function setInUse(provider: string, usages?: Usage[] | false, instance = 'default'): void {
    const prov = alias(provider);
    s.inUse = s.inUse.filter((u) => !(alias(u.provider) === prov && (u.instance ?? 'default') === instance));
    if (usages !== false) s.inUse.push({ provider: prov, instance, ...(usages ? { usages } : {}) });
  }

  function decideDevice(provider: string, decision: 'approve' | 'deny', opts: { code?: string; account?: string } = {}): DecisionResult {
    const prov = alias(provider);
    const r = s.decide(prov, opts.code, decision, opts.account);
    const messages: Record<string, string> = {
      unknown_code: `No pending ${prov} code${opts.code ? ` ${opts.code}` : ''}.`,
      expired: 'The code has expired.',
    };
    return {
      ok: r.ok,
      message: r.ok
        ? decision === 'approve' ? 'Device approved.' : 'Request denied.'
        : messages[r.reason ?? ''] ?? `The code is ${String(r.reason).replace('already_', 'already ')}.`,
      provider: prov,
      ...(r.grant ? { userCode: r.grant.code } : {}),
      ...(r.grant?.account ? { account: r.grant.account } : {}),
    };
  }

  function connect(provider: string, account: string = ACCOUNT_DEFAULT, instance: string = 'default'): void {
    const prov = alias(provider);
    const b = s.writable(prov, instance);
    const epoch = s.epoch();
    const token = (p: string) => `${p}-${randomHex(32)}`;
    const seeds: Record<string, JsonObject> = {
      plex: { account_token: token('plex'), username: account, account_id: '12345678' },
      trakt: { access_token: token('trakt'), refresh_token: token('trakt-r'), expires_at: epoch + 86_400 },
      simkl: { access_token: token('simkl'), auth_method: 'pin' },
      anilist: { access_token: token('anilist'), user: { id: 424242, name: account } },
      tmdb_sync: { api_key: randomHex(32), session_id: randomHex(40), account_id: '8675309' },
      tmdb: { api_key: randomHex(32) },
      mdblist: { access_token: token('mdb'), refresh_token: token('mdb-r'), expires_at: epoch + 86_400, auth_method: 'device_code', username: account },
      publicmetadb: { api_key: `pm-${randomHex(24)}` },
      punchplay: { access_token: token('pp'), refresh_token: token('pp-r'), expires_at: epoch + 86_400, username: account, user_id: '4711' },
      bingebase: { access_token: token('bb'), webhook_url: `https://bingebase.com/webhooks/kodi/${randomHex(16)}`, username: account, user_id: '99' },
      floppy: { server_url: 'http://floppy.lan:8000', api_token: token('floppy') },
      scrob: { server_url: 'http://scrob.lan:7330', api_key: token('scrob'), username: account, password: 'secret', access_token: token('scrob-s') },
      nuvio: { access_token: token('nuvio'), refresh_token: token('nuvio-r'), expires_at: epoch + 3600, profile_id: NUVIO_PROFILES[0]!.profile_id, profile_name: NUVIO_PROFILES[0]!.name },
      kodi: { server: 'http://kodi.lan:8080', username: '', auth_method: 'none', kodi_version: '21.1', jsonrpc_version: '13.5.0', connection_verified: true },
      stremio: { auth_key: token('stremio') },
      jellyfin: { server: 'http://jellyfin.lan:8096', access_token: token('jf'), user_id: randomHex(32), username: account, user: account, server_version: '10.10.3', auth_method: 'password' },
      emby: { server: 'http://emby.lan:8096', access_token: token('emby'), user_id: randomHex(32), username: account, user: account },
      tautulli: { server_url: 'http://tautulli.lan:8181', api_key: randomHex(32) },
      crosswatch: { connected: true },
    };
    Object.assign(b, seeds[prov] ?? { access_token: token(prov) });
  }

  function accountOf(b: JsonObject | undefined): string | undefined {
    if (!b) return undefined;
    const user = b['user'];
    const candidates = [b['username'], isObject(user) ? user['name'] : user, b['profile_name']];
    const found = candidates.find((c) => typeof c === 'string' && c !== '');
    return typeof found === 'string' ? found : undefined;
  }

  const resolver = async ({ request, cookies }: { request: Request; cookies: Record<string, string> }) =>
    dispatch(request, cookies);
  const handlers: RequestHandler[] = [
    http.all('*/api/*', resolver),
    http.all('*/callback', resolver),
    http.all('*/callback/*', resolver),
    http.all('*/mock', resolver),
    http.all('*/mock/*', resolver),
  ];

  const backend: CrossWatchBackend = {
    flavor: 'crosswatch',
    cors: false,
    handlers,
    credentials: { sessionCookie, apiToken },
    reset,
    now,
    faults: {
      add: (rule) => faults.add(rule),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      list: () => faults.list() as unknown as ActiveFault[],
      listAll: () => faults.list(),
    },
    setRequireAuth(mode) {
      requireAuth = mode;
    },
    setInUse(provider, usages) {
      setInUse(provider, usages === false ? false : (usages as Usage[] | undefined));
    },
    approveDevice: (provider, opts) => decideDevice(provider, 'approve', opts),
    denyDevice: (provider, opts) => decideDevice(provider, 'deny', opts),
    decideOAuth(provider, decision, opts = {}) {
      const prov = alias(provider);
      const entries = [...s.oauth.entries()].filter(([, e]) => e.provider === prov && e.expiresAt > now());
      const newest = entries[entries.length - 1];
      if (!newest) return { ok: false, message: `No pending ${prov} authorization.`, provider: prov };
      const [state] = newest;
      if (decision === 'deny') {
        s.oauth.delete(state);
        return { ok: true, message: 'Access denied.', provider: prov };
      }
      storeOAuthToken(s, state, opts.account);
      return { ok: true, message: `${prov} authorized.`, provider: prov, ...(opts.account ? { account: opts.account } : {}) };
    },
    connect,
    advanceClock(ms) {
      clockOffsetMs += ms;
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    rawConfig: () => clone(s.config),
    snapshot(): MockSnapshot {
      const providers: MockSnapshot['providers'] = {};
      for (const prov of PROVIDERS) {
        const b = s.block(prov, 'default');
        const account = accountOf(b);
        const expires = s.num(b, 'expires_at');
        providers[prov] = {
          connected: isConnected(s, prov, 'default'),
          ...(account ? { account } : {}),
          ...(expires ? { expires_at: expires } : {}),
          in_use: s.usagesOf(prov, 'default').length > 0,
        };
      }
      return {
        now: now(),
        clockOffsetMs,
        latencyMs,
        config: redactConfig(s.config),
        providers,
        deviceFlows: s.grants
          .filter((g) => g.status === 'pending' || g.status === 'approved')
          .map((g) => ({
            provider: g.provider,
            user_code: g.code,
            mode: g.provider === 'plex' || g.provider === 'trakt' ? ('server' as const) : ('poll' as const),
            state: g.status === 'pending' && now() >= g.expiresAt ? 'expired' : g.status,
            interval: g.provider === 'nuvio' ? 3 : g.provider === 'plex' ? 1 : 5,
            expires_at: Math.floor(g.expiresAt / 1000),
          })),
        oauthSessions: [...s.oauth.entries()].map(([state, e]) => ({
          provider: e.provider,
          state,
          origin: new URL(e.redirectUri).origin,
          expires_at: Math.floor(e.expiresAt / 1000),
        })),
        faults: faults.list() as unknown as MockSnapshot['faults'],
      };
    },
  };
  return backend;
}
