/**
 * The contract's /api routes (docs/openapi.yaml) and CrossWatch's Emby routes, as msw handlers
 * that hand the work to the flows in ../backend/. The specific Emby routes come before the
 * generic `/api/:provider/…` ones; ../handlers.ts puts the fault gate before all of them and
 * the catch-all 404 after.
 */
import { HttpResponse, http, type RequestHandler } from 'msw';
import type { WireManifest, WireOk, WireUnsetResult } from '../../api-client/wire.js';
import type { MockBackendImpl } from '../backend.js';
import { maskedConfig, saveConfig } from '../backend/config-store.js';
import { disconnect, embyStatus, listed, refresh, statusAll, statusOf } from '../backend/connection.js';
import { connectJellyfin, connectTautulli, embyLogin } from '../backend/credentials.js';
import { cancelDevice, pollDevice, startDevice } from '../backend/device-flow.js';
import { authorize, oauthCallback } from '../backend/oauth-flow.js';
import { unsetPaths } from '../config.js';
import { PROVIDERS, findProvider, type ProviderDef, type ProviderKind } from '../providers.js';
import { BadRequest, fail, guard, ok, originOf, readJsonObject, type JsonObject } from '../util.js';

type Params = Record<string, string | readonly string[] | undefined>;

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

export function apiHandlers(backend: MockBackendImpl): RequestHandler[] {
  return [
    http.get('*/api/auth/providers', ({ request }) => {
      const origin = originOf(request);
      return ok(listed(backend, origin).map((p) => p.manifest) as WireManifest[]);
    }),

    // Before `/api/:provider/status`, which would read "auth" as a provider.
    http.get('*/api/auth/status', ({ request }) =>
      backend.answersStatusAll ? ok(statusAll(backend, originOf(request))) : fail(404, 'not_found', 'This backend has no GET /api/auth/status; ask GET /api/{provider}/status.'),
    ),

    http.get('*/api/config', () => ok(maskedConfig(backend.config))),
    http.post('*/api/config', ({ request }) =>
      guard(async () => {
        saveConfig(backend.config, await readJsonObject(request));
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
      return embyLogin(backend, body);
    }),
    http.get('*/api/emby/status', () => embyStatus(backend)),
    http.post('*/api/emby/token/delete', () => {
      const def = findProvider('emby')!;
      return disconnect(backend, def) ?? HttpResponse.json({ ok: true, instance: 'default' });
    }),

    // ── device code ──
    http.post('*/api/:provider/device/start', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, ['device'], 'device-code');
        if (def instanceof Response) return def;
        await readJsonObject(request);
        return startDevice(backend, def, originOf(request), 'poll');
      }),
    ),
    http.post('*/api/:provider/device/poll', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, ['device'], 'device-code');
        if (def instanceof Response) return def;
        await readJsonObject(request);
        return pollDevice(backend, def);
      }),
    ),
    http.post('*/api/:provider/device/cancel', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, ['device'], 'device-code');
        if (def instanceof Response) return def;
        await readJsonObject(request);
        return cancelDevice(backend, def);
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
        if (Object.keys(keys).length) saveConfig(backend.config, { [def.id]: keys });
        return startDevice(backend, def, originOf(request), 'server');
      }),
    ),

    // ── OAuth ──
    http.post('*/api/:provider/authorize', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, ['oauth'], 'authorize');
        if (def instanceof Response) return def;
        return authorize(backend, def, await readJsonObject(request), originOf(request));
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
        return def.id === 'tautulli' ? connectTautulli(backend, body) : connectJellyfin(backend, body);
      }),
    ),

    // ── connection ──
    http.get('*/api/:provider/status', ({ params }) => {
      const def = providerFor(params, 'contract', 'status');
      return def instanceof Response ? def : ok(statusOf(backend, def));
    }),
    http.post('*/api/:provider/refresh', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, 'contract', 'refresh');
        if (def instanceof Response) return def;
        if (!def.refresh) {
          return fail(404, 'not_found', `${def.label} tokens do not expire, so there is no refresh route.`);
        }
        await readJsonObject(request);
        return refresh(backend, def);
      }),
    ),
    http.post('*/api/:provider/disconnect', ({ request, params }) =>
      guard(async () => {
        const def = providerFor(params, 'contract', 'disconnect');
        if (def instanceof Response) return def;
        await readJsonObject(request);
        const body: WireOk = { ok: true };
        return disconnect(backend, def) ?? ok(body);
      }),
    ),
  ];
}
