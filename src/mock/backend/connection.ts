/**
 * A connection once it exists: listing the providers, status (one and all), refresh, disconnect
 * and the 409 "in use" refusal. Status is derived from the stored config every time, so a
 * token written by any flow (or by a test's connect()) reads the same way.
 */
import { HttpResponse } from 'msw';
import { getPath } from '../../api-client/config-paths.js';
import type { WireRefresh, WireStatus, WireStatusAll, WireUsage } from '../../api-client/wire.js';
import { deletePath, hasValue, readString } from '../config.js';
import { findProvider, PROVIDERS, type MockManifest, type ProviderDef } from '../providers.js';
import { fail, ok } from '../util.js';
import { hasClientKeys, missingKeys } from './config-store.js';
import type { BackendCore } from './core.js';
import { isUnreachable } from './credentials.js';

/**
 * What `GET /api/auth/providers` lists: every provider, then (MockBackendOptions.providerCount)
 * numbered copies of those that declare routes, answering through the original's routes.
 */
export function listed(core: BackendCore, origin: string): Array<{ def: ProviderDef; manifest: MockManifest }> {
  const out = PROVIDERS.map((def) => ({ def, manifest: core.manifestFor(def, origin) }));
  const copyable = out.filter((e) => 'routes' in e.manifest && e.manifest.routes);
  const count = Math.min(Math.max(0, Math.floor(core.options.providerCount ?? 0)), 10_000);
  for (let n = out.length + 1; n <= count && copyable.length; n++) {
    const { def, manifest } = copyable[(n - 1) % copyable.length]!;
    out.push({ def, manifest: { ...manifest, name: `${manifest.name}_${n}`, label: `${manifest.label} ${n}` } });
  }
  return out;
}

/** `GET /api/auth/status`: every listed provider's status, keyed by manifest name. */
export function statusAll(core: BackendCore, origin: string): WireStatusAll {
  const providers: WireStatusAll['providers'] = {};
  for (const { def, manifest } of listed(core, origin)) providers[manifest.name] = statusOf(core, def);
  return { providers };
}

export function statusOf(core: BackendCore, def: ProviderDef): WireStatus {
  const cfg = core.state.config;
  const connectedBy = def.connectedPaths.find((p) => hasValue(cfg, p));
  const account = readString(cfg, `${def.id}.account`) ?? readString(cfg, `auth.${def.id}.account`);
  if (!connectedBy) {
    const reason =
      def.requiresClientKeys && !hasClientKeys(cfg, def)
        ? 'Save the Client ID and Client Secret, then connect.'
        : 'Not connected.';
    return { connected: false, reason };
  }
  if (def.id === 'tautulli') return tautulliLiveStatus(core, account);
  const expires = getPath(cfg, `${def.id}.expires_at`);
  const base: WireStatus = {
    connected: true,
    ...(account ? { account } : connectedBy.endsWith('api_key') ? { account: 'API key (legacy)' } : {}),
    ...(typeof expires === 'number' && connectedBy.endsWith('access_token') ? { expires_at: expires } : {}),
  };
  if (base.expires_at !== undefined && base.expires_at * 1000 <= core.now()) {
    return { ...base, connected: false, reason: 'The access token expired. Refresh it or connect again.' };
  }
  return base;
}

/** CrossWatch's `GET /api/emby/status` shape: `{connected, user, instance}`. */
export function embyStatus(core: BackendCore): Response {
  const status = statusOf(core, findProvider('emby')!);
  const user = readString(core.state.config, 'emby.user') ?? status.account ?? null;
  return HttpResponse.json({ connected: status.connected, user: status.connected ? user : null, instance: 'default' });
}

/** Tautulli's status is a live probe in CrossWatch (`?verify=1`); the mock imitates its outcomes. */
function tautulliLiveStatus(core: BackendCore, account: string | undefined): WireStatus {
  const cfg = core.state.config;
  const server = readString(cfg, 'tautulli.server_url') ?? '';
  const key = readString(cfg, 'tautulli.api_key') ?? '';
  const name = account ?? 'Tautulli';
  if (!server) return { connected: false, account: name, reason: 'The server URL is missing.' };
  if (isUnreachable(server)) return { connected: false, account: name, reason: `Tautulli at ${server} is unreachable.` };
  if (!/^[0-9a-f]{32}$/i.test(key) || /^0{32}$/.test(key)) {
    return { connected: false, account: name, reason: 'Tautulli rejects the stored API key.' };
  }
  return { connected: true, account: name };
}

export function refresh(core: BackendCore, def: ProviderDef): Response {
  const cfg = core.state.config;
  if (def.requiresClientKeys && !hasClientKeys(cfg, def)) return missingKeys(cfg, def);
  if (!hasValue(cfg, `${def.id}.access_token`)) {
    if (def.connectedPaths.some((p) => p.endsWith('api_key') && hasValue(cfg, p))) {
      const fresh: WireRefresh = { ok: true, status: 'fresh' }; // an API key does not expire
      return ok(fresh);
    }
    return fail(409, 'not_connected', `${def.label} is not connected, so there is no token to refresh. Connect it first.`);
  }
  const expires = getPath(cfg, `${def.id}.expires_at`);
  const lifetime = def.tokenLifetimeS ?? 0;
  if (typeof expires === 'number' && expires * 1000 - core.now() > (lifetime * 1000) / 2) {
    const fresh: WireRefresh = { ok: true, status: 'fresh', expires_at: expires };
    return ok(fresh);
  }
  core.issueToken(def, readString(cfg, `${def.id}.account`) ?? def.defaultAccount);
  const refreshed: WireRefresh = { ok: true, status: 'ok', expires_at: getPath(cfg, `${def.id}.expires_at`) as number };
  return ok(refreshed);
}

/** Forgets the tokens and pending flows (undefined: the route answers its own ok); refused while in use. */
export function disconnect(core: BackendCore, def: ProviderDef): Response | undefined {
  const { state } = core;
  const usages = state.inUse.get(def.id);
  if (usages) return inUseResponse(def, usages);
  for (const path of def.tokenPaths) deletePath(state.config, path);
  state.flows.delete(def.id);
  for (const session of [...state.oauth.values()]) if (session.provider === def.id) state.oauth.delete(session.state);
  return undefined;
}

export function inUseResponse(def: ProviderDef | undefined, usages: WireUsage[]): Response {
  const label = def?.label ?? 'This provider';
  const where = usages.map((u) => (u.role ? `${u.label} (${u.role})` : u.label)).join(', ');
  const message = `Cannot disconnect ${label} because it is used by ${where}. Remove it from Sync pairs, Watcher or Webhooks first.`;
  if (def?.kind === 'crosswatch_login') {
    // CrossWatch's own 409 shape (top-level members), as its delete routes send it.
    return HttpResponse.json(
      { ok: false, error: 'provider_in_use', provider: def.id, instance: 'default', usages, message },
      { status: 409 },
    );
  }
  return fail(409, 'provider_in_use', message, { usages });
}
