/**
 * The cards in front of the CrossWatch-flavoured mock: its 18 recorded manifests (no routes, legacy
 * flow names), its masked config, and the routes it really serves. Nothing here uses our contract.
 */
import { expect, fixtureCleanup, html } from '../helpers.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import type { CwProviderField } from '../../src/elements/provider-field/provider-field.component.js';
import { MASK } from '../../src/api-client/config-paths.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import manifests from '../fixtures/crosswatch/auth-providers.json';
import configAfterSave from '../fixtures/crosswatch/config-after-save.json';
import {
  badgeOf,
  bodyOf,
  callsTo,
  cardNamed,
  cardsOf,
  deepQueryAll,
  deepText,
  fieldOf,
  inputOf,
  mountList,
  partIn,
  settled,
  isolatePage,
  startCrossWatch,
  typeInto,
  until,
  type CrossWatchTest,
} from './support.js';

const WIKI = 'https://wiki.crosswatch.app/crosswatch/settings/connections/';

/**
 * What each recorded manifest must become (crosswatch-api.md §2.1 and the presets): the canonical
 * flow the client maps the legacy name to, the flow the card runs, which element hosts it, the
 * brand colour, and the help link.
 */
const EXPECTED: Record<string, { label: string; raw: string; mapped: string | null; runs: string; element: string | undefined; brand: string; help: string }> = {
  ANILIST: { label: 'AniList', raw: 'oauth2', mapped: 'oauth', runs: 'oauth', element: 'cw-oauth-flow', brand: '#02a9ff', help: 'https://anilist.co/settings/developer' },
  BINGEBASE: { label: 'BingeBase', raw: 'device_code', mapped: 'device_code', runs: 'device_code', element: 'cw-device-flow', brand: '#ff8533', help: `${WIKI}trackers/bingebase` },
  // `actions.start` false: no connect flow, only the status (and Disconnect once connected).
  CROSSWATCH: { label: 'CrossWatch Local Tracker', raw: 'local', mapped: 'local', runs: 'local', element: undefined, brand: '#7c5cff', help: `${WIKI}trackers/crosswatch` },
  EMBY: { label: 'Emby', raw: 'token', mapped: 'credentials', runs: 'credentials', element: 'cw-credentials-flow', brand: '#3bb273', help: `${WIKI}media-servers/emby` },
  FLOPPY: { label: 'Floppy', raw: 'api_key', mapped: 'credentials', runs: 'credentials', element: 'cw-credentials-flow', brand: '#f5651e', help: `${WIKI}trackers/floppy` },
  JELLYFIN: { label: 'Jellyfin', raw: 'token', mapped: 'credentials', runs: 'credentials', element: 'cw-credentials-flow', brand: '#7b61ff', help: `${WIKI}media-servers/jellyfin` },
  KODI: { label: 'Kodi', raw: 'credentials', mapped: 'credentials', runs: 'credentials', element: 'cw-credentials-flow', brand: '#17b5d1', help: `${WIKI}media-clients/kodi` },
  MDBLIST: { label: 'MDBList', raw: 'device_code', mapped: 'device_code', runs: 'device_code', element: 'cw-device-flow', brand: '#2d74da', help: 'https://mdblist.com/preferences/' },
  NUVIO: { label: 'Nuvio', raw: 'tv_login', mapped: 'device_code', runs: 'device_code', element: 'cw-device-flow', brand: '#b048f0', help: `${WIKI}media-clients/nuvio` },
  PLEX: { label: 'Plex', raw: 'device_pin', mapped: 'device_code', runs: 'device_code', element: 'cw-device-flow', brand: '#e5a000', help: `${WIKI}media-servers/plex` },
  PUBLICMETADB: { label: 'PublicMetaDB', raw: 'api_keys', mapped: 'credentials', runs: 'credentials', element: 'cw-credentials-flow', brand: '#f5f5f5', help: `${WIKI}trackers/publicmetadb` },
  PUNCHPLAY: { label: 'PunchPlay', raw: 'device_code', mapped: 'device_code', runs: 'device_code', element: 'cw-device-flow', brand: '#f4400f', help: `${WIKI}trackers/punchplay` },
  SCROB: { label: 'Scrob', raw: 'api_key', mapped: 'credentials', runs: 'credentials', element: 'cw-credentials-flow', brand: '#6f36cc', help: `${WIKI}trackers/scrob` },
  // The manifest says oauth; CrossWatch's UI is PIN first (the preset knows).
  SIMKL: { label: 'SIMKL', raw: 'oauth', mapped: 'oauth', runs: 'device_code', element: 'cw-device-flow', brand: '#00b8f5', help: 'https://simkl.com/settings/developer/' },
  STREMIO: { label: 'Stremio', raw: 'credentials', mapped: 'credentials', runs: 'credentials', element: 'cw-credentials-flow', brand: '#722cfe', help: `${WIKI}media-clients/stremio` },
  TAUTULLI: { label: 'Tautulli', raw: 'api_keys', mapped: 'credentials', runs: 'credentials', element: 'cw-credentials-flow', brand: '#f59e0b', help: `${WIKI}others/tautulli` },
  TMDB: { label: 'TMDb', raw: 'api_keys', mapped: 'credentials', runs: 'credentials', element: 'cw-credentials-flow', brand: '#01b4e4', help: 'https://www.themoviedb.org/settings/api' },
  TRAKT: { label: 'Trakt', raw: 'device_pin', mapped: 'device_code', runs: 'device_code', element: 'cw-device-flow', brand: '#ed1c24', help: 'https://trakt.tv/oauth/applications' },
};

