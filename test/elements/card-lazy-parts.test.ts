// The card's lazy parts (src/registry.ts) and its field set: a flow chunk that fails to load, and
// typing that re-renders only the field typed in. Its own file, so that no earlier test in the
// same page has loaded the OAuth flow's module yet.
import { expect, fixture, fixtureCleanup, html } from '../helpers.js';
import '../../src/elements/provider-card/provider-card.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { createApiClient } from '../../src/api-client/client.js';
import type { ProviderManifest } from '../../src/api-client/types.js';
import { PARTS } from '../../src/registry.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { fieldOf, manifestOf, startBackend, typeInto, until, type TestBackend } from './card-support.js';
import { cardNamed, mountList, startCrossWatch } from '../crosswatch/support.js';

const shadow = (card: CwProviderCard) => card.shadowRoot!;

async function standalone(manifest: ProviderManifest) {
  const card = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${manifest} .client=${createApiClient()} locale="en"></cw-provider-card>`);
  await until(() => expect(shadow(card).querySelector('.loading'), 'settings loaded').to.equal(null));
  return card;
}

describe('cw-provider-card lazy parts and field set', () => {
  failOnLitWarnings();
  let tb: TestBackend;
  afterEach(() => {
    fixtureCleanup();
    tb?.restore();
  });

  it('a flow whose chunk fails to load says so with Retry, and Retry loads it', async () => {
    tb = startBackend();
    const oauth = PARTS.oauth as { load: () => Promise<unknown> };
    const realLoad = oauth.load;
    let failing = true;
    oauth.load = () => (failing ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : realLoad());
    try {
      const card = await standalone(await manifestOf('SIMKL', tb));
      await card.updateComplete;
      const alert = await until(() => {
        const box = [...shadow(card).querySelectorAll('.problem[role="alert"]')].find((p) => /sign-in part/.test(p.textContent ?? ''));
        expect(box, 'a message about the part that did not load').to.exist;
        return box!;
      });
      expect(alert.textContent).to.contain('could not be loaded');
      expect(shadow(card).querySelector('cw-oauth-flow'), 'no flow yet').to.equal(null);
      // The fields still work while the flow is missing.
      expect(shadow(card).querySelectorAll('cw-provider-field').length).to.be.greaterThan(0);
      await expect(card).to.be.accessible();

      failing = false;
      alert.querySelector<HTMLButtonElement>('button')!.click();
      await card.updateComplete;
      expect(shadow(card).querySelector('cw-oauth-flow'), 'Retry loaded the flow').to.exist;
      expect(customElements.get('cw-oauth-flow'), 'and registered it').to.exist;
      expect(shadow(card).textContent).not.to.contain('could not be loaded');
    } finally {
      oauth.load = realLoad;
    }
  });

  it('one Retry mends every card whose part failed, not only the card clicked', async () => {
    tb = startBackend();
    const device = PARTS.device_code as { load: () => Promise<unknown> };
    const credentials = PARTS.credentials as { load: () => Promise<unknown> };
    const real = [device.load, credentials.load] as const;
    let failing = true;
    const fail = (load: () => Promise<unknown>) => () => (failing ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : load());
    device.load = fail(real[0]);
    credentials.load = fail(real[1]);
    try {
      const plex = await standalone(await manifestOf('PLEX', tb));
      const jellyfin = await standalone(await manifestOf('JELLYFIN', tb));
      const alertOf = (card: CwProviderCard) => [...shadow(card).querySelectorAll('.problem[role="alert"]')].find((p) => /sign-in part/.test(p.textContent ?? ''));
      await until(() => {
        expect(alertOf(plex), 'Plex says its part failed').to.exist;
        expect(alertOf(jellyfin), 'Jellyfin says its part failed').to.exist;
      });
      failing = false;
      alertOf(plex)!.querySelector<HTMLButtonElement>('button')!.click();
      await Promise.all([plex.updateComplete, jellyfin.updateComplete]);
      await until(() => {
        expect(shadow(plex).querySelector('cw-device-flow'), 'Plex has its flow').to.exist;
        expect(shadow(jellyfin).querySelector('cw-credentials-flow'), 'Jellyfin too, without its own Retry').to.exist;
      });
      expect(alertOf(jellyfin)).to.equal(undefined);
      await expect(jellyfin).to.be.accessible();
    } finally {
      [device.load, credentials.load] = real;
    }
  });

  it('a profiles chunk that fails to load says so with Retry, the card still works; Retry shows the switcher', async () => {
    const cw = startCrossWatch();
    tb = cw as unknown as TestBackend;
    const profiles = PARTS.profiles as { load: () => Promise<unknown> };
    const realLoad = profiles.load;
    let failing = true;
    profiles.load = () => (failing ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : realLoad());
    try {
      const list = await mountList(cw);
      const card = cardNamed(list, 'TRAKT');
      const alertOf = () => [...shadow(card).querySelectorAll('.problem[role="alert"]')].find((p) => /profile switcher/.test(p.textContent ?? ''));
      await until(() => expect(alertOf(), 'a message about the part that did not load').to.exist);
      expect(alertOf()!.textContent).to.contain('could not be loaded');
      expect(shadow(card).querySelector('cw-profile-switcher'), 'no switcher yet').to.equal(null);
      expect(shadow(card).querySelectorAll('cw-provider-field').length, 'the fields still work').to.be.greaterThan(0);
      await expect(card).to.be.accessible();

      failing = false;
      alertOf()!.querySelector<HTMLButtonElement>('button')!.click();
      await card.updateComplete;
      await until(() => expect(shadow(card).querySelector('cw-profile-switcher'), 'Retry brought the switcher').to.exist);
      expect(alertOf()).to.equal(undefined);
    } finally {
      profiles.load = realLoad;
    }
  });

  it('typing in one field re-renders that field, not the card’s other fields', async () => {
    tb = startBackend();
    const card = await standalone(await manifestOf('TRAKT', tb));
    await card.updateComplete;
    const typed = fieldOf(card, 'trakt.client_id');
    const other = fieldOf(card, 'trakt.client_secret');
    let otherRenders = 0;
    const render = other.render.bind(other);
    other.render = () => {
      otherRenders++;
      return render();
    };
    await typeInto(card, 'trakt.client_id', 'abc');
    await card.updateComplete;
    expect(typed.state!.value, 'the typed field has the value').to.equal('abc');
    expect(card.dirty, 'the card knows it is dirty').to.equal(true);
    expect(shadow(card).querySelector('[part="unsaved"]'), 'the footer shows it').to.exist;
    expect(otherRenders, 'the other field did not render').to.equal(0);
  });
});
