/**
 * <cw-account-profile>: which profile inside the linked account is synced (CrossWatch's Nuvio),
 * against the CrossWatch-flavoured mock: its `GET /api/nuvio/profiles` and
 * `POST /api/nuvio/profile/select {profile_id}`.
 */
import { expect, fixture, fixtureCleanup, html, inView } from '../helpers.js';
import '../../src/elements/account-profile/account-profile.js';
import type { CwAccountProfile } from '../../src/elements/account-profile/account-profile.js';
import type { CwAuthProviders } from '../../src/elements/auth-providers/auth-providers.component.js';
import { createCrossWatchBackend, type CrossWatchBackend } from '../../src/mock/crosswatch/index.js';
import { en } from '../../src/strings/en.js';
import { format } from '../../src/strings/format.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { settle, setupHarness, type Harness } from '../providers/flow-harness.js';
import { badgeOf, cardNamed, mountList, startCrossWatch, until, type CrossWatchTest } from '../crosswatch/support.js';
// CrossWatch's manifests described outside a card: like a host using a flow on its own, load its
// adapter first (it registers itself when it runs; in a card or list it loads as they need it).
import '../../src/adapters/crosswatch/crosswatch.js';

const q = <T extends Element = HTMLElement>(el: Element, part: string) => el.shadowRoot!.querySelector<T>(`[part~="${part}"]`);
const text = (el: Element, part: string) => q(el, part)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const selectOf = (el: Element) => q<HTMLSelectElement>(el, 'account-profile-select')!;
const optionsOf = (el: Element) => [...selectOf(el).options].map((o) => [o.value, o.textContent!.trim()]);

