/**
 * CrossWatch's real failure shapes, as a person sees them on the cards, and its two ways to
 * sign in (session cookie on the same origin, API token in a header) against its auth gate.
 */
import { expect, fixtureCleanup, html } from '../helpers.js';
import { http, HttpResponse } from 'msw';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { en } from '../../src/strings/en.js';
import { de } from '../../src/strings/de.js';
import { format } from '../../src/strings/format.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import {
  badgeOf,
  callsTo,
  cardNamed,
  cardsOf,
  listRoot,
  mountList,
  partIn,
  settled,
  isolatePage,
  startCrossWatch,
  typeInto,
  until,
  type CrossWatchTest,
} from './support.js';

const say = (key: keyof typeof en, provider: string, params: Record<string, string | number> = {}) =>
  format(en[key], { provider, ...params });

/** The hosted flow element of a card (device, credentials, …) and its alert box. */
const flowOf = (card: CwProviderCard) =>
  card.shadowRoot!.querySelector<HTMLElement>('cw-device-flow, cw-oauth-flow, cw-credentials-flow, cw-connection-actions')!;
const flowPart = (card: CwProviderCard, part: string) => flowOf(card).shadowRoot!.querySelector<HTMLElement>(`[part~="${part}"]`);

async function press(cw: CrossWatchTest, card: CwProviderCard, part: string) {
  const button = partIn(card, part);
  expect(button, part).to.exist;
  button!.click();
  await settled(cw);
  await card.updateComplete;
}

const saveCard = async (cw: CrossWatchTest, card: CwProviderCard) => {
  card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="save"]')!.click();
  await settled(cw);
  await card.updateComplete;
};
const saveError = (card: CwProviderCard) => card.shadowRoot!.querySelector('[part~="message"].error')!.textContent!.trim();

function setCookie(value: string | undefined) {
  document.cookie = value === undefined ? 'cw_auth=; Path=/; Max-Age=0' : `cw_auth=${value}; Path=/`;
}

