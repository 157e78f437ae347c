/**
 * The hostile-backend harness: either mock flavour (contract or CrossWatch) behind a fetch that
 * poisons answers, a fake clock that only moves when the test says, and the invariants every
 * hostile case checks (see checkInvariants). Elements are mounted with a base URL under a path,
 * so "outside the base URL" can be seen.
 */
import { http, type RequestHandler } from 'msw';
import { expect, fixture, fixtureCleanup, html } from '../helpers.js';
import '../../src/elements/auth-providers/auth-providers.js';
import type { CwAuthProviders } from '../../src/elements/auth-providers/auth-providers.component.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { createMockBackend, installMockFetch } from '../support/mock.js';
import { createCrossWatchBackend } from '../../src/mock/crosswatch/index.js';
import { trackFetch, pendingWorkAfterRemoval, type FetchTracker } from '../support/leaks.js';
import { installClock, yieldTask, yieldTimer, type FakeClock } from '../support/clock.js';
import { deepQueryAll } from '../elements/card-support.js';
import { FakePopup, stubWindowOpen } from '../providers/flow-harness.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { PWNED, poisonJson, type Poison } from './corpus.js';

/** A rewrite that poisons every JSON answer under /api/. */
export const poisonApi = (poison: Poison) => (url: URL, _method: string, body: unknown) =>
  url.pathname.includes('/api/') ? poisonJson(body, poison) : undefined;

export type Flavour = 'contract' | 'crosswatch';
export const FLAVOURS: Flavour[] = ['contract', 'crosswatch'];

/** The base URL the widget is given: a path, so a request outside it is visible. */
export const BASE_PATH = '/hostile-base/';
export const baseUrl = () => new URL(BASE_PATH, location.href).href;
/** Where a hostile redirect sends the widget. */
export const EVIL_ORIGIN = 'https://evil.example';

export interface LoggedCall {
  method: string;
  url: string;
  /** Fake-clock time. */
  at: number;
}

export interface EvilHit {
  method: string;
  url: string;
  body: string;
  credentials: RequestCredentials;
  authorization: boolean;
}

export interface Hostile {
  clock: FakeClock;
  fetches: FetchTracker;
  /** Every request the widget made, with its fake time. */
  log: LoggedCall[];
  /** Requests that reached EVIL_ORIGIN (through redirects). */
  evil: EvilHit[];
  popups: ReturnType<typeof stubWindowOpen>;
  errors: string[];
  /** Handlers tried before the backend's own. */
  use(...handlers: RequestHandler[]): void;
  /** Rewrites a JSON answer (returns the new body text, or undefined to serve it as it was). */
  rewrite?: (url: URL, method: string, body: unknown) => string | undefined;
  teardown(): void;
}

/** Lets answered requests arrive at the fake instant they were asked (see flow-harness.ts). */
function quiesceFor(tracker: () => FetchTracker | undefined) {
  return async () => {
    await yieldTask();
    const t = tracker();
    for (let i = 0; i < 40 && t && t.inFlight > 0; i++) await yieldTimer();
    for (let i = 0; i < 3; i++) await yieldTimer();
  };
}

/**
 * The CrossWatch mock routes by exact path, as CrossWatch serves at its origin's root; under the
 * base path the request goes to the same route at the root (what the widget sent is logged as is).
 */
function servedAt(flavour: Flavour, request: Request, input: RequestInfo | URL, init?: RequestInit): [RequestInfo | URL, RequestInit?] {
  const url = new URL(request.url);
  if (flavour !== 'crosswatch' || !url.pathname.startsWith(BASE_PATH)) return [input, init];
  url.pathname = '/' + url.pathname.slice(BASE_PATH.length);
  return [new Request(url.href, request)];
}

export interface HostileOptions {
  /** Raw config (secrets in clear) the backend starts with, e.g. saved app keys. */
  config?: Record<string, unknown>;
}

