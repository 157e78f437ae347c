import type { MockRules } from './rules.js';
import type { CrossWatchState } from './state.js';

/** What every route module needs. */
export interface MockEnv {
  s: CrossWatchState;
  rules: MockRules;
  /**
   * `mock`: verification and authorize URLs point at this server's activation/consent pages, so a
   * person or an e2e test can finish every flow. `real`: the provider URLs CrossWatch sends.
   */
  verificationUrls: 'mock' | 'real';
  /**
   * The all-providers routes `GET /api/provider-instances` and `GET /api/status` answer (default).
   * `false`: 404, the per-card behaviour of a backend without them (the request benchmark's baseline).
   */
  aggregates: boolean;
}
