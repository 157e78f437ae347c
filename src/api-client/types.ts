/**
 * Domain types the widget works with. The API client turns wire shapes (ours from
 * docs/openapi.yaml, and CrossWatch's real ones) into these, so nothing above the client
 * sees snake_case, legacy flow names or envelope variants.
 */
import type { ApiError } from './errors.js';

/** The closed, canonical set of connect flows. `null` on a manifest means "unknown flow". */
export type FlowKind = 'device_code' | 'oauth' | 'credentials' | 'local';

export type FieldType = 'text' | 'password' | 'url' | 'bool' | 'select' | 'readonly' | 'number';

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldSchema {
  /** Dotted config path, e.g. `trakt.client_id` or `tautulli.history.user_id`. */
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  placeholder?: string;
  default?: string | number | boolean;
  readonly?: boolean;
  /** For `select`. */
  options?: FieldOption[];
  /** Optional helper text under the field. */
  help?: string;
}

export interface ProviderActions {
  start: boolean;
  finish: boolean;
  refresh: boolean;
  disconnect: boolean;
}

/** Explicit per-action URLs (our manifest extension `routes`). Paths relative to the base URL. */
export type RouteName =
  | 'start'
  | 'poll'
  | 'cancel'
  | 'authorize'
  | 'connect'
  | 'status'
  | 'refresh'
  | 'disconnect'
  | 'instances';
export type ManifestRoutes = Partial<Record<RouteName, string>>;

export interface ProviderBrand {
  color?: string;
  logo?: string;
}

/** A validated, normalised provider manifest. */
export interface ProviderManifest {
  /** Machine id as the server sends it, e.g. `TRAKT`. */
  name: string;
  /** Lower-case name used in default routes: `/api/<id>/…`. */
  id: string;
  label: string;
  /** Canonical flow, or null when the server sent a flow we do not know (fields only). */
  flow: FlowKind | null;
  /** The flow string exactly as the server sent it (`device_pin`, `oauth2`, …). */
  rawFlow: string;
  fields: FieldSchema[];
  actions: ProviderActions;
  verifyUrl?: string;
  notes?: string;
  routes?: ManifestRoutes;
  brand?: ProviderBrand;
  helpUrl?: string;
  redirectUrl?: string;
  group?: string;
}

/** A manifest entry that failed validation: the card list shows a message for it. */
export interface InvalidManifest {
  index: number;
  /** The `name` if one could be read. */
  name?: string;
  error: ApiError;
}

export interface ProviderList {
  manifests: ProviderManifest[];
  invalid: InvalidManifest[];
}

/** The backend config: a nested plain object with secrets masked. */
export type ConfigObject = Record<string, unknown>;

export interface DeviceStart {
  userCode: string;
  verificationUrl: string;
  verificationUrlComplete?: string;
  /** Seconds between polls (default 5). */
  interval: number;
  /** Seconds until the code expires. */
  expiresIn: number;
}

export type DevicePollStatus = 'pending' | 'slow_down' | 'authorized' | 'expired' | 'denied' | 'error';

export interface DevicePoll {
  status: DevicePollStatus;
  /** New interval in seconds, when the server sends one. */
  interval?: number;
  retryAfter?: number;
  message?: string;
  account?: string;
}

export interface AuthorizeResult {
  authorizeUrl: string;
}

export interface ConnectResult {
  account?: string;
}

/**
 * A profile inside the linked account (Nuvio's viewer profiles), not a CrossWatch profile of the
 * provider (`ProviderInstance`).
 */
export interface AccountProfile {
  /** The id as text (select values, comparisons). */
  id: string;
  /** The id as the server sent it (a number for Nuvio): sent back unchanged on select. */
  value: string | number;
  name: string;
}

export interface AccountProfiles {
  profiles: AccountProfile[];
  /** Id of the profile the server syncs now, when it says. */
  selected?: string;
}

export interface ProviderStatus {
  connected: boolean;
  account?: string;
  /** Epoch milliseconds. */
  expiresAt?: number;
  reason?: string;
}

/** One provider's entry in an all-providers status answer; `instances` per profile id when the backend says (CrossWatch). */
export interface AggregateStatus extends ProviderStatus {
  instances?: ReadonlyMap<string, ProviderStatus>;
}

/** Every provider's status from one request, keyed by the upper-case provider name (`TRAKT`). */
export type StatusByName = ReadonlyMap<string, AggregateStatus>;

/** A CrossWatch profile ("instance") of a provider. */
export interface ProviderInstance {
  id: string;
  label: string;
  configured: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Milliseconds; defaults to the client's timeout. */
  timeoutMs?: number;
  /** CrossWatch profile; sent as `?instance=` when set and not `default`. */
  instance?: string;
  /** Let the request outlive the page (fetch `keepalive`): a cancel sent while leaving. */
  keepalive?: boolean;
}