describe('CrossWatch: failures and sign-in', () => {
  failOnLitWarnings();
  let cw: CrossWatchTest;
  isolatePage();
  afterEach(() => {
    fixtureCleanup();
    cw?.restore();
    setCookie(undefined);
  });

  describe('every real failure shape reaches the user as a specific message', () => {
    it('HTTP 200 {"ok":false,"error":"network_error","detail":…}: the server could not reach the provider, upstream text trimmed', async () => {
      cw = startCrossWatch();
      const upstream = `HTTPSConnectionPool(host='api.mdblist.com', port=443): Max retries exceeded with url: /oauth/device/code (Caused by NameResolutionError("<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to resolve 'api.mdblist.com' ([Errno -3] Temporary failure in name resolution)")) ${'x'.repeat(600)}`;
      cw.use(http.post('*/api/mdblist/device/start', () => HttpResponse.json({ ok: false, error: 'network_error', detail: upstream })));
      const el = await mountList(cw, html`<cw-auth-providers providers="mdblist"></cw-auth-providers>`);
      const card = cardNamed(el, 'MDBLIST');
      await press(cw, card, 'start-button');
      const message = flowPart(card, 'error-message')!.textContent!.trim();
      expect(message).to.equal(say('flow.error.unreachable', 'MDBList'));
      const detail = flowPart(card, 'error-detail')!.textContent!.trim();
      expect(detail).to.match(/^Details: HTTPSConnectionPool\(host='api\.mdblist\.com'/);
      expect(detail.length, 'trimmed').to.be.lessThan(220);
      expect(detail.endsWith('…')).to.equal(true);
      expect(detail).not.to.contain('<urllib3');
      expect(flowPart(card, 'alert')!.getAttribute('role')).to.equal('alert');
      expect(flowPart(card, 'start-button') ?? flowPart(card, 'retry-button'), 'a way forward').to.exist;
    });

    it('the mock\'s own upstream fault on SIMKL\'s pin/start reads the same way', async () => {
      cw = startCrossWatch();
      cw.backend.faults.add({ fault: 'upstream_error', provider: 'simkl', route: 'start', times: 1 });
      const el = await mountList(cw, html`<cw-auth-providers providers="simkl"></cw-auth-providers>`);
      const card = cardNamed(el, 'SIMKL');
      await press(cw, card, 'start-button');
      expect(callsTo(cw, 'POST', '/api/simkl/pin/start')).to.have.length(1);
      expect(flowPart(card, 'error-message')!.textContent!.trim()).to.equal(say('flow.error.unreachable', 'SIMKL'));
    });

    it('"internal" (Plex pin/new, HTTP 200) says the server gave no reason and points to its log; no raw code', async () => {
      cw = startCrossWatch();
      cw.backend.faults.add({ fault: 'internal', provider: 'plex', route: 'start', times: 1 });
      const el = await mountList(cw, html`<cw-auth-providers providers="plex"></cw-auth-providers>`);
      const card = cardNamed(el, 'PLEX');
      await press(cw, card, 'start-button');
      expect(callsTo(cw, 'POST', '/api/plex/pin/new')).to.have.length(1);
      expect(flowPart(card, 'error-message')!.textContent!.trim()).to.equal(en['flow.error.internal']);
      expect(en['flow.error.internal']).to.contain('log');
      expect(flowPart(card, 'error-detail'), 'nothing more to say').to.equal(null);
      expect(flowOf(card).shadowRoot!.textContent).not.to.match(/\binternal\b/);
    });

    it('German: the same failure in German, nothing English leaks', async () => {
      cw = startCrossWatch();
      cw.backend.faults.add({ fault: 'internal', provider: 'plex', route: 'start', times: 1 });
      const el = await mountList(cw, html`<cw-auth-providers providers="plex" locale="de"></cw-auth-providers>`);
      const card = cardNamed(el, 'PLEX');
      // German may arrive as a lazily loaded table: wait for it.
      await until(() => expect(card.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('Nicht eingerichtet'));
      await press(cw, card, 'start-button');
      await until(() => expect(flowPart(card, 'error-message')!.textContent!.trim()).to.equal(de['flow.error.internal']));
    });

    it('403 "Origin mismatch" says to serve the page from the same origin or keep the Host header', async () => {
      cw = startCrossWatch({ requireAuth: 'cookie' });
      setCookie(cw.backend.credentials.sessionCookie);
      const el = await mountList(cw, html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
      const card = cardNamed(el, 'TRAKT');
      cw.backend.faults.add({ fault: 'origin_mismatch', route: 'config', times: 1 });
      await typeInto(card, 'trakt.client_id', 'abc');
      await saveCard(cw, card);
      expect(callsTo(cw, 'POST', '/api/config')).to.have.length(1);
      const text = saveError(card);
      expect(text).to.contain(en['flow.error.origin_mismatch']);
      expect(text).to.contain('Host header');
      // Fixed (the fault was one-off): saving again works.
      await saveCard(cw, card);
      expect(card.shadowRoot!.querySelector('[part~="message"].success')!.textContent).to.equal('Settings saved.');
    });

    it('a real Origin mismatch: a cookie-authenticated POST from another host name (localhost vs 127.0.0.1)', async () => {
      cw = startCrossWatch({ requireAuth: 'cookie' });
      setCookie(cw.backend.credentials.sessionCookie);
      const otherHost = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
      const base = `${location.protocol}//${otherHost}:${location.port}`;
      // `include` so the cookie goes along; the backend then checks the Origin of the POST.
      const el = await mountList(cw, html`<cw-auth-providers base-url=${base} credentials="include" providers="trakt"></cw-auth-providers>`);
      const card = cardNamed(el, 'TRAKT');
      expect(badgeOf(card), 'reads work (GET has no Origin check)').to.equal('Status: Not configured');
      await typeInto(card, 'trakt.client_id', 'abc');
      await saveCard(cw, card);
      const post = callsTo(cw, 'POST', '/api/config')[0]!;
      expect(post.url.startsWith(base)).to.equal(true);
      expect(saveError(card)).to.contain(en['flow.error.origin_mismatch']);
    });

    it('401 without a session says to sign in; Retry after signing in loads the list (cookie session, same origin)', async () => {
      cw = startCrossWatch({ requireAuth: 'cookie' });
      const el = await mountList(cw);
      const state = listRoot(el).querySelector('[part="state"]')!;
      expect(state.getAttribute('role')).to.equal('alert');
      expect(state.textContent).to.contain(en['flow.error.unauthorized']);
      expect(cardsOf(el)).to.have.length(0);
      // The person signs in to CrossWatch on this host: its cookie is there now.
      setCookie(cw.backend.credentials.sessionCookie);
      state.querySelector('button')!.click();
      await until(() => expect(cardsOf(el)).to.have.length(18));
      await settled(cw);
      const calls = cw.fetches.calls;
      expect(calls.every((c) => c.credentials === 'same-origin'), 'default credentials mode').to.equal(true);
      expect(calls.every((c) => !c.headers.has('authorization')), 'no token involved').to.equal(true);
      // A cookie-authenticated save from this page passes the Origin check.
      const trakt = cardNamed(el, 'TRAKT');
      await typeInto(trakt, 'trakt.client_id', 'abc');
      await saveCard(cw, trakt);
      expect(trakt.shadowRoot!.querySelector('[part~="message"].success')!.textContent).to.equal('Settings saved.');
    });

    it('the session expiring mid-use: a save answers 401 and says to sign in again', async () => {
      cw = startCrossWatch({ requireAuth: 'cookie' });
      setCookie(cw.backend.credentials.sessionCookie);
      const el = await mountList(cw, html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
      const card = cardNamed(el, 'TRAKT');
      setCookie(undefined);
      await typeInto(card, 'trakt.client_id', 'abc');
      await saveCard(cw, card);
      expect(saveError(card)).to.contain(en['flow.error.unauthorized']);
    });

    it('403 before first-run setup says to finish the setup', async () => {
      cw = startCrossWatch();
      cw.backend.faults.add({ fault: 'setup_required', route: 'providers', times: 1 });
      const el = await mountList(cw);
      expect(listRoot(el).querySelector('[part="state"]')!.textContent).to.contain(en['flow.error.setup_required']);
    });

    it('409 provider_in_use on disconnect lists the places that still use the connection', async () => {
      cw = startCrossWatch({ inUse: [{ provider: 'trakt' }] });
      cw.backend.connect('trakt', 'ada');
      const el = await mountList(cw, html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
      const card = cardNamed(el, 'TRAKT');
      await press(cw, card, 'disconnect-button');
      await press(cw, card, 'confirm-button');
      expect(callsTo(cw, 'POST', '/api/trakt/token/delete')).to.have.length(1);
      const alert = flowPart(card, 'alert')!;
      expect(alert.textContent).to.contain('Cannot delete Trakt connection because it is used by Sync pair p1 (source).');
      expect([...alert.querySelectorAll('[part="usages"] li')].map((li) => li.textContent!.trim())).to.deep.equal(['Sync pair p1 (source)']);
      expect(alert.textContent).to.contain(en['flow.inUse.fix']);
      expect(badgeOf(card)).to.match(/^Status: Connected/);
    });
  });

  describe('API token', () => {
    it('token-only gate: the headers property carries Authorization: Bearer cwt_… on every call, and saving works', async () => {
      cw = startCrossWatch({ requireAuth: 'token' });
      const token = cw.backend.credentials.apiToken;
      expect(token.startsWith('cwt_')).to.equal(true);
      const el = await mountList(
        cw,
        html`<cw-auth-providers providers="trakt,jellyfin" .headers=${{ Authorization: `Bearer ${token}` }}></cw-auth-providers>`,
      );
      expect(cardsOf(el)).to.have.length(2);
      const trakt = cardNamed(el, 'TRAKT');
      await typeInto(trakt, 'trakt.client_id', 'abc');
      await saveCard(cw, trakt);
      expect(trakt.shadowRoot!.querySelector('[part~="message"].success')!.textContent).to.equal('Settings saved.');
      expect(cw.fetches.calls.length).to.be.greaterThan(3);
      for (const call of cw.fetches.calls) expect(call.headers.get('authorization'), call.url).to.equal(`Bearer ${token}`);
      // The token travels in a header only, never in a URL.
      expect(cw.fetches.calls.some((c) => c.url.includes(token))).to.equal(false);
    });

    it('token-only gate without the token: 401 and a sentence saying to sign in or check the token', async () => {
      cw = startCrossWatch({ requireAuth: 'token' });
      setCookie(cw.backend.credentials.sessionCookie); // a cookie is not enough in this mode
      const el = await mountList(cw);
      expect(listRoot(el).querySelector('[part="state"]')!.textContent).to.contain(en['flow.error.unauthorized']);
    });

    it('cookie gate with a token: no cookie needed, no Origin check', async () => {
      cw = startCrossWatch({ requireAuth: 'cookie' });
      const el = await mountList(
        cw,
        html`<cw-auth-providers providers="trakt" .headers=${{ Authorization: `Bearer ${cw.backend.credentials.apiToken}` }}></cw-auth-providers>`,
      );
      const trakt = cardNamed(el, 'TRAKT');
      await typeInto(trakt, 'trakt.client_id', 'abc');
      await saveCard(cw, trakt);
      expect(trakt.shadowRoot!.querySelector('[part~="message"].success')!.textContent).to.equal('Settings saved.');
    });
  });
});
