/**
 * <cw-oauth-flow> against the real client and the bundled mock: a full OAuth flow finished
 * through the consent page, the blocked-popup link, closing the popup, errors, removal.
 */
import { expect, fixture, html } from '../helpers.js';
import '../../src/elements/oauth-flow/oauth-flow.js';
import type { CwOAuthFlow } from '../../src/elements/oauth-flow/oauth-flow.js';
import { en } from '../../src/strings/en.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { FakePopup, settle, setupHarness, stubWindowOpen, type Harness } from '../providers/flow-harness.js';

const q = <T extends Element = HTMLElement>(el: Element, part: string) => el.shadowRoot!.querySelector<T>(`[part~="${part}"]`);
const text = (el: Element, part: string) => q(el, part)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function consent(authorizeUrl: string, decision: 'allow' | 'deny', account = 'ada'): Promise<void> {
  const state = new URL(authorizeUrl).searchParams.get('state')!;
  const page = await fetch('/mock/oauth/authorize', { method: 'POST', body: new URLSearchParams({ state, decision, account }) });
  expect(page.status).to.equal(200);
}

describe('<cw-oauth-flow>', () => {
  failOnLitWarnings();
  let h: Harness;
  let windows: ReturnType<typeof stubWindowOpen>;

  const render = async () => {
    const simkl = await h.provider('SIMKL');
    await h.api.saveConfig({ simkl: { client_id: 'cid', client_secret: 'secret' } });
    h.requests.length = 0;
    return fixture<CwOAuthFlow>(html`<cw-oauth-flow .provider=${simkl} .client=${h.api}></cw-oauth-flow>`);
  };
  const flush = async (el: CwOAuthFlow) => {
    await settle(h.clock);
    await el.updateComplete;
  };

  beforeEach(async () => {
    h = await setupHarness();
    windows = stubWindowOpen(() => new FakePopup());
  });
  afterEach(() => {
    windows.restore();
    h.teardown();
  });

  it('finishes a full OAuth flow through the consent page', async () => {
    const el = await render();
    const events: CustomEvent[] = [];
    for (const name of ['cw-flow-start', 'cw-connected', 'cw-flow-error']) el.addEventListener(name, (e) => events.push(e as CustomEvent));
    expect(text(el, 'start-button')).to.equal('Connect with SIMKL');
    q(el, 'start-button')!.click();
    expect(windows.calls, 'popup opened in the click').to.have.length(1);
    await flush(el);
    expect(text(el, 'status')).to.equal('Finish signing in to SIMKL in the window that opened.');
    const authorizeUrl = windows.popups[0]!.location.href;
    expect(authorizeUrl).to.match(/\/mock\/oauth\/authorize\?/);
    await h.clock.runReal(() => expect(el).to.be.accessible());

    await consent(authorizeUrl, 'allow', 'grace');
    await h.clock.tickAsync(2_000);
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('Connected to SIMKL as grace');
    expect(events.map((e) => e.type)).to.deep.equal(['cw-flow-start', 'cw-connected']);
    expect(events[1]!.detail).to.deep.equal({ provider: 'SIMKL', account: 'grace' });
  });

  it('popup blocked: a "Continue to SIMKL" link to the authorize URL', async () => {
    windows.restore();
    windows = stubWindowOpen(() => null);
    const el = await render();
    q(el, 'start-button')!.click();
    await flush(el);
    expect(text(el, 'notice')).to.equal('Your browser blocked the sign-in window.');
    const link = q<HTMLAnchorElement>(el, 'continue-link')!;
    expect(link.textContent!.trim()).to.equal('Continue to SIMKL');
    expect(link.href).to.match(/^http:\/\/[^/]+\/mock\/oauth\/authorize\?/);
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener');
    // The way forward and Cancel side by side: one row, one line (Cancel used to wrap below).
    const cancel = q(el, 'cancel-button')!;
    expect(cancel.parentElement, 'Continue and Cancel in one row').to.equal(link.parentElement);
    expect(Math.round(cancel.getBoundingClientRect().top), 'Cancel on the same line as Continue').to.equal(Math.round(link.getBoundingClientRect().top));
    await h.clock.runReal(() => expect(el).to.be.accessible());
    await consent(link.href, 'allow');
    await h.clock.tickAsync(2_000);
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('Connected to SIMKL as ada');
  });

  it('declined, then the popup closed: back to Connect, with a note', async () => {
    const el = await render();
    q(el, 'start-button')!.click();
    await flush(el);
    await consent(windows.popups[0]!.location.href, 'deny');
    windows.popups[0]!.closed = true;
    await h.clock.tickAsync(1_000);
    await el.updateComplete;
    expect(text(el, 'notice')).to.equal(en['flow.notice.popup_closed']);
    expect(text(el, 'start-button')).to.equal('Connect with SIMKL');
  });

  it('cancel returns to the start button and closes the popup', async () => {
    const el = await render();
    q(el, 'start-button')!.click();
    await flush(el);
    q(el, 'cancel-button')!.click();
    await el.updateComplete;
    expect(windows.popups[0]!.closed).to.equal(true);
    expect(text(el, 'notice')).to.equal('Cancelled. Nothing was changed.');
  });

  it("keys not saved: the server's reason, the developer portal link, no popup left open", async () => {
    const simkl = await h.provider('SIMKL');
    const el = await fixture<CwOAuthFlow>(html`<cw-oauth-flow .provider=${simkl} .client=${h.api}></cw-oauth-flow>`);
    const errors: CustomEvent[] = [];
    el.addEventListener('cw-flow-error', (e) => errors.push(e));
    q(el, 'start-button')!.click();
    await flush(el);
    expect(text(el, 'error-message')).to.equal('SIMKL needs your own app keys (Client ID and Client Secret). Enter and save them, then try again.');
    expect(q<HTMLAnchorElement>(el, 'help-link')!.href).to.equal('https://simkl.com/settings/developer/');
    expect(text(el, 'start-button')).to.equal('Try again');
    expect(errors[0]!.detail).to.deep.include({ provider: 'SIMKL', flow: 'oauth', code: 'missing_client_credentials' });
    expect(windows.popups[0]!.closed).to.equal(true);
    await h.clock.runReal(() => expect(el).to.be.accessible());
  });

  it('redirect mode sends the page away instead of opening a popup', async () => {
    const el = await render();
    el.oauthMode = 'redirect';
    await el.updateComplete;
    // The page would leave (location.assign); the controller test covers the round trip.
    const assigned: string[] = [];
    (el as unknown as { redirectTo(u: string): void }).redirectTo = (u) => assigned.push(u);
    q(el, 'start-button')!.click();
    await flush(el);
    expect(windows.calls).to.deep.equal([]);
    expect(assigned[0]).to.match(/\/mock\/oauth\/authorize\?/);
    expect(text(el, 'status')).to.equal('Taking you to SIMKL…');
    sessionStorage.removeItem('cw-auth:oauth-pending:simkl:default');
  });

  it('removal: zero requests and no timers afterwards', async () => {
    const el = await render();
    q(el, 'start-button')!.click();
    await h.clock.tickAsync(2_000);
    el.remove();
    const before = h.requests.length;
    await h.clock.tickAsync(10 * 60_000);
    expect(h.requests.length).to.equal(before);
    expect(h.clock.countTimers()).to.equal(0);
  });

  it('is accessible when idle', async () => {
    const el = await render();
    await h.clock.runReal(() => expect(el).to.be.accessible());
  });
});
