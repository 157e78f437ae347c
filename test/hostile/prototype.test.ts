/**
 * Hostile ids and keys (issue 11): profile ids from GET /api/provider-instances and keys in
 * GET /api/config that would be object paths (`__proto__`, `constructor`, `prototype`), a dotted
 * id, an empty or a huge one, and a host that sets such an `instance`. Each case names what it
 * would break. Object.prototype stays as it was, saves and clears land under the right key, no
 * bad key is remembered, and a skipped entry is said on the card, never dropped silently.
 */
import { http, HttpResponse } from 'msw';
import { sendKeys } from '@web/test-runner-commands';
import { expect, fixture, fixtureCleanup, html } from '../helpers.js';
import '../../src/elements/provider-card/provider-card.js';
import '../../src/elements/profile-switcher/profile-switcher.js';
import '../../src/elements/device-flow/device-flow.js';
import { describeProvider } from '../../src/providers/describe.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import type { CwProfileSwitcher } from '../../src/elements/profile-switcher/profile-switcher.component.js';
import { createApiClient } from '../../src/api-client/client.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { fieldOf, inputOf, manifestOf, startBackend, type TestBackend } from '../elements/card-support.js';
import { bodyOf, callsTo, cardNamed, cardsOf, mountList, settled, startCrossWatch, until, type CrossWatchTest } from '../crosswatch/support.js';
import { prototypeSnapshot } from './support.js';

const HUGE = 'p'.repeat(5000);
const HOSTILE_IDS = [
  { id: 'default', label: 'Default' },
  { id: '__proto__', label: 'Proto' },
  { id: 'constructor', label: 'Ctor' },
  { id: 'prototype', label: 'Proto2' },
  { id: 'a.b', label: 'Dotted' },
  { id: HUGE, label: 'Huge' },
  { id: '', label: 'Empty' },
  { label: 'No id' },
];

const switcherOf = (card: CwProviderCard) => card.shadowRoot!.querySelector<CwProfileSwitcher>('cw-profile-switcher')!;
const inSwitcher = (card: CwProviderCard, selector: string) => switcherOf(card).shadowRoot!.querySelector<HTMLElement>(selector);
const options = (card: CwProviderCard) => [...(inSwitcher(card, 'select') as HTMLSelectElement).options].map((o) => o.value);
const saveButton = (card: CwProviderCard) => card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="save"]')!;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The save's confirmation and error lines. */
const saveMessages = (card: CwProviderCard) => [...card.shadowRoot!.querySelectorAll('p[part~="message"]')].map(text).join(' ');

async function calm(tb: { fetches: { inFlight: number } }, card: CwProviderCard) {
  await settled(tb as CrossWatchTest);
  await card.updateComplete;
  await switcherOf(card)?.updateComplete;
}

async function typeInto(card: CwProviderCard, key: string, value: string) {
  const input = inputOf(card, key);
  input.focus();
  input.select();
  await sendKeys(value ? { type: value } : { press: 'Backspace' });
  await card.updateComplete;
}

/** Clear on a saved secret (an explicit unset). */
async function clearSecret(card: CwProviderCard, key: string) {
  const field = fieldOf(card, key);
  const clear = field.shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="clear"]');
  expect(clear, `${key} shows as saved, with Clear`).to.not.equal(null);
  clear!.click();
  await card.updateComplete;
}

/** localStorage keys the widget may use, each with a usable profile id. */
function badStorage(): string[] {
  const bad: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)!;
    const value = localStorage.getItem(key) ?? '';
    if (!/^cw-auth\.[a-z0-9_]+\.instance$/.test(key) || ['__proto__', 'constructor', 'prototype', ''].includes(value) || value.length > 64) bad.push(`${key}=${value.slice(0, 40)}`);
  }
  return bad;
}

