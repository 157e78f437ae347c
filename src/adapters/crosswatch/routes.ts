/**
 * CrossWatch's real routes per provider (v0.11.3, crosswatch-api.md §3): its manifests carry none.
 * CrossWatch knowledge: in the drop-in this is the `crosswatch` chunk, loaded only for manifests
 * without routes (src/providers/backends.ts).
 */
import { api, pollDevice } from '../../providers/routes.js';
import type { ResolvedRoutes } from '../../providers/types.js';

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
  /**
   * Its own status route names the account (or the token's expiry), which CrossWatch's
   * all-providers `GET /api/status` does not (§3.4): a connected card asks it once in view.
   */
  detail?: true;
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
  anilist: { authorize: 'authorize', detail: true, disconnect: 'token/delete' },
  // The manifest is TMDB, the routes and config block are tmdb_sync.
  tmdb: { connect: '/api/tmdb_sync/save', status: '/api/tmdb_sync/verify', tokens: ['tmdb_sync.session_id'], disconnect: '/api/tmdb_sync/disconnect' },
  mdblist: { device: 'device', connect: 'save' /* the legacy API key */, detail: true, tokens: ['access_token', 'api_key'], refresh: 'refresh' },
  publicmetadb: { connect: 'save', tokens: ['api_key'] },
  punchplay: { device: 'device', detail: true, refresh: 'refresh' },
  bingebase: { device: 'device', detail: true },
  // The finish selects Nuvio's first profile; the card then offers the others.
  nuvio: { device: 'device', noCancel: true, finish: 'device/finish', detail: true, refresh: 'refresh', accountProfiles: ['profiles', 'profile/select'] },
  // Password login first; Quick Connect (a code approved in Jellyfin itself) as the second way.
  jellyfin: { connect: 'login', device: 'quickconnect', detail: true, disconnect: 'token/delete' },
  emby: { connect: 'login', detail: true, disconnect: 'token/delete' },
  kodi: { connect: 'connect', detail: true, tokens: ['connection_verified'] },
  stremio: { connect: 'connect', tokens: ['auth_key'] },
  tautulli: { connect: 'save', tokens: ['api_key'] },
  floppy: { connect: 'save', tokens: ['api_token'] },
  scrob: { connect: 'save', detail: true, tokens: ['access_token', 'api_key'] },
  crosswatch: { connect: 'connect', status: '', tokens: ['connected'] },
};

function crossWatchRoutes(id: string, spec: CrossWatchSpec): ResolvedRoutes {
  const { device, noCancel, finish, status = 'status', detail, tokens = ['access_token'], disconnect = 'disconnect', accountProfiles, ...routes } = spec;
  const at = (route: string) => (route.startsWith('/') ? route : api(id, route));
  const out: ResolvedRoutes = { tokenPaths: tokens.map((t) => (t.includes('.') ? t : `${id}.${t}`)), disconnect: at(disconnect) };
  if (status) out.status = at(status);
  if (detail) out.statusDetail = true;
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
