/**
 * CrossWatch profiles ("instances") on the cards: `<cw-profile-switcher>` lists, adds, renames and
 * deletes them against the CrossWatch-flavoured mock, the choice is remembered per provider, and
 * every call after switching carries `?instance=`. Backends without profiles show nothing.
 */
import { expect, fixture, fixtureCleanup, html } from '../helpers.js';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/elements/provider-card/provider-card.js';
import '../../src/elements/profile-switcher/profile-switcher.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import type { CwProfileSwitcher } from '../../src/elements/profile-switcher/profile-switcher.component.js';
import type { CwProviderField } from '../../src/elements/provider-field/provider-field.component.js';
import { ApiError } from '../../src/api-client/errors.js';
import { createApiClient } from '../../src/api-client/client.js';
import { rememberKey, rememberedProfile, rememberProfile, shouldAskForProfiles } from '../../src/providers/profiles.controller.js';
import { describeProvider } from '../../src/providers/describe.js';
import { en } from '../../src/strings/en.js';
import { de } from '../../src/strings/de.js';
import { format } from '../../src/strings/format.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { startBackend, type TestBackend } from '../elements/card-support.js';
import {
  badgeOf,
  bodyOf,
  callsTo,
  cardNamed,
  instanceOf,
  lines,
  mountList,
  partIn,
  settled,
  isolatePage,
  startCrossWatch,
  until,
  type CrossWatchTest,
} from './support.js';

const switcherOf = (card: CwProviderCard) => card.shadowRoot!.querySelector<CwProfileSwitcher>('cw-profile-switcher');
const sw = (card: CwProviderCard, selector: string) => switcherOf(card)!.shadowRoot!.querySelector<HTMLElement>(selector);
const selectOf = (card: CwProviderCard) => sw(card, 'select[part~="profile-select"]') as HTMLSelectElement;
const options = (card: CwProviderCard) => [...selectOf(card).options].map((o) => `${o.value}=${o.textContent!.trim()}`);
const message = (card: CwProviderCard) => sw(card, '[part~="profile-message"]')!.textContent!.trim();
const alertText = (card: CwProviderCard) => sw(card, '[part~="alert"]')!.textContent!.replace(/\s+/g, ' ').trim();

const inputOf = (card: CwProviderCard, key: string) =>
  [...card.shadowRoot!.querySelectorAll<CwProviderField>('cw-provider-field')]
    .find((f) => f.state?.field.key === key)!
    .shadowRoot!.querySelector<HTMLInputElement>('input');

async function typeInto(card: CwProviderCard, key: string, text: string) {
  const input = inputOf(card, key)!;
  input.focus();
  input.select();
  await sendKeys({ type: text });
  await card.updateComplete;
}

/** Waits for every request and render to settle. */
async function calm(cw: { fetches: { inFlight: number } }, card: CwProviderCard) {
  await settled(cw as CrossWatchTest);
  await card.updateComplete;
  const switcher = switcherOf(card);
  if (switcher) await switcher.updateComplete;
}

async function choose(cw: CrossWatchTest, card: CwProviderCard, id: string) {
  const select = selectOf(card);
  select.value = id;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await calm(cw, card);
}

async function click(cw: CrossWatchTest, card: CwProviderCard, selector: string) {
  const button = sw(card, selector);
  expect(button, selector).to.exist;
  button!.click();
  await calm(cw, card);
}

/** A single provider's list on the CrossWatch mock. */
async function mountProvider(cw: CrossWatchTest, provider: string, attrs = '') {
  const el = await mountList(cw, html`<cw-auth-providers providers=${provider} profiles=${attrs || 'auto'}></cw-auth-providers>`);
  const card = cardNamed(el, provider.toUpperCase());
  await calm(cw, card);
  return { el, card };
}

const PROFILE_CONFIG = {
  trakt: {
    client_id: 'main-id',
    client_secret: 'main-secret',
    instances: { 'TRAKT-P01': { label: 'Kids', client_id: 'kid-id', client_secret: 'kid-secret' } },
  },
  jellyfin: { instances: { 'JELLYFIN-P01': { label: 'Cabin', server: 'http://cabin.lan:8096', username: 'ann' } } },
};

