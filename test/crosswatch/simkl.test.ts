/**
 * CrossWatch's SIMKL: PIN first (baked app id, no keys), and below it the second way, OAuth with
 * the user's own SIMKL app, which needs its client id and secret saved first.
 */
import { expect, html } from '../helpers.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { en } from '../../src/strings/en.js';
import { format } from '../../src/strings/format.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { bodyOf, callsTo, cardNamed, mountList, settled, typeInto, until, popupTestPage, type CrossWatchTest } from './support.js';

type Updating = HTMLElement & { updateComplete: Promise<unknown> };

const deviceFlow = (card: CwProviderCard) => card.shadowRoot!.querySelector<Updating>('cw-device-flow')!;
const ownApp = (card: CwProviderCard) => card.shadowRoot!.querySelector<HTMLElement>('[part~="own-app"]');
const oauthFlow = (card: CwProviderCard) => ownApp(card)!.querySelector<Updating>('cw-oauth-flow')!;
const startIn = (flow: HTMLElement) => flow.shadowRoot!.querySelector<HTMLButtonElement>('[part~="start-button"]')!;
const hintOf = (card: CwProviderCard) => card.shadowRoot!.querySelector<HTMLElement>('[part="hint"]');

async function flowsUpdated(card: CwProviderCard) {
  await card.updateComplete;
  await deviceFlow(card).updateComplete;
  await oauthFlow(card).updateComplete;
}

