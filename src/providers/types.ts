/** A manifest combined with presets and route knowledge: everything a card needs to act. */
import type { FlowKind, ProviderManifest } from '../api-client/types.js';

/**
 * Device-code routes. `poll`: the client polls the backend's poll route (RFC 8628 style).
 * `server`: the seed's fallback (`pin/new`): the server polls upstream, and the client watches
 * the status route or, without one, the token paths in the config.
 */
export type DeviceRoutes =
  | {
      mode: 'poll';
      start: string;
      poll: string;
      cancel?: string;
      /** POSTed once the poll says authorized, before the flow counts as connected (CrossWatch's Nuvio TV login). */
      finish?: string;
      /** The poll's method when not POST (CrossWatch's Jellyfin Quick Connect polls with GET). */
      pollMethod?: 'GET';
      /**
       * The poll relays the provider's answers as HTTP errors (Jellyfin Quick Connect): a 401 in the
       * provider's words is the person rejecting, `not_authorized` a request the server no longer
       * holds. Elsewhere a poll's 401 is the dashboard's session (our contract).
       */
      relaysProvider?: true;
      /**
       * Fields whose current value (typed, else saved) the start sends, by the last segment of their
       * key (`jellyfin.server` → `{server}`); they must have a value before the flow starts.
       */
      send?: string[];
      /**
       * Where the code is entered when the start answer names no page: on the user's own server,
       * `<value of this field><path>` (Jellyfin Quick Connect: `<server>/web/#/quickconnect`).
       */
      verifyAt?: { field: string; path: string };
    }
  | { mode: 'server'; start: string; cancel?: string };

export interface ResolvedRoutes {
  device?: DeviceRoutes;
  /** POST {origin, nonce} → {authorize_url}. */
  authorize?: string;
  /** POST field values → {ok, account?}. */
  connect?: string;
  /** GET → {connected, account?, expires_at?}. */
  status?: string;
  /**
   * The status route names the account (or the token's expiry), which the backend's all-providers
   * status does not (CrossWatch's `GET /api/status`): a connected card still asks it, once in view.
   */
  statusDetail?: true;
  /** Config paths whose non-empty (possibly masked) value means "connected", when no status route. */
  tokenPaths?: string[];
  refresh?: string;
  disconnect?: string;
  /**
   * Profiles inside the linked account, to pick which one is synced once connected (CrossWatch's
   * Nuvio: GET `list`, POST `select` `{profile_id}`).
   */
  accountProfiles?: { list: string; select: string };
}

export interface ResolvedProvider {
  manifest: ProviderManifest;
  /** Lower-case id used in routes, e.g. `trakt`. */
  id: string;
  label: string;
  flow: FlowKind | null;
  /** CSS colour for the accent; undefined → neutral. */
  brandColor?: string;
  /** Developer portal / help page (https only). */
  helpUrl?: string;
  /** Where the user enters a device code, when the start call does not say. */
  verifyUrl?: string;
  /** The redirect URL to register at the provider (absolute), when the flow needs one. */
  redirectUrl?: string;
  group?: string;
  /** How long its tokens live (ms), when the preset knows (see ProviderPreset.tokenLifetimeS). */
  tokenLifetimeMs?: number;
  routes: ResolvedRoutes;
}