function choose(el: CwAccountProfile, value: string) {
  const select = selectOf(el);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<cw-account-profile>', () => {
  failOnLitWarnings();
  let h: Harness;
  let cw: CrossWatchBackend;

  const render = async () => {
    const provider = await h.provider('NUVIO');
    return fixture<CwAccountProfile>(html`<cw-account-profile .provider=${provider} .client=${h.api}></cw-account-profile>`);
  };
  const flush = async (el: CwAccountProfile) => {
    // The list is asked once the element is in view (the observer reports after a frame).
    await inView();
    await settle(h.clock);
    await el.updateComplete;
  };
  /** Flushes until the state is `kind`: under load the observer can report a few frames late. */
  const flushUntil = async (el: CwAccountProfile, kind: string) => {
    for (let i = 0; i < 30 && el.profiles.state.kind !== kind; i++) await flush(el);
    expect(el.profiles.state.kind).to.equal(kind);
  };
  const profileCalls = () => h.requests.filter((r) => r.path.split('?')[0]!.startsWith('/api/nuvio/profile'));

  beforeEach(async () => {
    h = await setupHarness({ backend: () => (cw = createCrossWatchBackend({ now: () => Date.now() })) });
    cw.connect('nuvio');
  });
  afterEach(() => {
    fixtureCleanup();
    h.teardown();
  });

  it('lists the account profiles with the synced one selected, labelled by the provider', async () => {
    const el = await render();
    await flush(el);
    expect(profileCalls().map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /api/nuvio/profiles']);
    expect(optionsOf(el)).to.deep.equal([
      ['1', 'Profile 1'],
      ['2', 'Kids'],
    ]);
    expect(selectOf(el).value).to.equal('1');
    const label = el.shadowRoot!.querySelector('label')!;
    expect(label.textContent!.trim()).to.equal(format(en['flow.accountProfile.label'], { provider: 'Nuvio' }));
    expect(label.htmlFor).to.equal(selectOf(el).id);
    await h.clock.runReal(() => expect(el).to.be.accessible());
  });

  it('switches: sends the id as the server gave it (a number), says so, fires cw-account-profile-change', async () => {
    const el = await render();
    await flush(el);
    const events: CustomEvent[] = [];
    document.addEventListener('cw-account-profile-change', (e) => events.push(e as CustomEvent), { once: true });
    choose(el, '2');
    await el.updateComplete;
    expect(selectOf(el).disabled, 'disabled while switching').to.equal(true);
    await flush(el);
    const select = profileCalls().filter((r) => r.method === 'POST');
    expect(select.map((r) => JSON.parse(r.body!))).to.deep.equal([{ profile_id: 2 }]);
    expect(selectOf(el).value).to.equal('2');
    expect(selectOf(el).disabled).to.equal(false);
    expect(text(el, 'status')).to.equal(format(en['flow.accountProfile.switched'], { name: 'Kids' }));
    expect(events.map((e) => e.detail)).to.deep.equal([{ provider: 'NUVIO', profileId: '2', name: 'Kids' }]);
    expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);
    // The server syncs the other profile now.
    expect((await h.api.status('/api/nuvio/status')).account).to.equal('Kids');
  });

  it('a failed switch keeps the previous profile selected, says why, and Retry repeats it', async () => {
    const el = await render();
    await flush(el);
    cw.faults.add({ fault: 'internal', route: '/api/nuvio/profile/select', times: 1 });
    choose(el, '2');
    await flush(el);
    expect(selectOf(el).value, 'back to the synced one').to.equal('1');
    expect(text(el, 'error-message')).to.not.equal('');
    expect(text(el, 'error-message')).to.not.contain('internal');
    expect(text(el, 'alert')).to.contain(format(en['flow.accountProfile.switchFailed'], { name: 'Kids', provider: 'Nuvio' }));
    expect(text(el, 'status'), 'no success note').to.equal('');

    q(el, 'retry-button')!.click();
    await flush(el);
    expect(profileCalls().filter((r) => r.method === 'POST')).to.have.length(2);
    expect(selectOf(el).value).to.equal('2');
    expect(q(el, 'error-message'), 'the error is gone').to.equal(null);
  });

  it('a list that cannot be read says so with Retry, which loads it again and lands focus on the select', async () => {
    cw.faults.add({ fault: 'upstream_error', route: '/api/nuvio/profiles', times: 1 });
    const el = await render();
    await flush(el);
    expect(q(el, 'account-profile-select')).to.equal(null);
    expect(text(el, 'error-message')).to.not.equal('');
    q(el, 'retry-button')!.focus();
    q(el, 'retry-button')!.click();
    await flush(el);
    expect(optionsOf(el)).to.have.length(2);
    expect(el.shadowRoot!.activeElement, 'focus not lost to the page').to.equal(selectOf(el));
  });

  it("CrossWatch's one Nuvio failure code reads as the provider answering with an error", async () => {
    const el = await render();
    await flush(el);
    // Signed out on the server meanwhile: CrossWatch answers {"ok":false,"error":"nuvio_request_failed"}.
    await h.api.disconnect('/api/nuvio/disconnect');
    choose(el, '2');
    await flush(el);
    expect(text(el, 'error-message')).to.equal(format(en['flow.error.upstream_error'], { provider: 'Nuvio' }));
  });

  it('a synced id the list does not hold reads as none chosen: the select asks', async () => {
    h.teardown();
    h = await setupHarness({ backend: () => (cw = createCrossWatchBackend({ now: () => Date.now() })) });
    cw.connect('nuvio');
    await h.api.saveConfig({ nuvio: { profile_id: 99 } });
    const el = await render();
    await flush(el);
    expect(selectOf(el).value).to.equal('');
    expect(selectOf(el).selectedOptions[0]!.textContent!.trim()).to.equal(en['flow.accountProfile.none']);
    choose(el, '2');
    await flush(el);
    expect(selectOf(el).value).to.equal('2');
  });

  it('removed while loading: the request is aborted and nothing is left pending; attached again it loads again', async () => {
    // The answer waits on the fake clock, so the list is still loading when the element goes.
    const el = await render();
    cw.setLatency(10_000);
    await inView(); // in view: its request starts (under load the observer can report a few frames late)
    for (let i = 0; i < 30 && profileCalls().length === 0; i++) await inView();
    expect(el.profiles.state.kind).to.equal('loading');
    expect(profileCalls()).to.have.length(1);
    const parent = el.parentElement!;
    el.remove();
    expect(el.profiles.state.kind).to.equal('idle');
    await flush(el);
    expect(h.clock.countTimers(), 'no timers left').to.equal(0);
    cw.setLatency(0);
    parent.append(el);
    await flushUntil(el, 'ready');
    expect(profileCalls().filter((r) => r.method === 'GET')).to.have.length(2);
  });
});

