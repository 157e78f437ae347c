/**
 * The interface every part of the widget uses to talk to the backend. `createApiClient()`
 * (client.ts) implements it over fetch; tests may pass any object that satisfies it.
 *
 * Route-taking methods receive a path (relative to the base URL, e.g. `/api/trakt/device/start`)
 * because which route a provider uses is provider knowledge (src/providers/routes.ts), not HTTP
 * knowledge. The client normalises the response shapes of our contract and of CrossWatch.
 */
import type { ConfigPath } from './config-paths.js';
import type {
  AccountProfile,
  AccountProfiles,
  AuthorizeResult,
  CallOptions,
  ConfigObject,
  ConnectResult,
  DevicePoll,
  DeviceStart,
  ProviderInstance,
  ProviderList,
  ProviderStatus,
  StatusByName,
} from './types.js';

export interface ApiClientOptions {
  /**
   * Base URL of the backend; '' (default) means same origin. No request goes outside its origin
   * and path (see docs/api.md, "Limits the widget enforces").
   */
  baseUrl?: string;
  /** Injectable fetch (tests, proxies). Defaults to globalThis.fetch at call time. */
  fetch?: typeof fetch;
  /**
   * Extra headers, e.g. `{ Authorization: 'Bearer cwt_…' }`, on every request (all go to the base URL).
   */
  headers?: Record<string, string>;
  /**
   * fetch credentials mode; default 'same-origin' (cookie sessions).
   */
  credentials?: RequestCredentials;
  /** Per-call timeout in ms; default 15000. */
  timeoutMs?: number;
}

export interface AuthApi {
  readonly baseUrl: string;
  /** Absolute URL for a path (used to compute the backend origin for postMessage checks). */
  resolveUrl(path: string): string;

  /** GET /api/auth/providers: validated manifests, plus the entries that failed validation. */
  listProviders(opts?: CallOptions): Promise<ProviderList>;
  /** GET /api/config: the masked config. */
  getConfig(opts?: CallOptions): Promise<ConfigObject>;
  /** POST /api/config: deep-merged partial config. */
  saveConfig(partial: ConfigObject, opts?: CallOptions): Promise<void>;
  /** POST /api/config/unset {paths}: dotted paths, or segment lists where a key holds a dot (see `wirePath`). */
  unsetConfig(paths: ConfigPath[], opts?: CallOptions): Promise<void>;

  /** Device code start (ours: device/start; CrossWatch: pin/new, pin/start, device/start). */
  /**
   * With `relaysProvider` (the route relays the provider's answers as HTTP errors), a 401 in the
   * provider's words is the provider refusing (`upstream_error`), not the dashboard's session.
   */
  deviceStart(path: string, body?: Record<string, unknown>, opts?: CallOptions & { relaysProvider?: boolean }): Promise<DeviceStart>;
  /**
   * One poll (POST, or GET with `method: 'GET'`: CrossWatch's Jellyfin Quick Connect); CrossWatch
   * statuses (`authorization_pending`, `ok`, `access_denied`, Jellyfin's `state: waiting`, …) are mapped.
   * With `relaysProvider` (the route relays the provider's answers as HTTP errors), a 401 in the
   * provider's words becomes `denied` and `not_authorized` becomes `no_pending_flow`.
   */
  devicePoll(path: string, opts?: CallOptions & { method?: 'GET' | 'POST'; relaysProvider?: boolean }): Promise<DevicePoll>;
  deviceCancel(path: string, opts?: CallOptions): Promise<void>;
  /** POST a device flow's finish route (exchange after approval); `{ok:false}` bodies throw. */
  deviceFinish(path: string, opts?: CallOptions): Promise<ConnectResult>;

  /**
   * POST authorize {origin, nonce?} → validated authorize URL. The backend echoes `nonce` in the
   * callback page's postMessage so the flow can tell its own message from any other.
   */
  authorize(path: string, origin: string, opts?: CallOptions & { nonce?: string }): Promise<AuthorizeResult>;
  /** POST connect/login/save with field values. */
  connect(path: string, values: Record<string, unknown>, opts?: CallOptions): Promise<ConnectResult>;
  /** GET status. */
  status(path: string, opts?: CallOptions): Promise<ProviderStatus>;
  /**
   * GET /api/auth/status: every provider's status in one answer. A backend without it answers
   * 404/405 (an ApiError). Optional so that hand-written clients need not offer it.
   */
  statusAll?(opts?: CallOptions): Promise<StatusByName>;
  /** CrossWatch: GET /api/status, its cached probes of every provider (no account names). */
  crossWatchStatus?(opts?: CallOptions): Promise<StatusByName>;
  refresh(path: string, opts?: CallOptions): Promise<ProviderStatus | undefined>;
  /** Throws ApiError code `provider_in_use` (with `usages`) on 409. */
  disconnect(path: string, opts?: CallOptions): Promise<void>;

  /** GET the profiles inside the linked account and the synced one (CrossWatch's `nuvio/profiles`). */
  accountProfiles(path: string, opts?: CallOptions): Promise<AccountProfiles>;
  /** POST `{profile_id}` to sync another profile of the linked account; answers the one now synced. */
  selectAccountProfile(path: string, profile: AccountProfile, opts?: CallOptions): Promise<AccountProfile>;

  /** CrossWatch profiles of every provider: GET /api/provider-instances, keyed by upper-case name. */
  listAllInstances?(opts?: CallOptions): Promise<ReadonlyMap<string, ProviderInstance[]>>;
  /** CrossWatch profiles: GET /api/provider-instances/<prov>. */
  listInstances(provider: string, opts?: CallOptions): Promise<ProviderInstance[]>;
  /** POST /api/provider-instances/<prov>/next → the new id. */
  createInstance(provider: string, opts?: CallOptions): Promise<string>;
  renameInstance(provider: string, id: string, label: string, opts?: CallOptions): Promise<void>;
  deleteInstance(provider: string, id: string, opts?: CallOptions): Promise<void>;
}
