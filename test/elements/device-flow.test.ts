/**
 * <cw-device-flow> against the real client and the bundled mock, on a fake clock: the whole
 * device flow finished through the mock's activation page, and every state with its way forward.
 */
import { expect, fixture, fixtureCleanup, html } from '../helpers.js';
import { ContextProvider } from '@lit/context';
import '../../src/elements/device-flow/device-flow.js';
import type { CwDeviceFlow } from '../../src/elements/device-flow/device-flow.js';
import { formatRemaining, groupCode } from '../../src/elements/device-flow/device-flow.component.js';
import { apiContext, stringsContext } from '../../src/elements/context.js';
import { de } from '../../src/strings/de.js';
import { en } from '../../src/strings/en.js';
import type { ResolvedProvider } from '../../src/providers/types.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { FakePopup, settle, setupHarness, stubWindowOpen, type Harness } from '../providers/flow-harness.js';
import { yieldTask } from '../providers/flow-clock.js';

const q = <T extends Element = HTMLElement>(el: Element, part: string) => el.shadowRoot!.querySelector<T>(`[part~="${part}"]`);
const text = (el: Element, part: string) => q(el, part)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const live = (el: Element) => el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!.textContent!.trim();

async function until(check: () => boolean, ms = 4000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error('condition not met in time');
    await yieldTask();
  }
}