describe('the Nuvio card: pick the profile to sync once connected (CrossWatch)', () => {
  failOnLitWarnings();
  let tb: CrossWatchTest;
  afterEach(() => {
    fixtureCleanup();
    tb?.restore();
    localStorage.clear();
  });

  it('shows the picker below the connection actions; a switch renames the badge', async () => {
    localStorage.clear();
    tb = startCrossWatch();
    tb.backend.connect('nuvio');
    const el = await mountList(tb, html`<cw-auth-providers providers="nuvio"></cw-auth-providers>`);
    const nuvio = cardNamed(el, 'NUVIO');
    await until(() => expect(nuvio.shadowRoot!.querySelector('cw-account-profile')).to.exist);
    const picker = nuvio.shadowRoot!.querySelector<CwAccountProfile>('cw-account-profile')!;
    const actions = nuvio.shadowRoot!.querySelector('cw-connection-actions')!;
    expect(actions.compareDocumentPosition(picker) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    await until(() => expect(selectOf(picker).value).to.equal('1'));
    expect(badgeOf(nuvio)).to.contain('Profile 1');
    await expect(nuvio).to.be.accessible();

    choose(picker, '2');
    await until(() => expect(badgeOf(nuvio)).to.contain('Kids'));
  });

  it("a fresh hour-long Nuvio token is not 'expiring' at once; in its last tenth it is", async () => {
    localStorage.clear();
    const kindOf = (el: CwAuthProviders) => cardNamed(el, 'NUVIO').shadowRoot!.querySelector('[part~="status"]')!.getAttribute('data-kind');
    tb = startCrossWatch();
    tb.backend.connect('nuvio');
    let el = await mountList(tb, html`<cw-auth-providers providers="nuvio"></cw-auth-providers>`);
    await until(() => expect(badgeOf(cardNamed(el, 'NUVIO'))).to.contain('Profile 1'));
    expect(kindOf(el), 'an hour left of an hour').to.equal('connected');
    fixtureCleanup();
    tb.restore();

    const soon = Math.floor(Date.now() / 1000) + 5 * 60;
    tb = startCrossWatch({ config: { nuvio: { access_token: 'nuvio-token', refresh_token: 'nuvio-refresh', expires_at: soon, profile_id: 1, profile_name: 'Profile 1' } } });
    el = await mountList(tb, html`<cw-auth-providers providers="nuvio"></cw-auth-providers>`);
    await until(() => expect(badgeOf(cardNamed(el, 'NUVIO'))).to.contain('Profile 1'));
    expect(kindOf(el), '5 of 60 minutes left').to.equal('expiring');
  });

  it('is not offered while disconnected, nor for providers without account profiles', async () => {
    localStorage.clear();
    tb = startCrossWatch();
    tb.backend.connect('trakt');
    const el = await mountList(tb, html`<cw-auth-providers providers="nuvio,trakt"></cw-auth-providers>`);
    expect(cardNamed(el, 'NUVIO').shadowRoot!.querySelector('cw-account-profile')).to.equal(null);
    expect(cardNamed(el, 'TRAKT').shadowRoot!.querySelector('cw-account-profile')).to.equal(null);
  });
});
