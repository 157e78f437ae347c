/**
 * Hostile numbers in the connect flows, both flavours, reached through real clicks on the cards'
 * connect buttons (Plex and Trakt device/PIN, SIMKL PIN or OAuth, Jellyfin credentials, Tautulli
 * API key): bad `interval` / `expires_in` in device start and poll answers, `slow_down` with a huge
 * interval, and `429` with an absurd `Retry-After` (seconds or a far date) on polls, connects and
 * the OAuth authorize. Generated with fast-check (fixed seed), all flows at once on one list.
 *
 * Invariants: at most one request a second per flow; never sooner than the server asked; no
 * uncaught error; every flow shows something usable, and no number a person cannot use (seven
 * digits or more) reaches the page; after removal nothing is pending, and the device flows that
 * showed a code told the server they were cancelled.
 */
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { expect } from '../helpers.js';
import { sendKeys } from '@web/test-runner-commands';
import { deepQueryAll, deepText, inputOf } from '../elements/card-support.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { check, hostileNumber } from './corpus.js';
import { cardsOf, checkInvariants, fasterThanOnePerSecond, mountHostile, removeAndReport, runFor, useHostile, type Flavour, type Hostile } from './support.js';

const DAY_S = 86_400;

/** Saved keys and server details, so every flow can start without typing. */
const CONFIG = {
  trakt: { client_id: 'trakt-app', client_secret: 'trakt-secret' },
  simkl: { client_id: 'simkl-app', client_secret: 'simkl-secret' },
  jellyfin: { server: 'http://media.lan:8096', username: 'ann' },
  tautulli: { server_url: 'http://media.lan:8181' },
};
/** Typed before the click: a saved Tautulli API key would already count as connected. */
const TYPED: Record<string, Record<string, string>> = { tautulli: { 'tautulli.api_key': 'a'.repeat(32) } };

/**
 * The flows each flavour is driven through: a card and the flow element whose start button is
 * clicked. CrossWatch's Trakt and SIMKL-OAuth watch the same config route as its Plex PIN, which
 * would blur "per flow"; its Plex PIN and SIMKL PIN stand for them.
 */
const FLOWS: Record<Flavour, Array<{ id: string; flow: 'cw-device-flow' | 'cw-oauth-flow' | 'cw-credentials-flow' }>> = {
  contract: [
    { id: 'plex', flow: 'cw-device-flow' },
    { id: 'trakt', flow: 'cw-device-flow' },
    { id: 'simkl', flow: 'cw-oauth-flow' },
    { id: 'jellyfin', flow: 'cw-credentials-flow' },
    { id: 'tautulli', flow: 'cw-credentials-flow' },
  ],
  crosswatch: [
    { id: 'plex', flow: 'cw-device-flow' },
    { id: 'simkl', flow: 'cw-device-flow' },
    { id: 'jellyfin', flow: 'cw-credentials-flow' },
    { id: 'tautulli', flow: 'cw-credentials-flow' },
  ],
};

/** Retry-After values no server should send: huge seconds, garbage, far and past dates. */
const retryAfterArb = fc.oneof(
  fc.constantFrom('1000000000', '1e9', '99999999999', '-5', 'abc', '0', '3.5'),
  fc.constantFrom('Fri, 31 Dec 9999 23:59:59 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT'),
  fc.integer({ min: 61, max: 10 ** 9 }).map((s) => `+${s}`), // a date s seconds ahead (below)
);

