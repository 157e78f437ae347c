/**
 * The bundled mock backend (src/mock, docs/mock.md) in browser tests, two ways:
 *
 * - `installMockFetch(backend)`: patches globalThis.fetch to answer from the backend's msw
 *   handlers (msw `getResponse`). Fast, no service worker; behaves like fetch where it matters:
 *   aborts reject with the signal's reason (also during injected latency), a `network` fault or
 *   `HttpResponse.error()` rejects with a TypeError, redirects are followed. Requests no handler
 *   answers go to the real fetch.
 * - `startMockWorker(backend)` / `stopMockWorker()`: msw's real service worker
 *   (`/mockServiceWorker.js`), the path the demo uses.
 *
 * Faults and flow decisions: `control(backend)` below, or the backend's own methods
 * (`backend.faults.add({fault: 'http_500', provider: 'trakt', route: 'status', times: 1})`), or
 * per request the `x-mock-fault` header / `?mock_fault=` query (docs/mock.md).
 *
 *   const backend = createMockBackend();
 *   let restore: () => void;
 *   beforeEach(() => { backend.reset(); restore = installMockFetch(backend); });
 *   afterEach(() => restore());
 */
import { getResponse, type RequestHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import type { MockBackend, FaultRule } from '../../src/mock/index.js';

export { createMockBackend } from '../../src/mock/index.js';
export type { MockBackend, FaultRule, MockBackendOptions } from '../../src/mock/index.js';

interface HasHandlers {
  readonly handlers: RequestHandler[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');

/** Resolves with `promise`, or rejects with the signal's reason as soon as it aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Constructed Responses have url '' and redirected false; real fetch answers carry both. */
function asFetched(response: Response, url: string, redirected: boolean): Response {
  Object.defineProperty(response, 'url', { value: url, configurable: true });
  Object.defineProperty(response, 'redirected', { value: redirected, configurable: true });
  return response;
}

/**
 * Patches globalThis.fetch to answer from `backend.handlers`. Returns a function that restores
 * the previous fetch (call it in afterEach).
 */
export function installMockFetch(backend: HasHandlers): () => void {
  const original = globalThis.fetch;
  const mockFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let request = new Request(input instanceof URL ? input.href : input, init);
    const signal = request.signal;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (signal.aborted) throw abortReason(signal);
      const replay = request.clone(); // for a 307/308, which repeats the body
      const response = await raceAbort(getResponse(backend.handlers, request.clone(), { baseUrl: location.href }), signal);
      if (!response) return hop === 0 ? original(request) : original(request.url, { signal });
      if (response.type === 'error') throw new TypeError('Failed to fetch');
      const location_ = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location_ || request.redirect === 'manual') {
        return asFetched(response, request.url, hop > 0);
      }
      if (request.redirect === 'error') throw new TypeError('Failed to fetch (redirect mode is "error")');
      const next = new URL(location_, request.url).href;
      const keepMethod = response.status === 307 || response.status === 308;
      const toGet = !keepMethod && request.method !== 'GET' && request.method !== 'HEAD';
      request = new Request(next, {
        method: toGet ? 'GET' : request.method,
        headers: request.headers,
        body: keepMethod && request.method !== 'GET' && request.method !== 'HEAD' ? await replay.arrayBuffer() : undefined,
        credentials: request.credentials,
        redirect: request.redirect,
        signal,
      });
    }
    throw new TypeError(`Failed to fetch: more than ${MAX_REDIRECTS} redirects`);
  };
  globalThis.fetch = mockFetch as typeof fetch;
  return () => {
    if (globalThis.fetch === mockFetch) globalThis.fetch = original;
  };
}

let worker: SetupWorker | undefined;
let workerStarted = false;

/**
 * Serves `backend` through msw's service worker (one per page; a later call swaps the handlers).
 * Page navigations (popups to the activation or consent page) are not intercepted by msw.
 */
export async function startMockWorker(backend: HasHandlers): Promise<SetupWorker> {
  if (!worker) worker = setupWorker(...backend.handlers);
  else worker.resetHandlers(...backend.handlers);
  if (!workerStarted) {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
    workerStarted = true;
  }
  return worker;
}

export function stopMockWorker(): void {
  if (worker && workerStarted) worker.stop();
  workerStarted = false;
}

/** Short names for the backend's control API in tests (the same as the /mock/control routes). */
export function control(backend: MockBackend) {
  return {
    /** Adds a fault rule; returns its id. */
    fault: (rule: FaultRule) => backend.faults.add(rule),
    clearFaults: () => backend.faults.clear(),
    approve: (provider: string, opts?: { code?: string; account?: string }) => backend.approveDevice(provider, opts),
    deny: (provider: string, opts?: { code?: string }) => backend.denyDevice(provider, opts),
    allowOAuth: (provider: string, account?: string) => backend.decideOAuth(provider, 'allow', { account }),
    denyOAuth: (provider: string) => backend.decideOAuth(provider, 'deny'),
    inUse: (provider: string, inUse = true) => backend.setInUse(provider, inUse ? undefined : false),
    connect: (provider: string, account?: string) => backend.connect(provider, account),
    advance: (ms: number) => backend.advanceClock(ms),
    reset: () => backend.reset(),
  };
}