describe('hostile ids and keys: nothing becomes an object path, nothing is dropped silently', () => {
  failOnLitWarnings();
  let tb: TestBackend | CrossWatchTest | undefined;
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(e.message);
  const onRejection = (e: PromiseRejectionEvent) => errors.push(String(e.reason));
  const before = prototypeSnapshot();
  beforeEach(() => {
    localStorage.clear();
    errors.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    fixtureCleanup();
    tb?.restore();
    tb = undefined;
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    expect(prototypeSnapshot(), 'Object.prototype was changed').to.equal(before);
    expect(({} as Record<string, unknown>).client_id, 'Object.prototype got a client_id').to.equal(undefined);
    expect(badStorage(), 'localStorage holds a bad key or id').to.deep.equal([]);
    localStorage.clear();
  });

  it('crosswatch: __proto__, constructor, prototype, empty, missing and huge profile ids are skipped with a note saying which and why; a.b is one key for reading and saving', async () => {
    const cw = startCrossWatch({ config: { trakt: { client_id: 'main-id', instances: { 'a.b': { client_id: 'dotted-id' } } } } });
    tb = cw;
    cw.use(
      http.get('*/api/provider-instances', () => HttpResponse.json({ TRAKT: HOSTILE_IDS })),
      http.get('*/api/provider-instances/trakt', () => HttpResponse.json(HOSTILE_IDS)),
    );
    const el = await mountList(cw, html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
    const card = cardNamed(el, 'TRAKT');
    await calm(cw, card);
    expect(options(card), 'only the usable profiles are offered').to.deep.equal(['default', 'a.b']);
    const note = text(inSwitcher(card, '[part~="profile-note"]'));
    expect(note, 'the note counts the skipped entries').to.contain('6 profiles from the server are not shown');
    expect(note, 'the note names them').to.contain('“__proto__”, “constructor”, “prototype”, “ppppppppppppppppppppppp…”, without an id, without an id');
    expect(note, 'the note says why').to.contain('1 to 64 characters');
    expect(note.length, 'a huge id does not reach the page whole').to.be.below(400);

    const select = inSwitcher(card, 'select') as HTMLSelectElement;
    select.value = 'a.b';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await calm(cw, card);
    expect(inputOf(card, 'trakt.client_id').value, "the profile a.b reads its own block, not a → b").to.equal('dotted-id');
    expect(localStorage.getItem('cw-auth.trakt.instance')).to.equal('a.b');
    const from = cw.fetches.calls.length;
    await typeInto(card, 'trakt.client_id', 'typed-id');
    saveButton(card).click();
    await calm(cw, card);
    const [save] = callsTo(cw, 'POST', '/api/config', from);
    expect(bodyOf(save), 'the save lands under the one key a.b').to.deep.equal({ trakt: { instances: { 'a.b': { client_id: 'typed-id' } } } });
    expect(saveMessages(card)).to.contain('saved');
    expect(errors, 'uncaught errors').to.deep.equal([]);
    await expect(card).to.be.accessible();
  });

  it('crosswatch: clearing a field of profile a.b never sends the dotted path that means another key; CrossWatch refuses the segment list, the card says so and keeps the field cleared', async () => {
    const cw = startCrossWatch({ config: { trakt: { client_id: 'main-id', instances: { 'a.b': { client_id: 'dotted-id', client_secret: 'dotted-secret' } } } } });
    tb = cw;
    cw.use(http.get('*/api/provider-instances', () => HttpResponse.json({ TRAKT: HOSTILE_IDS.slice(0, 5) })));
    localStorage.setItem('cw-auth.trakt.instance', 'a.b');
    const el = await mountList(cw, html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
    const card = cardNamed(el, 'TRAKT');
    await calm(cw, card);
    expect(inputOf(card, 'trakt.client_id').value).to.equal('dotted-id');
    const from = cw.fetches.calls.length;
    await clearSecret(card, 'trakt.client_secret');
    saveButton(card).click();
    await calm(cw, card);
    const unsets = callsTo(cw, 'POST', '/api/config/unset', from).map(bodyOf);
    expect(unsets, 'one unset, as the one key a.b').to.deep.equal([{ paths: [['trakt', 'instances', 'a.b', 'client_secret']] }]);
    expect(saveMessages(card), 'the card says the save failed').to.match(/could not be saved|not saved/i);
    expect(card.dirty, 'the Clear is kept, to save again').to.equal(true);
    expect(errors, 'uncaught errors').to.deep.equal([]);
  });

  it('contract: clearing a field of profile a.b removes exactly that key, not trakt.instances.a.b', async () => {
    const backend = startBackend({
      config: { trakt: { client_id: 'main-id', instances: { 'a.b': { client_id: 'dotted-id', client_secret: 'dotted-secret' }, a: { b: { client_secret: 'decoy' } } } } },
    });
    tb = backend;
    const manifest = await manifestOf('TRAKT', backend);
    const card = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${manifest} .client=${createApiClient()} instance="a.b" locale="en"></cw-provider-card>`);
    await until(() => expect(inputOf(card, 'trakt.client_id').value).to.equal('dotted-id'));
    await calm(backend, card);
    const from = backend.fetches.calls.length;
    await clearSecret(card, 'trakt.client_secret');
    saveButton(card).click();
    await calm(backend, card);
    const unsets = backend.fetches.calls.slice(from).filter((c) => c.url.endsWith('/api/config/unset')).map(bodyOf);
    expect(unsets).to.deep.equal([{ paths: [['trakt', 'instances', 'a.b', 'client_secret']] }]);
    const instances = (backend.backend.rawConfig() as { trakt: { instances: Record<string, Record<string, unknown>> } }).trakt.instances;
    expect(instances['a.b'], 'the dotted profile lost its secret, nothing else').to.deep.equal({ client_id: 'dotted-id' });
    expect(instances['a'], 'the profile a kept its nested value').to.deep.equal({ b: { client_secret: 'decoy' } });
    expect(saveMessages(card)).to.contain('saved');
  });

  for (const flavour of ['contract', 'crosswatch'] as const) {
    it(`${flavour}: __proto__, constructor and prototype keys in GET /api/config pollute nothing, show nowhere, and a save still lands under trakt`, async () => {
      const serve = flavour === 'contract' ? startBackend() : startCrossWatch();
      tb = serve;
      // Raw JSON text: JSON.parse keeps `__proto__` as an own key, as a server's answer would.
      const poisoned =
        '{"__proto__":{"polluted":"root","client_id":"evil"},"constructor":{"prototype":{"polluted":"ctor"}},' +
        '"trakt":{"client_id":"main-id","__proto__":{"client_secret":"evil"},"instances":{"__proto__":{"client_id":"evil"},"prototype":{"client_id":"evil"}}}}';
      serve.use(http.get('*/api/config', () => new HttpResponse(poisoned, { headers: { 'content-type': 'application/json' } })));
      const el = await mountList(serve as CrossWatchTest, html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
      const card = cardNamed(el, 'TRAKT');
      await calm(serve, card);
      expect(inputOf(card, 'trakt.client_id').value).to.equal('main-id');
      expect(card.shadowRoot!.innerHTML.includes('evil') || inputOf(card, 'trakt.client_secret').value === 'evil', 'a poisoned value is shown').to.equal(false);
      const from = serve.fetches.calls.length;
      await typeInto(card, 'trakt.client_id', 'typed-id');
      saveButton(card).click();
      await calm(serve, card);
      const saves = serve.fetches.calls.slice(from).filter((c) => c.method === 'POST' && new URL(c.url, location.href).pathname === '/api/config');
      expect(saves.map(bodyOf)).to.deep.equal([{ trakt: { client_id: 'typed-id' } }]);
      expect(errors, 'uncaught errors').to.deep.equal([]);
    });
  }

  for (const instance of ['__proto__', 'constructor', 'prototype', HUGE]) {
    it(`a host setting instance="${instance.slice(0, 12)}" on a card throws no TypeError: the card says it uses the default profile, and a save lands there`, async () => {
      const backend = startBackend();
      tb = backend;
      const manifest = await manifestOf('TRAKT', backend);
      const card = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${manifest} .client=${createApiClient()} instance=${instance} locale="en"></cw-provider-card>`);
      await until(() => expect(card.shadowRoot!.querySelector('.loading')).to.equal(null));
      await calm(backend, card);
      const note = text(card.shadowRoot!.querySelector('[role="status"].message'));
      expect(note, 'the card says the instance is ignored').to.contain('which cannot be used');
      expect(note).to.contain('The default profile is shown instead.');
      expect(card.instance, 'the card works on the default profile').to.equal(undefined);
      const asked = backend.fetches.calls.filter((c) => new URL(c.url, location.href).searchParams.has('instance')).map((c) => c.url);
      expect(asked, 'no request carried the bad id').to.deep.equal([]);
      const from = backend.fetches.calls.length;
      await typeInto(card, 'trakt.client_id', 'typed-id');
      saveButton(card).click();
      await calm(backend, card);
      const saves = backend.fetches.calls.slice(from).filter((c) => c.method === 'POST' && c.url.endsWith('/api/config'));
      expect(saves.map(bodyOf)).to.deep.equal([{ trakt: { client_id: 'typed-id' } }]);
      expect(errors, 'uncaught errors').to.deep.equal([]);
      await expect(card).to.be.accessible();
    });
  }

  it('a host listing providers="__proto__,constructor,trakt" gets the Trakt card and no error', async () => {
    const backend = startBackend();
    tb = backend;
    const el = await mountList(backend as unknown as CrossWatchTest, html`<cw-auth-providers providers="__proto__,constructor,prototype,trakt"></cw-auth-providers>`);
    expect(cardsOf(el).map((c) => c.provider?.manifest.name)).to.deep.equal(['TRAKT']);
    expect(errors, 'uncaught errors').to.deep.equal([]);
  });

  it('a host setting instance="__proto__" on a flow element gets the default profile: no request carries it, the flow works', async () => {
    const backend = startBackend();
    tb = backend;
    const provider = describeProvider(await manifestOf('PLEX', backend));
    const open = window.open;
    window.open = (() => null) as typeof window.open;
    try {
      const flow = await fixture(html`<cw-device-flow .provider=${provider} .client=${createApiClient()} instance="__proto__"></cw-device-flow>`);
      flow.shadowRoot!.querySelector<HTMLButtonElement>('[part~="start-button"]')!.click();
      await until(() => expect(text(flow.shadowRoot!.querySelector('[part~="code"]'))).to.not.equal(''));
      const calls = backend.fetches.calls.map((c) => new URL(c.url, location.href));
      expect(calls.map((u) => u.pathname), 'the flow started').to.include('/api/plex/device/start');
      expect(calls.filter((u) => u.searchParams.has('instance')).map((u) => u.href), 'requests that carried the bad id').to.deep.equal([]);
      expect(errors, 'uncaught errors').to.deep.equal([]);
    } finally {
      window.open = open;
    }
  });
});