const caseArb = fc.record({
  startInterval: hostileNumber,
  startExpires: hostileNumber,
  poll: fc.oneof(
    fc.record({ kind: fc.constant('pending' as const), interval: hostileNumber }),
    fc.record({ kind: fc.constant('slow_down' as const), interval: fc.constantFrom<unknown>(1e9, 1e300, 2 ** 31, DAY_S + 1, 0.001, -1, null, 'NaN') }),
    fc.record({ kind: fc.constant('429' as const), retryAfter: retryAfterArb }),
  ),
  connectRetryAfter: retryAfterArb,
  /** Where SIMKL's OAuth meets the 429: its authorize, or its status checks while it waits. */
  oauth429: fc.constantFrom('authorize' as const, 'status' as const),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** The issue's reproductions: 152 polls/s, 138 polls/s, a flow ended by Retry-After: 1e9, a far date. */
const ISSUE_CASES: Array<[Case]> = [
  [{ startInterval: 0.001, startExpires: 600, poll: { kind: 'pending', interval: 0.001 }, connectRetryAfter: '1000000000', oauth429: 'status' }],
  [{ startInterval: 1e9, startExpires: 1e9, poll: { kind: 'slow_down', interval: 1e9 }, connectRetryAfter: 'Fri, 31 Dec 9999 23:59:59 GMT', oauth429: 'authorize' }],
  [{ startInterval: 5, startExpires: 600, poll: { kind: '429', retryAfter: '1e9' }, connectRetryAfter: '+251606062532', oauth429: 'status' }],
];

/** The header text for a generated Retry-After (`+s`: an HTTP date s seconds from now). */
const header = (v: string) => (v.startsWith('+') ? new Date(Date.now() + Number(v.slice(1)) * 1000).toUTCString() : v);

/** What the server asked, in ms, as a careful reader takes it: a day at most; nothing when invalid. */
function askedMs(value: unknown, isRetryAfter = false): number {
  let s = typeof value === 'number' ? value : NaN;
  if (typeof value === 'string') s = /^\d+(\.\d+)?(e\d+)?$/i.test(value) ? Number(value) : isRetryAfter ? (Date.parse(value) - Date.now()) / 1000 : NaN;
  return Number.isFinite(s) && s > 0 ? Math.min(s, DAY_S) * 1000 : 0;
}

const isStart = (path: string) => /\/(device\/start|pin\/new|pin\/start)$/.test(path);
const isPoll = (path: string) => /\/(device\/poll|pin\/poll)$/.test(path);
const pollOf = (path: string) => path.replace(/(device|pin)\/(start|new)$/, (_, kind: string) => `${kind}/poll`);
/** Digits a person cannot use: seven in a row, or a million and more with separators. */
const ABSURD = /\d{7,}|\d{1,3}(?:[,.\u202f\u00a0 ]\d{3}){2,}/;

describe('hostile numbers in the connect flows, reached through the connect buttons', () => {
  const serve = useHostile();

  /** Serves the case: rewrites start/poll answers, answers 429 where the case says. Returns what the server asked, per poll route. */
  function poison(h: Hostile, c: Case) {
    const asks: Array<{ poll: string; at: number; waitMs: number }> = [];
    const path = (url: URL | string) => new URL(url, location.href).pathname.replace(/^.*?\/api\//, '/api/');
    h.rewrite = (url, _method, body) => {
      const p = path(url);
      if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
      const out = { ...(body as Record<string, unknown>) };
      if (isStart(p)) {
        out.interval = c.startInterval;
        out.expires_in = c.startExpires;
        asks.push({ poll: pollOf(p), at: Date.now(), waitMs: askedMs(c.startInterval) });
      } else if (isPoll(p) && c.poll.kind !== '429') {
        out.interval = c.poll.interval;
        if (c.poll.kind === 'slow_down') out.status = 'slow_down';
        asks.push({ poll: p, at: Date.now(), waitMs: askedMs(c.poll.interval) });
      } else {
        return undefined;
      }
      return JSON.stringify(out);
    };
    const tooMany = (retryAfter: string, poll?: string) => () => {
      const value = header(retryAfter);
      if (poll) asks.push({ poll, at: Date.now(), waitMs: askedMs(value, true) });
      return HttpResponse.json({ ok: false, error: { code: 'rate_limited', message: 'Slow down.' } }, { status: 429, headers: { 'retry-after': value } });
    };
    if (c.poll.kind === '429') {
      const retryAfter = c.poll.retryAfter;
      h.use(http.post(/\/api\/[a-z]+\/(device|pin)\/poll$/, ({ request }) => tooMany(retryAfter, path(request.url))()));
    }
    h.use(
      http.post(/\/api\/(jellyfin|tautulli)\/(connect|login|save)$/, tooMany(c.connectRetryAfter)),
      c.oauth429 === 'authorize'
        ? http.post(/\/api\/simkl\/authorize$/, tooMany(c.connectRetryAfter))
        : http.get(/\/api\/simkl\/status$/, tooMany(c.connectRetryAfter, '/api/simkl/status')),
    );
    return asks;
  }

  /** Requests to a poll route sooner than the server's last answer on it asked. */
  function soonerThanAsked(h: Hostile, asks: Array<{ poll: string; at: number; waitMs: number }>, from: number): string[] {
    const polls = h.log.slice(from);
    const early: string[] = [];
    for (const ask of asks) {
      const next = polls.find((c) => new URL(c.url).pathname.endsWith(ask.poll) && c.at > ask.at);
      if (next && next.at - ask.at < ask.waitMs) early.push(`${ask.poll} after ${next.at - ask.at} ms, asked ${ask.waitMs} ms`);
    }
    return early;
  }

  for (const flavour of ['contract', 'crosswatch'] as const) {
    it(`${flavour}: no bad interval, expires_in, slow_down or Retry-After makes a flow poll faster than 1/s or sooner than asked, throw, show an unusable number, or leave work after removal`, async function () {
      this.timeout(60_000);
      await check(
        fc.asyncProperty(caseArb, async (c) => {
          const h = serve(flavour, { config: CONFIG });
          try {
            const asks = poison(h, c);
            const el = await mountHostile(h);
            const cards = new Map(cardsOf(el).map((card) => [card.provider!.id, card] as [string, CwProviderCard]));
            const from = h.log.length;
            const flows: Array<{ id: string; element: Element }> = [];
            for (const { id, flow } of FLOWS[flavour]) {
              const card = cards.get(id)!;
              // Parts load once a card is near the viewport.
              card.scrollIntoView();
              await runFor(h, 100, 100);
              await card.updateComplete;
              for (const [key, value] of Object.entries(TYPED[id] ?? {})) {
                const input = inputOf(card, key);
                input.focus();
                await sendKeys({ type: value });
              }
              await card.updateComplete;
              const element = deepQueryAll(card, flow)[0];
              const button = element?.shadowRoot!.querySelector<HTMLButtonElement>('[part~="start-button"]');
              expect(button && !button.disabled, `${id}: the ${flow} start button is there and enabled`).to.equal(true);
              button!.click();
              flows.push({ id, element: element! });
            }
            // 20 s, the tab flickering visible and focused all the while (a device flow polls at once when due).
            for (let t = 0; t < 20_000; t += 500) {
              document.dispatchEvent(new Event('visibilitychange'));
              window.dispatchEvent(new FocusEvent('focus'));
              await runFor(h, 500, 500);
            }

            checkInvariants(h, el);
            expect(fasterThanOnePerSecond(h.log.slice(from)), 'a flow asked more than once a second').to.deep.equal([]);
            expect(soonerThanAsked(h, asks, from), 'a flow asked sooner than the server said').to.deep.equal([]);
            for (const { id, element } of flows) {
              const text = deepText(element);
              expect(text, `${id}: the flow shows nothing usable`).to.match(/Your code|expired|Try again|try again|Get code|Connect|wait|later/i);
              expect(text.match(ABSURD)?.[0], `${id}: a number no person can use reached the flow`).to.equal(undefined);
              const badge = cards.get(id)!.shadowRoot!.querySelector('[part="status"]')?.textContent ?? '';
              expect(badge.match(ABSURD)?.[0], `${id}: a number no person can use reached the badge`).to.equal(undefined);
            }

            // Removal with flows in progress: the device flows showing a code say so to the server.
            const waiting = flows.filter(({ id, element }) => element.localName === 'cw-device-flow' && /Your code/.test(deepText(element)) && cards.get(id)!.provider!.routes.device?.cancel);
            const beforeRemoval = h.log.length;
            const report = await removeAndReport(h, el);
            const cancels = h.log.slice(beforeRemoval).filter((r) => /\/(device|pin)\/cancel$/.test(new URL(r.url).pathname)).map((r) => new URL(r.url).pathname.replace(/^.*?\/api\//, ''));
            expect(cancels.sort(), 'cancel requests sent on removal').to.deep.equal(waiting.map(({ id }) => cards.get(id)!.provider!.routes.device!.cancel!.replace(/^.*?\/api\//, '')).sort());
            // The cancel requests (keepalive) are meant to outlive the element; nothing else may.
            const { inFlight, ...rest } = report;
            expect(JSON.stringify(rest), 'work left running after removal').to.equal(JSON.stringify({ timers: 0, requestsAfterRemoval: [], popupsOpen: 0 }));
            expect(inFlight, 'requests in flight at removal besides the cancels').to.be.at.most(cancels.length);
            const oauthPopups = h.popups.calls.flatMap((args, i) => (String(args[1] ?? '').startsWith('cw-oauth-') ? [h.popups.popups[i]!] : []));
            expect(oauthPopups.filter((p) => !p.closed).length, 'OAuth popups left open after removal').to.equal(0);
            expect(h.fetches.inFlight, 'requests still in flight once the cancels were answered').to.equal(0);
          } finally {
            h.teardown();
          }
        }),
        5,
        ISSUE_CASES,
      );
    });
  }

  /** A provider whose own status route names the account and expiry, in each flavour. */
  const STATUS_OF: Record<Flavour, string> = { contract: 'trakt', crosswatch: 'punchplay' };
  const expiresAtArb = fc.oneof(
    hostileNumber,
    fc.double({ min: 1e10, max: 1e300, noNaN: true }),
    fc.integer({ min: 366, max: 10 ** 7 }).map((days) => Math.floor(Date.now() / 1000) + days * 86_400),
    fc.constantFrom<unknown>('9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', '1e300', 'soon'),
  );

  for (const flavour of ['contract', 'crosswatch'] as const) {
    const id = STATUS_OF[flavour];
    it(`${flavour}: no generated absurd expires_at reaches the ${id} badge as a number no person can use`, async function () {
      this.timeout(30_000);
      const h = serve(flavour);
      let expiresAt: unknown = 0;
      h.use(http.get(`*/api/${id}/status`, () => HttpResponse.json({ connected: true, account: 'ada', expires_at: expiresAt })));
      const el = await mountHostile(h);
      const card = cardsOf(el).find((c) => c.provider?.id === id)!;
      card.scrollIntoView();
      const values = [1e300, Number.MAX_SAFE_INTEGER, ...fc.sample(expiresAtArb, { seed: 20261207, numRuns: 10 })];
      for (const value of values) {
        expiresAt = value;
        card.shadowRoot!.querySelector('[part="card"]')!.dispatchEvent(new CustomEvent('cw-connected', { detail: { account: 'ada' }, bubbles: true, composed: true }));
        await runFor(h, 1200, 300);
        const badge = (card.shadowRoot!.querySelector('[part="status"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
        expect(badge, `expires_at ${String(value)}: the badge reads as a state (the account, or expired)`).to.match(/Connected as ada|Expired/);
        expect(badge.match(ABSURD)?.[0], `expires_at ${String(value)}: a number no person can use reached the badge`).to.equal(undefined);
      }
      checkInvariants(h, el);
    });
  }
});
