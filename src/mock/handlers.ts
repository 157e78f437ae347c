/**
 * The msw handlers: routes of our contract, CrossWatch's Emby routes, the person-facing pages and
 * the control routes. Order matters: the fault gate runs first for every /api request, the
 * specific Emby routes come before the generic `/api/:provider/…` ones, and a catch-all answers
 * unknown /api routes with a 404 envelope.
 */
import { HttpResponse, http, type RequestHandler } from 'msw';
import type { WireManifest, WireOk, WireUnsetResult } from '../api-client/wire.js';
import type { MockBackendImpl } from './backend.js';
import { unsetPaths } from './config.js';
import { activationPage, callbackPage, consentPage, indexPage, resultPage } from './pages.js';
import { PROVIDERS, findProvider, type ProviderDef, type ProviderKind } from './providers.js';
import type { FaultRule } from './types.js';
import { BadRequest, fail, guard, isRecord, ok, randomHex, readForm, readJsonObject, str, type JsonObject } from './util.js';

type Params = Record<string, string | readonly string[] | undefined>;

const originOf = (request: Request) => new URL(request.url).origin;

const KIND_HINT: Record<ProviderKind, (def: ProviderDef) => string> = {
  device: (d) => `${d.label} connects with a device code (POST /api/${d.id}/device/start).`,
  oauth: (d) => `${d.label} connects through OAuth (POST /api/${d.id}/authorize).`,
  credentials: (d) => `${d.label} connects with credentials (POST /api/${d.id}/connect).`,
  crosswatch_login: (d) => `${d.label} uses CrossWatch's routes (POST /api/${d.id}/login, GET /api/${d.id}/status, POST /api/${d.id}/token/delete).`,
};

/**
 * Resolves `:provider` for a generic route. Returns the provider, or the 404 to answer when the
 * provider is unknown or does not offer this kind of route.
 */
function providerFor(params: Params, kinds: ProviderKind[] | 'contract', what: string): ProviderDef | Response {
  const id = String(params.provider ?? '');
  const def = findProvider(id);
  if (!def) {
    return fail(404, 'unknown_provider', `There is no provider "${id}". Known: ${PROVIDERS.map((p) => p.id).join(', ')}.`);
  }
  const allowed = kinds === 'contract' ? def.kind !== 'crosswatch_login' : kinds.includes(def.kind);
  if (!allowed) return fail(404, 'not_found', `${def.label} has no ${what} route. ${KIND_HINT[def.kind](def)}`);
  return def;
}

/** Control bodies may be empty (curl -X POST); anything present must be a JSON object. */
async function readControlBody(request: Request): Promise<JsonObject> {
  const text = await request.text();
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequest('The control body is not valid JSON.');
  }
  if (!isRecord(parsed)) throw new BadRequest('The control body must be a JSON object.');
  return parsed;
}

