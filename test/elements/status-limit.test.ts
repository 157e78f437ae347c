/**
 * The per-card status limit (issue 11): whatever asks a card for its status, again and again
 * (flow events, Refresh, Retry, moving the card, another profile, focus and visibility), the card
 * reads it at most once a second and one read at a time, and still ends up showing the answer.
 * On the fake clock, through the hostile harness (both flavours, under a base path).
 */
import { http, HttpResponse } from 'msw';
import { expect } from '../helpers.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { FLAVOURS, cardsOf, checkInvariants, fasterThanOnePerSecond, mountHostile, runFor, useHostile, type Flavour, type LoggedCall } from '../hostile/support.js';

const STEP_MS = 100;
const DRIVE_MS = 3000;

interface Path {
  name: string;
  /** Asks the card for its status once (called every STEP_MS). */
  ask(card: CwProviderCard, step: number): void;
  /** The status route answers with an error (Retry is shown). */
  failing?: boolean;
  /** The path reads the card's own status route (not the list's shared answer, or nothing). */
  reads?: boolean;
  flavours?: Flavour[];
}

const fire = (target: Element | null | undefined, type: string, detail: unknown = {}) =>
  target?.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
const inCard = (card: CwProviderCard, selector: string) => card.shadowRoot!.querySelector(selector);

const PATHS: Path[] = [
  { name: 'a flow reporting cw-connected in a loop', reads: true, ask: (card) => fire(inCard(card, 'cw-connection-actions, [part="card"]'), 'cw-connected', { account: 'alice' }) },
  { name: 'cw-disconnected in a loop', reads: true, ask: (card) => fire(inCard(card, 'cw-connection-actions, [part="card"]'), 'cw-disconnected') },
  { name: 'Refresh reporting cw-connection-refreshed in a loop', reads: true, ask: (card) => fire(inCard(card, 'cw-connection-actions'), 'cw-connection-refreshed') },
  { name: 'Retry clicked in a loop on a status error', failing: true, reads: true, ask: (card) => inCard(card, '.problem button')?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true })) },
  { name: 'the host switching profiles twice a second', reads: true, flavours: ['contract'], ask: (card, step) => (card.instance = step % 10 < 5 ? 'p1' : 'p2') },
  {
    name: 'the card moved in the page in a loop',
    ask: (card) => {
      const parent = card.parentNode!;
      const next = card.nextSibling;
      card.remove();
      parent.insertBefore(card, next);
    },
  },
  {
    name: 'focus and visibility changes in a loop',
    ask: () => {
      window.dispatchEvent(new FocusEvent('focus'));
      document.dispatchEvent(new Event('visibilitychange'));
    },
  },
];

/** Status reads of one provider (any profile), in order. */
const statusReads = (log: LoggedCall[], id: string) => log.filter((c) => c.method === 'GET' && new URL(c.url).pathname.endsWith(`/api/${id}/status`));
/** Every read the card makes (its status and its config re-reads after a connection), in order. */
const cardReads = (log: LoggedCall[], id: string) =>
  log.filter((c) => c.method === 'GET' && ['/api/config', `/api/${id}/status`].some((route) => new URL(c.url).pathname.endsWith(route)));