describe('CrossWatch: SIMKL, PIN first and OAuth with your own app', () => {
  failOnLitWarnings();
  let cw: CrossWatchTest;
  const page = popupTestPage();

  it('without keys: PIN start enabled, the OAuth way disabled and asking for the keys, the hint worded for OAuth', async () => {
    cw = page.serve();
    const el = await mountList(cw, html`<cw-auth-providers providers="simkl"></cw-auth-providers>`);
    const simkl = cardNamed(el, 'SIMKL');
    expect(simkl.provider!.flow).to.equal('device_code');
    await flowsUpdated(simkl);

    // The PIN way comes first and needs nothing.
    const pin = startIn(deviceFlow(simkl));
    expect(pin.disabled, 'PIN start').to.equal(false);
    expect(pin.textContent!.trim()).to.equal(en['flow.device.start']);

    // The second way is below it, titled, and not ready without keys.
    const section = ownApp(simkl)!;
    expect(section, 'own-app section').to.exist;
    expect(deviceFlow(simkl).compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING, 'below the PIN flow').to.not.equal(0);
    expect(section.textContent).to.contain('Use your own SIMKL app instead (OAuth)');
    const oauth = oauthFlow(simkl);
    expect(startIn(oauth).disabled, 'OAuth start').to.equal(true);
    const needs = oauth.shadowRoot!.querySelector('[part~="error-message"]')!.textContent!;
    expect(needs).to.equal(format(en['flow.needsKeys'], { fields: 'Client ID, Client Secret' }));
    expect(oauth.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim(), 'no alert before anything failed').to.equal('');

    // The hint asks for the keys for the OAuth way, and says the PIN needs none.
    const hint = hintOf(simkl)!.textContent!;
    expect(hint).to.contain('Connecting with a PIN needs no keys.');
    expect(hint).to.contain('To use your own SIMKL app instead (OAuth), fill in: Client ID, Client Secret.');
    expect(hint).not.to.contain('To connect SIMKL');
    expect(hintOf(simkl)!.querySelector('code')!.textContent).to.equal(`${location.origin}/callback`);

    // A click on the disabled button does nothing.
    const before = cw.fetches.calls.length;
    startIn(oauth).click();
    await settled(cw);
    expect(callsTo(cw, 'POST', '/api/simkl/authorize', before)).to.have.length(0);
    expect(page.popups.calls).to.have.length(0);
    await expect(simkl).to.be.accessible();

    // And the PIN way still starts without keys.
    pin.click();
    await settled(cw);
    expect(callsTo(cw, 'POST', '/api/simkl/pin/start', before)).to.have.length(1);
    await deviceFlow(simkl).updateComplete;
    deviceFlow(simkl).shadowRoot!.querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    await settled(cw);
  });

  it('after saving the keys the OAuth way posts /api/simkl/authorize with the page origin', async () => {
    cw = page.serve();
    const el = await mountList(cw, html`<cw-auth-providers providers="simkl"></cw-auth-providers>`);
    const simkl = cardNamed(el, 'SIMKL');
    await typeInto(simkl, 'simkl.client_id', 'my-simkl-app');
    await typeInto(simkl, 'simkl.client_secret', 'my-simkl-secret');
    await flowsUpdated(simkl);
    expect(hintOf(simkl), 'typed keys: no hint').to.equal(null);
    expect(startIn(oauthFlow(simkl)).disabled, 'typed but not saved').to.equal(true);

    simkl.shadowRoot!.querySelector<HTMLButtonElement>('[part~="save"]')!.click();
    await settled(cw);
    await until(() => expect(startIn(oauthFlow(simkl)).disabled, 'saved').to.equal(false));
    await flowsUpdated(simkl);
    expect(oauthFlow(simkl).shadowRoot!.querySelector('[part~="error-message"]'), 'no needs-keys message').to.equal(null);
    expect(startIn(deviceFlow(simkl)).disabled).to.equal(false);
    await expect(simkl).to.be.accessible();

    const before = cw.fetches.calls.length;
    startIn(oauthFlow(simkl)).click();
    await settled(cw);
    const posts = callsTo(cw, 'POST', '/api/simkl/authorize', before);
    expect(posts).to.have.length(1);
    expect(bodyOf(posts[0])).to.deep.include({ origin: location.origin });
    expect(callsTo(cw, 'POST', '/api/simkl/pin/start', before), 'not the PIN way').to.have.length(0);
    expect(page.popups.calls).to.have.length(1);
    await until(() => expect(page.popups.popups[0]!.location.href).to.contain('client_id=my-simkl-app'));
    expect(page.popups.popups[0]!.location.href).to.contain(encodeURIComponent(`${location.origin}/callback`));
    expect(page.popups.popups[0]!.location.href).not.to.contain('my-simkl-secret');

    await oauthFlow(simkl).updateComplete;
    oauthFlow(simkl).shadowRoot!.querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    await settled(cw);
    expect(page.popups.popups[0]!.closed, 'cancel closes the popup').to.equal(true);
  });

  it('in German: the second way and its hint are translated', async () => {
    cw = page.serve();
    const el = await mountList(cw, html`<cw-auth-providers providers="simkl" locale="de"></cw-auth-providers>`);
    const simkl = cardNamed(el, 'SIMKL');
    await until(() => expect(ownApp(simkl)!.textContent).to.contain('Stattdessen deine eigene SIMKL-App verwenden (OAuth)'));
    expect(hintOf(simkl)!.textContent).to.contain('Die Verbindung per PIN braucht keine Schlüssel.');
    expect(hintOf(simkl)!.textContent).to.contain('fülle aus: Client ID, Client Secret.');
    await expect(simkl).to.be.accessible();
  });

  it('device-only providers (Trakt, MDBList) get no second way', async () => {
    cw = page.serve();
    const el = await mountList(cw, html`<cw-auth-providers providers="trakt,mdblist"></cw-auth-providers>`);
    for (const name of ['TRAKT', 'MDBLIST']) {
      const card = cardNamed(el, name);
      expect(card.shadowRoot!.querySelector('cw-device-flow'), name).to.exist;
      expect(ownApp(card), `${name}: no own-app way`).to.equal(null);
      expect(card.shadowRoot!.querySelector('cw-oauth-flow'), name).to.equal(null);
    }
  });
});