export function buildHandlers(backend: MockBackendImpl): RequestHandler[] {
  const api: RequestHandler[] = [
    // Fault injection and latency for every /api request; falls through when nothing applies.
    http.all('*/api/*', ({ request }) => backend.gate(request)),

    http.get('*/api/auth/providers', ({ request }) => {
      const origin = originOf(request);
      return ok(backend.listed(origin).map((p) => p.manifest) as WireManifest[]);
    }),

    // Before `/api/:provider/status`, which would read "auth" as a provider.
    http.get('*/api/auth/status', ({ request }) =>
      backend.answersStatusAll ? ok(backend.statusAll(originOf(request))) : fail(404, 'not_found', 'This backend has no GET /api/auth/status; ask GET /api/{provider}/status.'),
    ),

    http.get('*/api/config', () => ok(backend.maskedConfig())),
    http.post('*/api/config', ({ request }) =>
      guard(async () => {
        backend.saveConfig(await readJsonObject(request));
        const body: WireOk = { ok: true };
        return ok(body);
      }),
    ),
    http.post('*/api/config/unset', ({ request }) =>
      guard(async () => {
        const { paths } = await readJsonObject(request);
        const segmentList = (p: unknown) => Array.isArray(p) && p.length > 0 && p.every((s) => typeof s === 'string' && s !== '');
        if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => (typeof p === 'string' && p.trim()) || segmentList(p))) {
          throw new BadRequest('paths must be a non-empty array of dotted config paths (or segment lists), e.g. ["trakt.client_secret"].', 'paths');
        }
        const body: WireUnsetResult = { ok: true, ...unsetPaths(backend.config, paths as Array<string | string[]>) };
        return ok(body);
      }),
    ),

    // ── CrossWatch's Emby routes (EMBY is declared exactly as CrossWatch sends it) ──
    http.post('*/api/emby/login', async ({ request }) => {
      let body: JsonObject;
      try {
        body = await readJsonObject(request);
      } catch {
        // FastAPI's answer to a missing or unparsable body.
        return HttpResponse.json(
          { detail: [{ loc: ['body'], msg: 'field required', type: 'value_error.missing' }] },
          { status: 422 },
        );
      }
      return backend.embyLogin(body);
    }),
    http.get('*/api/emby/status', () => backend.embyStatus()),
    http.post('*/api/emby/token/delete', () => {
      const def = findProvider('emby')!;
      return backend.disconnect(def) ?? HttpResponse.json({ ok: true, instance: 'default' });
    }),

    // ── device code ──
    http.post('*/api/:provider/device/start', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, ['device'], 'device-code');
        if (def instanceof Response) return def;
        await readJsonObject(request);
        return backend.startDevice(def, originOf(request), 'poll');
      }),
    ),
    http.post('*/api/:provider/device/poll', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, ['device'], 'device-code');
        if (def instanceof Response) return def;
        await readJsonObject(request);
        return backend.pollDevice(def);
      }),
    ),
    http.post('*/api/:provider/device/cancel', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, ['device'], 'device-code');
        if (def instanceof Response) return def;
        await readJsonObject(request);
        return backend.cancelDevice(def);
      }),
    ),
    http.post('*/api/:provider/pin/new', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, ['device'], 'PIN');
        if (def instanceof Response) return def;
        if (!def.device?.pinNew) return fail(404, 'not_found', `${def.label} has no pin/new route. ${KIND_HINT.device(def)}`);
        const body = await readJsonObject(request);
        // The seed's Trakt route also takes the app keys; masked or blank ones are ignored.
        const keys: JsonObject = {};
        for (const key of ['client_id', 'client_secret'] as const) {
          if (typeof body[key] === 'string') keys[key] = body[key];
        }
        if (Object.keys(keys).length) backend.saveConfig({ [def.id]: keys });
        return backend.startDevice(def, originOf(request), 'server');
      }),
    ),

    // ── OAuth ──
    http.post('*/api/:provider/authorize', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, ['oauth'], 'authorize');
        if (def instanceof Response) return def;
        return backend.authorize(def, await readJsonObject(request), originOf(request));
      }),
    ),
    http.get('*/api/:provider/callback', ({ request, params }) => {
      const def = findProvider(String(params.provider));
      if (!def || def.kind !== 'oauth') return undefined; // → catch-all 404
      return oauthCallback(backend, def, new URL(request.url));
    }),

    // ── credentials ──
    http.post('*/api/:provider/connect', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, ['credentials'], 'connect');
        if (def instanceof Response) return def;
        const body = await readJsonObject(request);
        return def.id === 'tautulli' ? backend.connectTautulli(body) : backend.connectJellyfin(body);
      }),
    ),

    // ── connection ──
    http.get('*/api/:provider/status', ({ params }) => {
      const def = providerFor(params, 'contract', 'status');
      return def instanceof Response ? def : ok(backend.statusOf(def));
    }),
    http.post('*/api/:provider/refresh', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, 'contract', 'refresh');
        if (def instanceof Response) return def;
        if (!def.refresh) {
          return fail(404, 'not_found', `${def.label} tokens do not expire, so there is no refresh route.`);
        }
        await readJsonObject(request);
        return backend.refresh(def);
      }),
    ),
    http.post('*/api/:provider/disconnect', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, 'contract', 'disconnect');
        if (def instanceof Response) return def;
        await readJsonObject(request);
        const body: WireOk = { ok: true };
        return backend.disconnect(def) ?? ok(body);
      }),
    ),

    http.all('*/api/*', ({ request }) =>
      fail(404, 'not_found', `The mock has no route ${request.method} ${new URL(request.url).pathname}.`),
    ),
  ];

  const pages: RequestHandler[] = [
    http.get('*/mock/activate', ({ request }) => {
      const url = new URL(request.url);
      const def = findProvider(url.searchParams.get('provider') ?? undefined);
      return activationPage({
        providerId: def?.id,
        providerLabel: def?.label,
        code: url.searchParams.get('code') ?? undefined,
        account: def?.defaultAccount ?? 'demo-user',
      });
    }),
    http.post('*/mock/activate', async ({ request }) => {
      const form = await readForm(request);
      const def = findProvider(form.get('provider') ?? undefined);
      const code = (form.get('code') ?? '').trim();
      const account = form.get('account') ?? undefined;
      const decision = form.get('decision') === 'deny' ? 'deny' : form.get('decision') === 'approve' ? 'approve' : undefined;
      const again = (message: string, status: number) =>
        activationPage({
          providerId: def?.id,
          providerLabel: def?.label,
          code,
          account: account ?? def?.defaultAccount ?? 'demo-user',
          message,
          kind: 'error',
          status,
        });
      if (!code) return again('Enter the code shown in the app.', 400);
      if (!decision) return again('Choose Approve or Deny.', 400);
      const { status, result } = backend.decideDevice(decision, { provider: def?.id, code, account });
      if (status === 404) return again(result.message, 404);
      const label = findProvider(result.provider)?.label ?? 'Account';
      if (!result.ok) return resultPage(`${label}: code not accepted`, result.message, 'error', status);
      return decision === 'approve'
        ? resultPage(`${label} approved`, result.message, 'ok')
        : resultPage(`${label} access denied`, result.message, 'info');
    }),
    http.get('*/mock/oauth/authorize', ({ request }) => {
      const url = new URL(request.url);
      const session = backend.oauthSession(url.searchParams.get('state'));
      if (!session || session.decision) {
        return resultPage(
          'Authorization link not valid',
          session ? 'This authorization was already answered. Start again in the app.' : 'This authorization request is unknown or has expired. Start again in the app.',
          'error',
          400,
        );
      }
      const def = findProvider(session.provider)!;
      return consentPage({
        providerLabel: def.label,
        clientId: session.clientId,
        scope: url.searchParams.get('scope') ?? 'public write',
        redirectUri: session.redirectUri,
        state: session.state,
        account: def.defaultAccount,
      });
    }),
    http.post('*/mock/oauth/authorize', async ({ request }) => {
      const form = await readForm(request);
      const session = backend.oauthSession(form.get('state'));
      if (!session || session.decision) {
        return resultPage('Authorization link not valid', 'This authorization request is unknown, expired or already answered. Start again in the app.', 'error', 400);
      }
      const target = new URL(session.redirectUri);
      target.searchParams.set('state', session.state);
      if (form.get('decision') === 'allow') {
        session.decision = 'allowed';
        session.code = `code_${randomHex(24)}`;
        session.account = (form.get('account') ?? '').trim() || findProvider(session.provider)!.defaultAccount;
        target.searchParams.set('code', session.code);
      } else {
        session.decision = 'denied';
        target.searchParams.set('error', 'access_denied');
      }
      return new HttpResponse(null, { status: 303, headers: { location: target.href, 'cache-control': 'no-store' } });
    }),
    http.get('*/mock', ({ request }) => indexPage(originOf(request), PROVIDERS.map((p) => ({ id: p.id, label: p.label, device: p.kind === 'device' })))),
    http.get('*/mock/', ({ request }) => indexPage(originOf(request), PROVIDERS.map((p) => ({ id: p.id, label: p.label, device: p.kind === 'device' })))),
  ];

  const control: RequestHandler[] = [
    http.get('*/mock/control/state', () => ok(backend.snapshot())),
    http.post('*/mock/control/reset', () => {
      backend.reset();
      return ok({ ok: true });
    }),
    http.post('*/mock/control/faults', ({ request }) =>
      guard(async () => {
        const rule = (await readControlBody(request)) as unknown as FaultRule;
        const id = backend.addFault(rule);
        return ok({ ok: true, id, faults: backend.faults.list() });
      }),
    ),
    http.delete('*/mock/control/faults', () => {
      const cleared = backend.faults.list().length;
      backend.faults.clear();
      return ok({ ok: true, cleared });
    }),
    http.post('*/mock/control/faults/clear', () => {
      const cleared = backend.faults.list().length;
      backend.faults.clear();
      return ok({ ok: true, cleared });
    }),
    http.post('*/mock/control/in-use', ({ request }) =>
      guard(async () => {
        const body = await readControlBody(request);
        const inUse = body.in_use !== false;
        backend.setInUse(String(body.provider ?? ''), inUse ? (Array.isArray(body.usages) ? body.usages : undefined) : false);
        return ok({ ok: true, provider: String(body.provider).toLowerCase(), in_use: inUse });
      }),
    ),
    http.post('*/mock/control/device', ({ request }) =>
      guard(async () => {
        const body = await readControlBody(request);
        const def = backend.requireProvider(String(body.provider ?? ''));
        if (body.decision !== 'approve' && body.decision !== 'deny') {
          throw new BadRequest('decision must be "approve" or "deny".', 'decision');
        }
        const { status, result } = backend.decideDevice(body.decision, {
          provider: def.id,
          code: str(body.code),
          account: str(body.account),
        });
        return result.ok ? ok(result) : fail(status, status === 404 ? 'no_pending_flow' : 'conflict', result.message);
      }),
    ),
    http.post('*/mock/control/oauth', ({ request }) =>
      guard(async () => {
        const body = await readControlBody(request);
        if (body.decision !== 'allow' && body.decision !== 'deny') {
          throw new BadRequest('decision must be "allow" or "deny".', 'decision');
        }
        const result = backend.decideOAuth(String(body.provider ?? ''), body.decision, { account: str(body.account) });
        return result.ok ? ok(result) : fail(404, 'no_pending_flow', result.message);
      }),
    ),
    http.post('*/mock/control/connect', ({ request }) =>
      guard(async () => {
        const body = await readControlBody(request);
        backend.connect(String(body.provider ?? ''), str(body.account));
        return ok({ ok: true, status: backend.statusOf(backend.requireProvider(String(body.provider))) });
      }),
    ),
    http.post('*/mock/control/clock', ({ request }) =>
      guard(async () => {
        const body = await readControlBody(request);
        const ms = typeof body.advance_ms === 'number' ? body.advance_ms : typeof body.advance_s === 'number' ? body.advance_s * 1000 : NaN;
        if (!Number.isFinite(ms)) throw new BadRequest('Send {"advance_s": n} or {"advance_ms": n}.', 'advance_s');
        backend.advanceClock(ms);
        return ok({ ok: true, now: backend.now() });
      }),
    ),
    http.post('*/mock/control/latency', ({ request }) =>
      guard(async () => {
        const body = await readControlBody(request);
        if (typeof body.ms !== 'number' || !(body.ms >= 0)) throw new BadRequest('Send {"ms": n} with n ≥ 0.', 'ms');
        backend.setLatency(body.ms);
        return ok({ ok: true, latency_ms: body.ms });
      }),
    ),
  ];

  return [...api, ...control, ...pages];
}