describe('per-card status limit: at most one read a second and one at a time, whatever asks', () => {
  const serve = useHostile();

  /** A provider with a status route and Refresh in each flavour. */
  const PROVIDER: Record<Flavour, string> = { contract: 'trakt', crosswatch: 'punchplay' };
  for (const flavour of FLAVOURS) {
    const id = PROVIDER[flavour];
    it(`${flavour}: no path that asks for the status makes the ${id} card read it more than once a second`, async function () {
      this.timeout(40_000);
      const h = serve(flavour);
      let failing = false;
      h.use(
        http.get(`*/api/${id}/status`, () =>
          failing
            ? HttpResponse.json({ ok: false, error: { code: 'unavailable', message: 'Down for a moment.' } }, { status: 503 })
            : HttpResponse.json({ connected: true, account: 'alice' }),
        ),
      );
      const el = await mountHostile(h);
      const card = cardsOf(el).find((c) => c.provider?.id === id)!;
      // In view: reads of another profile wait for that (issue 10's visibility gate).
      card.scrollIntoView();
      await runFor(h, 1500);
      for (const path of PATHS.filter((p) => !p.flavours || p.flavours.includes(flavour))) {
        failing = Boolean(path.failing);
        if (failing) {
          // Get the error (and its Retry) shown first.
          fire(inCard(card, '[part="card"]'), 'cw-disconnected');
          await runFor(h, 1500);
          expect(inCard(card, '.problem button'), `${path.name}: Retry is shown`).to.not.equal(null);
        }
        const from = h.log.length;
        for (let step = 0; step < DRIVE_MS / STEP_MS; step++) {
          path.ask(card, step);
          await runFor(h, STEP_MS, STEP_MS);
        }
        await runFor(h, 1500);
        const reads = statusReads(h.log.slice(from), id);
        const tooSoon = reads.slice(1).map((c, i) => c.at - reads[i]!.at).filter((gap) => gap < 1000);
        const own = cardReads(h.log.slice(from), id);
        const ownTooSoon = own
          .slice(1)
          .filter((c, i) => c.at - own[i]!.at < 1000)
          .map((c) => `${new URL(c.url).pathname} at ${c.at} ms`);
        expect(ownTooSoon, `${path.name}: the card's reads (status and config) less than a second apart`).to.deep.equal([]);
        if (path.reads) expect(reads.length, `${path.name}: the path read the status at all`).to.be.greaterThan(0);
        expect(tooSoon, `${path.name}: status reads less than a second apart`).to.deep.equal([]);
        expect(reads.length, `${path.name}: reads in ${DRIVE_MS / 1000 + 1.5} s`).to.be.at.most(DRIVE_MS / 1000 + 2);
        if (path.reads && !failing) expect(inCard(card, '[part="status"]')!.textContent, `${path.name}: the card still shows the answer`).to.contain('alice');
        card.instance = undefined;
        await runFor(h, 1000);
      }
      expect(h.fetches.peakInFlight, 'requests in flight at once across the list').to.be.at.most(4);
      checkInvariants(h, el);
      await h.clock.runReal(() => expect(card).to.be.accessible());
    });
  }

  it('crosswatch: cw-connected in a loop makes the Trakt card (its status is the token in the config) re-read the config at most once a second', async function () {
    this.timeout(20_000);
    const h = serve('crosswatch');
    const el = await mountHostile(h);
    const card = cardsOf(el).find((c) => c.provider?.id === 'trakt')!;
    expect(card.provider!.routes.status, 'no status route: the config tells').to.equal(undefined);
    card.scrollIntoView();
    await runFor(h, 1500);
    const from = h.log.length;
    for (let step = 0; step < DRIVE_MS / STEP_MS; step++) {
      fire(inCard(card, '[part="card"]'), 'cw-connected', { account: 'alice' });
      await runFor(h, STEP_MS, STEP_MS);
    }
    await runFor(h, 1500);
    const reads = h.log.slice(from).filter((c) => c.method === 'GET' && new URL(c.url).pathname.endsWith('/api/config'));
    const tooSoon = reads.slice(1).map((c, i) => c.at - reads[i]!.at).filter((gap) => gap < 1000);
    expect(reads.length, 'the events re-read the config at all').to.be.greaterThan(0);
    expect(tooSoon, 'config re-reads less than a second apart').to.deep.equal([]);
    checkInvariants(h, el);
  });

  for (const flavour of FLAVOURS) {
    it(`${flavour}: the list moved in the page in a loop asks each all-providers route at most once a second`, async function () {
      this.timeout(20_000);
      const h = serve(flavour);
      const el = await mountHostile(h);
      await runFor(h, 1500);
      const from = h.log.length;
      for (let step = 0; step < DRIVE_MS / STEP_MS; step++) {
        const parent = el.parentNode!;
        el.remove();
        parent.appendChild(el);
        await runFor(h, STEP_MS, STEP_MS);
      }
      await runFor(h, 1500);
      const aggregate = /\/api\/(auth\/status|status|provider-instances)$/;
      const reads = h.log.slice(from).filter((c) => c.method === 'GET' && aggregate.test(new URL(c.url).pathname));
      expect(reads.length, 'the moves read the list\'s status again at all').to.be.greaterThan(0);
      expect(fasterThanOnePerSecond(reads), 'all-providers reads less than a second apart').to.deep.equal([]);
      expect(cardsOf(el).length, 'the cards are still there').to.be.greaterThan(1);
      checkInvariants(h, el);
    });
  }
});
