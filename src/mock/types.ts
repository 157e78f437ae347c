/** Public types of the bundled mock backend (see docs/mock.md). */
import type { RequestHandler } from 'msw';
import type { WireUsage } from '../api-client/wire.js';

/** Every failure the mock can inject. */
export const FAULT_KINDS = [
  'latency', // delay the answer by `ms` (then answer normally)
  'http_500', // 500 with our envelope, code `internal`
  'network', // the connection fails (fetch rejects)
  'malformed_json', // 200, content-type JSON, truncated body
  'html_error', // 502 with a proxy's HTML error page
  'unauthorized', // 401, code `unauthorized` (dashboard session expired)
  'in_use', // disconnect routes only: 409 `provider_in_use` with usages
  'slow_down_storm', // device poll routes only: every poll answers `slow_down`
  'rate_limited', // 429 + Retry-After, code `rate_limited`
  'unavailable', // 503 + Retry-After, code `unavailable`
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Route names a fault can target (`route`), besides an exact path such as `/api/trakt/device/poll`.
 * `start` also covers the seed's `pin/new`; `connect` covers CrossWatch's `login`;
 * `disconnect` covers `token/delete`.
 */
export const ROUTE_NAMES = [
  'providers',
  'config',
  'config_unset',
  'start',
  'poll',
  'cancel',
  'authorize',
  'callback',
  'connect',
  'status',
  'refresh',
  'disconnect',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export interface FaultRule {
  fault: FaultKind;
  /** Lower-case provider id (`trakt`); absent = every provider and the provider-less routes. */
  provider?: string;
  /** A route name (see ROUTE_NAMES) or an exact path starting with `/`; absent = every route. */
  route?: string;
  /** How many matching requests it affects; absent = until cleared or reset. */
  times?: number;
  /** `latency`: the delay. `rate_limited` / `unavailable`: Retry-After (rounded up to seconds). */
  ms?: number;
}

export interface ActiveFault extends FaultRule {
  id: string;
  /** Requests it affected so far. */
  hits: number;
}

export interface MockBackendOptions {
  /** Clock in epoch ms; defaults to Date.now. Tests with fake timers inject theirs. */
  now?: () => number;
  /** Delay every /api answer by this many ms (realistic network). Default 0. */
  latencyMs?: number;
  /** Raw config (secrets in clear) merged over the initial state; restored by reset(). */
  config?: Record<string, unknown>;
  /**
   * Where the person-facing pages live, when not at the mock's own `<origin>/mock/activate` and
   * `<origin>/mock/oauth/authorize`: absolute URLs the mock appends its query to. The demo points
   * them at static pages, because msw's service worker does not intercept page navigations.
   */
  pageUrls?: { activate?: string; consent?: string };
  /**
   * Answer `GET /api/auth/status` (every provider's status at once). `false` plays a backend
   * without it (404), whose cards ask their own status routes: the request benchmark's baseline.
   */
  statusAll?: boolean;
  /**
   * Lists this many manifests (load tests): the providers, then numbered copies (`TRAKT_8`,
   * "Trakt 8") of those that declare their routes, sharing the original's routes and state.
   */
  providerCount?: number;
}

export interface DecisionResult {
  ok: boolean;
  /** What happened, in words (also what the activation page shows). */
  message: string;
  provider?: string;
  userCode?: string;
  account?: string;
  /**
   * OAuth only: what the callback page would post to its opener (`targetOrigin` and message), so
   * a page standing in for consent + callback (the demo's) can play that part too.
   */
  callback?: { targetOrigin: string; data: { type: 'cw-auth:oauth'; provider: string; status: 'authorized' | 'denied'; nonce?: string } };
}

export interface FaultControl {
  /** Adds a rule; returns its id. Throws on an unknown fault kind. */
  add(rule: FaultRule): string;
  remove(id: string): boolean;
  clear(): void;
  list(): ActiveFault[];
}

/** What `GET /mock/control/state` answers: secrets masked, flows listed. */
export interface MockSnapshot {
  now: number;
  clockOffsetMs: number;
  latencyMs: number;
  config: Record<string, unknown>;
  providers: Record<string, { connected: boolean; account?: string; expires_at?: number; in_use: boolean }>;
  deviceFlows: Array<{
    provider: string;
    user_code: string;
    mode: 'poll' | 'server';
    state: string;
    interval: number;
    expires_at: number;
  }>;
  oauthSessions: Array<{ provider: string; state: string; origin: string; decision?: string; expires_at: number }>;
  faults: ActiveFault[];
}

export interface MockBackend {
  /** msw handlers answering every route (any origin: `*\/api/...`, `*\/mock/...`). */
  readonly handlers: RequestHandler[];
  /** Back to the initial state: config, flows, faults, in-use marks, clock offset, latency. */
  reset(): void;
  /** The backend's clock (options.now + advanceClock offset), epoch ms. */
  now(): number;
  readonly faults: FaultControl;
  /** Marks a provider as used by a sync pair etc., so disconnect answers 409; `false` clears. */
  setInUse(provider: string, usages?: WireUsage[] | false): void;
  /** What the activation page's Approve does, for the pending device flow of `provider`. */
  approveDevice(provider: string, opts?: { code?: string; account?: string }): DecisionResult;
  /** What the activation page's Deny does. */
  denyDevice(provider: string, opts?: { code?: string }): DecisionResult;
  /**
   * Finishes the newest pending OAuth attempt of `provider` as if the person chose Allow/Deny on
   * the consent page and the callback ran (no popup involved). `state` picks that attempt instead.
   */
  decideOAuth(provider: string, decision: 'allow' | 'deny', opts?: { account?: string; state?: string }): DecisionResult;
  /** Stores a token as if the provider had been connected (seeding demos and tests). */
  connect(provider: string, account?: string): void;
  /** Moves the backend's clock forward (code expiry, token expiry) without waiting. */
  advanceClock(ms: number): void;
  setLatency(ms: number): void;
  /** A deep copy of the stored config with secrets in clear (for assertions). */
  rawConfig(): Record<string, unknown>;
  snapshot(): MockSnapshot;
}