describe('<cw-device-flow>', () => {
  failOnLitWarnings();
  let h: Harness;
  let windows: ReturnType<typeof stubWindowOpen>;

  const render = async (provider: ResolvedProvider) => {
    const el = await fixture<CwDeviceFlow>(html`<cw-device-flow .provider=${provider} .client=${h.api}></cw-device-flow>`);
    return el;
  };
  const flush = async (el: CwDeviceFlow) => {
    await settle(h.clock);
    await el.updateComplete;
  };

  beforeEach(async () => {
    h = await setupHarness();
    windows = stubWindowOpen(() => new FakePopup());
  });
  afterEach(async () => {
    // Remove the elements while the mock still answers: a flow left waiting cancels its code on
    // removal, which otherwise reached the test server (a 404 in the run's output).
    fixtureCleanup();
    await settle(h.clock);
    windows.restore();
    h.teardown();
  });

  it('groups codes and formats the countdown', () => {
    expect(groupCode('ABCDEFGH')).to.equal('ABCD-EFGH');
    expect(groupCode('7XK2QF')).to.equal('7XK-2QF');
    expect(groupCode('AB12')).to.equal('AB12');
    expect(groupCode('ABCD-EFGH')).to.equal('ABCD-EFGH');
    expect(formatRemaining(900_000)).to.equal('15:00');
    expect(formatRemaining(59_001)).to.equal('1:00');
    expect(formatRemaining(-5)).to.equal('0:00');
    expect(formatRemaining(3_600_000 + 61_000)).to.equal('1:01:01');
  });

  it('a long wait the server asked for is shown as the next check, and goes once it runs', async () => {
    const el = await render(await h.provider('PLEX'));
    q(el, 'start-button')!.click();
    await h.clock.tickAsync(1_000);
    await el.updateComplete;
    expect(q(el, 'next-check'), 'a 5 s interval is not announced').to.equal(null);
    h.backend.faults.add({ fault: 'rate_limited', provider: 'plex', route: 'poll', times: 1, ms: 120_000 });
    await h.clock.tickAsync(4_000);
    await el.updateComplete;
    expect(text(el, 'next-check')).to.equal('The server asked to wait: next check in 2:00.');
    await h.clock.runReal(() => expect(el).to.be.accessible());
    await h.clock.tickAsync(120_000);
    await el.updateComplete;
    expect(q(el, 'next-check')).to.equal(null);
    expect(q(el, 'countdown')).to.exist;
  });

  it('finishes a full device flow through the activation page', async () => {
    const el = await render(await h.provider('MDBLIST'));
    const events: string[] = [];
    let connected: CustomEvent | undefined;
    for (const name of ['cw-flow-start', 'cw-connected', 'cw-flow-error']) el.addEventListener(name, (e) => events.push(e.type));
    el.addEventListener('cw-connected', (e) => (connected = e));

    q(el, 'start-button')!.click();
    expect(windows.calls, 'verification page opened in the click').to.have.length(1);
    await flush(el);

    const code = el.flow.state.kind === 'waiting' ? el.flow.state.userCode : '';
    expect(code).to.match(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(text(el, 'code')).to.contain(code);
    expect(q(el, 'copy-button'), 'copy button from the cards work').to.exist;
    expect(el.shadowRoot!.querySelector('cw-copy-button')!.value).to.equal(code);
    const open = q<HTMLAnchorElement>(el, 'open-button')!;
    expect(open.textContent!.trim()).to.equal('Open MDBList');
    expect(open.href).to.equal(`${location.origin}/mock/activate?provider=mdblist&code=${encodeURIComponent(code)}`);
    expect(open.target).to.equal('_blank');
    expect(open.rel).to.contain('noopener');
    expect(windows.popups[0]!.location.href).to.equal(open.href);
    expect(live(el)).to.equal('Code ready. Waiting for approval…');
    expect(q(el, 'countdown')!.getAttribute('aria-live')).to.equal('off');
    expect(text(el, 'countdown')).to.equal('Expires in 10:00');
    await h.clock.tickAsync(1_000);
    await el.updateComplete;
    expect(text(el, 'countdown')).to.equal('Expires in 9:59');
    await h.clock.runReal(() => expect(el).to.be.accessible());

    const page = await fetch('/mock/activate', { method: 'POST', body: new URLSearchParams({ provider: 'mdblist', code, account: 'ada', decision: 'approve' }) });
    expect(page.status).to.equal(200);
    await h.clock.tickAsync(5_000);
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('Connected to MDBList as ada');
    expect(live(el)).to.equal('Connected.');
    expect(events).to.deep.equal(['cw-flow-start', 'cw-connected']);
    expect(connected!.detail).to.deep.equal({ provider: 'MDBLIST', account: 'ada' });
    expect(connected!.bubbles && connected!.composed).to.equal(true);
  });

  it('a double click starts one flow', async () => {
    const el = await render(await h.provider('PLEX'));
    const button = q(el, 'start-button')!;
    button.click();
    button.click();
    await flush(el);
    expect(h.requests.filter((r) => r.path.endsWith('/device/start'))).to.have.length(1);
  });

  it('shows a QR code of the verification URL, loaded only when asked for', async () => {
    const el = await render(await h.provider('PLEX'));
    q(el, 'start-button')!.click();
    await flush(el);
    expect(el.shadowRoot!.querySelector('cw-qr-code')).to.equal(null);
    const toggle = q(el, 'qr-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const qr = el.shadowRoot!.querySelector('cw-qr-code')!;
    await until(() => Boolean(qr.shadowRoot?.querySelector('svg path')));
    const svg = qr.shadowRoot!.querySelector('svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('QR code that opens Plex on another device');
    expect(svg.getAttribute('viewBox')).to.match(/^0 0 \d+ \d+$/);
    expect(svg.querySelector('path')!.getAttribute('d')).to.match(/^M\d+ \d+h1v1h-1z/);
    await h.clock.runReal(() => expect(el).to.be.accessible());
    toggle.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('cw-qr-code')).to.equal(null);
  });

  it('expiry: a clear message and "Get a new code", which starts again', async () => {
    const el = await render(await h.provider('PLEX'));
    const errors: CustomEvent[] = [];
    el.addEventListener('cw-flow-error', (e) => errors.push(e));
    q(el, 'start-button')!.click();
    await flush(el);
    await h.clock.tickAsync(900_000);
    await el.updateComplete;
    expect(text(el, 'alert')).to.equal('The code expired before it was approved.');
    expect(el.shadowRoot!.querySelector('[part="alert"]')!.getAttribute('role')).to.equal('alert');
    expect(errors.map((e) => e.detail.code)).to.deep.equal(['expired']);
    const again = q(el, 'start-button')!;
    expect(again.textContent!.trim()).to.equal('Get a new code');
    await h.clock.runReal(() => expect(el).to.be.accessible());
    const starts = h.requests.filter((r) => r.path.endsWith('/device/start')).length;
    again.click();
    await flush(el);
    expect(h.requests.filter((r) => r.path.endsWith('/device/start'))).to.have.length(starts + 1);
    expect(el.flow.state.kind).to.equal('waiting');
  });

  it('denial: says so and offers a new code', async () => {
    const el = await render(await h.provider('PLEX'));
    q(el, 'start-button')!.click();
    await flush(el);
    h.backend.denyDevice('plex');
    await h.clock.tickAsync(5_000);
    await el.updateComplete;
    expect(text(el, 'alert')).to.equal('Access was denied on Plex.');
    expect(text(el, 'start-button')).to.equal('Get a new code');
  });

  it('cancel reaches the server and returns to "Get code"', async () => {
    const el = await render(await h.provider('PLEX'));
    q(el, 'start-button')!.click();
    await flush(el);
    q(el, 'cancel-button')!.click();
    await flush(el);
    expect(h.requests.filter((r) => r.path === '/api/plex/device/cancel')).to.have.length(1);
    expect(text(el, 'start-button')).to.equal('Get code');
    expect(text(el, 'status')).to.equal('Cancelled. Nothing was changed.');
  });

  it("errors: the server's reason as a sentence, the fix link and Try again", async () => {
    const trakt = await h.provider('TRAKT');
    const el = await render(trakt);
    const errors: CustomEvent[] = [];
    el.addEventListener('cw-flow-error', (e) => errors.push(e));
    q(el, 'start-button')!.click();
    await flush(el);
    expect(text(el, 'error-message')).to.equal(en['flow.error.missing_client_credentials'].replace('{provider}', 'Trakt'));
    const help = q<HTMLAnchorElement>(el, 'help-link')!;
    expect(help.href).to.equal('https://trakt.tv/oauth/applications');
    expect(help.rel).to.contain('noopener');
    expect(text(el, 'start-button')).to.equal('Try again');
    expect(errors[0]!.detail).to.deep.include({ provider: 'TRAKT', flow: 'device_code', code: 'missing_client_credentials' });
    expect(errors[0]!.detail.message).to.contain('Client ID');
    expect(windows.popups[0]!.closed, 'the blank window is closed again').to.equal(true);
    await h.clock.runReal(() => expect(el).to.be.accessible());
  });

  it('a server that is down: says so, keeps polling politely, no raw codes', async () => {
    const el = await render(await h.provider('PLEX'));
    h.backend.faults.add({ fault: 'network', route: 'start', times: 1 });
    q(el, 'start-button')!.click();
    await flush(el);
    expect(text(el, 'error-message')).to.equal(en['flow.error.network']);
  });

  it('popup blocked: tells the user and keeps the "Open" link', async () => {
    windows.restore();
    windows = stubWindowOpen(() => null);
    const el = await render(await h.provider('PLEX'));
    q(el, 'start-button')!.click();
    await flush(el);
    expect(text(el, 'notice')).to.equal('Your browser blocked the new window. Use “Open Plex” and enter the code there.');
    expect(q<HTMLAnchorElement>(el, 'open-button')!.href).to.match(/\/mock\/activate\?provider=plex&code=/);
  });

  it('switching the profile mid-flow cancels the old flow on the server', async () => {
    const el = await render(await h.provider('PLEX'));
    q(el, 'start-button')!.click();
    await flush(el);
    el.instance = 'PLEX-P01';
    await flush(el);
    expect(h.requests.filter((r) => r.path === '/api/plex/device/cancel')).to.have.length(1);
    expect(el.flow.state.kind).to.equal('idle');
    expect(text(el, 'start-button')).to.equal('Get code');
    await h.clock.tickAsync(60_000);
    expect(h.timesOf('/device/poll')).to.deep.equal([]);
  });

  it('removal: the pending code is cancelled on the server, then no requests and no timers', async () => {
    const el = await render(await h.provider('PLEX'));
    q(el, 'start-button')!.click();
    await h.clock.tickAsync(5_000);
    const before = h.requests.length;
    el.remove();
    await h.clock.tickAsync(10 * 60_000);
    expect(h.requests.slice(before).map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /api/plex/device/cancel']);
    expect(h.clock.countTimers()).to.equal(0);
  });

  it('uses the API client and strings from context (German)', async () => {
    const plex = await h.provider('PLEX');
    const wrapper = document.createElement('div');
    const api = new ContextProvider(wrapper, { context: apiContext, initialValue: h.api });
    const strings = new ContextProvider(wrapper, { context: stringsContext, initialValue: de });
    api.hostConnected();
    strings.hostConnected();
    document.body.append(wrapper);
    try {
      const el = document.createElement('cw-device-flow');
      el.provider = plex;
      wrapper.append(el);
      await el.updateComplete;
      expect(text(el, 'start-button')).to.equal('Code anfordern');
      q(el, 'start-button')!.click();
      await flush(el);
      expect(text(el, 'open-button')).to.equal('Plex öffnen');
      expect(text(el, 'countdown')).to.equal('Läuft ab in 15:00');
      strings.setValue(en);
      await el.updateComplete;
      expect(text(el, 'open-button')).to.equal('Open Plex');
    } finally {
      wrapper.remove();
    }
  });

  it('is accessible when idle', async () => {
    const el = await render(await h.provider('PLEX'));
    await h.clock.runReal(() => expect(el).to.be.accessible());
  });
});