describe('CrossWatch profiles: <cw-profile-switcher> on the cards', () => {
  failOnLitWarnings();
  let cw: CrossWatchTest;
  let tb: TestBackend | undefined;
  isolatePage();
  afterEach(() => {
    fixtureCleanup();
    cw?.restore();
    tb?.restore();
    tb = undefined;
  });

  it('lists the profiles with one request, labelled "Profile", default first; accessible', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    const { card } = await mountProvider(cw, 'trakt');
    expect(callsTo(cw, 'GET', '/api/provider-instances'), "the list's one request for every provider").to.have.length(1);
    expect(callsTo(cw, 'GET', '/api/provider-instances/trakt'), 'no request of its own').to.have.length(0);
    const select = selectOf(card);
    expect(select.labels![0]!.textContent!.trim()).to.equal('Profile');
    expect(options(card)).to.deep.equal(['default=Default', 'TRAKT-P01=Kids']);
    expect(select.value).to.equal('default');
    expect(sw(card, '[part~="profile-rename"]'), 'the default profile cannot be renamed').to.equal(null);
    expect(sw(card, '[part~="profile-delete"]'), 'nor deleted').to.equal(null);
    expect(sw(card, '[part~="profile-add"]')!.textContent!.trim()).to.equal('Add profile');
    await expect(card).to.be.accessible();
    await expect(switcherOf(card)!).to.be.accessible();
  });

  it('profile ids from the server: __proto__ is dropped, a.b is one opaque key; Object.prototype stays clean', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    const hostile = [{ id: 'default', label: 'Default' }, { id: '__proto__', label: 'Proto' }, { id: 'constructor', label: 'Ctor' }, { id: 'a.b', label: 'Dotted' }];
    cw.use(
      http.get('*/api/provider-instances', () => HttpResponse.json({ TRAKT: hostile })),
      http.get('*/api/provider-instances/trakt', () => HttpResponse.json(hostile)),
    );
    const { card } = await mountProvider(cw, 'trakt');
    expect(options(card)).to.deep.equal(['default=Default', 'a.b=Dotted']);
    await choose(cw, card, 'a.b');
    expect(localStorage.getItem('cw-auth.trakt.instance')).to.equal('a.b');
    const from = cw.fetches.calls.length;
    await typeInto(card, 'trakt.client_id', 'typed-id');
    card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="save"]')!.click();
    await calm(cw, card);
    const [save] = callsTo(cw, 'POST', '/api/config', from);
    expect(bodyOf(save)).to.deep.equal({ trakt: { instances: { 'a.b': { client_id: 'typed-id' } } } });
    expect(({} as Record<string, unknown>).client_id, 'Object.prototype unchanged').to.equal(undefined);
  });

  it('switching shows the profile\'s own fields and remembers the choice per provider', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    const changes: unknown[] = [];
    document.addEventListener('cw-profile-change', (e) => changes.push((e as CustomEvent).detail), { once: true });
    const { card } = await mountProvider(cw, 'trakt');
    expect(inputOf(card, 'trakt.client_id')!.value).to.equal('main-id');
    await choose(cw, card, 'TRAKT-P01');
    expect(card.instance).to.equal('TRAKT-P01');
    expect(card.getAttribute('instance')).to.equal('TRAKT-P01');
    expect(selectOf(card).value).to.equal('TRAKT-P01');
    expect(inputOf(card, 'trakt.client_id')!.value).to.equal('kid-id');
    expect(localStorage.getItem('cw-auth.trakt.instance')).to.equal('TRAKT-P01');
    expect(changes).to.deep.equal([{ provider: 'TRAKT', instance: 'TRAKT-P01' }]);
    expect(sw(card, '[part~="profile-rename"]')!.getAttribute('aria-label')).to.equal('Rename profile Kids');
    await choose(cw, card, 'default');
    expect(card.instance).to.equal(undefined);
    expect(inputOf(card, 'trakt.client_id')!.value).to.equal('main-id');
    expect(localStorage.getItem('cw-auth.trakt.instance'), 'default is the absence of a choice').to.equal(null);
  });

  it('unsaved changes: switching asks first; Keep editing stays on the profile with the edits, Discard switches', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    const { card } = await mountProvider(cw, 'trakt');
    await typeInto(card, 'trakt.client_id', 'typed-id');
    expect(card.dirty).to.equal(true);
    const from = cw.fetches.calls.length;
    const changes: unknown[] = [];
    const onChange = (e: Event) => changes.push((e as CustomEvent).detail);
    document.addEventListener('cw-profile-change', onChange);
    try {
      await choose(cw, card, 'TRAKT-P01');
      expect(card.instance, 'not switched yet').to.equal(undefined);
      const confirm = sw(card, '[part~="confirm"]')!;
      expect(confirm.getAttribute('role')).to.equal('group');
      expect(confirm.querySelector('p')!.textContent!.trim()).to.equal('Discard unsaved changes?');
      expect(confirm.textContent).to.contain('The Trakt settings you changed on “Default” are not saved.');
      expect(sw(card, '[part~="discard-button"]')!.textContent!.trim()).to.equal('Discard');
      const keep = sw(card, '[part~="keep-editing-button"]')!;
      expect(keep.textContent!.trim()).to.equal('Keep editing');
      expect(switcherOf(card)!.shadowRoot!.activeElement, 'focus on the safe choice').to.equal(keep);
      await expect(switcherOf(card)!).to.be.accessible();

      await click(cw, card, '[part~="keep-editing-button"]');
      expect(sw(card, '[part~="confirm"]')).to.equal(null);
      expect(selectOf(card).value, 'the select is back on the profile in use').to.equal('default');
      expect(card.instance).to.equal(undefined);
      expect(inputOf(card, 'trakt.client_id')!.value, 'the edit is still there').to.equal('typed-id');
      expect(card.dirty).to.equal(true);
      expect(localStorage.getItem(rememberKey('trakt'))).to.equal(null);
      expect(changes).to.deep.equal([]);
      expect(lines(cw, from), 'nothing was asked of the server').to.deep.equal([]);

      // Escape is Keep editing too.
      await choose(cw, card, 'TRAKT-P01');
      await sendKeys({ press: 'Escape' });
      await calm(cw, card);
      expect(sw(card, '[part~="confirm"]')).to.equal(null);
      expect(selectOf(card).value).to.equal('default');
      expect(card.instance).to.equal(undefined);

      await choose(cw, card, 'TRAKT-P01');
      await click(cw, card, '[part~="discard-button"]');
      expect(sw(card, '[part~="confirm"]')).to.equal(null);
      expect(card.instance).to.equal('TRAKT-P01');
      expect(selectOf(card).value).to.equal('TRAKT-P01');
      expect(inputOf(card, 'trakt.client_id')!.value, "the profile's own value").to.equal('kid-id');
      expect(card.dirty).to.equal(false);
      expect(changes).to.deep.equal([{ provider: 'TRAKT', instance: 'TRAKT-P01' }]);
      expect(callsTo(cw, 'POST', '/api/config', from), 'the discarded edit was not saved').to.have.length(0);

      // Nothing unsaved: switching back asks nothing.
      await choose(cw, card, 'default');
      expect(sw(card, '[part~="confirm"]')).to.equal(null);
      expect(card.instance).to.equal(undefined);
    } finally {
      document.removeEventListener('cw-profile-change', onChange);
    }
  });

  it('unsaved changes: Add profile (which switches to it) asks first too; German', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    const el = await mountList(cw, html`<cw-auth-providers providers="trakt" locale="de"></cw-auth-providers>`);
    const card = cardNamed(el, 'TRAKT');
    await calm(cw, card);
    await until(() => expect(selectOf(card).labels![0]!.textContent!.trim()).to.equal('Profil'));
    await typeInto(card, 'trakt.client_id', 'typed-id');
    const from = cw.fetches.calls.length;
    await click(cw, card, '[part~="profile-add"]');
    expect(callsTo(cw, 'POST', /provider-instances/, from), 'nothing added yet').to.have.length(0);
    const confirm = sw(card, '[part~="confirm"]')!;
    expect(confirm.querySelector('p')!.textContent!.trim()).to.equal(de['profiles.discard.question']);
    expect(confirm.textContent).to.contain(format(de['profiles.discard.detail'], { provider: 'Trakt', profile: 'Standard' }));
    expect(sw(card, '[part~="discard-button"]')!.textContent!.trim()).to.equal(de['profiles.discard.yes']);
    expect(sw(card, '[part~="keep-editing-button"]')!.textContent!.trim()).to.equal(de['profiles.discard.keep']);
    await click(cw, card, '[part~="keep-editing-button"]');
    expect(callsTo(cw, 'POST', /provider-instances/, from)).to.have.length(0);
    expect(inputOf(card, 'trakt.client_id')!.value).to.equal('typed-id');

    await click(cw, card, '[part~="profile-add"]');
    await click(cw, card, '[part~="discard-button"]');
    expect(callsTo(cw, 'POST', '/api/provider-instances/trakt/next', from)).to.have.length(1);
    expect(card.instance).to.equal('TRAKT-P02');
    expect(inputOf(card, 'trakt.client_id')!.value).to.equal('');
  });

  it('sends `instance` on every call after switching: config paths, flows, status, disconnect', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    const { card } = await mountProvider(cw, 'jellyfin');
    await choose(cw, card, 'JELLYFIN-P01');
    const from = cw.fetches.calls.length;
    expect(inputOf(card, 'jellyfin.server')!.value).to.equal('http://cabin.lan:8096');

    // Save writes the profile's block.
    await typeInto(card, 'jellyfin.username', 'bea');
    card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="save"]')!.click();
    await calm(cw, card);
    const save = callsTo(cw, 'POST', '/api/config', from)[0]!;
    expect(bodyOf(save)).to.deep.equal({ jellyfin: { instances: { 'JELLYFIN-P01': { username: 'bea' } } } });

    // Connect (login), then disconnect, all on the profile.
    await typeInto(card, 'jellyfin.password', 'pw');
    partIn(card, 'start-button')!.click();
    await calm(cw, card);
    await until(() => expect(badgeOf(card)).to.match(/^Status: Connected/));
    partIn(card, 'disconnect-button')!.click();
    await calm(cw, card);
    partIn(card, 'confirm-button')!.click();
    await calm(cw, card);
    await until(() => expect(badgeOf(card)).to.not.match(/Connected/));

    const providerCalls = cw.fetches.calls.slice(from).filter((c) => /\/api\/jellyfin\//.test(c.url));
    expect(providerCalls.map((c) => new URL(c.url, location.href).pathname)).to.include.members([
      '/api/jellyfin/status',
      '/api/jellyfin/login',
      '/api/jellyfin/token/delete',
    ]);
    for (const call of providerCalls) expect(instanceOf(call), lines(cw, from).join('\n')).to.equal('JELLYFIN-P01');
    // The default profile's block stayed untouched.
    const config = await (await fetch('/api/config')).json();
    expect(config.jellyfin.username).to.equal('');
    expect(config.jellyfin.instances['JELLYFIN-P01'].username).to.equal('bea');
  });

  it('Trakt on a profile: pin/new carries ?instance= and the profile\'s keys decide', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    const { card } = await mountProvider(cw, 'trakt');
    await choose(cw, card, 'TRAKT-P01');
    const from = cw.fetches.calls.length;
    partIn(card, 'start-button')!.click();
    await calm(cw, card);
    const starts = callsTo(cw, 'POST', '/api/trakt/pin/new', from);
    expect(starts).to.have.length(1);
    expect(instanceOf(starts[0]!)).to.equal('TRAKT-P01');
    partIn(card, 'cancel-button')!.click();
    await calm(cw, card);
  });

  it('remembers the choice across re-mounts: the first status request already carries it', async () => {
    // The remembered profile is connected: its card asks its own status route for the account.
    const connected = { label: 'Cabin', server: 'http://cabin.lan:8096', username: 'ann', user: 'ann', access_token: 'tok' };
    cw = startCrossWatch({ config: { ...PROFILE_CONFIG, jellyfin: { instances: { 'JELLYFIN-P01': connected } } } });
    let { card } = await mountProvider(cw, 'jellyfin');
    await choose(cw, card, 'JELLYFIN-P01');
    fixtureCleanup();
    const from = cw.fetches.calls.length;
    ({ card } = await mountProvider(cw, 'jellyfin'));
    expect(card.instance).to.equal('JELLYFIN-P01');
    expect(selectOf(card).value).to.equal('JELLYFIN-P01');
    expect(inputOf(card, 'jellyfin.server')!.value).to.equal('http://cabin.lan:8096');
    const statuses = callsTo(cw, 'GET', '/api/jellyfin/status', from);
    expect(statuses, 'one status read, for the remembered profile').to.have.length(1);
    expect(instanceOf(statuses[0]!)).to.equal('JELLYFIN-P01');
  });

  it('a remembered profile that no longer exists falls back to the default one and is forgotten', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    localStorage.setItem(rememberKey('jellyfin'), 'JELLYFIN-P07');
    const { card } = await mountProvider(cw, 'jellyfin');
    await until(() => expect(card.instance).to.equal(undefined));
    await calm(cw, card);
    expect(selectOf(card).value).to.equal('default');
    expect(localStorage.getItem(rememberKey('jellyfin'))).to.equal(null);
    const statuses = callsTo(cw, 'GET', '/api/jellyfin/status');
    expect(instanceOf(statuses[statuses.length - 1]!), 'status read again for the default profile').to.equal(null);
    expect(sw(card, '[part~="alert"]')!.textContent!.trim(), 'no error shown').to.equal('');
  });

  it('a host-given `instance` wins over the remembered one', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    localStorage.setItem(rememberKey('trakt'), 'TRAKT-P01');
    const manifest = (await createApiClient().listProviders()).manifests.find((m) => m.name === 'TRAKT')!;
    const card = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${manifest} instance="default"></cw-provider-card>`);
    await calm(cw, card);
    await until(() => expect(switcherOf(card)).to.exist);
    await calm(cw, card);
    expect(card.instance).to.equal('default');
    expect(selectOf(card).value).to.equal('default');
    expect(inputOf(card, 'trakt.client_id')!.value).to.equal('main-id');
  });

  it('adds a profile (POST …/next), switches to it, and says so', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    const { card } = await mountProvider(cw, 'trakt');
    const from = cw.fetches.calls.length;
    await click(cw, card, '[part~="profile-add"]');
    const posts = callsTo(cw, 'POST', '/api/provider-instances/trakt/next', from);
    expect(posts).to.have.length(1);
    expect(posts[0]!.body).to.equal('{}');
    expect(instanceOf(posts[0]!)).to.equal(null);
    expect(callsTo(cw, 'GET', '/api/provider-instances/trakt', from), 'listed again').to.have.length(1);
    expect(options(card)).to.deep.equal(['default=Default', 'TRAKT-P01=Kids', 'TRAKT-P02=P02']);
    expect(card.instance).to.equal('TRAKT-P02');
    expect(selectOf(card).value).to.equal('TRAKT-P02');
    expect(message(card)).to.equal('Profile P02 added.');
    expect(localStorage.getItem(rememberKey('trakt'))).to.equal('TRAKT-P02');
    expect(inputOf(card, 'trakt.client_id')!.value, 'a new profile starts empty').to.equal('');
    expect(badgeOf(card)).to.equal('Status: Not configured');
  });

  it('at the limit: profile_limit_reached (HTTP 200) becomes a clear message', async () => {
    const instances: Record<string, { label: string }> = {};
    for (let n = 1; n <= 10; n++) instances[`TRAKT-P${String(n).padStart(2, '0')}`] = { label: '' };
    cw = startCrossWatch({ config: { trakt: { instances } } });
    const { card } = await mountProvider(cw, 'trakt');
    expect(options(card)).to.have.length(11);
    await click(cw, card, '[part~="profile-add"]');
    expect(alertText(card)).to.contain(
      format(en['profiles.error.add'], { message: format(en['flow.error.profile_limit_reached'], { provider: 'Trakt' }) }),
    );
    expect(sw(card, '[part~="alert"]')!.getAttribute('role')).to.equal('alert');
    expect(alertText(card)).not.to.contain('profile_limit_reached');
    expect(options(card)).to.have.length(11);
    expect(card.instance).to.equal(undefined);
    // Dismiss clears it.
    await click(cw, card, '[part~="alert"] button');
    expect(alertText(card)).to.equal('');
  });

  it('renames inline (PATCH, at most 12 characters); Escape cancels', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    const { card } = await mountProvider(cw, 'trakt');
    await choose(cw, card, 'TRAKT-P01');
    await click(cw, card, '[part~="profile-rename"]');
    const input = sw(card, 'input[part~="profile-input"]') as HTMLInputElement;
    expect(input.maxLength).to.equal(12);
    expect(input.value).to.equal('Kids');
    expect(input.labels![0]!.textContent!.trim()).to.equal('Profile name');
    expect(switcherOf(card)!.shadowRoot!.activeElement, 'focus moves into the input').to.equal(input);
    await expect(switcherOf(card)!).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await calm(cw, card);
    expect(sw(card, 'input[part~="profile-input"]')).to.equal(null);
    expect(callsTo(cw, 'PATCH', /provider-instances/)).to.have.length(0);

    await click(cw, card, '[part~="profile-rename"]');
    const again = sw(card, 'input[part~="profile-input"]') as HTMLInputElement;
    again.select();
    await sendKeys({ type: 'Living room TV, upstairs' });
    expect(again.value, 'the input stops at 12').to.equal('Living room ');
    const from = cw.fetches.calls.length;
    await sendKeys({ press: 'Enter' });
    await calm(cw, card);
    const patches = callsTo(cw, 'PATCH', '/api/provider-instances/trakt/TRAKT-P01', from);
    expect(patches).to.have.length(1);
    expect(bodyOf(patches[0])).to.deep.equal({ label: 'Living room' });
    expect(options(card)).to.deep.equal(['default=Default', 'TRAKT-P01=Living room']);
    expect(message(card)).to.equal('Profile renamed to Living room.');
    expect(sw(card, 'input[part~="profile-input"]')).to.equal(null);
  });

  it('deletes after confirming (DELETE), back on the default profile', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    const { card } = await mountProvider(cw, 'trakt');
    await choose(cw, card, 'TRAKT-P01');
    await click(cw, card, '[part~="profile-delete"]');
    const confirm = sw(card, '[part~="confirm"]')!;
    expect(confirm.textContent).to.contain('Delete the profile “Kids”? Its Trakt settings and connection are removed.');
    expect(callsTo(cw, 'DELETE', /provider-instances/)).to.have.length(0);
    await expect(switcherOf(card)!).to.be.accessible();
    // "Keep" first: nothing happens.
    await click(cw, card, '[part~="keep"]');
    expect(callsTo(cw, 'DELETE', /provider-instances/)).to.have.length(0);

    await click(cw, card, '[part~="profile-delete"]');
    const from = cw.fetches.calls.length;
    await click(cw, card, '[part~="confirm"] .button--danger-solid');
    expect(callsTo(cw, 'DELETE', '/api/provider-instances/trakt/TRAKT-P01', from)).to.have.length(1);
    expect(options(card)).to.deep.equal(['default=Default']);
    expect(card.instance).to.equal(undefined);
    expect(message(card)).to.equal('Profile Kids deleted.');
    expect(localStorage.getItem(rememberKey('trakt'))).to.equal(null);
    expect(inputOf(card, 'trakt.client_id')!.value).to.equal('main-id');
  });

  it('a profile in use: the 409 shows the server message and the usages; nothing is deleted', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG, inUse: [{ provider: 'trakt', instance: 'TRAKT-P01' }] });
    const { card } = await mountProvider(cw, 'trakt');
    await choose(cw, card, 'TRAKT-P01');
    await click(cw, card, '[part~="profile-delete"]');
    await click(cw, card, '[part~="confirm"] .button--danger-solid');
    expect(callsTo(cw, 'DELETE', '/api/provider-instances/trakt/TRAKT-P01')).to.have.length(1);
    const text = alertText(card);
    expect(text).to.contain('The profile could not be deleted.');
    expect(text).to.contain('Cannot delete Trakt connection because it is used by Sync pair p1 (source).');
    expect(text).to.contain(en['profiles.inUse.fix']);
    const usages = [...switcherOf(card)!.shadowRoot!.querySelectorAll('[part~="usages"] li')].map((li) => li.textContent!.trim());
    expect(usages).to.deep.equal(['Sync pair p1 (source)']);
    expect(options(card)).to.deep.equal(['default=Default', 'TRAKT-P01=Kids']);
    expect(card.instance).to.equal('TRAKT-P01');
    await expect(switcherOf(card)!).to.be.accessible();
  });

  it('German: the switcher speaks German', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    const el = await mountList(cw, html`<cw-auth-providers providers="trakt" locale="de"></cw-auth-providers>`);
    const card = cardNamed(el, 'TRAKT');
    await calm(cw, card);
    // German may arrive as a lazily loaded table: wait for it.
    await until(() => expect(selectOf(card).labels![0]!.textContent!.trim()).to.equal('Profil'));
    expect(options(card)).to.deep.equal(['default=Standard', 'TRAKT-P01=Kids']);
    expect(sw(card, '[part~="profile-add"]')!.textContent!.trim()).to.equal(de['profiles.add']);
  });

  describe('backends without profiles, and opting out', () => {
    it('profiles="off" on the list: no profile request at all, no switcher', async () => {
      cw = startCrossWatch({ config: PROFILE_CONFIG });
      localStorage.setItem(rememberKey('trakt'), 'TRAKT-P01');
      const { card } = await mountProvider(cw, 'trakt', 'off');
      expect(card.getAttribute('profiles')).to.equal('off');
      expect(callsTo(cw, 'GET', /provider-instances/)).to.have.length(0);
      expect(switcherOf(card)).to.equal(null);
      expect(card.instance, 'the remembered choice is not used either').to.equal(undefined);
      expect(inputOf(card, 'trakt.client_id')!.value).to.equal('main-id');
    });

    it('profiles="off" on a standalone card', async () => {
      cw = startCrossWatch();
      const manifest = (await createApiClient().listProviders()).manifests.find((m) => m.name === 'PLEX')!;
      const from = cw.fetches.calls.length;
      const card = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${manifest} profiles="off"></cw-provider-card>`);
      await calm(cw, card);
      expect(lines(cw, from)).to.deep.equal(['GET /api/config']);
      expect(switcherOf(card)).to.equal(null);
    });

    it('a 404 or 405 from the profile route hides the switcher silently and keeps the default profile', async () => {
      for (const status of [404, 405]) {
        cw = startCrossWatch();
        localStorage.setItem(rememberKey('trakt'), 'TRAKT-P01');
        const notFound = () => HttpResponse.json({ detail: 'Not Found' }, { status });
        cw.use(http.get('*/api/provider-instances', notFound), http.get('*/api/provider-instances/:prov', notFound));
        const { card } = await mountProvider(cw, 'trakt');
        expect(lines(cw).filter((l) => l.includes('provider-instances')), `${status}: the list's request, then the card's own, once`).to.deep.equal([
          'GET /api/provider-instances',
          'GET /api/provider-instances/trakt',
        ]);
        expect(switcherOf(card), String(status)).to.equal(null);
        const alerts = [...card.shadowRoot!.querySelectorAll('[role="alert"]')].map((a) => a.textContent!.trim()).filter(Boolean);
        expect(alerts, 'no error shown').to.deep.equal([]);
        expect(card.instance, 'the remembered profile is dropped on a server without profiles').to.equal(undefined);
        fixtureCleanup();
        cw.restore();
      }
    });

    it('our contract mock: CrossWatch-like manifests ask once (404, hidden); manifests with routes never ask', async () => {
      tb = startBackend();
      cw = { restore: () => undefined } as unknown as CrossWatchTest;
      const manifests = (await createApiClient().listProviders()).manifests;
      tb.fetches.calls.length = 0;
      const trakt = manifests.find((m) => m.name === 'TRAKT')!;
      const emby = manifests.find((m) => m.name === 'EMBY')!;
      expect(shouldAskForProfiles(describeProvider(trakt), 'auto'), 'trakt speaks our contract').to.equal(false);
      expect(shouldAskForProfiles(describeProvider(emby), 'auto'), 'emby is legacy-shaped').to.equal(true);
      const card = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${trakt}></cw-provider-card>`);
      const other = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${emby}></cw-provider-card>`);
      await settled(tb as unknown as CrossWatchTest);
      await card.updateComplete;
      await other.updateComplete;
      const instanceCalls = tb.fetches.calls.filter((c) => c.url.includes('/api/provider-instances/'));
      expect(instanceCalls.map((c) => new URL(c.url, location.href).pathname)).to.deep.equal(['/api/provider-instances/emby']);
      expect(switcherOf(card)).to.equal(null);
      expect(switcherOf(other)).to.equal(null);
      expect(other.shadowRoot!.textContent).not.to.contain('not_found');
    });

    it('inside <cw-auth-providers> on a backend that speaks our contract, its CrossWatch-shaped entry is not asked either', async () => {
      tb = startBackend();
      cw = { restore: () => undefined } as unknown as CrossWatchTest;
      const el = await mountList(tb as unknown as CrossWatchTest);
      const emby = cardNamed(el, 'EMBY');
      expect(emby.profiles, 'the list turned profiles off for it').to.equal('off');
      expect(tb.fetches.calls.filter((c) => c.url.includes('/api/provider-instances/')), 'no profile requests, no 404').to.deep.equal([]);
      // An explicit `on` (in any case) still asks every card.
      fixtureCleanup();
      const asked = await mountList(tb as unknown as CrossWatchTest, html`<cw-auth-providers profiles="ON"></cw-auth-providers>`);
      expect(cardNamed(asked, 'EMBY').profiles).to.equal('ON');
      expect(tb.fetches.calls.filter((c) => c.url.includes('/api/provider-instances/')).length).to.be.greaterThan(1);
      // On CrossWatch (no manifest declares routes) every card is asked, as `auto` says: all of
      // them in CrossWatch's one request for every provider's profiles.
      fixtureCleanup();
      tb.restore();
      cw = startCrossWatch();
      const list = await mountList(cw, html`<cw-auth-providers providers="emby,trakt"></cw-auth-providers>`);
      expect(cardNamed(list, 'EMBY').profiles).to.equal('auto');
      expect(callsTo(cw, 'GET', /provider-instances/).map((c) => new URL(c.url, location.href).pathname)).to.deep.equal(['/api/provider-instances']);
      expect(switcherOf(cardNamed(list, 'TRAKT')), 'answered from it').to.exist;
    });

    it('a listing failure (500) with no chosen profile shows nothing; with a remembered one it says so and retries', async () => {
      cw = startCrossWatch({ config: PROFILE_CONFIG });
      // Both the list's request for every provider and the card's own (its fallback) fail.
      cw.backend.faults.add({ fault: 'http_500', route: 'instances', times: 2 });
      let { card } = await mountProvider(cw, 'trakt');
      expect(switcherOf(card)!.shadowRoot!.textContent!.trim()).to.equal('');
      fixtureCleanup();

      localStorage.setItem(rememberKey('trakt'), 'TRAKT-P01');
      cw.backend.faults.add({ fault: 'http_500', route: 'instances', times: 2 });
      ({ card } = await mountProvider(cw, 'trakt'));
      expect(card.instance).to.equal('TRAKT-P01');
      const text = sw(card, '[part~="alert"]')!.textContent!;
      expect(text).to.contain('The Trakt profiles could not be loaded.');
      expect(text).to.contain('check its log');
      await click(cw, card, '[part~="alert"] button');
      expect(options(card)).to.deep.equal(['default=Default', 'TRAKT-P01=Kids']);
      expect(selectOf(card).value).to.equal('TRAKT-P01');
    });
  });

  describe('remembered choice', () => {
    it('survives storage that throws (privacy mode): nothing breaks, nothing is remembered', async () => {
      const getItem = Storage.prototype.getItem;
      const setItem = Storage.prototype.setItem;
      Storage.prototype.getItem = () => {
        throw new DOMException('denied', 'SecurityError');
      };
      Storage.prototype.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
      try {
        expect(rememberedProfile('trakt')).to.equal(undefined);
        expect(() => rememberProfile('trakt', 'TRAKT-P01')).not.to.throw();
        cw = startCrossWatch({ config: PROFILE_CONFIG });
        const { card } = await mountProvider(cw, 'trakt');
        await choose(cw, card, 'TRAKT-P01');
        expect(card.instance).to.equal('TRAKT-P01');
        expect(inputOf(card, 'trakt.client_id')!.value).to.equal('kid-id');
      } finally {
        Storage.prototype.getItem = getItem;
        Storage.prototype.setItem = setItem;
      }
    });

    it('the key is per provider: cw-auth.<provider>.instance', () => {
      rememberProfile('trakt', 'TRAKT-P03');
      rememberProfile('plex', 'PLEX-P01');
      expect(localStorage.getItem('cw-auth.trakt.instance')).to.equal('TRAKT-P03');
      expect(localStorage.getItem('cw-auth.plex.instance')).to.equal('PLEX-P01');
      expect(rememberedProfile('trakt')).to.equal('TRAKT-P03');
      rememberProfile('trakt', 'default');
      expect(localStorage.getItem('cw-auth.trakt.instance')).to.equal(null);
    });
  });

  it('cleans up: removed while the list is loading, nothing keeps going', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG, latencyMs: 200 });
    const el = await fixture(html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
    await until(() => expect(callsTo(cw, 'GET', /provider-instances/)).to.have.length(1), 3000);
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    expect(cw.fetches.inFlight).to.equal(0);
    const count = cw.fetches.calls.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(cw.fetches.calls.length, 'no request after removal').to.equal(count);
  });

  it('an ApiError without server words never shows a raw code in the switcher', async () => {
    cw = startCrossWatch({ config: PROFILE_CONFIG });
    const { card } = await mountProvider(cw, 'trakt');
    const switcher = switcherOf(card)!;
    switcher.activity = { kind: 'error', action: 'rename', error: new ApiError({ code: 'conflict', message: 'conflict', status: 409 }) };
    await switcher.updateComplete;
    const text = alertText(card);
    expect(text).to.contain('The profile could not be renamed.');
    expect(text).to.contain(en['flow.error.conflict']);
    expect(text).not.to.match(/\bconflict\b(?! with)/);
  });
});
