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
  /** Config paths whose non-empty (possibly masked) value means "connected", when no status route. */
  tokenPaths?: string[];
  refresh?: string;
  disconnect?: string;
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
  routes: ResolvedRoutes;
}
