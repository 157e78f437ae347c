/**
 * The bundled mock backend: a stateful implementation of our HTTP contract (docs/openapi.yaml)
 * as msw handlers, used by the browser tests, the demo (service worker) and `npm run mock`
 * (src/mock/server.ts). See docs/mock.md. Runtime code under src/ never imports this.
 */
export { createMockBackend, INITIAL_CONFIG, POLL_TOLERANCE_MS } from './backend.js';
export { PROVIDERS, findProvider, type ProviderDef, type MockManifest } from './providers.js';
export { classifyApiPath, parseFaultSpec } from './faults.js';
export {
  FAULT_KINDS,
  ROUTE_NAMES,
  type ActiveFault,
  type DecisionResult,
  type FaultControl,
  type FaultKind,
  type FaultRule,
  type MockBackend,
  type MockBackendOptions,
  type MockSnapshot,
  type RouteName,
} from './types.js';
