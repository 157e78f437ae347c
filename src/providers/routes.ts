/**
 * Which backend routes a provider's buttons call.
 *
 * Order of knowledge: the manifest's own `routes` (our contract's extension) win route by route;
 * providers CrossWatch ships (whose manifests carry no routes) get its real routes (v0.11.3,
 * crosswatch-api.md §3); anything else gets the contract's defaults under `/api/<id>/`.
 */
import type { ProviderManifest } from '../api-client/types.js';
import type { DeviceRoutes, ResolvedRoutes } from './types.js';

const api = (id: string, rest: string) => `/api/${id}/${rest}`;
const pollDevice = (id: string, base: 'device' | 'pin', cancel = true): DeviceRoutes => ({
  mode: 'poll',
  start: api(id, `${base}/start`),
  poll: api(id, `${base}/poll`),
  ...(cancel ? { cancel: api(id, `${base}/cancel`) } : {}),
});
/** Plex and Trakt: `pin/new` starts a server-side waiter; there is no cancel route. */
const serverPin = (id: string): DeviceRoutes => ({ mode: 'server', start: api(id, 'pin/new') });
/** The token where CrossWatch stores it, then the seed's legacy place. */
const tokens = (id: string, key = 'access_token') => [`${id}.${key}`, `auth.${id}.${key}`];

/**
 * CrossWatch's routes per provider. `refresh` and `disconnect` are only used when the manifest's
 * actions offer them. CrossWatch has no status route for Plex, Trakt, SIMKL and its local
 * tracker: their `tokenPaths` say where a (masked) token in /api/config means "connected".
 */
export const CROSSWATCH_ROUTES: Readonly<Record<string, ResolvedRoutes>> = {
  plex: { device: serverPin('plex'), tokenPaths: ['plex.account_token', 'auth.plex.account_token', 'auth.plex.access_token'], disconnect: api('plex', 'token/delete') },
  trakt: { device: serverPin('trakt'), tokenPaths: tokens('trakt'), disconnect: api('trakt', 'token/delete') },
  // PIN first (baked app id, no keys), OAuth redirect as the second way.
  simkl: { device: pollDevice('simkl', 'pin'), authorize: api('simkl', 'authorize'), tokenPaths: tokens('simkl'), disconnect: api('simkl', 'token/delete') },
  anilist: { authorize: api('anilist', 'authorize'), status: api('anilist', 'status'), tokenPaths: ['anilist.access_token'], disconnect: api('anilist', 'token/delete') },
  // The manifest is TMDB, the routes and config block are tmdb_sync.
  tmdb: { connect: '/api/tmdb_sync/save', status: '/api/tmdb_sync/verify', tokenPaths: ['tmdb_sync.session_id'], disconnect: '/api/tmdb_sync/disconnect' },
  mdblist: {
    device: pollDevice('mdblist', 'device'),
    connect: api('mdblist', 'save'), // the legacy API key
    status: api('mdblist', 'status'),
    tokenPaths: ['mdblist.access_token', 'mdblist.api_key'],
    refresh: api('mdblist', 'refresh'),
    disconnect: api('mdblist', 'disconnect'),
  },
  publicmetadb: { connect: api('publicmetadb', 'save'), status: api('publicmetadb', 'status'), tokenPaths: ['publicmetadb.api_key'], disconnect: api('publicmetadb', 'disconnect') },
  punchplay: {
    device: pollDevice('punchplay', 'device'),
    status: api('punchplay', 'status'),
    tokenPaths: ['punchplay.access_token'],
    refresh: api('punchplay', 'refresh'),
    disconnect: api('punchplay', 'disconnect'),
  },
  bingebase: { device: pollDevice('bingebase', 'device'), status: api('bingebase', 'status'), tokenPaths: ['bingebase.access_token'], disconnect: api('bingebase', 'disconnect') },
  nuvio: {
    device: pollDevice('nuvio', 'device', false),
    status: api('nuvio', 'status'),
    tokenPaths: ['nuvio.access_token'],
    refresh: api('nuvio', 'refresh'),
    disconnect: api('nuvio', 'disconnect'),
  },
  jellyfin: { connect: api('jellyfin', 'login'), status: api('jellyfin', 'status'), tokenPaths: ['jellyfin.access_token'], disconnect: api('jellyfin', 'token/delete') },
  emby: { connect: api('emby', 'login'), status: api('emby', 'status'), tokenPaths: ['emby.access_token'], disconnect: api('emby', 'token/delete') },
  kodi: { connect: api('kodi', 'connect'), status: api('kodi', 'status'), tokenPaths: ['kodi.connection_verified'], disconnect: api('kodi', 'disconnect') },
  stremio: { connect: api('stremio', 'connect'), status: api('stremio', 'status'), tokenPaths: ['stremio.auth_key'], disconnect: api('stremio', 'disconnect') },
  tautulli: { connect: api('tautulli', 'save'), status: api('tautulli', 'status'), tokenPaths: ['tautulli.api_key'], disconnect: api('tautulli', 'disconnect') },
  floppy: { connect: api('floppy', 'save'), status: api('floppy', 'status'), tokenPaths: ['floppy.api_token'], disconnect: api('floppy', 'disconnect') },
  scrob: { connect: api('scrob', 'save'), status: api('scrob', 'status'), tokenPaths: ['scrob.access_token', 'scrob.api_key'], disconnect: api('scrob', 'disconnect') },
  crosswatch: { connect: api('crosswatch', 'connect'), tokenPaths: ['crosswatch.connected'], disconnect: api('crosswatch', 'disconnect') },
};

