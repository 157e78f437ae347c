/**
 * A mock backend that behaves like CrossWatch v0.11.3's real API (crosswatch-api.md), so the
 * widget, flows and e2e tests run against CrossWatch's shapes as well as against our contract.
 * Same shape as the contract mock (`MockBackend`), served by the same `startMockServer`; it sets
 * `cors: false` because CrossWatch sends no CORS headers. See docs/crosswatch.md.
 *
 * This file is the public entry (package export `./mock/crosswatch`): it wires the parts. The
 * request path is dispatch.ts → auth-gate.ts → faults.ts → the route modules (core, status,
 * devices, oauth, credentials); /mock/* is mock-routes.ts and control-routes.ts; the state and
 * settings live in runtime.ts and state.ts.
 */
import type { ActiveFault } from '../types.js';
import type { CrossWatchBackend, CrossWatchBackendOptions } from './backend-types.js';
import { decideDevice, decideOAuth, setInUse, snapshot } from './backend-api.js';
import { clone } from './config.js';
import { registerCoreRoutes } from './core.js';
import { registerCredentialRoutes } from './credentials.js';
import { registerDeviceRoutes } from './devices.js';
import { dispatchHandlers } from './dispatch.js';
import { registerOAuthRoutes } from './oauth.js';
import { CrossWatchRuntime } from './runtime.js';
import { connect } from './seeds.js';
import type { Usage } from './state.js';
import { registerStatusRoutes } from './status.js';

export type { CrossWatchBackend, CrossWatchBackendOptions, CrossWatchFaultControl } from './backend-types.js';
export type { CrossWatchFaultRule, CrossWatchActiveFault, CrossWatchFaultKind } from './faults.js';
export { CROSSWATCH_FAULT_KINDS, ALL_FAULT_KINDS } from './faults.js';
export { MASK, redactConfig, mergeConfig, looksSensitive, isBlankSecret } from './config.js';
export { mockRules } from './rules.js';

export function createCrossWatchBackend(options: CrossWatchBackendOptions = {}): CrossWatchBackend {
  const rt = new CrossWatchRuntime(options);
  const { s, faults } = rt;

  // Registration order is match order (./http.ts Router).
  registerCoreRoutes(rt.router, rt.env);
  registerStatusRoutes(rt.router, rt.env);
  registerDeviceRoutes(rt.router, rt.env);
  registerOAuthRoutes(rt.router, rt.env);
  registerCredentialRoutes(rt.router, rt.env);

  return {
    flavor: 'crosswatch',
    cors: false,
    handlers: dispatchHandlers(rt),
    credentials: { sessionCookie: rt.sessionCookie, apiToken: rt.apiToken },
    reset: () => rt.reset(),
    now: rt.now,
    faults: {
      add: (rule) => faults.add(rule),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      list: () => faults.list() as unknown as ActiveFault[],
      listAll: () => faults.list(),
    },
    setRequireAuth(mode) {
      rt.requireAuth = mode;
    },
    setInUse(provider, usages) {
      setInUse(s, provider, usages === false ? false : (usages as Usage[] | undefined));
    },
    approveDevice: (provider, opts) => decideDevice(s, provider, 'approve', opts),
    denyDevice: (provider, opts) => decideDevice(s, provider, 'deny', opts),
    decideOAuth: (provider, decision, opts = {}) => decideOAuth(rt, provider, decision, opts),
    connect: (provider, account, instance) => connect(s, provider, account, instance),
    advanceClock(ms) {
      rt.clockOffsetMs += ms;
    },
    setLatency(ms) {
      rt.latencyMs = Math.max(0, ms);
    },
    rawConfig: () => clone(s.config),
    snapshot: () => snapshot(rt),
  };
}