const fieldsOf = (card: CwProviderCard) => [...card.shadowRoot!.querySelectorAll<CwProviderField>('cw-provider-field')];
const saveButton = (card: CwProviderCard) => card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="save"]');
const flowOf = (card: CwProviderCard) =>
  card.shadowRoot!.querySelector<HTMLElement>('cw-device-flow, cw-oauth-flow, cw-credentials-flow, cw-connection-actions');

/** Clicks a part inside the card's flow and waits for the requests it starts. */
async function press(cw: CrossWatchTest, card: CwProviderCard, part: string) {
  const button = partIn(card, part);
  expect(button, `${part} in ${card.provider?.manifest.name}`).to.exist;
  button!.click();
  await settled(cw);
  await card.updateComplete;
}

describe('CrossWatch: the cards', () => {
  failOnLitWarnings();
  let cw: CrossWatchTest;
  isolatePage();
  afterEach(() => {
    fixtureCleanup();
    cw?.restore();
  });

  describe('all 18 recorded manifests', () => {
    it('render as cards: legacy flow names mapped, brand colours and help links from the presets', async () => {
      cw = startCrossWatch();
      const el = await mountList(cw);
      const names = manifests.map((m) => m.name);
      expect(names).to.have.length(18);
      expect(cardsOf(el).map((c) => c.provider!.manifest.name).sort()).to.deep.equal([...names].sort());
      expect(deepQueryAll(el, '[part~="card"].invalid, .invalid'), 'no manifest rejected').to.have.length(0);

      for (const card of cardsOf(el)) {
        const name = card.provider!.manifest.name;
        const want = EXPECTED[name]!;
        expect(card.provider!.label, name).to.equal(want.label);
        expect(card.provider!.manifest.rawFlow, name).to.equal(want.raw);
        expect(card.provider!.manifest.flow, `${name}: ${want.raw} mapped`).to.equal(want.mapped);
        expect(card.provider!.flow, `${name} runs`).to.equal(want.runs);
        expect(flowOf(card)?.localName, `${name} hosts`).to.equal(want.element);
        const box = card.shadowRoot!.querySelector<HTMLElement>('[part="card"]')!;
        expect(box.style.getPropertyValue('--_brand-color'), `${name} brand`).to.equal(want.brand);
        expect(card.provider!.helpUrl, `${name} help`).to.equal(want.help);
        expect(card.shadowRoot!.querySelector('[part="title"]')!.textContent!.trim()).to.equal(want.label);
        // Fields exactly as the manifest lists them, keys untouched (dotted keys included).
        const manifest = manifests.find((m) => m.name === name)!;
        expect(fieldsOf(card).map((f) => f.state!.field.key), `${name} fields`).to.deep.equal(manifest.fields.map((f) => f.key));
        expect(badgeOf(card), name).to.equal('Status: Not configured');
      }
      // The help link is what the "keys needed" hint offers (Trakt: its developer portal).
      const traktLink = cardNamed(el, 'TRAKT').shadowRoot!.querySelector<HTMLAnchorElement>('[part="hint"] a[part="link"]')!;
      expect(traktLink.href).to.equal('https://trakt.tv/oauth/applications');
      const tautulliLink = cardNamed(el, 'TAUTULLI').shadowRoot!.querySelector<HTMLAnchorElement>('[part="hint"] a[part="link"]')!;
      expect(tautulliLink.href).to.equal(`${WIKI}others/tautulli`);
      await expect(el).to.be.accessible();
    });

    it('fields: dotted keys, bool fields as checkboxes, readonly fields, and providers without fields', async () => {
      cw = startCrossWatch();
      const el = await mountList(cw);

      const tautulli = cardNamed(el, 'TAUTULLI');
      const userId = inputOf(tautulli, 'tautulli.history.user_id');
      expect(userId.type).to.equal('text');
      expect(fieldOf(tautulli, 'tautulli.history.user_id').state!.path).to.equal('tautulli.history.user_id');
      expect(inputOf(tautulli, 'tautulli.verify_ssl').type).to.equal('checkbox');
      expect(inputOf(tautulli, 'tautulli.verify_ssl').checked, 'verify_ssl false in the config').to.equal(false);

      const bools = (card: CwProviderCard) => deepQueryAll(card, 'input[type="checkbox"]').length;
      expect(bools(cardNamed(el, 'FLOPPY'))).to.equal(1);
      expect(bools(cardNamed(el, 'KODI'))).to.equal(1);
      expect(bools(cardNamed(el, 'SCROB'))).to.equal(1);

      // TMDB's session id is written by the server only.
      const tmdb = cardNamed(el, 'TMDB');
      const session = inputOf(tmdb, 'tmdb_sync.session_id');
      expect(session.readOnly).to.equal(true);
      expect(session.getAttribute('aria-readonly')).to.equal('true');
      expect(session.placeholder).to.equal('Not set');
      expect(fieldOf(tmdb, 'tmdb_sync.session_id').state!.path).to.equal('tmdb_sync.session_id');

      for (const name of ['PLEX', 'BINGEBASE', 'NUVIO', 'PUNCHPLAY', 'CROSSWATCH']) {
        const card = cardNamed(el, name);
        expect(fieldsOf(card), name).to.have.length(0);
        expect(saveButton(card), `${name}: nothing to save`).to.equal(null);
        expect(card.shadowRoot!.querySelector('[part="hint"]'), `${name}: no keys needed`).to.equal(null);
      }
      await expect(el).to.be.accessible();
    });

    it('the local tracker (CROSSWATCH, actions.start false): no Connect; only its status, and Disconnect once switched on', async () => {
      cw = startCrossWatch();
      let el = await mountList(cw, html`<cw-auth-providers providers="crosswatch"></cw-auth-providers>`);
      let card = cardNamed(el, 'CROSSWATCH');
      const manifest = manifests.find((m) => m.name === 'CROSSWATCH')!;
      expect(manifest.actions.start, 'the recorded manifest').to.equal(false);
      expect(card.provider!.flow).to.equal('local');
      expect(card.provider!.routes.connect, 'no connect route for it').to.equal(undefined);
      expect(badgeOf(card)).to.equal('Status: Not configured');
      expect(flowOf(card), 'no flow element').to.equal(null);
      expect(partIn(card, 'start-button')).to.equal(undefined);
      const buttons = deepQueryAll(card, 'button').map((b) => b.textContent!.trim());
      expect(buttons.filter((b) => /connect|verbind/i.test(b)), buttons.join(', ')).to.deep.equal([]);
      await expect(card).to.be.accessible();
      expect(callsTo(cw, 'POST', /\/api\/crosswatch\//), 'nothing posted').to.have.length(0);
      fixtureCleanup();
      cw.restore();

      // Switched on in CrossWatch: the status says so, and Disconnect is the only action.
      cw = startCrossWatch();
      cw.backend.connect('crosswatch');
      el = await mountList(cw, html`<cw-auth-providers providers="crosswatch"></cw-auth-providers>`);
      card = cardNamed(el, 'CROSSWATCH');
      await until(() => expect(badgeOf(card)).to.equal('Status: Connected'));
      const actions = card.shadowRoot!.querySelector('cw-connection-actions')!;
      await (actions as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      expect(partIn(card, 'disconnect-button')).to.exist;
      expect(partIn(card, 'refresh-button'), 'the manifest offers no refresh').to.equal(undefined);
      expect(partIn(card, 'start-button')).to.equal(undefined);
      await expect(card).to.be.accessible();
      const mark = cw.fetches.calls.length;
      await press(cw, card, 'disconnect-button');
      await press(cw, card, 'confirm-button');
      expect(callsTo(cw, 'POST', '/api/crosswatch/disconnect', mark)).to.have.length(1);
      expect(callsTo(cw, 'POST', /token\/delete$/, mark)).to.have.length(0);
      await until(() => expect(badgeOf(card)).to.equal('Status: Not configured'));
      await settled(cw);
      await card.updateComplete;
      expect(partIn(card, 'start-button'), 'disconnected again: still no Connect').to.equal(undefined);
      expect(flowOf(card)).to.equal(null);
      expect(callsTo(cw, 'POST', '/api/crosswatch/connect')).to.have.length(0);
    });
  });

  describe('config', () => {
    it('hydrates from the real masked config: masked secrets show as saved, empty ones as missing', async () => {
      cw = startCrossWatch({ config: { trakt: { client_id: 'abc', client_secret: 'topsecret' } } });
      const el = await mountList(cw);
      // The server really sent the mask, never the secret.
      expect(el.configStore!.config!['trakt']).to.include({ client_id: 'abc', client_secret: MASK });

      const trakt = cardNamed(el, 'TRAKT');
      expect(inputOf(trakt, 'trakt.client_id').value).to.equal('abc');
      const secret = fieldOf(trakt, 'trakt.client_secret');
      expect(secret.shadowRoot!.querySelector('input'), 'a saved secret has no input').to.equal(null);
      expect(deepText(secret)).to.contain('Saved (hidden)');
      expect(badgeOf(trakt)).to.equal('Status: Keys saved');
      expect(trakt.shadowRoot!.querySelector('[part="hint"]')).to.equal(null);

      // AniList's secret is "" in the recording: missing, and the hint asks for it.
      const anilist = cardNamed(el, 'ANILIST');
      expect(el.configStore!.config!['anilist']).to.include({ client_secret: '' });
      expect(inputOf(anilist, 'anilist.client_secret').value).to.equal('');
      expect(inputOf(anilist, 'anilist.client_secret').type).to.equal('password');
      expect(anilist.shadowRoot!.querySelector('[part="hint"]')!.textContent).to.contain('To connect AniList, fill in: Client ID, Client Secret.');
      expect(badgeOf(anilist)).to.equal('Status: Not configured');
      // SIMKL's PIN needs no keys: its empty keys are asked for its OAuth way only.
      expect(inputOf(cardNamed(el, 'SIMKL'), 'simkl.client_secret').value).to.equal('');
      const simklHint = cardNamed(el, 'SIMKL').shadowRoot!.querySelector('[part="hint"]')!.textContent;
      expect(simklHint).to.contain('Connecting with a PIN needs no keys.');
      expect(simklHint).not.to.contain('To connect SIMKL');
      expect(deepText(el)).not.to.contain('topsecret');
      expect(deepText(el)).not.to.contain('\u2022');
    });

    it('saving posts only the changed keys, and a fresh config then reads exactly as recorded after save', async () => {
      cw = startCrossWatch();
      const el = await mountList(cw, html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
      const trakt = cardNamed(el, 'TRAKT');
      await typeInto(trakt, 'trakt.client_id', 'abc');
      await typeInto(trakt, 'trakt.client_secret', 'xyz-secret');
      const before = cw.fetches.calls.length;
      saveButton(trakt)!.click();
      await settled(cw);
      const saves = callsTo(cw, 'POST', '/api/config', before);
      expect(saves).to.have.length(1);
      expect(bodyOf(saves[0])).to.deep.equal({ trakt: { client_id: 'abc', client_secret: 'xyz-secret' } });
      expect(callsTo(cw, 'POST', '/api/config/unset', before)).to.have.length(0);
      expect(trakt.shadowRoot!.querySelector('[part~="message"].success')!.textContent).to.equal('Settings saved.');
      // CrossWatch's answer to exactly this save was recorded: the mock reproduces it.
      const config = await (await fetch('/api/config')).json();
      expect(config).to.deep.equal(configAfterSave);
      await until(() => expect(badgeOf(trakt)).to.equal('Status: Keys saved'));
    });

    it('a dotted key saves as a nested partial; untouched fields and masked secrets are not sent', async () => {
      cw = startCrossWatch({ config: { tautulli: { server_url: 'http://tautulli.lan:8181', api_key: 'k'.repeat(32) } } });
      const el = await mountList(cw, html`<cw-auth-providers providers="tautulli"></cw-auth-providers>`);
      const tautulli = cardNamed(el, 'TAUTULLI');
      expect(deepText(fieldOf(tautulli, 'tautulli.api_key'))).to.contain('Saved (hidden)');
      await typeInto(tautulli, 'tautulli.history.user_id', '7');
      const before = cw.fetches.calls.length;
      saveButton(tautulli)!.click();
      await settled(cw);
      const saves = callsTo(cw, 'POST', '/api/config', before);
      expect(saves).to.have.length(1);
      expect(bodyOf(saves[0])).to.deep.equal({ tautulli: { history: { user_id: '7' } } });
    });

    it('clearing a saved secret uses /api/config/unset (a blank POST would keep it)', async () => {
      cw = startCrossWatch({ config: { trakt: { client_id: 'abc', client_secret: 'topsecret' } } });
      const el = await mountList(cw, html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
      const trakt = cardNamed(el, 'TRAKT');
      const secret = fieldOf(trakt, 'trakt.client_secret');
      secret.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="clear"]')!.click();
      await trakt.updateComplete;
      const before = cw.fetches.calls.length;
      saveButton(trakt)!.click();
      await settled(cw);
      const unsets = callsTo(cw, 'POST', '/api/config/unset', before);
      expect(unsets).to.have.length(1);
      expect(bodyOf(unsets[0])).to.deep.equal({ paths: ['trakt.client_secret'] });
      expect(callsTo(cw, 'POST', '/api/config', before), 'nothing else changed').to.have.length(0);
      await until(() => expect(inputOf(trakt, 'trakt.client_secret')).to.exist);
      expect(inputOf(trakt, 'trakt.client_secret').value).to.equal('');
      expect(trakt.shadowRoot!.querySelector('[part="hint"]')!.textContent).to.contain('fill in: Client Secret.');
      const config = await (await fetch('/api/config')).json();
      expect(config.trakt, 'removed on the server').to.not.have.property('client_secret');
    });
  });

  describe('each card calls what CrossWatch serves', () => {
    it('Plex: Get code → POST /api/plex/pin/new with a JSON body', async () => {
      cw = startCrossWatch();
      const el = await mountList(cw, html`<cw-auth-providers providers="plex"></cw-auth-providers>`);
      const plex = cardNamed(el, 'PLEX');
      const before = cw.fetches.calls.length;
      await press(cw, plex, 'start-button');
      const starts = callsTo(cw, 'POST', '/api/plex/pin/new', before);
      expect(starts).to.have.length(1);
      expect(starts[0]!.body).to.equal('{}');
      expect(partIn(plex, 'code')!.textContent).to.match(/[A-Z0-9]{4}/);
      await press(cw, plex, 'cancel-button');
    });

    it('Trakt: with keys saved, Get code → POST /api/trakt/pin/new; without them it asks for the keys first', async () => {
      cw = startCrossWatch();
      let el = await mountList(cw, html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
      let trakt = cardNamed(el, 'TRAKT');
      let before = cw.fetches.calls.length;
      await press(cw, trakt, 'start-button');
      expect(callsTo(cw, 'POST', '/api/trakt/pin/new', before), 'no keys: nothing sent').to.have.length(0);
      expect(partIn(trakt, 'error-message')!.textContent).to.contain('Client ID');
      fixtureCleanup();
      cw.restore();

      cw = startCrossWatch({ config: { trakt: { client_id: 'abc', client_secret: 'topsecret' } } });
      el = await mountList(cw, html`<cw-auth-providers providers="trakt"></cw-auth-providers>`);
      trakt = cardNamed(el, 'TRAKT');
      before = cw.fetches.calls.length;
      await press(cw, trakt, 'start-button');
      expect(callsTo(cw, 'POST', '/api/trakt/pin/new', before)).to.have.length(1);
      expect(partIn(trakt, 'code')).to.exist;
      await press(cw, trakt, 'cancel-button');
    });

    it('SIMKL: PIN first → POST /api/simkl/pin/start (no keys needed), then pin/poll', async () => {
      cw = startCrossWatch();
      const el = await mountList(cw, html`<cw-auth-providers providers="simkl"></cw-auth-providers>`);
      const simkl = cardNamed(el, 'SIMKL');
      const before = cw.fetches.calls.length;
      await press(cw, simkl, 'start-button');
      expect(callsTo(cw, 'POST', '/api/simkl/pin/start', before)).to.have.length(1);
      expect(callsTo(cw, 'POST', '/api/simkl/authorize', before)).to.have.length(0);
      await until(() => expect(callsTo(cw, 'POST', '/api/simkl/pin/poll', before).length).to.be.greaterThan(0), 8000);
      await press(cw, simkl, 'cancel-button');
      expect(callsTo(cw, 'POST', '/api/simkl/pin/cancel', before)).to.have.length(1);
    }).timeout(15000);

    it('MDBList: Get code → POST /api/mdblist/device/start', async () => {
      cw = startCrossWatch();
      const el = await mountList(cw, html`<cw-auth-providers providers="mdblist"></cw-auth-providers>`);
      const mdblist = cardNamed(el, 'MDBLIST');
      const before = cw.fetches.calls.length;
      await press(cw, mdblist, 'start-button');
      expect(callsTo(cw, 'POST', '/api/mdblist/device/start', before)).to.have.length(1);
      expect(partIn(mdblist, 'code')).to.exist;
      await press(cw, mdblist, 'cancel-button');
      expect(callsTo(cw, 'POST', '/api/mdblist/device/cancel', before)).to.have.length(1);
    });

    it('Jellyfin: Connect → POST /api/jellyfin/login with the typed values keyed by their last segment', async () => {
      cw = startCrossWatch();
      const el = await mountList(cw, html`<cw-auth-providers providers="jellyfin"></cw-auth-providers>`);
      const jellyfin = cardNamed(el, 'JELLYFIN');
      await typeInto(jellyfin, 'jellyfin.server', 'http://jf.lan:8096');
      await typeInto(jellyfin, 'jellyfin.username', 'bob');
      await typeInto(jellyfin, 'jellyfin.password', 'pw-1');
      const before = cw.fetches.calls.length;
      await press(cw, jellyfin, 'start-button');
      const logins = callsTo(cw, 'POST', '/api/jellyfin/login', before);
      expect(logins).to.have.length(1);
      expect(bodyOf(logins[0])).to.include({ server: 'http://jf.lan:8096', username: 'bob', password: 'pw-1' });
      await until(() => expect(badgeOf(jellyfin)).to.match(/^Status: Connected/));
      expect(partIn(jellyfin, 'disconnect-button'), 'connected: the actions replace the form').to.exist;
    });

    it('Tautulli: Connect → POST /api/tautulli/save; then its status route reads connected', async () => {
      cw = startCrossWatch();
      const el = await mountList(cw, html`<cw-auth-providers providers="tautulli"></cw-auth-providers>`);
      const tautulli = cardNamed(el, 'TAUTULLI');
      await typeInto(tautulli, 'tautulli.server_url', 'http://tautulli.lan:8181');
      await typeInto(tautulli, 'tautulli.api_key', '0123456789abcdef0123456789abcdef');
      const before = cw.fetches.calls.length;
      await press(cw, tautulli, 'start-button');
      const saves = callsTo(cw, 'POST', '/api/tautulli/save', before);
      expect(saves).to.have.length(1);
      expect(bodyOf(saves[0])).to.include({ server_url: 'http://tautulli.lan:8181', api_key: '0123456789abcdef0123456789abcdef' });
      await until(() => expect(badgeOf(tautulli)).to.match(/^Status: Connected/));
    });

    it('Disconnect: Trakt uses token/delete, Kodi uses disconnect', async () => {
      cw = startCrossWatch();
      cw.backend.connect('trakt', 'ada');
      cw.backend.connect('kodi');
      const el = await mountList(cw, html`<cw-auth-providers providers="trakt,kodi"></cw-auth-providers>`);
      for (const [name, route, other] of [
        ['TRAKT', '/api/trakt/token/delete', '/api/trakt/disconnect'],
        ['KODI', '/api/kodi/disconnect', '/api/kodi/token/delete'],
      ] as const) {
        const card = cardNamed(el, name);
        await until(() => expect(badgeOf(card), name).to.match(/^Status: Connected/));
        const before = cw.fetches.calls.length;
        await press(cw, card, 'disconnect-button');
        await press(cw, card, 'confirm-button');
        expect(callsTo(cw, 'POST', route, before), name).to.have.length(1);
        expect(callsTo(cw, 'POST', other, before), name).to.have.length(0);
        await until(() => expect(badgeOf(card), name).to.not.match(/Connected/));
      }
    });
  });
});
