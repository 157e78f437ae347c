import { expect, fixture, fixtureCleanup, html } from '../helpers.js';
import { http, HttpResponse } from 'msw';
import '../../src/elements/auth-providers/auth-providers.js';
import { FIRST_CHUNK, WHOLE_LIST_AT_ONCE, type CwAuthProviders } from '../../src/elements/auth-providers/auth-providers.component.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { createApiClient } from '../../src/api-client/client.js';
import type { CwProvidersLoadedDetail } from '../../src/events.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { installClock } from '../support/clock.js';
import { recordEvents, removeMidRequest } from '../support/leaks.js';
import crosswatchManifests from '../fixtures/crosswatch/auth-providers.json';
import crosswatchConfig from '../fixtures/crosswatch/config-after-save.json';
import { deepQueryAll, deepText, paths, providersAnswer, startBackend, until, XSS, type TestBackend } from './card-support.js';

const root = (el: CwAuthProviders) => el.shadowRoot!;
const cards = (el: CwAuthProviders) => [...root(el).querySelectorAll<CwProviderCard>('cw-provider-card')];
const cardLabels = (el: CwAuthProviders) => cards(el).map((c) => c.provider?.label);
const headings = (el: CwAuthProviders) =>
  [...root(el).querySelectorAll('[part="group-heading"]')].map((h) => h.textContent!.trim());

/** Renders the list and waits for `cw-providers-loaded` (or an error/empty state). */
async function load(template: ReturnType<typeof html>) {
  let loaded: CwProvidersLoadedDetail | undefined;
  const onLoaded = (e: Event) => (loaded = (e as CustomEvent<CwProvidersLoadedDetail>).detail);
  document.addEventListener('cw-providers-loaded', onLoaded);
  try {
    const el = await fixture<CwAuthProviders>(template);
    await until(() => expect(root(el).querySelector('cw-provider-card, [part="state"]')).to.exist);
    await el.updateComplete;
    return { el, loaded: () => loaded };
  } finally {
    setTimeout(() => document.removeEventListener('cw-providers-loaded', onLoaded), 0);
  }
}

const validManifest = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  label: name[0] + name.slice(1).toLowerCase(),
  flow: 'credentials',
  fields: [{ key: `${name.toLowerCase()}.api_key`, label: 'API key', type: 'password', required: true }],
  actions: { start: true, finish: false, refresh: false, disconnect: true },
  ...extra,
});

