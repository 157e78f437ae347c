/**
 * Which backend routes a provider's buttons call.
 *
 * Order of knowledge: the manifest's own `routes` (our contract's extension) win route by route;
 * providers CrossWatch ships (whose manifests carry no routes) get its real routes (v0.11.3,
 * crosswatch-api.md §3); anything else gets the contract's defaults under `/api/<id>/`.
 */
import type { ProviderManifest } from '../api-client/types.js';
import { pathOf } from '../api-client/url-path.js';
import type { DeviceRoutes, ResolvedRoutes } from './types.js';

/** `/api/<id>/<rest>`: the id is one encoded segment (a name is server text), `rest` is ours. */
const api = (id: string, rest: string) => pathOf('api', id, ...rest.split('/'));
const pollDevice = (id: string, base: 'device' | 'pin' | 'quickconnect', cancel = true): Extract<DeviceRoutes, { mode: 'poll' }> => ({
  mode: 'poll',
  start: api(id, `${base}/start`),
  poll: api(id, `${base}/poll`),
  ...(cancel ? { cancel: api(id, `${base}/cancel`) } : {}),
});

/**
 * A CrossWatch provider's routes, relative to `/api/<id>/` unless they start with "/".
 * Token paths are relative to `<id>.` unless they contain a dot.
 */
interface CrossWatchSpec {
  /**
   * `server`: `pin/new` starts a server-side waiter, no cancel route (Plex, Trakt); `quickconnect`:
   * Jellyfin's Quick Connect (GET poll, the server URL sent with the start, the code entered on
   * that server); else the poll routes' base.
   */
  device?: 'server' | 'pin' | 'device' | 'quickconnect';
  noCancel?: true;
  /** A poll route's follow-up after approval (Nuvio: `device/finish` exchanges the login). */
  finish?: string;
  authorize?: string;
  connect?: string;
  /** Default `status`; '' when CrossWatch has none (the token paths tell instead). */
  status?: string;
  /** Default `access_token`. */
  tokens?: string[];
  refresh?: string;
  /** Default `disconnect`. */
  disconnect?: string;
  /** Profiles inside the linked account: [list, select] routes (Nuvio). */
  accountProfiles?: [string, string];
}

/**
 * CrossWatch's routes per provider. `refresh` and `disconnect` are only used when the manifest's
 * actions offer them. CrossWatch has no status route for Plex, Trakt, SIMKL and its local
 * tracker: their token paths say where a (masked) token in /api/config means "connected"; the
 * `auth.<id>.*` ones are the seed's legacy place.
 */
const CROSSWATCH: Record<string, CrossWatchSpec> = {
  plex: { device: 'server', status: '', tokens: ['account_token', 'auth.plex.account_token', 'auth.plex.access_token'], disconnect: 'token/delete' },
  trakt: { device: 'server', status: '', tokens: ['access_token', 'auth.trakt.access_token'], disconnect: 'token/delete' },
  // PIN first (baked app id, no keys), OAuth redirect as the second way.
  simkl: { device: 'pin', authorize: 'authorize', status: '', tokens: ['access_token', 'auth.simkl.access_token'], disconnect: 'token/delete' },
  anilist: { authorize: 'authorize', disconnect: 'token/delete' },
  // The manifest is TMDB, the routes and config block are tmdb_sync.
  tmdb: { connect: '/api/tmdb_sync/save', status: '/api/tmdb_sync/verify', tokens: ['tmdb_sync.session_id'], disconnect: '/api/tmdb_sync/disconnect' },
  mdblist: { device: 'device', connect: 'save' /* the legacy API key */, tokens: ['access_token', 'api_key'], refresh: 'refresh' },
  publicmetadb: { connect: 'save', tokens: ['api_key'] },
  punchplay: { device: 'device', refresh: 'refresh' },
  bingebase: { device: 'device' },
  // The finish selects Nuvio's first profile; the card then offers the others.
  nuvio: { device: 'device', noCancel: true, finish: 'device/finish', refresh: 'refresh', accountProfiles: ['profiles', 'profile/select'] },
  // Password login first; Quick Connect (a code approved in Jellyfin itself) as the second way.
  jellyfin: { connect: 'login', device: 'quickconnect', disconnect: 'token/delete' },
  emby: { connect: 'login', disconnect: 'token/delete' },
  kodi: { connect: 'connect', tokens: ['connection_verified'] },
  stremio: { connect: 'connect', tokens: ['auth_key'] },
  tautulli: { connect: 'save', tokens: ['api_key'] },
  floppy: { connect: 'save', tokens: ['api_token'] },
  scrob: { connect: 'save', tokens: ['access_token', 'api_key'] },
  crosswatch: { connect: 'connect', status: '', tokens: ['connected'] },
};

function crossWatchRoutes(id: string, spec: CrossWatchSpec): ResolvedRoutes {
  const { device, noCancel, finish, status = 'status', tokens = ['access_token'], disconnect = 'disconnect', accountProfiles, ...routes } = spec;
  const at = (route: string) => (route.startsWith('/') ? route : api(id, route));
  const out: ResolvedRoutes = { tokenPaths: tokens.map((t) => (t.includes('.') ? t : `${id}.${t}`)), disconnect: at(disconnect) };
  if (status) out.status = at(status);
  if (device === 'server') out.device = { mode: 'server', start: api(id, 'pin/new') };
  else if (device === 'quickconnect') {
    out.device = {
      ...pollDevice(id, device),
      pollMethod: 'GET',
      relaysProvider: true,
      send: ['server'],
      verifyAt: { field: 'server', path: '/web/#/quickconnect' },
    };
  } else if (device) out.device = pollDevice(id, device, !noCancel);
  if (finish && out.device?.mode === 'poll') out.device.finish = at(finish);
  for (const key of ['authorize', 'connect', 'refresh'] as const) if (routes[key]) out[key] = at(routes[key]);
  if (accountProfiles) out.accountProfiles = { list: at(accountProfiles[0]), select: at(accountProfiles[1]) };
  return out;
}

/** CrossWatch's routes per provider id (see CROSSWATCH). */
export const CROSSWATCH_ROUTES: Readonly<Record<string, ResolvedRoutes>> = Object.fromEntries(
  Object.entries(CROSSWATCH).map(([id, spec]) => [id, crossWatchRoutes(id, spec)]),
);

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
 * - Otherwise `known[id]` (CrossWatch), otherwise the contract defaults.
 * - `refresh` / `disconnect` only when the manifest's actions offer them (or its routes name them);
 *   for a `local` flow, `connect` likewise only with `actions.start`.
 */
export function resolveRoutes(
  manifest: ProviderManifest,
  known: Readonly<Record<string, ResolvedRoutes>> = CROSSWATCH_ROUTES,
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
