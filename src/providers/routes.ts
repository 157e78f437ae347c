/**
 * Which backend routes a provider's buttons call.
 *
 * Order of knowledge: the manifest's own `routes` (our contract's extension) win route by route;
 * a manifest a backend adapter claims (CrossWatch's, which carry no routes) gets that backend's
 * real routes (src/adapters/crosswatch/routes.ts); anything else gets the contract's defaults
 * under `/api/<id>/`.
 */
import type { ProviderManifest } from '../api-client/types.js';
import { pathOf } from '../api-client/url-path.js';
import type { DeviceRoutes, ResolvedRoutes } from './types.js';

/** `/api/<id>/<rest>`: the id is one encoded segment (a name is server text), `rest` is ours. */
export const api = (id: string, rest: string): string => pathOf('api', id, ...rest.split('/'));
/** Poll-mode device routes under `/api/<id>/<base>/`. */
export const pollDevice = (id: string, base: 'device' | 'pin' | 'quickconnect', cancel = true): Extract<DeviceRoutes, { mode: 'poll' }> => ({
  mode: 'poll',
  start: api(id, `${base}/start`),
  poll: api(id, `${base}/poll`),
  ...(cancel ? { cancel: api(id, `${base}/cancel`) } : {}),
});

/** The contract's default routes (docs/openapi.yaml) for a provider we know nothing about. */
export function defaultRoutes(manifest: ProviderManifest): ResolvedRoutes {
  const { id, flow } = manifest;
  const routes: ResolvedRoutes = { status: api(id, 'status'), refresh: api(id, 'refresh'), disconnect: api(id, 'disconnect') };
  if (flow === 'device_code') routes.device = pollDevice(id, 'device');
  if (flow === 'oauth') routes.authorize = api(id, 'authorize');
  // An unknown flow gets fields only, no connect route.
  if (flow === 'credentials' || (flow === 'local' && manifest.actions.start)) routes.connect = api(id, 'connect');
  return routes;
}

/**
 * Resolves every route a provider's UI may call.
 * - Manifest `routes` win key by key. For the device group they decide alone once they name
 *   `start`: with `poll` the client polls (mode `poll`), without it the server does (mode `server`).
 * - Otherwise `known[id]` (a backend adapter's routes: describeProvider passes the loaded
 *   adapter's for the manifests it claims), otherwise the contract defaults.
 * - `refresh` / `disconnect` only when the manifest's actions offer them (or its routes name them);
 *   for a `local` flow, `connect` likewise only with `actions.start`.
 */
export function resolveRoutes(
  manifest: ProviderManifest,
  known: Readonly<Record<string, ResolvedRoutes>> = {},
): ResolvedRoutes {
  const out: ResolvedRoutes = Object.hasOwn(known, manifest.id) ? { ...known[manifest.id] } : defaultRoutes(manifest);
  const own = manifest.routes ?? {};
  const current = out.device;
  if (own.start || (current && (own.poll || own.cancel))) {
    // A manifest `start` replaces the device routes; `poll` / `cancel` alone adjust the known ones.
    const keep = !own.start;
    const start = own.start ?? current!.start;
    const poll = own.poll ?? (keep && current?.mode === 'poll' ? current.poll : undefined);
    const cancel = own.cancel ?? (keep ? current?.cancel : undefined);
    const withCancel = cancel ? { cancel } : {};
    out.device = poll ? { mode: 'poll', start, poll, ...withCancel } : { mode: 'server', start, ...withCancel };
  }
  for (const key of ['authorize', 'connect', 'status', 'refresh', 'disconnect'] as const) {
    if (own[key]) out[key] = own[key];
  }
  // A second way CrossWatch offers (Jellyfin's Quick Connect beside its password sign-in) is
  // CrossWatch knowledge: a manifest that declares its own routes gets only what it declares.
  const declaresRoutes = Object.keys(own).length > 0;
  if (out.device && manifest.flow !== 'device_code' && declaresRoutes && !own.start) delete out.device;
  if (declaresRoutes) delete out.accountProfiles;
  if (!manifest.actions.refresh && !own.refresh) delete out.refresh;
  if (!manifest.actions.disconnect && !own.disconnect) delete out.disconnect;
  // A local provider is switched on by its `start` action only (CrossWatch's local tracker says
  // `start: false`: it is turned on in CrossWatch's settings, the card shows status and Disconnect).
  // Other flows keep their connect route: CrossWatch's API-key providers say `start: false` too,
  // yet saving and checking the key is how they connect.
  if (manifest.flow === 'local' && !manifest.actions.start && !own.connect) delete out.connect;
  return out;
}

/**
 * Token paths for a CrossWatch profile: `trakt.access_token` → `trakt.instances.<id>.access_token`,
 * as segments (the id is opaque: `a.b` stays one segment). The legacy `auth.*` block only ever
 * holds the default profile.
 */
export function tokenPathsFor(paths: readonly string[] | undefined, instance?: string): string[][] {
  if (!paths) return [];
  const own = !instance || instance === 'default' ? paths : paths.filter((p) => !p.startsWith('auth.'));
  return own.map((p) => instanceSegments(p, instance));
}

/** A field or config key inside a CrossWatch profile, as segments: `a.b.c` → `a`, `instances`, `<id>`, `b`, `c`. */
export function instanceSegments(key: string, instance?: string): string[] {
  const parts = key.split('.');
  if (!instance || instance === 'default' || parts.length < 2) return parts;
  return [parts[0]!, 'instances', instance, ...parts.slice(1)];
}

/** The same as a dotted string, for messages and matching (`a.instances.<id>.b.c`). */
export const instancePath = (key: string, instance?: string): string => instanceSegments(key, instance).join('.');