/** The contract's default routes (docs/openapi.yaml) for a provider we know nothing about. */
export function defaultRoutes(manifest: ProviderManifest): ResolvedRoutes {
  const id = manifest.id;
  const routes: ResolvedRoutes = { status: api(id, 'status') };
  switch (manifest.flow) {
    case 'device_code':
      routes.device = pollDevice(id, 'device');
      break;
    case 'oauth':
      routes.authorize = api(id, 'authorize');
      break;
    case 'credentials':
      routes.connect = api(id, 'connect');
      break;
    case 'local':
      if (manifest.actions.start) routes.connect = api(id, 'connect');
      break;
    default:
      break; // unknown flow: fields only, no connect route
  }
  routes.refresh = api(id, 'refresh');
  routes.disconnect = api(id, 'disconnect');
  return routes;
}

/**
 * Resolves every route a provider's UI may call.
 * - Manifest `routes` win key by key. For the device group they decide alone once they name
 *   `start`: with `poll` the client polls (mode `poll`), without it the server does (mode `server`).
 * - Otherwise `known[id]` (CrossWatch), otherwise the contract defaults.
 * - `refresh` / `disconnect` only when the manifest's actions offer them (or its routes name them).
 */
export function resolveRoutes(
  manifest: ProviderManifest,
  known: Readonly<Record<string, ResolvedRoutes>> = CROSSWATCH_ROUTES,
): ResolvedRoutes {
  const base: ResolvedRoutes = Object.prototype.hasOwnProperty.call(known, manifest.id)
    ? { ...known[manifest.id] }
    : defaultRoutes(manifest);
  const own = manifest.routes ?? {};
  const out: ResolvedRoutes = { ...base };

  if (own.start) {
    out.device = own.poll
      ? { mode: 'poll', start: own.start, poll: own.poll, ...(own.cancel ? { cancel: own.cancel } : {}) }
      : { mode: 'server', start: own.start, ...(own.cancel ? { cancel: own.cancel } : {}) };
  } else if (out.device && (own.poll || own.cancel)) {
    // Partial override of the device routes we already know.
    const current = out.device;
    const poll = own.poll ?? (current.mode === 'poll' ? current.poll : undefined);
    const cancel = own.cancel ?? current.cancel;
    out.device = poll
      ? { mode: 'poll', start: current.start, poll, ...(cancel ? { cancel } : {}) }
      : { mode: 'server', start: current.start, ...(cancel ? { cancel } : {}) };
  }
  for (const key of ['authorize', 'connect', 'status', 'refresh', 'disconnect'] as const) {
    if (own[key]) out[key] = own[key];
  }
  if (!manifest.actions.refresh && !own.refresh) delete out.refresh;
  if (!manifest.actions.disconnect && !own.disconnect) delete out.disconnect;
  return out;
}

/**
 * Token paths for a CrossWatch profile: `trakt.access_token` → `trakt.instances.<id>.access_token`.
 * The legacy `auth.*` block only ever holds the default profile.
 */
export function tokenPathsFor(paths: readonly string[] | undefined, instance?: string): string[] {
  if (!paths) return [];
  if (!instance || instance === 'default') return [...paths];
  return paths.filter((p) => !p.startsWith('auth.')).map((p) => instancePath(p, instance));
}

/** A field or config key inside a CrossWatch profile: `a.b.c` → `a.instances.<id>.b.c`. */
export function instancePath(key: string, instance?: string): string {
  if (!instance || instance === 'default') return key;
  const dot = key.indexOf('.');
  return dot < 0 ? key : `${key.slice(0, dot)}.instances.${instance}.${key.slice(dot + 1)}`;
}
