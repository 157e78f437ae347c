/**
 * Shared set-up for controller tests: a bare ReactiveControllerHost, the real API client against
 * the bundled mock (fetch patched, fake clock), and a log of every request with its time.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createApiClient } from '../../src/api-client/client.js';
import type { AuthApi } from '../../src/api-client/api.js';
import type { ProviderManifest } from '../../src/api-client/types.js';
import { describeProvider } from '../../src/providers/describe.js';
import type { ResolvedProvider } from '../../src/providers/types.js';
import { installFlowClock, yieldTask, yieldTimer, type FlowClock } from './flow-clock.js';
import { createMockBackend, installMockFetch, type MockBackend } from '../support/mock.js';

export class TestHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {
    this.updates++;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  /** Like an element leaving the DOM. */
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
  /** Like a render cycle finishing. */
  updated(): void {
    for (const c of this.controllers) c.hostUpdated?.();
  }
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** Fake-clock time of the request. */
  at: number;
  body?: string;
}

export interface Harness {
  clock: FlowClock;
  backend: MockBackend;
  api: AuthApi;
  requests: LoggedRequest[];
  /** Start time of the test (fake clock). */
  t0: number;
  /** Requests to a path (suffix match), as offsets from t0 in ms. */
  timesOf(pathSuffix: string): number[];
  /** Gaps in ms between consecutive requests to a path. */
  gapsOf(pathSuffix: string): number[];
  provider(name: string): Promise<ResolvedProvider>;
  manifests(): Promise<ProviderManifest[]>;
  teardown(): void;
}

export interface HarnessOptions {
  /** The backend to serve (default: the contract mock). Built after the fake clock is installed. */
  backend?: () => MockBackend;
}

export async function setupHarness(options: HarnessOptions = {}): Promise<Harness> {
  let inFlight = 0;
  let started = 0;
  let settledAt = 0;
  // After every timer: wait (real time) until answered requests are handled, so each answer
  // arrives at the fake instant it was asked (a request held by a fake timer stops the wait).
  const quiesce = async () => {
    await yieldTask();
    if (inFlight === 0 && started === settledAt) return; // nothing on the network: cheap
    for (let i = 0; i < 40 && inFlight > 0; i++) await yieldTimer();
    for (let i = 0; i < 4; i++) await yieldTimer();
    settledAt = started;
  };
  const clock = installFlowClock({ quiesce });
  const backend = options.backend ? options.backend() : createMockBackend({ now: () => Date.now() });
  const restoreMock = installMockFetch(backend);
  const requests: LoggedRequest[] = [];
  const mockFetch = globalThis.fetch;
  const logging = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    inFlight++; // synchronously, so quiesce() sees the request at once
    started++;
    try {
      const request = new Request(input instanceof URL ? input.href : input, init);
      const body = request.method === 'GET' ? undefined : await request.clone().text();
      const url = new URL(request.url);
      requests.push({ method: request.method, path: url.pathname + url.search, at: Date.now(), ...(body !== undefined ? { body } : {}) });
      return await mockFetch(input, init);
    } finally {
      inFlight--;
    }
  };
  globalThis.fetch = logging as typeof fetch;
  const api = createApiClient();
  const t0 = Date.now();
  const manifests = async () => (await api.listProviders()).manifests;
  const harness: Harness = {
    clock,
    backend,
    api,
    requests,
    t0,
    timesOf: (suffix) => requests.filter((r) => r.path.split('?')[0]!.endsWith(suffix)).map((r) => r.at - t0),
    gapsOf(suffix) {
      const times = harness.timesOf(suffix);
      return times.slice(1).map((t, i) => t - times[i]!);
    },
    async provider(name) {
      const list = await manifests();
      const m = list.find((x) => x.name === name);
      if (!m) throw new Error(`mock has no ${name}`);
      requests.length = 0; // only count what the flow does
      return describeProvider(m);
    },
    manifests,
    teardown() {
      if (globalThis.fetch === logging) globalThis.fetch = mockFetch;
      restoreMock();
      clock.uninstall();
    },
  };
  return harness;
}

/** Settles promise chains that do not depend on timers (answered fetches, microtasks). */
export async function settle(clock: FlowClock, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await clock.runMicrotasks();
}

/** A stand-in for a popup window: records navigation, never loads anything. */
export class FakePopup {
  closed = false;
  opener: unknown = window;
  readonly location = { href: 'about:blank' };
  close(): void {
    this.closed = true;
  }
}

/** Replaces window.open for a test; `result` decides what it returns (null = blocked). */
export function stubWindowOpen(result: () => FakePopup | null): { calls: unknown[][]; popups: FakePopup[]; restore(): void } {
  const original = window.open;
  const calls: unknown[][] = [];
  const popups: FakePopup[] = [];
  window.open = ((...args: unknown[]) => {
    calls.push(args);
    const popup = result();
    if (popup) popups.push(popup);
    return popup as unknown as Window | null;
  }) as typeof window.open;
  return {
    calls,
    popups,
    restore() {
      window.open = original;
    },
  };
}
