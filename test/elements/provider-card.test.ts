import { expect, fixture, fixtureCleanup, html, inView } from '../helpers.js';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/elements/provider-card/provider-card.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { createApiClient } from '../../src/api-client/client.js';
import { getPath } from '../../src/api-client/config-paths.js';
import { ApiError } from '../../src/api-client/errors.js';
import type { AuthApi } from '../../src/api-client/api.js';
import type { ProviderManifest } from '../../src/api-client/types.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { recordEvents, removeMidRequest } from '../support/leaks.js';
import { settle, setupHarness, type Harness } from '../providers/flow-harness.js';
import {
  deepQueryAll,
  deepText,
  fieldOf,
  inputOf,
  manifestOf,
  paths,
  startBackend,
  typeInto,
  until,
  XSS,
  type TestBackend,
} from './card-support.js';

const shadow = (card: CwProviderCard) => card.shadowRoot!;
const badge = (card: CwProviderCard) => shadow(card).querySelector('[part="status"]')!.textContent!.replace(/\s+/g, ' ').trim();
const hint = (card: CwProviderCard) => shadow(card).querySelector('[part="hint"]');
const saveButton = (card: CwProviderCard) => shadow(card).querySelector<HTMLButtonElement>('[part~="save"]')!;
const saveRequests = (tb: TestBackend) => tb.fetches.calls.filter((c) => c.method === 'POST' && /\/api\/config(\/unset)?$/.test(c.url));

/** A standalone card for `name`, with its config and status loaded. */
async function cardFor(tb: TestBackend, name: string, attrs: { locale?: string; autosave?: boolean; theme?: string } = {}) {
  const manifest = await manifestOf(name, tb);
  const card = await fixture<CwProviderCard>(
    html`<cw-provider-card
      .manifest=${manifest}
      .client=${createApiClient()}
      locale=${attrs.locale ?? 'en'}
      ?autosave=${attrs.autosave ?? false}
      theme=${attrs.theme ?? 'light'}
    ></cw-provider-card>`,
  );
  await until(() => expect(shadow(card).querySelector('.loading')).to.equal(null));
  // The status request starts in the render that ends loading: wait for its answer too.
  const connection = (card as unknown as { connection: { status: { kind: string } } }).connection;
  await until(() => expect(connection.status.kind).to.be.oneOf(['connected', 'disconnected', 'error']));
  await until(() => expect(tb.fetches.inFlight).to.equal(0));
  await card.updateComplete;
  return card;
}

