/**
 * Hostile backend, both flavours: any answer of any route may carry markup, `javascript:` URLs,
 * dangerous keys and absurd numbers. Whatever the mix, the invariants of checkInvariants hold,
 * nothing polls faster than once a second, and removal leaves nothing running.
 */
import fc from 'fast-check';
import { expect } from '../helpers.js';
import { poisonArb, check } from './corpus.js';
import { FLAVOURS, cardsOf, checkInvariants, poisonApi, fasterThanOnePerSecond, mountHostile, removeAndReport, runFor, useHostile } from './support.js';

describe('hostile backend: poisoned answers on every route', () => {
  const serve = useHostile();

  for (const [flavour, count] of [['contract', 7], ['crosswatch', 18]] as const) {
    it(`${flavour}: the harness serves the honest backend under the base path (all ${count} cards, invariants hold)`, async function () {
      this.timeout(20_000);
      const h = serve(flavour);
      const el = await mountHostile(h);
      expect(cardsOf(el).length, 'cards rendered').to.equal(count);
      expect(h.log.length, 'requests made').to.be.greaterThan(1);
      checkInvariants(h, el);
      await h.clock.runReal(() => expect(el).to.be.accessible());
    });
  }

  for (const flavour of FLAVOURS) {
    it(`${flavour}: no poisoned answer runs script, opens a bad link, leaves the base URL, pollutes Object.prototype, throws, polls faster than 1/s or leaves work after removal`, async function () {
      this.timeout(60_000);
      await check(
        fc.asyncProperty(poisonArb, async (poison) => {
          const h = serve(flavour);
          h.rewrite = poisonApi(poison);
          try {
            const el = await mountHostile(h);
            const afterMount = h.log.length;
            await runFor(h, 15_000, 500);
            checkInvariants(h, el);
            expect(fasterThanOnePerSecond(h.log.slice(afterMount)), 'a card or flow asked more than once a second').to.deep.equal([]);
            const report = await removeAndReport(h, el);
            expect(JSON.stringify(report), 'work left running after removal').to.equal(JSON.stringify({ inFlight: 0, timers: 0, requestsAfterRemoval: [], popupsOpen: 0 }));
          } finally {
            h.teardown();
          }
        }),
        6,
      );
    });
  }
});