export function serveHostile(flavour: Flavour, options: HostileOptions = {}): Hostile {
  let tracker: FetchTracker | undefined;
  const clock = installClock({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], quiesce: quiesceFor(() => tracker) });
  const config = options.config as never;
  const backend = flavour === 'contract' ? createMockBackend({ now: () => Date.now(), config }) : createCrossWatchBackend({ now: () => Date.now(), config });
  const overrides: RequestHandler[] = [];
  const evil: EvilHit[] = [];
  overrides.push(
    http.all(`${EVIL_ORIGIN}/*`, async ({ request }) => {
      evil.push({
        method: request.method,
        url: request.url,
        body: request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text(),
        credentials: request.credentials,
        authorization: request.headers.has('authorization') || request.headers.has('x-cw-token'),
      });
      return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    }),
  );
  const restoreMock = installMockFetch({
    get handlers() {
      return [...overrides, ...backend.handlers];
    },
  });
  const mockFetch = globalThis.fetch;
  const poisoning = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input instanceof URL ? input.href : input, init);
    const response = await mockFetch(...servedAt(flavour, request, input, init));
    const rewrite = self.rewrite;
    if (!rewrite || !(response.headers.get('content-type') ?? '').includes('json')) return response;
    const text = await response.text();
    let body = text;
    try {
      body = rewrite(new URL(request.url), request.method, JSON.parse(text)) ?? text;
    } catch {
      /* not JSON after all: serve as it was */
    }
    const poisoned = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    Object.defineProperty(poisoned, 'url', { value: response.url, configurable: true });
    Object.defineProperty(poisoned, 'redirected', { value: response.redirected, configurable: true });
    return poisoned;
  };
  globalThis.fetch = poisoning as typeof fetch;
  tracker = trackFetch();
  const tracked = globalThis.fetch;
  const log: LoggedCall[] = [];
  const logging = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input instanceof URL ? input.href : input);
    log.push({ method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(), url: new URL(url, location.href).href, at: Date.now() });
    return tracked(input, init);
  };
  globalThis.fetch = logging as typeof fetch;
  const popups = stubWindowOpen(() => new FakePopup());
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(`uncaught: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) => errors.push(`unhandled rejection: ${String(e.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  localStorage.clear();
  let tornDown = false;
  const self: Hostile = {
    clock,
    fetches: tracker,
    log,
    evil,
    popups,
    errors,
    use: (...handlers) => overrides.unshift(...handlers),
    teardown() {
      if (tornDown) return;
      tornDown = true;
      fixtureCleanup();
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      popups.restore();
      if (globalThis.fetch === logging) globalThis.fetch = tracked;
      tracker!.restore();
      if (globalThis.fetch === poisoning) globalThis.fetch = mockFetch;
      restoreMock();
      clock.uninstall();
      localStorage.clear();
      delete (window as unknown as Record<string, unknown>)[PWNED];
    },
  };
  return self;
}

/**
 * Mocha hooks of a hostile suite: Lit warnings fail the test, and the harness a test serves (with
 * the returned function) is torn down after it, whatever happened.
 */
export function useHostile(): (flavour: Flavour, options?: HostileOptions) => Hostile {
  failOnLitWarnings();
  let current: Hostile | undefined;
  afterEach(() => {
    current?.teardown();
    current = undefined;
  });
  return (flavour, options) => (current = serveHostile(flavour, options));
}

export const cardsOf = (el: CwAuthProviders) => [...el.shadowRoot!.querySelectorAll<CwProviderCard>('cw-provider-card')];

/** Moves the fake clock in steps of `stepMs` for `ms`, letting answers and renders happen. */
export async function runFor(h: Hostile, ms: number, stepMs = 250): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    await h.clock.tickAsync(stepMs);
    await new Promise<void>((r) => requestAnimationFrame(() => r()));
  }
}

/** Mounts `<cw-auth-providers>` on the hostile backend and lets it load (fake time). */
export async function mountHostile(h: Hostile): Promise<CwAuthProviders> {
  const el = await fixture<CwAuthProviders>(html`<cw-auth-providers base-url=${baseUrl()}></cw-auth-providers>`);
  for (let i = 0; i < 60 && !el.shadowRoot!.querySelector('cw-provider-card, [part="state"]'); i++) await runFor(h, 100, 100);
  await el.updateComplete;
  await runFor(h, 2000);
  await Promise.all(cardsOf(el).map((c) => c.updateComplete));
  return el;
}