describe('cw-provider-card', () => {
  failOnLitWarnings();
  let tb: TestBackend;
  afterEach(() => {
    // Remove the elements before the mock goes, so nothing they still do reaches the real network.
    fixtureCleanup();
    tb?.restore();
  });

  describe('status, notes and hint', () => {
    it('standalone: loads config and status (two requests), shows label, notes, brand and "Not configured"', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'TRAKT');
      expect(paths(tb)).to.deep.equal(['GET /api/config', 'GET /api/trakt/status']);
      expect(shadow(card).querySelector('[part="title"]')!.textContent!.trim()).to.equal('Trakt');
      expect(shadow(card).querySelector('[part="title"]')!.getAttribute('role')).to.equal('heading');
      expect(shadow(card).querySelector('[part="notes"]')!.textContent).to.equal(
        'Open Trakt, enter the code, then return here. Client ID/Secret are required.',
      );
      const box = shadow(card).querySelector<HTMLElement>('[part="card"]')!;
      expect(box.style.getPropertyValue('--_brand-color')).to.equal('#ed1c24');
      expect(badge(card)).to.equal('Status: Not configured');
      expect(shadow(card).querySelector('cw-device-flow'), 'hosts the device flow').to.exist;
      expect((shadow(card).querySelector('cw-device-flow') as unknown as { provider: { id: string } }).provider.id).to.equal('trakt');
      await expect(card).to.be.accessible();
    });

    it('shows the hint with help link and redirect URL to copy while required keys are missing, live as the user types', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'TRAKT');
      const box = hint(card)!;
      expect(box.textContent).to.contain('To connect Trakt, fill in: Client ID, Client Secret.');
      const link = box.querySelector<HTMLAnchorElement>('a[part="link"]')!;
      expect(link.href).to.equal('https://trakt.tv/oauth/applications');
      expect(link.rel).to.contain('noopener');
      expect(box.querySelector('[part="code"]')!.textContent).to.equal('urn:ietf:wg:oauth:2.0:oob');
      const copy = box.querySelector('cw-copy-button')!;
      expect(copy.getAttribute('label')).to.equal('Copy redirect URL');
      expect((copy as unknown as { value: string }).value).to.equal('urn:ietf:wg:oauth:2.0:oob');

      await typeInto(card, 'trakt.client_id', 'abc');
      expect(hint(card)!.textContent).to.contain('fill in: Client Secret.');
      expect(hint(card)!.textContent).not.to.contain('Client ID,');
      await typeInto(card, 'trakt.client_secret', 'shh');
      expect(hint(card), 'all keys typed: hint gone').to.equal(null);
      expect(shadow(card).querySelector('[part~="unsaved"]')!.textContent).to.equal('Unsaved changes');
      await expect(card).to.be.accessible();
    });

    it('"Keys saved" when the required keys are stored; the secret shows as saved, never as a value', async () => {
      tb = startBackend({ config: { trakt: { client_id: 'abc123', client_secret: 'topsecret' } } });
      const card = await cardFor(tb, 'TRAKT');
      expect(badge(card)).to.equal('Status: Keys saved');
      expect(hint(card)).to.equal(null);
      expect(inputOf(card, 'trakt.client_id').value).to.equal('abc123');
      const secret = fieldOf(card, 'trakt.client_secret');
      expect(secret.shadowRoot!.querySelector('input')).to.equal(null);
      expect(deepText(card)).to.contain('Saved (hidden)');
      expect(deepText(card)).not.to.contain('\u2022');
      expect(deepText(card)).not.to.contain('topsecret');
      await expect(card).to.be.accessible();
    });

    it('"Connected as <account>" with the time left; a fresh day-long token is no warning yet', async () => {
      tb = startBackend();
      tb.backend.connect('trakt', 'alice');
      const card = await cardFor(tb, 'TRAKT');
      expect(badge(card)).to.match(/^Status: Connected as alice · Expires in (23|24) hours$/);
      expect(shadow(card).querySelector('[part="status"]')!.getAttribute('data-kind')).to.equal('connected');
      expect(shadow(card).querySelector('cw-connection-actions'), 'actions once connected').to.exist;
      expect(shadow(card).querySelector('cw-device-flow')).to.equal(null);
      await expect(card).to.be.accessible();
    });

    it('"Expired" when the token has run out', async () => {
      tb = startBackend();
      tb.backend.connect('trakt', 'alice');
      tb.backend.advanceClock(25 * 3600 * 1000);
      const card = await cardFor(tb, 'TRAKT');
      expect(badge(card)).to.equal('Status: Expired');
      expect(shadow(card).querySelector('[part="status"]')!.getAttribute('data-kind')).to.equal('expired');
    });

    it('"Error" when the status cannot be read, with the reason and a Retry that works', async () => {
      tb = startBackend();
      tb.backend.faults.add({ fault: 'http_500', provider: 'trakt', route: 'status', times: 1 });
      const card = await cardFor(tb, 'TRAKT');
      expect(paths(tb)).to.deep.equal(['GET /api/config', 'GET /api/trakt/status']);
      expect(badge(card)).to.equal('Status: Error');
      const alert = shadow(card).querySelector('.problem[role="alert"]')!;
      expect(alert.textContent).to.contain('The connection could not be checked.');
      expect(alert.textContent).to.contain('check its log');
      await expect(card).to.be.accessible();
      alert.querySelector('button')!.click();
      await until(() => expect(badge(card)).to.equal('Status: Not configured'));
    });

    it('providers without fields show no Save and no hint', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'PLEX');
      expect(shadow(card).querySelector('cw-provider-field')).to.equal(null);
      expect(saveButton(card)).to.equal(null);
      expect(hint(card)).to.equal(null);
      expect(badge(card)).to.equal('Status: Not configured');
    });
  });

  describe('expiry (fake clock)', () => {
    const MINUTE = 60_000;
    const HOUR = 60 * MINUTE;
    let h: Harness;
    const kind = (card: CwProviderCard) => shadow(card).querySelector('[part="status"]')!.getAttribute('data-kind');
    /** A part inside the card's flow or actions (one shadow root down). */
    const flowPart = (card: CwProviderCard, part: string) =>
      shadow(card).querySelector('cw-connection-actions')?.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`) ?? null;
    const settleCard = async (card: CwProviderCard) => {
      // The card asks its status once it is in view: the observer reports after a rendered frame.
      await inView();
      for (let i = 0; i < 4; i++) {
        await settle(h.clock);
        await card.updateComplete;
      }
    };
    /** A standalone card on the harness (fake setTimeout and Date; the mock follows the fake Date). */
    async function clockCard(name: string) {
      const manifest = (await h.manifests()).find((m) => m.name === name)!;
      h.requests.length = 0;
      const card = await fixture<CwProviderCard>(
        html`<cw-provider-card .manifest=${manifest} .client=${h.api} locale="en" theme="light"></cw-provider-card>`,
      );
      await settleCard(card);
      expect(h.requests.map((r) => r.path), 'loaded: config and status').to.deep.equal(['/api/config', `/api/${manifest.id}/status`]);
      h.requests.length = 0; // only count what the test does
      return card;
    }

    beforeEach(async () => {
      tb = { restore: () => undefined } as unknown as TestBackend;
      h = await setupHarness();
    });
    afterEach(() => {
      fixtureCleanup();
      h.teardown();
    });

    it('"Expires in …" ticks once a minute on its own, turns to "Expired" on time, and is no live region', async () => {
      h.backend.connect('trakt', 'alice');
      const card = await clockCard('TRAKT');
      expect(badge(card)).to.equal('Status: Connected as alice · Expires in 24 hours');
      expect(h.clock.countTimers(), 'one timer: the next tick').to.equal(1);

      await h.clock.tickAsync(3 * HOUR);
      expect(badge(card), 'no re-render from outside was needed').to.equal('Status: Connected as alice · Expires in 21 hours');
      await h.clock.tickAsync(20 * HOUR + 30 * MINUTE);
      expect(badge(card)).to.equal('Status: Connected as alice · Expires in 30 minutes');
      await h.clock.tickAsync(MINUTE);
      expect(badge(card)).to.equal('Status: Connected as alice · Expires in 29 minutes');

      // The badge is read once, not on every tick: neither it nor anything around it is a live region.
      const status = shadow(card).querySelector('[part="status"]')!;
      for (let el: Element | null = status; el; el = el.parentElement) {
        expect(el.getAttribute('aria-live') ?? 'off', el.localName).to.equal('off');
        expect(el.getAttribute('role') ?? '', el.localName).not.to.be.oneOf(['status', 'alert', 'log', 'timer', 'marquee']);
      }
      expect(status.querySelector('[aria-live], [role="status"], [role="alert"], [role="timer"]')).to.equal(null);
      await h.clock.runReal(() => expect(card).to.be.accessible());

      // The last two minutes: still once a minute (no countdown in seconds), then "Expired" on the dot.
      await h.clock.tickAsync(27 * MINUTE);
      expect(badge(card)).to.equal('Status: Connected as alice · Expires in 2 minutes');
      let renders = 0;
      const render = Object.getPrototypeOf(card).render as () => unknown;
      card.render = function (this: CwProviderCard) {
        renders++;
        return render.call(this);
      } as typeof card.render;
      await h.clock.tickAsync(MINUTE);
      expect(badge(card)).to.equal('Status: Connected as alice · Expires in 1 minute');
      await h.clock.tickAsync(MINUTE);
      expect(badge(card)).to.equal('Status: Expired');
      expect(kind(card)).to.equal('expired');
      expect(renders, 'two renders in the last two minutes').to.equal(2);
      expect(h.clock.countTimers(), 'nothing ticks once "Expired" shows').to.equal(0);
    });

    it('the tick runs only while an expiry is shown, and stops when the card is removed', async () => {
      const plain = await clockCard('TRAKT');
      expect(badge(plain)).to.equal('Status: Not configured');
      expect(h.clock.countTimers(), 'no expiry shown: no timer').to.equal(0);
      plain.remove();

      h.backend.connect('trakt', 'alice');
      const card = await clockCard('TRAKT');
      expect(h.clock.countTimers()).to.equal(1);
      card.remove();
      expect(h.clock.countTimers(), 'removed: the tick is cleared').to.equal(0);
      await h.clock.tickAsync(5 * MINUTE);
      expect(h.requests).to.deep.equal([]);
    });

    it('warns in the last hour when the lifetime is unknown, in the last tenth once the card saw the token issued', async () => {
      h.backend.connect('mdblist', 'ann'); // MDBList tokens live an hour
      const card = await clockCard('MDBLIST');
      expect(badge(card)).to.equal('Status: Connected as ann · Expires in 1 hour');
      expect(kind(card), 'found at load: lifetime unknown, the last hour warns').to.equal('expiring');

      // Refreshing renews the token in front of the card: now it knows the token lives an hour.
      await h.clock.tickAsync(40 * MINUTE);
      flowPart(card, 'refresh-button')!.click();
      await settleCard(card);
      expect(h.requests.map((r) => r.path)).to.include('/api/mdblist/refresh');
      expect(badge(card)).to.equal('Status: Connected as ann · Expires in 1 hour');
      expect(kind(card), 'a fresh token is no warning').to.equal('connected');
      await h.clock.tickAsync(50 * MINUTE);
      expect(badge(card)).to.match(/Expires in 10 minutes$/);
      expect(kind(card), '10 of 60 minutes left: not yet').to.equal('connected');
      await h.clock.tickAsync(5 * MINUTE);
      expect(kind(card), '5 of 60 minutes left: warns').to.equal('expiring');
    });

    it('a token connected in front of the card: its expiry is read at once and its lifetime known', async () => {
      const card = await clockCard('MDBLIST');
      expect(badge(card)).to.equal('Status: Not configured');
      h.backend.connect('mdblist', 'ann');
      shadow(card)
        .querySelector('cw-device-flow')!
        .dispatchEvent(new CustomEvent('cw-connected', { detail: { provider: 'MDBLIST', account: 'ann' }, bubbles: true, composed: true }));
      // The card reads its status at most once a second: the mount's read was just now.
      await h.clock.tickAsync(1000);
      await settleCard(card);
      expect(h.requests.map((r) => `${r.method} ${r.path}`)).to.include('GET /api/mdblist/status');
      expect(badge(card)).to.equal('Status: Connected as ann · Expires in 1 hour');
      expect(kind(card)).to.equal('connected');
    });

    it('Refresh in the connection actions updates the badge\'s expiry', async () => {
      h.backend.connect('trakt', 'alice');
      const card = await clockCard('TRAKT');
      await h.clock.tickAsync(23 * HOUR + 30 * MINUTE);
      expect(badge(card)).to.equal('Status: Connected as alice · Expires in 30 minutes');
      expect(kind(card)).to.equal('expiring');
      const events = recordEvents(document, ['cw-connection-refreshed']);
      flowPart(card, 'refresh-button')!.click();
      await settleCard(card);
      events.stop();
      expect(h.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /api/trakt/refresh', 'GET /api/trakt/status']);
      expect(badge(card)).to.equal('Status: Connected as alice · Expires in 24 hours');
      expect(kind(card)).to.equal('connected');
      expect(events.events, 'the notice stays inside the card').to.deep.equal([]);
    });
  });

  describe('saving', () => {
    it('sends only the changed key, never a masked secret, and confirms', async () => {
      tb = startBackend({ config: { trakt: { client_id: 'abc', client_secret: 'topsecret' } } });
      const card = await cardFor(tb, 'TRAKT');
      const saved = recordEvents(card, ['cw-config-saved']);
      let detail: unknown;
      card.addEventListener('cw-config-saved', (e) => (detail = e.detail));
      await typeInto(card, 'trakt.client_id', 'xyz');
      saveButton(card).click();
      await until(() => expect(saved.events).to.have.length(1));
      await card.updateComplete;
      const posts = saveRequests(tb);
      expect(posts.map((p) => JSON.parse(p.body!))).to.deep.equal([{ trakt: { client_id: 'xyz' } }]);
      expect(tb.fetches.calls.every((c) => !c.body?.includes('\u2022')), 'no mask in any body').to.equal(true);
      expect(detail).to.deep.equal({ provider: 'TRAKT', keys: ['trakt.client_id'] });
      expect(tb.backend.rawConfig().trakt).to.include({ client_id: 'xyz', client_secret: 'topsecret' });
      expect(shadow(card).querySelector('[part="message"][role="status"]')!.textContent).to.equal('Settings saved.');
      expect(shadow(card).querySelector('[part~="unsaved"]')).to.equal(null);
      await expect(card).to.be.accessible();
    });

    it('Replace sends the new secret; afterwards it shows as saved again', async () => {
      tb = startBackend({ config: { trakt: { client_id: 'abc', client_secret: 'old' } } });
      const card = await cardFor(tb, 'TRAKT');
      const secret = fieldOf(card, 'trakt.client_secret');
      secret.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="replace"]')!.click();
      await card.updateComplete;
      await secret.updateComplete;
      await sendKeys({ type: 'new-secret' });
      await card.updateComplete;
      expect(card.dirty).to.equal(true);
      saveButton(card).click();
      await until(() => expect(saveRequests(tb)).to.have.length(1));
      expect(JSON.parse(saveRequests(tb)[0]!.body!)).to.deep.equal({ trakt: { client_secret: 'new-secret' } });
      await until(() => expect(secret.shadowRoot!.querySelector('[data-action="replace"]')).to.exist);
      expect(tb.backend.rawConfig().trakt).to.include({ client_secret: 'new-secret' });
    });

    it('a failed re-read after the save keeps a typed secret masked even when its key does not look secret', async () => {
      tb = startBackend();
      let reads = 0;
      tb.use(http.get('*/api/config', () => (++reads > 1 ? HttpResponse.error() : HttpResponse.json({}))));
      const base = await manifestOf('TRAKT', tb);
      const manifest: ProviderManifest = {
        ...base,
        fields: [...base.fields, { key: 'trakt.passphrase', label: 'Passphrase', type: 'password', required: false }],
      };
      const card = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${manifest} .client=${createApiClient()} locale="en"></cw-provider-card>`);
      await until(() => expect(shadow(card).querySelector('.loading')).to.equal(null));
      await until(() => expect(tb.fetches.inFlight).to.equal(0));
      await card.updateComplete;
      await typeInto(card, 'trakt.passphrase', 'hunter2');
      saveButton(card).click();
      await until(() => expect(reads).to.equal(2));
      await until(() => expect(card.dirty).to.equal(false));
      const store = (card as unknown as { store: { config: unknown } }).store;
      expect(getPath(store.config as Record<string, unknown>, 'trakt.passphrase'), 'masked in the shared config').to.equal('••••••••');
      const passphrase = fieldOf(card, 'trakt.passphrase');
      await passphrase.updateComplete;
      expect(passphrase.state!.saved, 'shows as saved').to.equal(true);
      const inputs = deepQueryAll(card, 'input') as HTMLInputElement[];
      expect(inputs.map((i) => i.value)).not.to.include('hunter2');
    });

    it('Clear sends an explicit unset', async () => {
      tb = startBackend({ config: { trakt: { client_id: 'abc', client_secret: 'old' } } });
      const card = await cardFor(tb, 'TRAKT');
      const secret = fieldOf(card, 'trakt.client_secret');
      secret.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="clear"]')!.click();
      await card.updateComplete;
      expect(shadow(card).querySelector('[part~="unsaved"]')).to.exist;
      saveButton(card).click();
      await until(() => expect(saveRequests(tb)).to.have.length(1));
      const [unset] = saveRequests(tb);
      expect(unset!.url).to.match(/\/api\/config\/unset$/);
      expect(JSON.parse(unset!.body!)).to.deep.equal({ paths: ['trakt.client_secret'] });
      await until(() => expect(getPath(tb.backend.rawConfig(), 'trakt.client_secret')).to.equal(undefined));
      await until(() => expect(badge(card)).to.equal('Status: Not configured'));
      expect(hint(card)!.textContent).to.contain('fill in: Client Secret.');
    });

    it('a failed save keeps every typed value, says why, and fires cw-save-error', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'TRAKT');
      tb.backend.faults.add({ fault: 'http_500', route: 'config', times: 1 });
      let detail: { code?: string; message?: string; provider?: string } = {};
      card.addEventListener('cw-save-error', (e) => (detail = e.detail));
      await typeInto(card, 'trakt.client_id', 'my-id');
      await typeInto(card, 'trakt.client_secret', 'my-secret');
      saveButton(card).click();
      await until(() => expect(detail.code).to.equal('internal'));
      await card.updateComplete;
      expect(detail.provider).to.equal('TRAKT');
      expect(detail.message).not.to.contain('my-secret');
      const alert = shadow(card).querySelector('[part="message"][role="alert"]')!;
      expect(alert.textContent).to.contain('The settings were not saved.');
      expect(inputOf(card, 'trakt.client_id').value).to.equal('my-id');
      expect(inputOf(card, 'trakt.client_secret').value).to.equal('my-secret');
      expect(shadow(card).querySelector('[part~="unsaved"]')).to.exist;
      await expect(card).to.be.accessible();
      // The way forward: save again.
      saveButton(card).click();
      await until(() => expect(tb.backend.rawConfig().trakt).to.include({ client_id: 'my-id', client_secret: 'my-secret' }));
    });

    it('a save answered with a redirect to another origin sends nothing there, says so, and keeps what was typed', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'TRAKT');
      const elsewhere: string[] = [];
      tb.use(
        http.post('*/api/config', () => new HttpResponse(null, { status: 307, headers: { location: 'https://evil.example/collect' } })),
        http.all('https://evil.example/*', async ({ request }) => {
          elsewhere.push(await request.text());
          return HttpResponse.json({ ok: true });
        }),
      );
      const events = recordEvents(card, ['cw-config-saved', 'cw-save-error']);
      await typeInto(card, 'trakt.client_secret', 'typed-secret');
      saveButton(card).click();
      await until(() => expect(events.events).to.deep.equal(['cw-save-error']));
      await card.updateComplete;
      expect(elsewhere, 'nothing reached the other origin').to.deep.equal([]);
      const alert = shadow(card).querySelector('[part="message"][role="alert"]')!;
      expect(alert.textContent).to.contain('The settings were not saved.');
      expect(alert.textContent).to.contain('redirect to another address; nothing was sent there. Check base-url');
      expect(deepText(card)).not.to.contain('Settings saved');
      expect(inputOf(card, 'trakt.client_secret').value).to.equal('typed-secret');
      expect(shadow(card).querySelector('[part~="unsaved"]')).to.exist;
      await expect(card).to.be.accessible();
    });

    it('a server error naming a field shows beside it, as text, and focuses it', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'TRAKT');
      tb.use(
        http.post('*/api/config', () =>
          HttpResponse.json(
            { ok: false, error: { code: 'invalid_value', message: `Client ID looks wrong ${XSS}`, field: 'trakt.client_id' } },
            { status: 400 },
          ),
        ),
      );
      await typeInto(card, 'trakt.client_id', 'bad');
      saveButton(card).click();
      const field = fieldOf(card, 'trakt.client_id');
      await until(() => expect(field.shadowRoot!.querySelector('#error')!.textContent).to.contain('Client ID looks wrong'));
      await until(() => expect(shadow(card).activeElement).to.equal(field));
      expect(field.shadowRoot!.activeElement).to.equal(inputOf(card, 'trakt.client_id'));
      expect(inputOf(card, 'trakt.client_id').getAttribute('aria-invalid')).to.equal('true');
      expect(deepQueryAll(card, 'img, script')).to.have.length(0);
      expect((window as { __cwPwned?: number }).__cwPwned).to.equal(undefined);
      await expect(card).to.be.accessible();
    });

    it('server error text with markup renders as text (client that passes it through)', async () => {
      tb = startBackend({ config: { trakt: { client_id: 'a' } } });
      const manifest = await manifestOf('TRAKT', tb);
      const real = createApiClient();
      const client = {
        ...real,
        getConfig: real.getConfig,
        status: real.status,
        saveConfig: () => Promise.reject(new ApiError({ code: 'odd_failure', message: `Refused ${XSS}`, status: 400 })),
      } as AuthApi;
      const card = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${manifest} .client=${client}></cw-provider-card>`);
      await until(() => expect(shadow(card).querySelector('cw-provider-field')).to.exist);
      let detail: { message?: string } = {};
      card.addEventListener('cw-save-error', (e) => (detail = e.detail));
      await typeInto(card, 'trakt.client_id', 'b');
      saveButton(card).click();
      await until(() => expect(detail.message).to.contain('<img'));
      await card.updateComplete;
      const alert = shadow(card).querySelector('[part="message"][role="alert"]')!;
      expect(alert.textContent).to.contain(`Refused ${XSS}`);
      expect(deepQueryAll(card, 'img, script')).to.have.length(0);
      expect((window as { __cwPwned?: number }).__cwPwned).to.equal(undefined);
    });

    it('invalid input is not sent: focus moves to the first invalid field', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'JELLYFIN');
      await typeInto(card, 'jellyfin.username', 'bob');
      await typeInto(card, 'jellyfin.server', 'jellyfin.local');
      inputOf(card, 'jellyfin.username').focus();
      saveButton(card).click();
      await card.updateComplete;
      await until(() => expect(shadow(card).activeElement).to.equal(fieldOf(card, 'jellyfin.server')));
      expect(saveRequests(tb)).to.have.length(0);
      expect(inputOf(card, 'jellyfin.server').getAttribute('aria-invalid')).to.equal('true');
      expect(shadow(card).querySelector('[part="message"][role="alert"]')!.textContent!.trim()).to.equal(
        'Some fields need attention before saving.',
      );
      await expect(card).to.be.accessible();
    });

    it('is busy during a save and a second click does nothing', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'TRAKT');
      await typeInto(card, 'trakt.client_id', 'abc');
      tb.backend.setLatency(150);
      const button = saveButton(card);
      button.click();
      button.click();
      await card.updateComplete;
      expect(button.getAttribute('aria-busy')).to.equal('true');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(button.textContent!.trim()).to.equal('Saving…');
      button.click();
      await until(() => expect(button.getAttribute('aria-busy')).to.equal('false'));
      expect(saveRequests(tb)).to.have.length(1);
    });

    it('autosave saves on blur instead of a Save button', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'TRAKT', { autosave: true });
      expect(saveButton(card)).to.equal(null);
      await typeInto(card, 'trakt.client_id', 'auto-id');
      expect(saveRequests(tb)).to.have.length(0);
      await sendKeys({ press: 'Tab' });
      await until(() => expect(saveRequests(tb)).to.have.length(1));
      expect(JSON.parse(saveRequests(tb)[0]!.body!)).to.deep.equal({ trakt: { client_id: 'auto-id' } });
    });

    it('bool, select and number fields save typed values', async () => {
      tb = startBackend({ config: { tautulli: { server_url: 'http://t.local', api_key: 'k' } } });
      const card = await cardFor(tb, 'TAUTULLI');
      fieldOf(card, 'tautulli.verify_ssl').shadowRoot!.querySelector<HTMLInputElement>('input')!.click();
      const select = fieldOf(card, 'tautulli.history.media_type').shadowRoot!.querySelector('select')!;
      select.value = 'movie';
      select.dispatchEvent(new Event('change'));
      await typeInto(card, 'tautulli.history.days', '90');
      saveButton(card).click();
      await until(() => expect(saveRequests(tb)).to.have.length(1));
      expect(JSON.parse(saveRequests(tb)[0]!.body!)).to.deep.equal({
        tautulli: { verify_ssl: false, history: { media_type: 'movie', days: 90 } },
      });
    });
  });

  describe('flows', () => {
    it('credentials flow gets the form values, secrets only when typed', async () => {
      tb = startBackend({ config: { jellyfin: { server: 'http://jf.local', username: 'bob', password: 'pw' } } });
      const card = await cardFor(tb, 'JELLYFIN');
      const flow = shadow(card).querySelector('cw-credentials-flow') as unknown as { values: Record<string, unknown> };
      expect(flow).to.exist;
      expect(flow.values).to.deep.equal({ 'jellyfin.server': 'http://jf.local', 'jellyfin.username': 'bob', 'jellyfin.server_version': '' });
      const password = fieldOf(card, 'jellyfin.password');
      password.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="replace"]')!.click();
      await card.updateComplete;
      await password.updateComplete;
      await sendKeys({ type: 'typed' });
      await card.updateComplete;
      expect(flow.values['jellyfin.password']).to.equal('typed');
    });

    it('an unknown flow shows the fields only', async () => {
      tb = startBackend();
      const raw = { name: 'ODD', label: 'Odd', flow: 'carrier_pigeon', fields: [{ key: 'odd.key', label: 'Key', type: 'text', required: false }], actions: {} };
      const card = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${raw} .client=${createApiClient()}></cw-provider-card>`);
      await until(() => expect(shadow(card).querySelector('cw-provider-field')).to.exist);
      expect(card.provider!.flow).to.equal(null);
      for (const tag of ['cw-device-flow', 'cw-oauth-flow', 'cw-credentials-flow', 'cw-connection-actions']) {
        expect(shadow(card).querySelector(tag), tag).to.equal(null);
      }
    });

    it('follows cw-connected from its flow: badge and fields update', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'TRAKT');
      tb.backend.connect('trakt', 'bob');
      shadow(card)
        .querySelector('cw-device-flow')!
        .dispatchEvent(new CustomEvent('cw-connected', { detail: { provider: 'TRAKT', account: 'bob' }, bubbles: true, composed: true }));
      await until(() => expect(badge(card)).to.contain('Connected as bob'));
      await until(() => expect(hint(card)).to.equal(null));
    });
  });

  describe('safety and robustness', () => {
    it('renders label, notes and field labels with markup as text', async () => {
      tb = startBackend();
      const raw = {
        name: 'EVIL',
        label: `Evil ${XSS}`,
        flow: 'credentials',
        notes: `Notes ${XSS}`,
        fields: [{ key: 'evil.key', label: `Key ${XSS}`, type: 'text', required: true, placeholder: XSS, help: XSS }],
        actions: { start: true, finish: false, refresh: false, disconnect: true },
        help_url: 'javascript:alert(1)',
      };
      const card = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${raw} .client=${createApiClient()}></cw-provider-card>`);
      await until(() => expect(shadow(card).querySelector('cw-provider-field')).to.exist);
      await card.updateComplete;
      expect(deepQueryAll(card, 'img, script')).to.have.length(0);
      expect(shadow(card).querySelector('[part="title"]')!.textContent).to.contain('Evil <img src=x');
      expect(shadow(card).querySelector('[part="notes"]')!.textContent).to.contain('<script>');
      expect(deepQueryAll(card, 'a').map((a) => a.getAttribute('href'))).not.to.include('javascript:alert(1)');
      expect((window as { __cwPwned?: number }).__cwPwned).to.equal(undefined);
    });

    it('a manifest with missing or wrong-typed members shows a clear message', async () => {
      tb = startBackend();
      const card = await fixture<CwProviderCard>(
        html`<cw-provider-card .manifest=${{ label: 42, fields: 'nope' }} .client=${createApiClient()}></cw-provider-card>`,
      );
      expect(shadow(card).querySelector('[part="title"]')!.textContent!.trim()).to.equal('A provider cannot be shown');
      expect(deepText(card)).to.contain('The server sent an invalid provider description:');
      await expect(card).to.be.accessible();
    });

    it('removed mid-request: no pending work, no later requests or events', async () => {
      tb = startBackend();
      const manifest: ProviderManifest = await manifestOf('TRAKT', tb);
      tb.backend.setLatency(500);
      const { inFlightBefore, report, events } = await removeMidRequest(
        tb.fetches,
        () => fixture<CwProviderCard>(html`<cw-provider-card .manifest=${manifest} .client=${createApiClient()}></cw-provider-card>`),
        ['cw-config-saved', 'cw-save-error', 'cw-connected', 'cw-flow-error'],
      );
      expect(inFlightBefore).to.equal(1);
      expect(report).to.deep.equal({ inFlight: 0, timers: 0, requestsAfterRemoval: [] });
      expect(events).to.deep.equal([]);
    });

    it('re-attached after a removal mid-load: loads config and status again', async () => {
      tb = startBackend({ config: { trakt: { client_id: 'abc', client_secret: 'x' } } });
      const manifest = await manifestOf('TRAKT', tb);
      tb.backend.setLatency(100);
      const card = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${manifest} .client=${createApiClient()}></cw-provider-card>`);
      const parent = card.parentElement!;
      card.remove();
      parent.append(card);
      await until(() => expect(badge(card)).to.equal('Status: Keys saved'));
      await until(() => expect(paths(tb).filter((p) => p === 'GET /api/trakt/status')).to.have.length(1));
    });

    it('removed during a save: the save is aborted, nothing fires', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'TRAKT');
      await typeInto(card, 'trakt.client_id', 'abc');
      tb.backend.setLatency(300);
      const events = recordEvents(document, ['cw-config-saved', 'cw-save-error']);
      saveButton(card).click();
      await card.updateComplete;
      card.remove();
      await new Promise((r) => setTimeout(r, 400));
      events.stop();
      expect(tb.fetches.inFlight).to.equal(0);
      expect(events.events).to.deep.equal([]);
    });
  });

  describe('strings and theme', () => {
    it('speaks German with locale="de"', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'TRAKT', { locale: 'de' });
      expect(badge(card)).to.equal('Status: Nicht eingerichtet');
      expect(hint(card)!.textContent).to.contain('Um Trakt zu verbinden, fülle aus: Client ID, Client Secret.');
      expect(saveButton(card).textContent!.trim()).to.equal('Speichern');
      expect(shadow(card).querySelector('[part="card"]')!.getAttribute('lang')).to.equal('de');
      await expect(card).to.be.accessible();
    });

    it('takes string overrides', async () => {
      tb = startBackend();
      const manifest = await manifestOf('TRAKT', tb);
      const card = await fixture<CwProviderCard>(
        html`<cw-provider-card .manifest=${manifest} .client=${createApiClient()} .strings=${{ 'card.status.notConfigured': 'Nope' }}></cw-provider-card>`,
      );
      await until(() => expect(badge(card)).to.equal('Status: Nope'));
    });

    it('theme="dark" switches the tokens; host values win; "auto" follows the system', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'TRAKT', { theme: 'dark' });
      const box = () => getComputedStyle(shadow(card).querySelector('[part="card"]')!);
      expect(box().backgroundColor).to.equal('rgb(22, 24, 29)');
      card.setAttribute('theme', 'light');
      expect(box().backgroundColor).to.equal('rgb(255, 255, 255)');
      card.style.setProperty('--cw-surface', 'rgb(1, 2, 3)');
      expect(box().backgroundColor).to.equal('rgb(1, 2, 3)');
      card.style.removeProperty('--cw-surface');
      card.setAttribute('theme', 'auto');
      await emulateMedia({ colorScheme: 'dark' });
      expect(box().backgroundColor).to.equal('rgb(22, 24, 29)');
      await emulateMedia({ colorScheme: 'light' });
      expect(box().backgroundColor).to.equal('rgb(255, 255, 255)');
      // The flows inside see the resolved tokens under the public names.
      card.setAttribute('theme', 'dark');
      const flow = shadow(card).querySelector('cw-device-flow')!;
      expect(getComputedStyle(flow).getPropertyValue('--cw-surface').trim()).to.equal('#16181d');
    });

    it('exposes parts for hosts', async () => {
      tb = startBackend();
      const card = await cardFor(tb, 'TRAKT');
      const style = document.createElement('style');
      style.textContent = 'cw-provider-card::part(input) { outline-color: rgb(9, 8, 7); } cw-provider-card::part(hint) { outline-color: rgb(1, 1, 1); }';
      document.head.append(style);
      try {
        expect(getComputedStyle(inputOf(card, 'trakt.client_id')).outlineColor).to.equal('rgb(9, 8, 7)');
        expect(getComputedStyle(hint(card)!).outlineColor).to.equal('rgb(1, 1, 1)');
      } finally {
        style.remove();
      }
    });
  });
});