/** GET /api/<prov>/callback: finishes the OAuth exchange and tells the opener. */
function oauthCallback(backend: MockBackendImpl, def: ProviderDef, url: URL): Response {
  const session = backend.oauthSession(url.searchParams.get('state'));
  if (!session || session.provider !== def.id) {
    return callbackPage({
      providerLabel: def.label,
      title: 'Sign-in link not valid',
      text: `State mismatch: this ${def.label} sign-in is unknown or expired. Start again in the app.`,
      kind: 'error',
      status: 400,
    });
  }
  const message = (status: 'authorized' | 'denied') => ({
    data: { type: 'cw-auth:oauth', provider: def.id, status, ...(session.nonce ? { nonce: session.nonce } : {}) },
    targetOrigin: session.origin,
  });
  if (url.searchParams.get('error')) {
    backend.dropOAuthSession(session.state);
    return callbackPage({
      providerLabel: def.label,
      title: `${def.label} access denied`,
      text: `You declined access, so ${def.label} was not connected.`,
      kind: 'info',
      post: message('denied'),
    });
  }
  const code = url.searchParams.get('code');
  if (!code || code !== session.code) {
    return callbackPage({
      providerLabel: def.label,
      title: 'Sign-in failed',
      text: `${def.label} did not accept the authorization code. Start again in the app.`,
      kind: 'error',
      status: 400,
    });
  }
  backend.dropOAuthSession(session.state);
  const account = session.account ?? def.defaultAccount;
  backend.issueToken(def, account);
  return callbackPage({
    providerLabel: def.label,
    title: `${def.label} connected`,
    text: `${def.label} is now linked to ${account}.`,
    kind: 'ok',
    post: message('authorized'),
  });
}
