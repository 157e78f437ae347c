/**
 * Spectrum-style leak checks for long-lived dashboards: after an element is removed, nothing it
 * started may keep running: no timers, no requests in flight, no new requests later, no events.
 */
import { installClock, type FakeClock } from './clock.js';

export interface TrackedCall {
  method: string;
  url: string;
  /** The request body when it was a string (our client always sends JSON text). */
  body?: string;
  headers: Headers;
  credentials?: RequestCredentials;
}

export interface FetchTracker {
  /** Every request made since tracking started, in order. */
  readonly calls: TrackedCall[];
  /** Requests that have neither answered nor been aborted yet. */
  readonly inFlight: number;
  /** The most requests that were in flight at the same time. */
  readonly peakInFlight: number;
  /** Puts the previous `fetch` back. */
  restore(): void;
}

const abortError = () => new DOMException('The operation was aborted.', 'AbortError');

/**
 * Wraps the current `globalThis.fetch` (usually the mock's) to count requests. Like a real
 * fetch, a request rejects as soon as its signal aborts, even if the mock would answer later, so
 * `inFlight` only counts requests nobody cancelled.
 */
export function trackFetch(): FetchTracker {
  const inner = globalThis.fetch;
  const calls: TrackedCall[] = [];
  let inFlight = 0;
  let peakInFlight = 0;
  const tracked = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input instanceof URL ? input.href : input);
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const credentials = init?.credentials ?? request?.credentials;
    calls.push({
      method: (init?.method ?? request?.method ?? 'GET').toUpperCase(),
      url,
      headers: new Headers(init?.headers ?? request?.headers),
      ...(body !== undefined ? { body } : {}),
      ...(credentials ? { credentials } : {}),
    });
    const signal = init?.signal ?? request?.signal;
    if (signal?.aborted) return Promise.reject(abortError());
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        if (settled) return false;
        settled = true;
        inFlight--;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = () => {
        if (settle()) reject(abortError());
      };
      signal?.addEventListener('abort', onAbort);
      inner(input, init).then(
        (response) => settle() && resolve(response),
        (error: unknown) => settle() && reject(error),
      );
    });
  };
  globalThis.fetch = tracked as typeof fetch;
  return {
    calls,
    get inFlight() {
      return inFlight;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    restore() {
      if (globalThis.fetch === tracked) globalThis.fetch = inner;
    },
  };
}

/** Records the given events on a target (the removed element or an ancestor). */
export function recordEvents(target: EventTarget, names: string[]): { events: string[]; stop(): void } {
  const events: string[] = [];
  const listener = (event: Event) => events.push(event.type);
  for (const name of names) target.addEventListener(name, listener);
  return {
    events,
    stop() {
      for (const name of names) target.removeEventListener(name, listener);
    },
  };
}

const flushMicrotasks = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

export interface PendingWorkReport {
  inFlight: number;
  timers: number;
  requestsAfterRemoval: TrackedCall[];
}

/**
 * Call right after removing an element. Lets pending promises settle, then advances the fake
 * clock by `advanceMs` (past any poll interval or retry) and reports what is still going on.
 * Expect `{inFlight: 0, timers: 0, requestsAfterRemoval: []}`.
 */
export async function pendingWorkAfterRemoval(
  fetches: FetchTracker,
  clock: FakeClock,
  advanceMs = 10 * 60_000,
): Promise<PendingWorkReport> {
  await flushMicrotasks();
  const inFlight = fetches.inFlight;
  const before = fetches.calls.length;
  await clock.tickAsync(advanceMs);
  await flushMicrotasks();
  return {
    inFlight,
    timers: clock.countTimers(),
    requestsAfterRemoval: fetches.calls.slice(before),
  };
}

/**
 * The "removed mid-request" check: with a fake clock, `mount()` the element, note the requests in
 * flight, remove it, and report what is still going on and which `eventNames` fired afterwards.
 */
export async function removeMidRequest(
  fetches: FetchTracker,
  mount: () => Promise<Element>,
  eventNames: string[],
): Promise<{ inFlightBefore: number; report: PendingWorkReport; events: string[] }> {
  const clock = installClock({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  try {
    const el = await mount();
    const events = recordEvents(document, eventNames);
    const inFlightBefore = fetches.inFlight;
    el.remove();
    const report = await pendingWorkAfterRemoval(fetches, clock);
    events.stop();
    return { inFlightBefore, report, events: events.events };
  } finally {
    clock.uninstall();
  }
}
