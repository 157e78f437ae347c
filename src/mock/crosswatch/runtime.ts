/**
 * One CrossWatch-flavoured backend's moving parts: its state, fault rules and router, and the
 * settings reset() restores (clock offset, latency, the auth gate's mode). The dispatcher, the
 * control routes and the public API all read and change these through one object.
 */
import type { CrossWatchBackendOptions } from './backend-types.js';
import { clone, isObject, type JsonObject } from './config.js';
import type { MockEnv } from './env.js';
import { FaultList } from './faults.js';
import { Router } from './http.js';
import { mockRules } from './rules.js';
import { CrossWatchState } from './state.js';

/** The auth gate's mode (CrossWatchBackendOptions.requireAuth). */
export type AuthMode = NonNullable<CrossWatchBackendOptions['requireAuth']>;

export class CrossWatchRuntime {
  readonly faults = new FaultList();
  readonly s: CrossWatchState;
  readonly router = new Router();
  /** What every route module gets (./env.ts). */
  readonly env: MockEnv;
  readonly apiToken: string;
  readonly sessionCookie: string;
  clockOffsetMs = 0;
  latencyMs: number;
  requireAuth: AuthMode;
  private readonly baseNow: () => number;

  constructor(private readonly options: CrossWatchBackendOptions) {
    this.baseNow = options.now ?? (() => Date.now());
    this.latencyMs = options.latencyMs ?? 0;
    this.requireAuth = options.requireAuth ?? 'none';
    this.apiToken = options.apiToken ?? 'cwt_mock_token';
    this.sessionCookie = options.sessionCookie ?? 'mock-session';
    this.s = new CrossWatchState(this.now);
    this.env = { s: this.s, rules: mockRules, verificationUrls: options.verificationUrls ?? 'mock', aggregates: options.aggregates !== false };
    this.reset();
  }

  /** The backend's clock: options.now (read at call time) plus advanceClock's offset. */
  readonly now = (): number => this.baseNow() + this.clockOffsetMs;

  /** Back to the options' initial state; the routes keep their reference to `s`. */
  reset(): void {
    const { options } = this;
    this.initialState(this.s);
    this.clockOffsetMs = 0;
    this.latencyMs = options.latencyMs ?? 0;
    this.requireAuth = options.requireAuth ?? 'none';
    this.faults.clear();
    for (const rule of options.faults ?? []) this.faults.add(rule);
  }

  private initialState(state: CrossWatchState): void {
    const { options } = this;
    state.reset();
    if (options.config) {
      // A plain deep merge: seeded secrets are stored as given.
      const merge = (target: JsonObject, src: JsonObject) => {
        for (const [k, v] of Object.entries(src)) {
          if (isObject(v) && isObject(target[k])) merge(target[k] as JsonObject, v);
          else target[k] = clone(v);
        }
      };
      merge(state.config, options.config);
    }
    state.inUse = (options.inUse ?? []).map((u) => ({ ...u }));
  }
}
