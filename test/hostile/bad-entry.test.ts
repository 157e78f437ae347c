/**
 * Hostile backend, both flavours: one manifest in the provider list is garbage (every leaf
 * poisoned, dangerous keys added). That entry may be dropped; every other provider still gets its
 * card, and the invariants hold.
 */
import fc from 'fast-check';
import { expect } from '../helpers.js';
import { poisonArb, poisonJson, check } from './corpus.js';
import { FLAVOURS, cardsOf, checkInvariants, mountHostile, useHostile } from './support.js';

type Manifest = { name: string; label: string };

/** The manifest array of a providers answer (CrossWatch: the body; contract: `providers`). */
const listOf = (body: unknown): Manifest[] => (Array.isArray(body) ? body : (body as { providers: Manifest[] }).providers);

describe('hostile backend: one bad provider entry', () => {
  const serve = useHostile();

  for (const flavour of FLAVOURS) {
    it(`${flavour}: a garbage manifest entry breaks neither the other cards nor an invariant`, async function () {
      this.timeout(60_000);
      await check(
        fc.asyncProperty(fc.nat(), poisonArb, async (index, poison) => {
          const h = serve(flavour);
          let others: string[] = [];
          h.rewrite = (url, _method, body) => {
            if (!url.pathname.endsWith('/api/auth/providers')) return undefined;
            const list = listOf(body);
            const bad = index % list.length;
            others = list.filter((_, i) => i !== bad).map((m) => m.label);
            const text = list.map((m, i) => (i === bad ? poisonJson(m, { ...poison, rate: 1 }) : JSON.stringify(m))).join(',');
            return Array.isArray(body) ? `[${text}]` : JSON.stringify({ ...(body as object), providers: [] }).replace('"providers":[]', `"providers":[${text}]`);
          };
          try {
            const el = await mountHostile(h);
            expect(others.length, 'the providers answer was served').to.be.greaterThan(0);
            const labels = cardsOf(el).map((c) => c.provider?.label);
            expect(labels, 'the other providers lost their cards').to.include.members(others);
            checkInvariants(h, el);
          } finally {
            h.teardown();
          }
        }),
        5,
      );
    });
  }
});
