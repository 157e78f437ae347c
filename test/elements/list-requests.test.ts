/**
 * Requests on mount grow with what is visible, not with the list (issue 10 §2): the list asks
 * every provider's status in one request, cards outside the viewport ask nothing until scrolled
 * near, at most 4 per-card requests run at once, and CrossWatch's all-providers routes replace its
 * per-card ones.
 */
import { expect, fixture, fixtureCleanup, html, inView } from '../helpers.js';
import '../../src/elements/auth-providers/auth-providers.js';
import '../../src/elements/provider-card/provider-card.js';
import type { CwAuthProviders } from '../../src/elements/auth-providers/auth-providers.component.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { installClock } from '../support/clock.js';
import { pendingWorkAfterRemoval } from '../support/leaks.js';
import { createCrossWatchBackend, type CrossWatchBackendOptions } from '../../src/mock/crosswatch/index.js';
import { manifestOf, paths, serveBackend, startBackend, until, type TestBackend } from './card-support.js';

const cardsOf = (el: CwAuthProviders) => [...el.shadowRoot!.querySelectorAll<CwProviderCard>('cw-provider-card')];
const cardNamed = (el: CwAuthProviders, name: string) => cardsOf(el).find((c) => c.provider?.manifest.name === name)!;
const badgeOf = (card: CwProviderCard) => card.shadowRoot!.querySelector('[part="status"]')!.textContent!.replace(/\s+/g, ' ').trim();
/** Per-card status reads (`/api/<p>/status`), not the all-providers ones. */
const ownStatusReads = (tb: TestBackend<never> | TestBackend) => paths(tb as TestBackend).filter((p) => /^GET \/api\/(?!auth\/)[^/]+\/status$/.test(p));