describe('cw-auth-providers', () => {
  failOnLitWarnings();
  let tb: TestBackend;
  afterEach(() => {
    fixtureCleanup();
    tb?.restore();
  });

  it('loads providers and config in parallel with exactly two requests, cards never fetch the config', async () => {
    tb = startBackend();
    const { el, loaded } = await load(html`<cw-auth-providers></cw-auth-providers>`);
    const calls = paths(tb);
    expect(calls.slice(0, 2).sort()).to.deep.equal(['GET /api/auth/providers', 'GET /api/config']);
    expect(tb.fetches.peakInFlight, 'both in flight at once').to.be.greaterThanOrEqual(2);
    await until(() => expect(tb.fetches.inFlight).to.equal(0));
    expect(paths(tb).filter((p) => p === 'GET /api/config'), 'one config read shared by all cards').to.have.length(1);
    expect(paths(tb).filter((p) => p === 'GET /api/auth/providers')).to.have.length(1);
    expect(loaded()).to.deep.equal({
      providers: ['PLEX', 'JELLYFIN', 'EMBY', 'TRAKT', 'SIMKL', 'MDBLIST', 'TAUTULLI'],
      invalid: 0,
    });
    expect(el.apiClient).to.exist;
    expect(el.configStore!.config).to.exist;
  });

  it('renders one card per manifest in order, grouped under headings', async () => {
    tb = startBackend();
    const { el } = await load(html`<cw-auth-providers></cw-auth-providers>`);
    expect(cardLabels(el)).to.deep.equal(['Plex', 'Jellyfin', 'Emby', 'Trakt', 'SIMKL', 'MDBList', 'Tautulli']);
    expect(headings(el)).to.deep.equal(['Media servers', 'Trackers', 'Others']);
    const heading = root(el).querySelector('[part="group-heading"]')!;
    expect(heading.getAttribute('role')).to.equal('heading');
    expect(heading.getAttribute('aria-level')).to.equal('2');
    expect(cards(el)[0]!.getAttribute('heading-level')).to.equal('3');
    await until(() => expect(tb.fetches.inFlight).to.equal(0));
    await expect(el).to.be.accessible();
  });

  it('no headings when no manifest carries a group', async () => {
    tb = startBackend();
    tb.use(providersAnswer([validManifest('ALPHA'), validManifest('BETA')]));
    const { el } = await load(html`<cw-auth-providers></cw-auth-providers>`);
    expect(cardLabels(el)).to.deep.equal(['Alpha', 'Beta']);
    expect(headings(el)).to.deep.equal([]);
  });

  it('shows only the providers named in the filter, in manifest order', async () => {
    tb = startBackend();
    const { el, loaded } = await load(html`<cw-auth-providers providers="trakt, PLEX"></cw-auth-providers>`);
    expect(cardLabels(el)).to.deep.equal(['Plex', 'Trakt']);
    expect(loaded()!.providers).to.deep.equal(['PLEX', 'TRAKT']);
    el.providers = ['tautulli'];
    await el.updateComplete;
    expect(cardLabels(el)).to.deep.equal(['Tautulli']);
  });

  it('serves client, store and strings to the cards through context', async () => {
    tb = startBackend();
    const { el } = await load(html`<cw-auth-providers locale="de"></cw-auth-providers>`);
    const card = cards(el)[0]!;
    await card.updateComplete;
    const inner = card as unknown as { api: unknown; store: unknown };
    // The list's client, seen through the card's status limit (a prototype view, src/state/status-gate.ts).
    expect(Object.getPrototypeOf(inner.api)).to.equal(el.apiClient);
    expect(Object.hasOwn(inner.api as object, 'status'), 'only the status read is the card\'s own').to.equal(true);
    expect(inner.store).to.equal(el.configStore);
    expect(card.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('Nicht eingerichtet');
  });

  describe('states', () => {
    it('shows the loading skeleton only after 250 ms', async () => {
      tb = startBackend();
      tb.backend.setLatency(1000);
      const clock = installClock({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const el = await fixture<CwAuthProviders>(html`<cw-auth-providers></cw-auth-providers>`);
        expect(root(el).querySelector('[part="skeleton"]')).to.equal(null);
        await clock.tickAsync(200);
        await el.updateComplete;
        expect(root(el).querySelector('[part="skeleton"]'), 'not yet at 200 ms').to.equal(null);
        await clock.tickAsync(100);
        await el.updateComplete;
        expect(root(el).querySelectorAll('[part="skeleton"]').length).to.be.greaterThan(0);
        expect(root(el).querySelector('[role="status"]')!.textContent).to.equal('Loading providers…');
        expect(root(el).querySelector('.root')!.getAttribute('aria-busy')).to.equal('true');
        await clock.tickAsync(1000);
        await until(() => expect(cards(el).length).to.equal(7));
        expect(root(el).querySelector('[part="skeleton"]')).to.equal(null);
      } finally {
        clock.uninstall();
      }
    });

    it('fast loads never show the skeleton', async () => {
      tb = startBackend();
      const seen: boolean[] = [];
      const el = document.createElement('cw-auth-providers');
      const observer = new MutationObserver(() => seen.push(Boolean(el.shadowRoot?.querySelector('[part="skeleton"]'))));
      document.body.append(el);
      observer.observe(el.shadowRoot!, { childList: true, subtree: true });
      await until(() => expect(cards(el).length).to.equal(7));
      observer.disconnect();
      el.remove();
      expect(seen.some(Boolean)).to.equal(false);
    });

    it('is accessible while loading', async () => {
      tb = startBackend();
      tb.backend.setLatency(2000);
      const el = await fixture<CwAuthProviders>(html`<cw-auth-providers></cw-auth-providers>`);
      await until(() => expect(root(el).querySelector('[part="skeleton"]')).to.exist);
      await expect(el).to.be.accessible();
    });

    it('empty: "No providers are available."', async () => {
      tb = startBackend();
      tb.use(providersAnswer([]));
      const { el, loaded } = await load(html`<cw-auth-providers></cw-auth-providers>`);
      const state = root(el).querySelector('[part="state"]')!;
      expect(state.textContent!.trim()).to.equal('No providers are available.');
      expect(state.getAttribute('role')).to.equal('status');
      expect(loaded()).to.deep.equal({ providers: [], invalid: 0 });
      await expect(el).to.be.accessible();
    });

    it('error: the reason by code and a Retry that loads again', async () => {
      tb = startBackend();
      tb.backend.faults.add({ fault: 'unauthorized', route: 'providers', times: 1 });
      const { el } = await load(html`<cw-auth-providers></cw-auth-providers>`);
      const state = root(el).querySelector('[part="state"]')!;
      expect(state.getAttribute('role')).to.equal('alert');
      expect(state.textContent).to.contain('The providers could not be loaded.');
      expect(state.textContent).to.contain('Sign in again');
      expect(cards(el)).to.have.length(0);
      await expect(el).to.be.accessible();
      const before = tb.fetches.calls.length;
      state.querySelector('button')!.click();
      await until(() => expect(cards(el)).to.have.length(7));
      expect(paths(tb).slice(before, before + 2).sort()).to.deep.equal(['GET /api/auth/providers', 'GET /api/config']);
    });

    it('error when the server is unreachable; the config request is aborted too', async () => {
      tb = startBackend();
      tb.backend.faults.add({ fault: 'network', route: 'providers', times: 1 });
      tb.backend.setLatency(50);
      const { el } = await load(html`<cw-auth-providers></cw-auth-providers>`);
      expect(root(el).querySelector('[part="state"]')!.textContent).to.contain('Could not reach the server');
      expect(tb.fetches.inFlight).to.equal(0);
    });

    it('a config failure is an error too (cards cannot work without it)', async () => {
      tb = startBackend();
      tb.backend.faults.add({ fault: 'html_error', route: 'config', times: 1 });
      const { el } = await load(html`<cw-auth-providers></cw-auth-providers>`);
      expect(root(el).querySelector('[part="state"][role="alert"]')).to.exist;
      expect(cards(el)).to.have.length(0);
    });

    it('invalid manifests show a clear message each, in place, while the others render', async () => {
      tb = startBackend();
      tb.use(
        providersAnswer([
          validManifest('ALPHA'),
          { name: 'BROKEN', label: 7, flow: 'credentials', fields: 'none', actions: {} },
          { label: 'Nameless', flow: 'oauth', fields: [], actions: {} },
          validManifest('BETA'),
        ]),
      );
      const { el, loaded } = await load(html`<cw-auth-providers></cw-auth-providers>`);
      const items = [...root(el).querySelectorAll('.cards > li')].map((li) =>
        li.querySelector('cw-provider-card') ? `card:${(li.querySelector('cw-provider-card') as CwProviderCard).provider?.label}` : 'invalid',
      );
      expect(items).to.deep.equal(['card:Alpha', 'invalid', 'invalid', 'card:Beta']);
      const messages = [...root(el).querySelectorAll('[part~="invalid"]')].map((m) => m.textContent!.replace(/\s+/g, ' ').trim());
      expect(messages[0]).to.contain('BROKEN cannot be shown');
      expect(messages[0]).to.contain('The server sent an invalid provider description:');
      expect(messages[1]).to.contain('A provider cannot be shown');
      expect(loaded()).to.deep.equal({ providers: ['ALPHA', 'BETA'], invalid: 2 });
      await until(() => expect(tb.fetches.inFlight).to.equal(0));
      await expect(el).to.be.accessible();
    });

    it('names that would become other paths (../../admin, q?x=1, config?) reject their entries; no request leaves /api/', async () => {
      tb = startBackend();
      tb.use(providersAnswer([validManifest('ALPHA'), validManifest('../../admin'), validManifest('q?x=1'), validManifest('config?'), validManifest('BETA')]));
      const { el, loaded } = await load(html`<cw-auth-providers></cw-auth-providers>`);
      await until(() => expect(tb.fetches.inFlight).to.equal(0));
      expect(cardLabels(el)).to.deep.equal(['Alpha', 'Beta']);
      const messages = [...root(el).querySelectorAll('[part~="invalid"]')].map((m) => m.textContent!.replace(/\s+/g, ' ').trim());
      expect(messages).to.have.length(3);
      expect(messages[0]).to.contain('../../admin cannot be shown');
      expect(messages[0]).to.contain('name must be letters, digits and "_" only');
      expect(loaded()).to.deep.equal({ providers: ['ALPHA', 'BETA'], invalid: 3 });
      for (const call of tb.fetches.calls) {
        const url = new URL(call.url, location.href);
        expect(url.origin, call.url).to.equal(location.origin);
        expect(url.pathname, call.url).to.match(/^\/api\//);
        expect(url.pathname, call.url).not.to.match(/admin|^\/api\/(q|config)[/?%]/i);
        expect(url.search, call.url).to.equal('');
      }
    });
  });

  describe('safety', () => {
    it('renders labels, notes, field labels and error text with markup as text', async () => {
      tb = startBackend();
      tb.use(
        providersAnswer([
          validManifest('EVIL', {
            label: `Evil ${XSS}`,
            notes: `Notes ${XSS}`,
            fields: [{ key: 'evil.key', label: `Key ${XSS}`, type: 'text', required: true, help: XSS }],
            group: `Group ${XSS}`,
          }),
          { name: `BAD ${XSS}`, label: 1, fields: 2, actions: 3 },
        ]),
      );
      const { el } = await load(html`<cw-auth-providers></cw-auth-providers>`);
      await until(() => expect(cards(el)).to.have.length(1));
      await cards(el)[0]!.updateComplete;
      expect(deepQueryAll(el, 'img, script')).to.have.length(0);
      const text = deepText(el);
      expect(text).to.contain('Evil <img src=x');
      expect(text).to.contain('Notes <img');
      expect(text).to.contain('Key <img');
      expect((window as { __cwPwned?: number }).__cwPwned).to.equal(undefined);
    });

    it('a server error message with markup is shown as text', async () => {
      tb = startBackend();
      tb.use(
        http.get('*/api/auth/providers', () =>
          HttpResponse.json({ ok: false, error: { code: 'odd', message: `Broken ${XSS}` } }, { status: 500 }),
        ),
      );
      const { el } = await load(html`<cw-auth-providers></cw-auth-providers>`);
      expect(root(el).querySelector('[part="state"]')!.textContent).to.contain('Broken');
      expect(deepQueryAll(el, 'img, script')).to.have.length(0);
    });

    it('removed mid-request: requests aborted, no timers, no later requests or events', async () => {
      tb = startBackend();
      tb.backend.setLatency(500);
      const { inFlightBefore, report, events } = await removeMidRequest(
        tb.fetches,
        () => fixture<CwAuthProviders>(html`<cw-auth-providers></cw-auth-providers>`),
        ['cw-providers-loaded'],
      );
      expect(inFlightBefore).to.equal(2);
      expect(report).to.deep.equal({ inFlight: 0, timers: 0, requestsAfterRemoval: [] });
      expect(events).to.deep.equal([]);
    });

    it('re-attached after removal mid-request: loads again', async () => {
      tb = startBackend();
      tb.backend.setLatency(200);
      const el = await fixture<CwAuthProviders>(html`<cw-auth-providers></cw-auth-providers>`);
      const parent = el.parentElement!;
      el.remove();
      parent.append(el);
      await until(() => expect(cards(el)).to.have.length(7));
    });
  });

  describe('long lists', () => {
    const many = (count: number, group?: (i: number) => string) =>
      Array.from({ length: count }, (_, i) => validManifest(`P${String(i).padStart(3, '0')}`, group ? { group: group(i) } : {}));
    const quietStatus = http.get('*/api/:provider/status', () => HttpResponse.json({ connected: false }));
    /** The next task: runs before the list's next chunk when queued before the list renders. */
    const nextTask = () =>
      new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (channel.port1.close(), resolve());
        channel.port2.postMessage(null);
      });
    /** Mounts the list; resolves with it and with the cards rendered in the task that rendered the list. */
    async function mountAndCountFirst() {
      let first: Promise<number> | undefined;
      const onLoaded = () => (first = nextTask().then(() => cards(el).length));
      document.addEventListener('cw-providers-loaded', onLoaded, { once: true });
      const el = await fixture<CwAuthProviders>(html`<cw-auth-providers></cw-auth-providers>`);
      await until(() => expect(first).to.exist);
      return { el, first: await first! };
    }

    it('renders the first cards with the list, the rest in later tasks, all in manifest order', async () => {
      tb = startBackend();
      const list = many(60);
      tb.use(providersAnswer(list), quietStatus);
      const { el, first } = await mountAndCountFirst();
      expect(first, 'cards in the first task').to.equal(FIRST_CHUNK);
      await el.updateComplete;
      expect(cardLabels(el), 'updateComplete waits for the last chunk').to.deep.equal(list.map((m) => m.label));
      await Promise.all(cards(el).map((c) => c.updateComplete));
      expect(cards(el).every((c) => c.shadowRoot!.querySelector('[part~="status"][data-kind]'))).to.equal(true);
    });

    it(`renders a list of up to ${WHOLE_LIST_AT_ONCE} cards whole in the list's own task (no second chunk, no extra frame)`, async () => {
      tb = startBackend();
      const list = many(WHOLE_LIST_AT_ONCE);
      tb.use(providersAnswer(list), quietStatus);
      const { el, first } = await mountAndCountFirst();
      expect(first, 'cards in the first task').to.equal(WHOLE_LIST_AT_ONCE);
      await el.updateComplete;
      expect(cardLabels(el)).to.deep.equal(list.map((m) => m.label));
    });

    it(`one more than ${WHOLE_LIST_AT_ONCE}: the first chunk again, the rest later`, async () => {
      tb = startBackend();
      const list = many(WHOLE_LIST_AT_ONCE + 1);
      tb.use(providersAnswer(list), quietStatus);
      const { el, first } = await mountAndCountFirst();
      expect(first).to.equal(FIRST_CHUNK);
      await el.updateComplete;
      expect(cardLabels(el)).to.deep.equal(list.map((m) => m.label));
    });

    it('grouped: cards arrive in display order, a group heading with its first card', async () => {
      tb = startBackend();
      const list = many(40, (i) => (i % 2 ? 'Trackers' : 'Media servers'));
      tb.use(providersAnswer(list), quietStatus);
      const { el, first } = await mountAndCountFirst();
      expect(first).to.equal(FIRST_CHUNK);
      await el.updateComplete;
      expect(headings(el)).to.deep.equal(['Media servers', 'Trackers']);
      const even = list.filter((_, i) => i % 2 === 0).map((m) => m.label);
      const odd = list.filter((_, i) => i % 2 === 1).map((m) => m.label);
      expect(cardLabels(el)).to.deep.equal([...even, ...odd]);
    });

    it('keeps focus where the user is while later cards render', async () => {
      tb = startBackend();
      tb.use(providersAnswer(many(80)), quietStatus);
      const { el } = await mountAndCountFirst();
      const firstCard = cards(el)[0]!;
      await firstCard.updateComplete;
      const input = deepQueryAll(firstCard, 'input')[0] as HTMLInputElement;
      input.focus();
      await el.updateComplete;
      expect(cards(el)).to.have.length(80);
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      expect(active).to.equal(input);
    });

    it('removed mid-render: nothing more renders while detached; re-attached, the rest follows', async () => {
      tb = startBackend();
      tb.use(providersAnswer(many(120)), quietStatus);
      const { el } = await mountAndCountFirst();
      const parent = el.parentElement!;
      const atRemoval = cards(el).length;
      el.remove();
      expect(atRemoval, 'removed mid-render').to.be.lessThan(120);
      await el.updateComplete; // resolves while detached instead of waiting for chunks that never come
      for (let i = 0; i < 5; i++) await nextTask();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(cards(el)).to.have.length(atRemoval);
      parent.append(el);
      await el.updateComplete;
      expect(cards(el)).to.have.length(120);
      expect(cardLabels(el)[119]).to.equal('P119');
    });

    it('is accessible with a chunked list', async () => {
      tb = startBackend();
      tb.use(providersAnswer(many(30)), quietStatus);
      const { el } = await mountAndCountFirst();
      await el.updateComplete;
      await until(() => expect(tb.fetches.inFlight).to.equal(0));
      await expect(el).to.be.accessible();
    });
  });

  describe('configuration', () => {
    it('changing base-url aborts in-flight requests and reloads from the new backend', async () => {
      tb = startBackend();
      tb.backend.setLatency(300);
      const events = recordEvents(document, ['cw-providers-loaded']);
      const el = await fixture<CwAuthProviders>(html`<cw-auth-providers></cw-auth-providers>`);
      expect(tb.fetches.inFlight).to.equal(2);
      el.setAttribute('base-url', 'https://cw.example.test/');
      await el.updateComplete;
      await until(() => expect(cards(el)).to.have.length(7));
      events.stop();
      const loads = tb.fetches.calls.map((c) => c.url).filter((u) => /\/api\/(auth\/providers|config)$/.test(u));
      expect(loads.slice(0, 2).sort(), 'first load: same origin').to.deep.equal(['/api/auth/providers', '/api/config']);
      expect(loads.slice(2).sort()).to.deep.equal(['https://cw.example.test/api/auth/providers', 'https://cw.example.test/api/config']);
      const statuses = tb.fetches.calls.filter((c) => c.url.endsWith('/status'));
      expect(statuses.every((c) => c.url.startsWith('https://cw.example.test/')), 'cards use the new client').to.equal(true);
      expect(events.events, 'only the second load finished').to.deep.equal(['cw-providers-loaded']);
    });

    it('sends the headers and credentials it is given', async () => {
      tb = startBackend();
      const headers = { Authorization: 'Bearer cwt_test' };
      await load(html`<cw-auth-providers credentials="include" .headers=${headers}></cw-auth-providers>`);
      const first = tb.fetches.calls[0]!;
      expect(first.headers.get('authorization')).to.equal('Bearer cwt_test');
      expect(first.credentials).to.equal('include');
    });

    it('uses a given client', async () => {
      tb = startBackend();
      const client = createApiClient({ baseUrl: 'https://given.example.test' });
      const { el } = await load(html`<cw-auth-providers base-url="https://ignored.example.test" .client=${client}></cw-auth-providers>`);
      expect(el.apiClient).to.equal(client);
      expect(tb.fetches.calls[0]!.url.startsWith('https://given.example.test/')).to.equal(true);
    });

    it('reload() loads providers and config again', async () => {
      tb = startBackend();
      const { el } = await load(html`<cw-auth-providers></cw-auth-providers>`);
      await until(() => expect(tb.fetches.inFlight).to.equal(0));
      const before = tb.fetches.calls.length;
      await el.reload();
      expect(paths(tb).slice(before).sort()).to.deep.equal(['GET /api/auth/providers', 'GET /api/config']);
      expect(cards(el)).to.have.length(7);
    });

    it('reload() keeps what the user is typing in a card', async () => {
      tb = startBackend();
      const { el } = await load(html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
      const card = cards(el)[0]!;
      await until(() => expect(card.shadowRoot!.querySelector('cw-provider-field')).to.exist);
      const field = card.shadowRoot!.querySelector('cw-provider-field')!;
      const input = field.shadowRoot!.querySelector('input')!;
      input.value = 'typed-id';
      input.dispatchEvent(new Event('input'));
      await card.updateComplete;
      await el.reload();
      await card.updateComplete;
      expect(cards(el)[0]).to.equal(card);
      expect(card.shadowRoot!.querySelector('cw-provider-field')!.shadowRoot!.querySelector('input')!.value).to.equal('typed-id');
      expect(card.dirty).to.equal(true);
    });

    it('speaks German with locale="de", including group headings and states', async () => {
      tb = startBackend();
      const { el } = await load(html`<cw-auth-providers locale="de"></cw-auth-providers>`);
      expect(headings(el)).to.deep.equal(['Medienserver', 'Tracker', 'Sonstige']);
      expect(root(el).querySelector('.root')!.getAttribute('lang')).to.equal('de');
      tb.use(providersAnswer([]));
      await el.reload();
      expect(root(el).querySelector('[part="state"]')!.textContent!.trim()).to.equal('Es sind keine Anbieter verfügbar.');
    });

    it('follows the lang attribute when no locale is set', async () => {
      tb = startBackend();
      tb.use(providersAnswer([]));
      const { el } = await load(html`<cw-auth-providers lang="de-AT"></cw-auth-providers>`);
      expect(root(el).querySelector('[part="state"]')!.textContent!.trim()).to.equal('Es sind keine Anbieter verfügbar.');
      el.lang = 'en';
      await el.updateComplete;
      expect(root(el).querySelector('[part="state"]')!.textContent!.trim()).to.equal('No providers are available.');
    });

    it('takes string overrides', async () => {
      tb = startBackend();
      tb.use(providersAnswer([]));
      const { el } = await load(html`<cw-auth-providers .strings=${{ 'list.empty': 'Nothing to link yet.' }}></cw-auth-providers>`);
      expect(root(el).querySelector('[part="state"]')!.textContent!.trim()).to.equal('Nothing to link yet.');
    });

    it('passes its theme to the cards', async () => {
      tb = startBackend();
      const { el } = await load(html`<cw-auth-providers theme="dark"></cw-auth-providers>`);
      const card = cards(el)[0]!;
      expect(card.getAttribute('theme')).to.equal('dark');
      await card.updateComplete;
      expect(getComputedStyle(card.shadowRoot!.querySelector('[part="card"]')!).backgroundColor).to.equal('rgb(22, 24, 29)');
      await until(() => expect(tb.fetches.inFlight).to.equal(0));
      // Dark defaults meet contrast too.
      await expect(el).to.be.accessible();
      el.theme = 'light';
      await el.updateComplete;
      expect(card.getAttribute('theme')).to.equal('light');
    });

    it('re-exports card parts for host styling', async () => {
      tb = startBackend();
      const { el } = await load(html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
      const style = document.createElement('style');
      style.textContent = 'cw-auth-providers::part(header) { outline-color: rgb(4, 5, 6); }';
      document.head.append(style);
      try {
        const header = cards(el)[0]!.shadowRoot!.querySelector('[part="header"]')!;
        expect(getComputedStyle(header).outlineColor).to.equal('rgb(4, 5, 6)');
      } finally {
        style.remove();
      }
    });
  });

  describe('CrossWatch', () => {
    it('renders all 18 recorded manifests with the recorded masked config', async () => {
      tb = startBackend();
      tb.use(
        providersAnswer(crosswatchManifests),
        http.get('*/api/config', () => HttpResponse.json(crosswatchConfig)),
        // Status routes of the real server are not the point here.
        http.get('*/api/:provider/status', () => HttpResponse.json({ connected: false })),
        http.get('*/api/tmdb_sync/verify', () => HttpResponse.json({ ok: true, connected: false })),
      );
      const { el, loaded } = await load(html`<cw-auth-providers></cw-auth-providers>`);
      expect(loaded()!.invalid).to.equal(0);
      expect(cards(el)).to.have.length(18);
      expect([...headings(el)].sort()).to.deep.equal(['Media clients', 'Media servers', 'Others', 'Trackers']);
      const byName = (name: string) => cards(el).find((c) => c.provider?.manifest.name === name)!;
      await until(() => expect(tb.fetches.inFlight).to.equal(0));

      const trakt = byName('TRAKT');
      await trakt.updateComplete;
      expect(trakt.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('Keys saved');
      expect(deepText(trakt)).to.contain('Saved (hidden)');
      expect(deepText(trakt)).not.to.contain('\u2022');

      const tautulli = byName('TAUTULLI');
      await tautulli.updateComplete;
      const keys = [...tautulli.shadowRoot!.querySelectorAll('cw-provider-field')].map((f) => (f as unknown as { state: { field: { key: string; type: string } } }).state.field);
      expect(keys.map((k) => k.key)).to.include('tautulli.history.user_id');
      expect(deepQueryAll(tautulli, 'input[type="checkbox"]')).to.have.length(1);

      const local = byName('CROSSWATCH');
      expect(local.provider!.flow).to.equal('local');
      expect(local.shadowRoot!.querySelector('cw-provider-field')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });
});
