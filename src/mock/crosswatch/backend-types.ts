/** The CrossWatch flavour's options and public shape: the contract mock's MockBackend plus its own members. */
import type { ActiveFault, FaultControl, MockBackend } from '../types.js';
import type { JsonObject } from './config.js';
import type { CrossWatchActiveFault, CrossWatchFaultRule } from './faults.js';
import type { Usage } from './state.js';

export interface CrossWatchBackendOptions {
  /** Clock in epoch ms; defaults to Date.now. */
  now?: () => number;
  /**
   * The auth gate on /api/*. `none` (default): open, like a test instance with auth off.
   * `cookie`: the `cw_auth` session cookie or an API token, plus CrossWatch's Origin check on
   * cookie-authenticated unsafe methods. `token`: only an API token (`Authorization: Bearer` or
   * `X-CW-Token`) is accepted.
   */
  requireAuth?: 'none' | 'cookie' | 'token';
  /** The accepted API token. Default `cwt_mock_token`. */
  apiToken?: string;
  /** A `cw_auth` value accepted besides the ones /mock/login hands out. Default `mock-session`. */
  sessionCookie?: string;
  /** `mock` (default): verification/authorize URLs point at this server's pages. `real`: CrossWatch's. */
  verificationUrls?: 'mock' | 'real';
  /** Profiles that are "in use" from the start (disconnect/delete answer 409). */
  inUse?: Array<{ provider: string; instance?: string; usages?: Usage[] }>;
  /** Raw config (secrets in clear) merged over config-fresh.json; restored by reset(). */
  config?: JsonObject;
  /** Fault rules active from the start (and after reset()). */
  faults?: CrossWatchFaultRule[];
  /** Delay every answer by this many ms. Default 0. */
  latencyMs?: number;
  /** `false`: `GET /api/provider-instances` and `GET /api/status` answer 404 (see MockEnv.aggregates). */
  aggregates?: boolean;
}

/** The contract mock's FaultControl, also taking the CrossWatch-only kinds. */
export interface CrossWatchFaultControl extends FaultControl {
  add(rule: CrossWatchFaultRule): string;
  /** The active rules; `fault` may also be a CrossWatch-only kind. */
  list(): ActiveFault[];
  listAll(): CrossWatchActiveFault[];
}

export interface CrossWatchBackend extends MockBackend {
  readonly flavor: 'crosswatch';
  /** CrossWatch sends no CORS headers; startMockServer must not add any. */
  readonly cors: false;
  readonly faults: CrossWatchFaultControl;
  /** The `cw_auth` cookie value and API token this backend accepts. */
  readonly credentials: { sessionCookie: string; apiToken: string };
  /** The current gate; tests may switch it without a new backend. */
  setRequireAuth(mode: 'none' | 'cookie' | 'token'): void;
  /** Stores a token as if the provider had been connected, for one profile. */
  connect(provider: string, account?: string, instance?: string): void;
}