const isHttp = (href: string) => {
  try {
    const u = new URL(href, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

/** The protoype's own keys and their values, to compare before and after. */
export const prototypeSnapshot = () =>
  Object.getOwnPropertyNames(Object.prototype)
    .map((k) => `${k}:${typeof (Object.prototype as Record<string, unknown>)[k]}`)
    .sort()
    .join(',');
const PROTOTYPE_BEFORE = prototypeSnapshot();

/** The request is under the base URL (origin and path). */
export const insideBase = (url: string) => {
  const u = new URL(url);
  const base = new URL(baseUrl());
  return u.origin === base.origin && u.pathname.startsWith(base.pathname);
};

/**
 * The invariants of every hostile case, each failing with a sentence: no script ran; no link or
 * popup with a non-http(s) URL; no request outside the base URL; no body or credential reached
 * another origin; Object.prototype unchanged; no uncaught error or unhandled rejection.
 */
export function checkInvariants(h: Hostile, el: Element): void {
  expect((window as unknown as Record<string, unknown>)[PWNED], 'a server string ran as script').to.equal(undefined);
  const injected = deepQueryAll(el, 'script, img[onerror], svg[onload], iframe, object, embed').map((n) => n.outerHTML.slice(0, 120));
  expect(injected, 'server markup became elements').to.deep.equal([]);
  const badLinks = deepQueryAll(el, 'a[href], area[href], form[action]')
    .map((a) => a.getAttribute('href') ?? a.getAttribute('action') ?? '')
    .filter((href) => !isHttp(href));
  expect(badLinks, 'a link points to a non-http(s) URL').to.deep.equal([]);
  const badPopups = h.popups.calls.map((c) => String(c[0] ?? '')).filter((u) => u !== '' && u !== 'about:blank' && !isHttp(u));
  expect(badPopups, 'a popup opened a non-http(s) URL').to.deep.equal([]);
  const badPopupNav = h.popups.popups.map((p) => p.location.href).filter((u) => u !== 'about:blank' && !isHttp(u));
  expect(badPopupNav, 'a popup was sent to a non-http(s) URL').to.deep.equal([]);
  const outside = h.log.filter((c) => !insideBase(c.url)).map((c) => `${c.method} ${c.url}`);
  expect(outside, 'a request left the base URL').to.deep.equal([]);
  const leaked = h.evil.filter((e) => e.body !== '' || e.authorization || e.credentials === 'include').map((e) => `${e.method} ${e.url} ${e.body.slice(0, 80)}`);
  expect(leaked, 'a body or credential was sent to another origin').to.deep.equal([]);
  expect(prototypeSnapshot(), 'Object.prototype was changed').to.equal(PROTOTYPE_BEFORE);
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').to.equal(undefined);
  expect(h.errors, 'an uncaught error or unhandled rejection').to.deep.equal([]);
}

/** Request key per card or flow: method, path and the provider/instance it is for. */
export function keyOf(c: LoggedCall): string {
  const u = new URL(c.url);
  const q = ['provider', 'instance', 'name'].map((k) => u.searchParams.get(k) ?? '').join('|');
  return `${c.method} ${u.pathname} ${q}`;
}

/** Same-key requests less than 1 s apart (fake time) among `calls`. */
export function fasterThanOnePerSecond(calls: LoggedCall[]): string[] {
  const last = new Map<string, number>();
  const bursts: string[] = [];
  for (const c of calls) {
    const k = keyOf(c);
    const prev = last.get(k);
    if (prev !== undefined && c.at - prev < 1000) bursts.push(`${k} after ${c.at - prev} ms`);
    last.set(k, c.at);
  }
  return bursts;
}

/** Removes the element and reports what still runs (leaks.ts). */
export async function removeAndReport(h: Hostile, el: Element) {
  // A popup already on the provider's page is the person's; one still blank waits for us (pending).
  const popupsOpen = () => h.popups.popups.filter((p) => !p.closed && p.location.href === 'about:blank').length;
  el.remove();
  const report = await pendingWorkAfterRemoval(h.fetches, h.clock);
  return { ...report, requestsAfterRemoval: report.requestsAfterRemoval.map((c) => `${c.method} ${c.url}`), popupsOpen: popupsOpen() };
}
