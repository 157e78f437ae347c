/**
 * Backend adapters (src/registry.ts `crosswatch`, src/providers/backends.ts): CrossWatch's route
 * knowledge loads only for manifests without routes, once per page, beside the list's config; a
 * slow chunk does not hold the list, a failed one says so on the cards with Retry.
 *
 * The adapter's load state lives for the page, so the tests run in order: nothing here (or in
 * what this file imports) loads the adapter before the test that means to.
 */
import { expect, fixture, fixtureCleanup, html } from '../helpers.js';
import '../../src/elements/auth-providers/auth-providers.js';
import { ADAPTER_WAIT_MS, type CwAuthProviders } from '../../src/elements/auth-providers/auth-providers.component.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { PARTS } from '../../src/registry.js';
import { adapterFor, backendOf } from '../../src/providers/backends.js';
import { describeProvider } from '../../src/providers/describe.js';
import { en } from '../../src/strings/en.js';
import { format } from '../../src/strings/format.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { cardNamed, cardsOf, callsTo, startCrossWatch, type CrossWatchTest } from '../crosswatch/support.js';
import { providersAnswer, startBackend, until, type TestBackend } from './card-support.js';

type Load = (typeof PARTS)['crosswatch']['load'];
/** A card by its manifest's name (before it is described too, unlike cardNamed). */
const cardFor = (el: CwAuthProviders, name: string): CwProviderCard => {
  const card = cardsOf(el).find((c) => (c.manifest as { name?: string } | undefined)?.name === name);
  if (!card) throw new Error(`no card for ${name}`);
  return card;
};
const realLoad: Load = PARTS.crosswatch.load;
/** Replaces the adapter's loader (the registry entry is the seam a host would use too). */
const setLoad = (load: Load) => ((PARTS.crosswatch as { load: Load }).load = load);

const declared = (name: string) => ({
  name,
  label: name[0] + name.slice(1).toLowerCase(),
  flow: 'credentials',
  fields: [{ key: `${name.toLowerCase()}.api_key`, label: 'API key', type: 'password', required: true }],
  actions: { start: true, finish: false, refresh: false, disconnect: true },
  routes: { connect: `/api/${name.toLowerCase()}/connect`, status: `/api/${name.toLowerCase()}/status` },
});

describe('backend adapters: CrossWatch knowledge loads only for the manifests that need it', () => {
  failOnLitWarnings();
  let tb: TestBackend | undefined;
  let cw: CrossWatchTest | undefined;
  let loads = 0;
  beforeEach(() => {
    loads = 0;
  });
  afterEach(() => {
    fixtureCleanup();
    tb?.restore();
    cw?.restore();
    tb = cw = undefined;
    setLoad(realLoad);
  });

  it('a list whose manifests declare routes never loads the CrossWatch adapter and uses the contract', async () => {
    setLoad(() => (loads++, realLoad()));
    tb = startBackend();
    // Emby as CrossWatch sends it (no routes), filtered out by the host: not shown, not loaded for.
    const emby = { name: 'EMBY', label: 'Emby', flow: 'token', fields: [], actions: { start: true, finish: false, refresh: false, disconnect: true } };
    tb.use(providersAnswer([declared('ACME'), declared('PLEX'), emby]));
    const el = await fixture<CwAuthProviders>(html`<cw-auth-providers providers="acme,plex"></cw-auth-providers>`);
    await until(() => expect(cardsOf(el)).to.have.length(2));
    await Promise.all(cardsOf(el).map((c) => c.updateComplete));
    const plex = cardNamed(el, 'PLEX');
    expect(plex.provider!.routes.disconnect, "the contract's default, not CrossWatch's token/delete").to.equal('/api/plex/disconnect');
    expect(backendOf(plex.provider!.manifest)).to.equal(undefined);
    expect(loads, 'adapter loads').to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('a CrossWatch list asks for the adapter once; slow, its cards show their titles and a loading line; failed, Retry on one card mends all', async () => {
    let reject!: (error: Error) => void;
    setLoad(() => {
      loads++;
      return new Promise((_, no) => (reject = no));
    });
    cw = startCrossWatch();
    const el = await fixture<CwAuthProviders>(html`<cw-auth-providers></cw-auth-providers>`);
    // Before the wait is over the list holds its cards back: they would only show a loading line.
    await until(() => expect(callsTo(cw!, 'GET', '/api/config')).to.have.length(1));
    expect(cardsOf(el), 'no cards while the adapter may still come in time').to.have.length(0);

    await until(() => expect(cardsOf(el)).to.have.length(18), ADAPTER_WAIT_MS + 2000);
    // (Not the cards' updateComplete: it waits for the adapter.)
    const plex = cardFor(el, 'PLEX');
    await until(() => expect(plex.shadowRoot!.querySelector('[part~="title"]')?.textContent).to.equal('Plex'));
    expect(plex.shadowRoot!.querySelector('.loading[role="status"]')?.textContent).to.equal(en['card.loading']);
    expect(plex.shadowRoot!.querySelector('cw-provider-field'), 'no fields before the routes are known').to.equal(null);
    expect(plex.provider, 'not described with routes it does not have').to.equal(undefined);
    expect(callsTo(cw, 'GET', /^\/api\/(plex|trakt|jellyfin)\//), 'nothing asked of a route guessed from the contract').to.deep.equal([]);
    await expect(plex).to.be.accessible();

    reject(new Error('chunk failed'));
    await until(() => expect(plex.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.contain(format(en['card.backendLoadFailed'], { provider: 'Plex' })));
    await expect(plex).to.be.accessible();
    expect(loads, 'one load for 18 cards').to.equal(1);

    setLoad(() => (loads++, realLoad()));
    plex.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    const trakt = cardFor(el, 'TRAKT');
    await until(() => expect(trakt.shadowRoot!.querySelectorAll('cw-provider-field').length).to.be.greaterThan(0));
    await until(() => expect(plex.provider?.routes.disconnect).to.equal('/api/plex/token/delete'));
    expect(trakt.provider!.routes.device, "CrossWatch's server-side waiter").to.deep.equal({ mode: 'server', start: '/api/trakt/pin/new' });
    expect(loads, 'Retry loads it once more, for every card').to.equal(2);
    expect(adapterFor(plex.provider!.manifest)?.key).to.equal('crosswatch');
    // describeProvider outside a card knows CrossWatch now too (the adapter registered itself).
    expect(describeProvider(plex.provider!.manifest).routes.disconnect).to.equal('/api/plex/token/delete');
    await expect(el).to.be.accessible();
  });

  it('once loaded, a CrossWatch card renders with its routes straight away and no second load', async () => {
    setLoad(() => (loads++, realLoad()));
    cw = startCrossWatch();
    const el = await fixture<CwAuthProviders>(html`<cw-auth-providers></cw-auth-providers>`);
    await until(() => expect(cardsOf(el)).to.have.length(18));
    const card: CwProviderCard = cardNamed(el, 'JELLYFIN');
    expect(card.provider!.routes.connect, 'described in its first update').to.equal('/api/jellyfin/login');
    expect(loads).to.equal(0);
  });
});
