/**
 * <cw-connection-actions>: Refresh, Disconnect with a confirm step, and the 409 usages list.
 */
import { expect, fixture, html } from '../helpers.js';
import '../../src/elements/connection-actions/connection-actions.js';
import type { CwConnectionActions } from '../../src/elements/connection-actions/connection-actions.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { settle, setupHarness, type Harness } from '../providers/flow-harness.js';
// CrossWatch's manifests described outside a card: like a host using a flow on its own, load its
// adapter first (it registers itself when it runs; in a card or list it loads as they need it).
import '../../src/adapters/crosswatch/crosswatch.js';

const q = <T extends Element = HTMLElement>(el: Element, part: string) => el.shadowRoot!.querySelector<T>(`[part~="${part}"]`);
const text = (el: Element, part: string) => q(el, part)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<cw-connection-actions>', () => {
  failOnLitWarnings();
  let h: Harness;

  const render = async (name: string) => {
    const provider = await h.provider(name);
    return fixture<CwConnectionActions>(html`<cw-connection-actions .provider=${provider} .client=${h.api}></cw-connection-actions>`);
  };
  const flush = async (el: CwConnectionActions) => {
    await settle(h.clock);
    await el.updateComplete;
  };

  beforeEach(async () => {
    h = await setupHarness();
  });
  afterEach(() => h.teardown());

  it('offers Refresh only where the provider has a refresh route', async () => {
    const trakt = await render('TRAKT');
    expect(q(trakt, 'refresh-button')).to.exist;
    expect(q(trakt, 'disconnect-button')).to.exist;
    const plex = await render('PLEX');
    expect(q(plex, 'refresh-button')).to.equal(null);
    expect(q(plex, 'disconnect-button')).to.exist;
    await h.clock.runReal(() => expect(trakt).to.be.accessible());
  });

  it('refreshes and says so', async () => {
    h.backend.connect('trakt', 'ada');
    const el = await render('TRAKT');
    q(el, 'refresh-button')!.click();
    await el.updateComplete;
    expect(q(el, 'busy')).to.exist;
    await flush(el);
    expect(h.requests.filter((r) => r.path === '/api/trakt/refresh')).to.have.length(1);
    expect(text(el, 'status')).to.equal('Connection refreshed.');
  });

  it('tells the hosting card about a successful refresh: cw-connection-refreshed, on itself only', async () => {
    h.backend.connect('trakt', 'ada');
    await h.clock.tickAsync(23 * 3600_000); // an hour left: the refresh renews the token
    const el = await render('TRAKT');
    const own: CustomEvent[] = [];
    const outside: string[] = [];
    el.addEventListener('cw-connection-refreshed', (e) => own.push(e as CustomEvent));
    const onDocument = (e: Event) => outside.push(e.type);
    document.addEventListener('cw-connection-refreshed', onDocument);
    try {
      q(el, 'refresh-button')!.click();
      await flush(el);
      expect(own).to.have.length(1);
      const event = own[0]!;
      expect(event.bubbles, 'internal: does not bubble').to.equal(false);
      expect(event.composed, 'nor leave the shadow root').to.equal(false);
      const expiresAt = (h.backend.rawConfig().trakt as { expires_at: number }).expires_at * 1000;
      expect(event.detail).to.deep.equal({ provider: 'TRAKT', expiresAt });
      expect(expiresAt - Date.now(), 'a new day-long token').to.be.greaterThan(23 * 3600_000);
      expect(outside).to.deep.equal([]);

      // A failed refresh says nothing to the card.
      h.backend.faults.add({ fault: 'http_500', provider: 'trakt', route: 'refresh', times: 1 });
      q(el, 'refresh-button')!.click();
      await flush(el);
      expect(q(el, 'retry-button')).to.exist;
      expect(own).to.have.length(1);
    } finally {
      document.removeEventListener('cw-connection-refreshed', onDocument);
    }
  });

  it('disconnects after confirming, and fires cw-disconnected', async () => {
    h.backend.connect('plex');
    const el = await render('PLEX');
    const events: CustomEvent[] = [];
    el.addEventListener('cw-disconnected', (e) => events.push(e));
    q(el, 'disconnect-button')!.focus();
    q(el, 'disconnect-button')!.click();
    await el.updateComplete;
    expect(h.requests).to.deep.equal([]);
    expect(text(el, 'confirm')).to.contain('Disconnect Plex? You will need to connect again to use it.');
    expect(el.shadowRoot!.activeElement, 'focus moves to the safe choice').to.equal(q(el, 'keep-button'));
    await h.clock.runReal(() => expect(el).to.be.accessible());
    q(el, 'keep-button')!.click();
    await el.updateComplete;
    expect(q(el, 'confirm')).to.equal(null);
    expect(h.requests).to.deep.equal([]);

    q(el, 'disconnect-button')!.click();
    await el.updateComplete;
    q(el, 'confirm-button')!.click();
    await flush(el);
    expect(h.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /api/plex/disconnect']);
    expect(events.map((e) => e.detail)).to.deep.equal([{ provider: 'PLEX' }]);
    expect(text(el, 'status')).to.equal('Disconnected from Plex.');
    expect(h.backend.snapshot().providers.plex!.connected).to.equal(false);
  });

  it("409 in use: the server's message and the usages it lists", async () => {
    h.backend.connect('plex');
    h.backend.setInUse('plex', [
      { feature: 'sync_pair', label: 'Sync pair p1', role: 'source', pair_id: 'p1', enabled: true },
      { feature: 'watcher', label: 'Watcher', enabled: false },
    ]);
    const el = await render('PLEX');
    const events: string[] = [];
    el.addEventListener('cw-disconnected', (e) => events.push(e.type));
    q(el, 'disconnect-button')!.click();
    await el.updateComplete;
    q(el, 'confirm-button')!.click();
    await flush(el);
    expect(text(el, 'error-message')).to.contain('Sync pair p1');
    const items = [...q(el, 'usages')!.querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(items).to.deep.equal(['Sync pair p1 (source)', 'Watcher (off)']);
    expect(events).to.deep.equal([]);
    await h.clock.runReal(() => expect(el).to.be.accessible());
    q(el, 'dismiss-button')!.click();
    await el.updateComplete;
    expect(q(el, 'usages')).to.equal(null);
    expect(q(el, 'disconnect-button')).to.exist;
  });

  it('a failed disconnect: a clear message and Try again (without a second confirm)', async () => {
    const el = await render('PLEX');
    h.backend.faults.add({ fault: 'http_500', provider: 'plex', route: 'disconnect', times: 1 });
    q(el, 'disconnect-button')!.click();
    await el.updateComplete;
    q(el, 'confirm-button')!.click();
    await flush(el);
    expect(text(el, 'error-message')).to.equal('The server gave no reason; check its log, then try again.');
    q(el, 'retry-button')!.click();
    await flush(el);
    expect(h.requests.filter((r) => r.path === '/api/plex/disconnect')).to.have.length(2);
    expect(text(el, 'status')).to.equal('Disconnected from Plex.');
  });

  it('uses CrossWatch routes for CrossWatch manifests (token/delete)', async () => {
    h.backend.connect('emby', 'ann');
    const el = await render('EMBY');
    q(el, 'disconnect-button')!.click();
    await el.updateComplete;
    q(el, 'confirm-button')!.click();
    await flush(el);
    expect(h.requests.map((r) => r.path)).to.deep.equal(['/api/emby/token/delete']);
  });

  it('switching profile mid-refresh aborts the refresh and ignores its answer', async () => {
    h.backend.connect('trakt', 'ada');
    const el = await render('TRAKT');
    const refreshed: unknown[] = [];
    el.addEventListener('cw-connection-refreshed', (e) => refreshed.push((e as CustomEvent).detail));
    h.backend.setLatency(2_000);
    q(el, 'refresh-button')!.click();
    await h.clock.tickAsync(100);
    await el.updateComplete;
    expect(q(el, 'busy')).to.exist;
    el.instance = 'TRAKT-P01';
    await el.updateComplete;
    expect(q(el, 'busy'), 'no longer busy for the old profile').to.equal(null);
    expect(el.connection.action.kind).to.equal('idle');
    expect(q(el, 'refresh-button')).to.exist;
    await h.clock.tickAsync(10_000);
    await el.updateComplete;
    expect(refreshed).to.deep.equal([]);
    expect(text(el, 'status')).to.equal('');
    expect(el.connection.action).to.deep.equal({ kind: 'idle' });
    expect(h.clock.countTimers()).to.equal(0);
  });

  it('switching provider mid-disconnect aborts it: no cw-disconnected, no "Disconnected" for the new one', async () => {
    h.backend.connect('plex');
    const trakt = await h.provider('TRAKT');
    const el = await render('PLEX');
    const events: string[] = [];
    el.addEventListener('cw-disconnected', (e) => events.push(e.type));
    h.backend.setLatency(2_000);
    q(el, 'disconnect-button')!.click();
    await el.updateComplete;
    q(el, 'confirm-button')!.click();
    await h.clock.tickAsync(100);
    await el.updateComplete;
    expect(q(el, 'busy')).to.exist;
    el.provider = trakt;
    await el.updateComplete;
    expect(q(el, 'busy')).to.equal(null);
    expect(el.connection.action.kind).to.equal('idle');
    await h.clock.tickAsync(10_000);
    await el.updateComplete;
    expect(events).to.deep.equal([]);
    expect(text(el, 'status')).to.equal('');
    expect(el.connection.status.kind, 'the old answer sets no status').not.to.equal('disconnected');
  });

  it('removal mid-request: no late event, no timers', async () => {
    const el = await render('PLEX');
    h.backend.setLatency(2_000);
    const events: string[] = [];
    el.addEventListener('cw-disconnected', (e) => events.push(e.type));
    q(el, 'disconnect-button')!.click();
    await el.updateComplete;
    q(el, 'confirm-button')!.click();
    await h.clock.tickAsync(100);
    el.remove();
    await h.clock.tickAsync(10_000);
    expect(events).to.deep.equal([]);
    expect(h.clock.countTimers()).to.equal(0);
  });
});
