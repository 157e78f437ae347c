/**
 * CrossWatch's Jellyfin card: the password sign-in first (its fields are right above), and below
 * it Quick Connect, the way CrossWatch recommends: a code the user approves in Jellyfin itself, for
 * accounts without a password (SSO) and without typing the password into the dashboard.
 */
import { expect, html } from '../helpers.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { en } from '../../src/strings/en.js';
import { format } from '../../src/strings/format.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import {
  badgeOf,
  bodyOf,
  callsTo,
  cardNamed,
  inputOf,
  mountList,
  popupTestPage,
  settled,
  typeInto,
  until,
  type CrossWatchTest,
} from './support.js';

type Updating = HTMLElement & { updateComplete: Promise<unknown> };

const quickConnect = (card: CwProviderCard) => card.shadowRoot!.querySelector<HTMLElement>('[part~="quick-connect"]');
const codeFlow = (card: CwProviderCard) => quickConnect(card)!.querySelector<Updating>('cw-device-flow')!;
const inFlow = (flow: HTMLElement, part: string) => flow.shadowRoot!.querySelector<HTMLElement>(`[part~="${part}"]`);

describe('CrossWatch: Jellyfin, password sign-in and Quick Connect', () => {
  failOnLitWarnings();
  let cw: CrossWatchTest;
  const page = popupTestPage();

  it('shows Quick Connect as a titled second way below the password sign-in; without a server URL it asks for one', async () => {
    cw = page.serve();
    const el = await mountList(cw, html`<cw-auth-providers providers="jellyfin"></cw-auth-providers>`);
    const jellyfin = cardNamed(el, 'JELLYFIN');
    const credentials = jellyfin.shadowRoot!.querySelector('cw-credentials-flow')!;
    const section = quickConnect(jellyfin)!;
    expect(section, 'quick-connect section').to.exist;
    expect(credentials.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING, 'below the sign-in').to.not.equal(0);
    expect(section.getAttribute('role')).to.equal('group');
    expect(section.textContent).to.contain(en['card.quickConnect.title']);
    expect(section.textContent).to.contain(format(en['card.quickConnect.note'], { provider: 'Jellyfin' }));
    await codeFlow(jellyfin).updateComplete;
    await expect(jellyfin).to.be.accessible();

    const before = cw.fetches.calls.length;
    inFlow(codeFlow(jellyfin), 'start-button')!.click();
    await codeFlow(jellyfin).updateComplete;
    expect(inFlow(codeFlow(jellyfin), 'error-message')!.textContent).to.equal(format(en['flow.needsKeys'], { fields: 'Server URL' }));
    expect(callsTo(cw, 'POST', '/api/jellyfin/quickconnect/start', before), 'nothing asked without a server').to.have.length(0);
    expect(page.popups.calls, 'no window without a code').to.have.length(0);
  });

  it('a typed (unsaved) server URL is sent; the code opens that Jellyfin; approval connects the card', async function () {
    this.timeout(15_000); // one real 5 s poll interval
    cw = page.serve({ verificationUrls: 'real' });
    const el = await mountList(cw, html`<cw-auth-providers providers="jellyfin"></cw-auth-providers>`);
    const jellyfin = cardNamed(el, 'JELLYFIN');
    await typeInto(jellyfin, 'jellyfin.server', 'http://jf.lan:8096');
    await typeInto(jellyfin, 'jellyfin.password', 'typed-secret');
    await codeFlow(jellyfin).updateComplete;

    const before = cw.fetches.calls.length;
    inFlow(codeFlow(jellyfin), 'start-button')!.click();
    await settled(cw);
    await codeFlow(jellyfin).updateComplete;
    const start = callsTo(cw, 'POST', '/api/jellyfin/quickconnect/start', before);
    expect(start).to.have.length(1);
    expect(bodyOf(start[0]), 'only the server URL, never the password').to.deep.equal({ server: 'http://jf.lan:8096' });
    const code = inFlow(codeFlow(jellyfin), 'code')!.textContent!.replace(/\D/g, '');
    expect(code).to.match(/^\d{6}$/);
    expect(inFlow(codeFlow(jellyfin), 'open-button')!.getAttribute('href')).to.equal('http://jf.lan:8096/web/#/quickconnect');
    expect(page.popups.popups[0]!.location.href).to.equal('http://jf.lan:8096/web/#/quickconnect');

    // Edited while the code is shown: the start sent the old value; the edit is the person's.
    await typeInto(jellyfin, 'jellyfin.server', 'http://jf-new.lan:8096');
    expect(cw.backend.approveDevice('jellyfin', { code, account: 'bob' }).ok).to.equal(true);
    await until(() => expect(badgeOf(jellyfin)).to.contain(en['card.status.connected']), 8_000);
    const polls = callsTo(cw, 'GET', '/api/jellyfin/quickconnect/poll', before);
    expect(polls.length, 'polled with GET').to.be.at.least(1);
    expect(cw.fetches.calls.slice(before).some((c) => (c.body ?? '').includes('typed-secret')), 'the password stayed in the card').to.equal(false);
    // The typed password is still there: nothing the user typed is lost.
    expect(inputOf(jellyfin, 'jellyfin.password').value).to.equal('typed-secret');
    await settled(cw);
    expect(inputOf(jellyfin, 'jellyfin.server').value, 'the edit made while waiting stays').to.equal('http://jf-new.lan:8096');
  });
});