async function quiet(tb: { fetches: { inFlight: number } }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await inView();
    await until(() => expect(tb.fetches.inFlight).to.equal(0));
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function mount(tb: { fetches: { inFlight: number } }, template = html`<cw-auth-providers></cw-auth-providers>`) {
  const root = await fixture<HTMLElement>(template);
  const el = (root.localName === 'cw-auth-providers' ? root : root.querySelector('cw-auth-providers')!) as CwAuthProviders;
  await until(() => expect(el.shadowRoot!.querySelector('cw-provider-card')).to.exist);
  await el.updateComplete; // every chunk of cards rendered
  await quiet(tb);
  return el;
}

/** Scrolls down the whole list a screen at a time, so every card gets its chance to ask. */
async function scrollThrough(el: CwAuthProviders, tb: { fetches: { inFlight: number } }): Promise<void> {
  // The bottom is read again each step: off-screen cards have an estimated height
  // (content-visibility: auto) until they are rendered near the viewport.
  for (let y = 0; y < el.getBoundingClientRect().bottom + scrollY; y += innerHeight) {
    scrollTo(0, y);
    await inView();
  }
  cardsOf(el).at(-1)!.scrollIntoView();
  await quiet(tb);
  scrollTo(0, 0);
}

describe('requests on mount (issue 10 §2)', () => {
  failOnLitWarnings();
  let tb: TestBackend | undefined;
  let cw: ReturnType<typeof serveBackend<ReturnType<typeof createCrossWatchBackend>>> | undefined;
  const startCrossWatch = (options: CrossWatchBackendOptions = {}) => (cw = serveBackend(createCrossWatchBackend(options)));
  afterEach(() => {
    fixtureCleanup();
    tb?.restore();
    cw?.restore();
    tb = cw = undefined;
    scrollTo(0, 0);
  });

  describe('our contract', () => {
    it('7 providers: three requests (providers, config, every status at once); badges from that answer; accessible', async function () {
      this.timeout(20_000); // scrolls through real frames, then axe
      tb = startBackend();
      tb.backend.connect('trakt', 'bob');
      const el = await mount(tb);
      expect(paths(tb).sort()).to.deep.equal(['GET /api/auth/providers', 'GET /api/auth/status', 'GET /api/config']);
      expect(badgeOf(cardNamed(el, 'TRAKT'))).to.contain('bob');
      expect(badgeOf(cardNamed(el, 'PLEX'))).not.to.contain('bob');
      await scrollThrough(el, tb);
      expect(paths(tb), 'scrolling asks nothing more').to.have.length(3);
      await expect(el).to.be.accessible();
    });

    it('moved (removed and attached again): the cards read again in one request, not one each', async () => {
      tb = startBackend();
      const el = await mount(tb);
      const parent = el.parentElement!;
      el.remove();
      tb.fetches.calls.length = 0;
      parent.append(el);
      // The list asks each all-providers route at most once a second: its mount's read was just now.
      await until(() => expect(paths(tb!)).to.deep.equal(['GET /api/auth/status']), 3000);
      await quiet(tb);
      expect(paths(tb)).to.deep.equal(['GET /api/auth/status']);
    });

    it('100 providers: still three requests, however far one scrolls', async function () {
      this.timeout(20_000); // a hundred cards scrolled through on a shared machine
      tb = startBackend({ providerCount: 100 });
      const el = await mount(tb);
      expect(cardsOf(el)).to.have.length(100);
      await scrollThrough(el, tb);
      expect(paths(tb).sort()).to.deep.equal(['GET /api/auth/providers', 'GET /api/auth/status', 'GET /api/config']);
    });

    it('a slow all-providers answer reaches every card rendered while it was on its way', async function () {
      this.timeout(20_000); // sixty cards, one slow answer
      tb = startBackend({ providerCount: 60 });
      tb.backend.connect('trakt', 'bob');
      tb.backend.connect('plex', 'ann');
      // Slower than rendering the whole list: every card waits for it, and all are released at once.
      tb.backend.faults.add({ fault: 'latency', route: 'status', ms: 1500 });
      const el = await mount(tb);
      const cards = cardsOf(el);
      expect(cards).to.have.length(60);
      const named = (prefix: string) => cards.filter((c) => c.provider!.manifest.name.split('_')[0] === prefix);
      expect(named('TRAKT').length, 'numbered copies of Trakt too').to.be.greaterThan(1);
      for (const card of named('TRAKT')) expect(badgeOf(card), card.provider!.manifest.name).to.contain('bob');
      for (const card of named('PLEX')) expect(badgeOf(card), card.provider!.manifest.name).to.contain('ann');
      expect(ownStatusReads(tb), 'none asked its own route').to.deep.equal([]);
    });

    it('a backend without it (404): each card asks its own status once, only when near the viewport', async function () {
      this.timeout(20_000); // scrolls through forty cards
      tb = startBackend({ statusAll: false, providerCount: 40 });
      tb.backend.connect('trakt', 'bob');
      const el = await mount(tb);
      expect(paths(tb).filter((p) => p === 'GET /api/auth/status'), 'asked once for the whole list').to.have.length(1);
      const early = ownStatusReads(tb).length;
      expect(early, 'the cards in view asked').to.be.greaterThan(0);
      expect(early, 'the cards far below did not').to.be.lessThan(40);
      const trakt = cardNamed(el, 'TRAKT');
      trakt.scrollIntoView();
      await quiet(tb);
      expect(badgeOf(trakt), 'answered by its own route').to.contain('bob');
      scrollTo(0, 0);
      await quiet(tb);

      const last = cardsOf(el).at(-1)!;
      expect(badgeOf(last)).not.to.match(/connected/i);
      last.scrollIntoView();
      await quiet(tb);
      expect(ownStatusReads(tb).length, 'scrolled near: it asks').to.be.greaterThan(early);
      await scrollThrough(el, tb);
      expect(ownStatusReads(tb), 'every card once, none twice').to.have.length(40);
    });

    it('per-card requests: at most 4 in flight across the list', async function () {
      this.timeout(20_000); // forty slow answers, four at a time
      tb = startBackend({ statusAll: false, providerCount: 40 });
      // Each own status read takes a while, so the cards in view queue up behind each other.
      tb.backend.faults.add({ fault: 'latency', route: 'status', ms: 100 });
      const el = await mount(tb);
      // Scrolling faster than they answer: the cards that came into view wait for a slot.
      await scrollThrough(el, tb);
      expect(ownStatusReads(tb)).to.have.length(40);
      expect(tb.fetches.peakInFlight, 'the limit is reached, never passed').to.equal(4);
    });

    it('removed while cards wait and ask: requests aborted, nothing pending, nothing asked later', async () => {
      tb = startBackend({ statusAll: false, providerCount: 40 });
      // Every card's own status read hangs; the list's requests answer at once.
      for (const id of Object.keys(tb.backend.snapshot().providers)) tb.backend.faults.add({ fault: 'latency', route: `/api/${id}/status`, ms: 5000 });
      const el = await fixture<CwAuthProviders>(html`<cw-auth-providers></cw-auth-providers>`);
      await until(() => expect(tb!.fetches.inFlight).to.equal(4));
      expect(ownStatusReads(tb)).to.have.length(4);
      const clock = installClock({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
      try {
        el.remove();
        const report = await pendingWorkAfterRemoval(tb.fetches, clock);
        expect(report).to.deep.equal({ inFlight: 0, timers: 0, requestsAfterRemoval: [] });
      } finally {
        clock.uninstall();
      }
      const before = tb.fetches.calls.length;
      await inView();
      await inView();
      expect(tb.fetches.calls.length, 'the cards that were waiting never ask').to.equal(before);
    });
  });

  describe('a card on its own', () => {
    it('asks its own status (no list, no all-providers route), once it is scrolled near', async () => {
      tb = startBackend();
      tb.backend.connect('trakt', 'bob');
      const manifest = await manifestOf('TRAKT', tb);
      const root = await fixture<HTMLElement>(
        html`<div><div style="height: 400vh"></div><cw-provider-card .manifest=${manifest}></cw-provider-card></div>`,
      );
      const card = root.querySelector<CwProviderCard>('cw-provider-card')!;
      await quiet(tb);
      expect(paths(tb), 'its config only: the status waits').to.deep.equal(['GET /api/config']);
      card.scrollIntoView();
      await quiet(tb);
      expect(paths(tb)).to.deep.equal(['GET /api/config', 'GET /api/trakt/status']);
      expect(badgeOf(card)).to.contain('bob');
    });
  });

  describe('CrossWatch', () => {
    it("18 providers: four requests (providers, config, every profile list, every status), no card's own", async () => {
      const served = startCrossWatch();
      const el = await mount(served);
      expect(cardsOf(el)).to.have.length(18);
      await scrollThrough(el, served);
      expect(paths(served as unknown as TestBackend).sort()).to.deep.equal([
        'GET /api/auth/providers',
        'GET /api/config',
        'GET /api/provider-instances',
        'GET /api/status',
      ]);
    });

    it('a connected card asks its own route for the account only once it is in view', async () => {
      const served = startCrossWatch({
        config: { jellyfin: { server: 'http://jf.lan:8096', username: 'ann', user: 'ann', access_token: 'tok' } },
      });
      const list = await mount(served, html`<div><div style="height: 400vh"></div><cw-auth-providers providers="jellyfin,kodi"></cw-auth-providers></div>`);
      const jellyfin = cardNamed(list, 'JELLYFIN');
      expect(ownStatusReads(served as unknown as TestBackend), 'out of view: none').to.deep.equal([]);
      expect(badgeOf(jellyfin), 'connected, from the all-providers answer').to.match(/connected/i);
      expect(badgeOf(jellyfin)).not.to.contain('ann');

      jellyfin.scrollIntoView();
      await quiet(served);
      expect(ownStatusReads(served as unknown as TestBackend), 'in view and connected: the account; Kodi is not connected').to.deep.equal([
        'GET /api/jellyfin/status',
      ]);
      expect(badgeOf(jellyfin)).to.contain('ann');
    });

    it('without the all-providers routes (404): each card in view asks its own status and profiles, once', async () => {
      const served = startCrossWatch({ aggregates: false });
      const el = await mount(served, html`<cw-auth-providers providers="jellyfin,emby"></cw-auth-providers>`);
      expect(paths(served as unknown as TestBackend).sort()).to.deep.equal([
        'GET /api/auth/providers',
        'GET /api/config',
        'GET /api/emby/status',
        'GET /api/jellyfin/status',
        'GET /api/provider-instances',
        'GET /api/provider-instances/emby',
        'GET /api/provider-instances/jellyfin',
        'GET /api/status',
      ]);
      expect(cardsOf(el)).to.have.length(2);
    });
  });
});
