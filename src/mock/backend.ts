/**
 * The contract mock backend: the public MockBackend API (types.ts) over BackendCore's state.
 * Everything lives on the instance (no module state), so each test can create a fresh one; time
 * comes from options.now so fake timers work. What each flow does is in ./backend/ (one file
 * per flow), the routes in ./handlers.ts.
 */
import type { RequestHandler } from 'msw';
import type { WireUsage } from '../api-client/wire.js';
import { hasValue, writePath } from './config.js';
import { parseRule } from './faults.js';
import { buildHandlers } from './handlers.js';
import { PROVIDERS } from './providers.js';
import type { DecisionResult, FaultControl, FaultRule, MockBackend, MockBackendOptions, MockSnapshot } from './types.js';
import { deepClone, randomHex, type JsonObject } from './util.js';
import { maskedConfig } from './backend/config-store.js';
import { statusOf } from './backend/connection.js';
import { BackendCore } from './backend/core.js';
import { decideDevice } from './backend/device-flow.js';
import { decideOAuth } from './backend/oauth-flow.js';
import { defaultUsages } from './backend/state.js';

// The old home of these names; index.ts and older imports keep working.
export { INITIAL_CONFIG, type DeviceFlow, type OAuthSession } from './backend/state.js';
export { POLL_TOLERANCE_MS } from './backend/device-flow.js';
export { OAUTH_TTL_MS } from './backend/oauth-flow.js';

export class MockBackendImpl extends BackendCore implements MockBackend {
  readonly handlers: RequestHandler[];
  readonly faults: FaultControl;

  constructor(options: MockBackendOptions = {}) {
    super(options);
    this.faults = {
      add: (rule) => this.addFault(rule),
      remove: (id) => {
        const at = this.state.faults.findIndex((f) => f.id === id);
        if (at >= 0) this.state.faults.splice(at, 1);
        return at >= 0;
      },
      clear: () => void (this.state.faults.length = 0),
      list: () => deepClone(this.state.faults),
    };
    this.handlers = buildHandlers(this);
  }

  advanceClock(ms: number): void {
    this.state.clockOffsetMs += ms;
  }

  setLatency(ms: number): void {
    this.state.latencyMs = Math.max(0, ms);
  }

  rawConfig(): JsonObject {
    return deepClone(this.state.config);
  }

  setInUse(provider: string, usages?: WireUsage[] | false): void {
    const def = this.requireProvider(provider);
    if (usages === false) this.state.inUse.delete(def.id);
    else this.state.inUse.set(def.id, usages && usages.length ? deepClone(usages) : defaultUsages(def.label));
  }

  approveDevice(provider: string, opts: { code?: string; account?: string } = {}): DecisionResult {
    return decideDevice(this, 'approve', { provider, ...opts }).result;
  }

  denyDevice(provider: string, opts: { code?: string } = {}): DecisionResult {
    return decideDevice(this, 'deny', { provider, ...opts }).result;
  }

  decideOAuth(provider: string, decision: 'allow' | 'deny', opts: { account?: string; state?: string } = {}): DecisionResult {
    return decideOAuth(this, provider, decision, opts);
  }

  connect(provider: string, account?: string): void {
    const def = this.requireProvider(provider);
    const name = account?.trim() || def.defaultAccount;
    const cfg = this.state.config;
    if (def.requiresClientKeys) {
      // A real connection implies the app keys were saved (refresh needs them).
      if (!hasValue(cfg, `${def.id}.client_id`)) writePath(cfg, `${def.id}.client_id`, `mock-${def.id}-client-id`);
      if (!hasValue(cfg, `${def.id}.client_secret`)) writePath(cfg, `${def.id}.client_secret`, randomHex(40));
    }
    if (def.id === 'tautulli') {
      if (!hasValue(cfg, 'tautulli.server_url')) writePath(cfg, 'tautulli.server_url', 'http://tautulli.local:8181');
      writePath(cfg, 'tautulli.api_key', randomHex(32));
      writePath(cfg, 'tautulli.server_name', 'Mock Tautulli');
      writePath(cfg, 'tautulli.account', name);
      return;
    }
    if (def.id === 'jellyfin' || def.id === 'emby') {
      if (!hasValue(cfg, `${def.id}.server`)) writePath(cfg, `${def.id}.server`, `http://${def.id}.local:8096`);
      writePath(cfg, `${def.id}.username`, name);
      writePath(cfg, `${def.id}.user_id`, randomHex(32));
      if (def.id === 'jellyfin') writePath(cfg, 'jellyfin.server_version', '10.10.3');
      else writePath(cfg, 'emby.user', name);
    }
    this.issueToken(def, name);
  }

  snapshot(): MockSnapshot {
    const providers: MockSnapshot['providers'] = {};
    for (const def of PROVIDERS) {
      providers[def.id] = { ...statusOf(this, def), in_use: this.state.inUse.has(def.id) };
    }
    return {
      now: this.now(),
      clockOffsetMs: this.state.clockOffsetMs,
      latencyMs: this.state.latencyMs,
      config: maskedConfig(this.state.config),
      providers,
      deviceFlows: [...this.state.flows.values()].map((f) => ({
        provider: f.provider,
        user_code: f.userCode,
        mode: f.mode,
        state: f.expiresAt <= this.now() && f.state === 'pending' ? 'expired' : f.state,
        interval: f.interval,
        expires_at: Math.floor(f.expiresAt / 1000),
      })),
      oauthSessions: [...this.state.oauth.values()].map((s) => ({
        provider: s.provider,
        state: s.state,
        origin: s.origin,
        ...(s.decision ? { decision: s.decision } : {}),
        expires_at: Math.floor(s.expiresAt / 1000),
      })),
      faults: this.faults.list(),
    };
  }

  addFault(input: FaultRule): string {
    const rule = parseRule(input);
    const id = `f${++this.state.faultSeq}`;
    this.state.faults.push({ ...rule, id, hits: 0 });
    return id;
  }

  /** Whether `GET /api/auth/status` exists (MockBackendOptions.statusAll). */
  get answersStatusAll(): boolean {
    return this.options.statusAll !== false;
  }
}

export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  return new MockBackendImpl(options);
}
