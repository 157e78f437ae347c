/**
 * Route knowledge and presets: CrossWatch's 18 real manifests (recorded fixture) resolve to the
 * routes CrossWatch really serves; manifests that carry `routes` win; unknown providers get the
 * contract's defaults; only http(s) URLs survive.
 */
import { expect } from '../helpers.js';
import crosswatchManifests from '../fixtures/crosswatch/auth-providers.json';
import configAfterSave from '../fixtures/crosswatch/config-after-save.json';
import configFresh from '../fixtures/crosswatch/config-fresh.json';
import { parseProviderList } from '../../src/api-client/manifest.js';
import type { ProviderManifest } from '../../src/api-client/types.js';
import { MASK } from '../../src/api-client/config-paths.js';
import { describeProvider, missingKeys, requiredFieldsFor } from '../../src/providers/describe.js';
import { instancePath, resolveRoutes, tokenPathsFor } from '../../src/providers/routes.js';
// The CrossWatch adapter, loaded (it registers itself): describeProvider then knows CrossWatch's routes.
import { CROSSWATCH_ROUTES } from '../../src/adapters/crosswatch/crosswatch.js';
import { PRESETS, PROVIDER_GROUPS } from '../../src/providers/presets.js';
import { connectedFromConfig } from '../../src/providers/check-connected.js';
import { safeHttpUrl } from '../../src/providers/urls.js';
import type { ResolvedRoutes } from '../../src/providers/types.js';
import { createMockBackend } from '../support/mock.js';

const ORIGIN = 'https://cw.example.com';
const parsed = parseProviderList(crosswatchManifests);
const byName = (name: string): ProviderManifest => parsed.manifests.find((m) => m.name === name)!;

/** What CrossWatch v0.11.3 serves (crosswatch-api.md §3.4–3.8), per provider. */
const EXPECTED: Record<string, ResolvedRoutes> = {
  PLEX: {
    device: { mode: 'server', start: '/api/plex/pin/new' },
    tokenPaths: ['plex.account_token', 'auth.plex.account_token', 'auth.plex.access_token'],
    disconnect: '/api/plex/token/delete',
  },
  TRAKT: {
    device: { mode: 'server', start: '/api/trakt/pin/new' },
    tokenPaths: ['trakt.access_token', 'auth.trakt.access_token'],
    disconnect: '/api/trakt/token/delete',
  },
  SIMKL: {
    device: { mode: 'poll', start: '/api/simkl/pin/start', poll: '/api/simkl/pin/poll', cancel: '/api/simkl/pin/cancel' },
    authorize: '/api/simkl/authorize',
    tokenPaths: ['simkl.access_token', 'auth.simkl.access_token'],
    disconnect: '/api/simkl/token/delete',
  },
  ANILIST: {
    authorize: '/api/anilist/authorize',
    status: '/api/anilist/status',
    statusDetail: true,
    tokenPaths: ['anilist.access_token'],
    disconnect: '/api/anilist/token/delete',
  },
  TMDB: { connect: '/api/tmdb_sync/save', status: '/api/tmdb_sync/verify', tokenPaths: ['tmdb_sync.session_id'], disconnect: '/api/tmdb_sync/disconnect' },
  MDBLIST: {
    device: { mode: 'poll', start: '/api/mdblist/device/start', poll: '/api/mdblist/device/poll', cancel: '/api/mdblist/device/cancel' },
    connect: '/api/mdblist/save',
    status: '/api/mdblist/status',
    statusDetail: true,
    tokenPaths: ['mdblist.access_token', 'mdblist.api_key'],
    refresh: '/api/mdblist/refresh',
    disconnect: '/api/mdblist/disconnect',
  },
  PUBLICMETADB: { connect: '/api/publicmetadb/save', status: '/api/publicmetadb/status', tokenPaths: ['publicmetadb.api_key'], disconnect: '/api/publicmetadb/disconnect' },
  PUNCHPLAY: {
    device: { mode: 'poll', start: '/api/punchplay/device/start', poll: '/api/punchplay/device/poll', cancel: '/api/punchplay/device/cancel' },
    status: '/api/punchplay/status',
    statusDetail: true,
    tokenPaths: ['punchplay.access_token'],
    refresh: '/api/punchplay/refresh',
    disconnect: '/api/punchplay/disconnect',
  },
  BINGEBASE: {
    device: { mode: 'poll', start: '/api/bingebase/device/start', poll: '/api/bingebase/device/poll', cancel: '/api/bingebase/device/cancel' },
    status: '/api/bingebase/status',
    statusDetail: true,
    tokenPaths: ['bingebase.access_token'],
    disconnect: '/api/bingebase/disconnect',
  },
  NUVIO: {
    device: { mode: 'poll', start: '/api/nuvio/device/start', poll: '/api/nuvio/device/poll', finish: '/api/nuvio/device/finish' },
    status: '/api/nuvio/status',
    statusDetail: true,
    tokenPaths: ['nuvio.access_token'],
    refresh: '/api/nuvio/refresh',
    disconnect: '/api/nuvio/disconnect',
    // The TV login selects the first viewer profile; the connected card offers the others.
    accountProfiles: { list: '/api/nuvio/profiles', select: '/api/nuvio/profile/select' },
  },
  JELLYFIN: {
    connect: '/api/jellyfin/login',
    // Quick Connect, the second way: GET poll, the server URL sent with the start, the code entered on that server.
    device: {
      mode: 'poll',
      start: '/api/jellyfin/quickconnect/start',
      poll: '/api/jellyfin/quickconnect/poll',
      cancel: '/api/jellyfin/quickconnect/cancel',
      pollMethod: 'GET',
      relaysProvider: true,
      send: ['server'],
      verifyAt: { field: 'server', path: '/web/#/quickconnect' },
    },
    status: '/api/jellyfin/status',
    statusDetail: true,
    tokenPaths: ['jellyfin.access_token'],
    disconnect: '/api/jellyfin/token/delete',
  },
  EMBY: { connect: '/api/emby/login', status: '/api/emby/status', statusDetail: true, tokenPaths: ['emby.access_token'], disconnect: '/api/emby/token/delete' },
  KODI: { connect: '/api/kodi/connect', status: '/api/kodi/status', statusDetail: true, tokenPaths: ['kodi.connection_verified'], disconnect: '/api/kodi/disconnect' },
  STREMIO: { connect: '/api/stremio/connect', status: '/api/stremio/status', tokenPaths: ['stremio.auth_key'], disconnect: '/api/stremio/disconnect' },
  TAUTULLI: { connect: '/api/tautulli/save', status: '/api/tautulli/status', tokenPaths: ['tautulli.api_key'], disconnect: '/api/tautulli/disconnect' },
  FLOPPY: { connect: '/api/floppy/save', status: '/api/floppy/status', tokenPaths: ['floppy.api_token'], disconnect: '/api/floppy/disconnect' },
  SCROB: { connect: '/api/scrob/save', status: '/api/scrob/status', statusDetail: true, tokenPaths: ['scrob.access_token', 'scrob.api_key'], disconnect: '/api/scrob/disconnect' },
  // CrossWatch serves /api/crosswatch/connect too, but the manifest says `start: false`: no Connect.
  CROSSWATCH: { tokenPaths: ['crosswatch.connected'], disconnect: '/api/crosswatch/disconnect' },
};

const manifest = (over: Partial<ProviderManifest> & { name: string }): ProviderManifest => ({
  id: over.name.toLowerCase(),
  label: over.name,
  flow: 'device_code',
  rawFlow: 'device_code',
  fields: [],
  actions: { start: true, finish: true, refresh: false, disconnect: true },
  ...over,
});

describe('resolveRoutes: CrossWatch manifests (recorded fixture)', () => {
  it('parses all 18 manifests', () => {
    expect(parsed.invalid).to.deep.equal([]);
    expect(parsed.manifests.map((m) => m.name).sort()).to.deep.equal(Object.keys(EXPECTED).sort());
  });

  for (const name of Object.keys(EXPECTED)) {
    it(`${name} gets CrossWatch's real routes`, () => {
      expect(resolveRoutes(byName(name), CROSSWATCH_ROUTES)).to.deep.equal(EXPECTED[name]);
    });
  }

  it('uses refresh only where CrossWatch serves it from the UI (not Trakt, TMDb or Scrob)', () => {
    const withRefresh = parsed.manifests.filter((m) => resolveRoutes(m, CROSSWATCH_ROUTES).refresh).map((m) => m.name);
    expect(withRefresh.sort()).to.deep.equal(['MDBLIST', 'NUVIO', 'PUNCHPLAY']);
    expect(byName('TRAKT').actions.refresh, 'the manifest claims refresh').to.equal(true);
  });

  it("offers Jellyfin's Quick Connect only to CrossWatch's manifest, not to one that declares its own routes", () => {
    expect(resolveRoutes(byName('JELLYFIN'), CROSSWATCH_ROUTES).device?.start).to.equal('/api/jellyfin/quickconnect/start');
    const declared = manifest({
      name: 'JELLYFIN',
      flow: 'credentials',
      rawFlow: 'credentials',
      routes: { connect: '/api/jellyfin/connect', status: '/api/jellyfin/status', disconnect: '/api/jellyfin/disconnect' },
    });
    const routes = resolveRoutes(declared, CROSSWATCH_ROUTES);
    expect(routes.device, 'no second way the manifest did not declare').to.equal(undefined);
    expect(routes.connect).to.equal('/api/jellyfin/connect');
  });

  it('has no status route exactly for Plex, Trakt, SIMKL and CrossWatch (token in config instead)', () => {
    const noStatus = parsed.manifests.filter((m) => !resolveRoutes(m, CROSSWATCH_ROUTES).status).map((m) => m.name);
    expect(noStatus.sort()).to.deep.equal(['CROSSWATCH', 'PLEX', 'SIMKL', 'TRAKT']);
  });
});

describe('describeProvider', () => {
  it('gives every CrossWatch provider its brand colour, https help link and group', () => {
    for (const m of parsed.manifests) {
      const p = describeProvider(m, { origin: ORIGIN });
      expect(p.brandColor, m.name).to.match(/^#[0-9a-f]{6}$/);
      expect(p.helpUrl, m.name).to.match(/^https:\/\//);
      expect(PROVIDER_GROUPS as readonly string[], m.name).to.include(p.group);
      expect(p.label, m.name).to.equal(m.label);
    }
    expect(describeProvider(byName('TRAKT')).brandColor).to.equal('#ed1c24');
    expect(describeProvider(byName('PLEX')).group).to.equal('Media servers');
    expect(describeProvider(byName('NUVIO')).group).to.equal('Media clients');
    expect(describeProvider(byName('TAUTULLI')).group).to.equal('Others');
  });

  it('fixes drifted manifests: Plex links to plex.tv/link, SIMKL is PIN-first with OAuth as well', () => {
    expect(byName('PLEX').verifyUrl).to.equal('https://plex.tv/pin');
    expect(describeProvider(byName('PLEX')).verifyUrl).to.equal('https://plex.tv/link');
    const simkl = describeProvider(byName('SIMKL'), { origin: ORIGIN });
    expect(byName('SIMKL').flow).to.equal('oauth');
    expect(simkl.flow).to.equal('device_code');
    expect(simkl.routes.authorize).to.equal('/api/simkl/authorize');
    expect(simkl.verifyUrl).to.equal('https://simkl.com/pin');
  });

  it('builds the redirect URLs to register: SIMKL, AniList from the origin; Trakt out-of-band', () => {
    expect(describeProvider(byName('SIMKL'), { origin: ORIGIN }).redirectUrl).to.equal(`${ORIGIN}/callback`);
    expect(describeProvider(byName('ANILIST'), { origin: ORIGIN }).redirectUrl).to.equal(`${ORIGIN}/callback/anilist`);
    expect(describeProvider(byName('TRAKT'), { origin: ORIGIN }).redirectUrl).to.equal('urn:ietf:wg:oauth:2.0:oob');
    expect(describeProvider(byName('PLEX'), { origin: ORIGIN }).redirectUrl).to.equal(undefined);
    expect(describeProvider(byName('SIMKL')).redirectUrl).to.equal(`${location.origin}/callback`);
  });

  it('points key-needing providers at their developer portal', () => {
    expect(describeProvider(byName('TRAKT')).helpUrl).to.equal('https://trakt.tv/oauth/applications');
    expect(describeProvider(byName('ANILIST')).helpUrl).to.equal('https://anilist.co/settings/developer');
    expect(describeProvider(byName('JELLYFIN')).helpUrl).to.equal(PRESETS.jellyfin!.docsUrl);
  });

  it("lets a manifest's own routes, brand, help and verify URL win over presets", () => {
    const own = manifest({
      name: 'PLEX',
      verifyUrl: 'http://localhost:8787/mock/activate?provider=plex',
      routes: { start: '/api/plex/device/start', poll: '/api/plex/device/poll', cancel: '/api/plex/device/cancel', status: '/api/plex/status' },
      brand: { color: '#123456' },
      helpUrl: 'https://example.com/help',
      group: 'Servers',
    });
    const p = describeProvider(own, { origin: ORIGIN });
    expect(p.routes.device).to.deep.equal({ mode: 'poll', start: '/api/plex/device/start', poll: '/api/plex/device/poll', cancel: '/api/plex/device/cancel' });
    expect(p.routes.status).to.equal('/api/plex/status');
    // It speaks our contract: what it does not name is the contract's default, not CrossWatch's
    // token/delete, although CrossWatch's adapter is loaded in this page.
    expect(p.routes.disconnect, 'not named by the manifest: the contract default').to.equal('/api/plex/disconnect');
    expect(p.routes.tokenPaths, "no CrossWatch token paths").to.equal(undefined);
    expect(p.brandColor).to.equal('#123456');
    expect(p.helpUrl).to.equal('https://example.com/help');
    expect(p.verifyUrl).to.equal('http://localhost:8787/mock/activate?provider=plex');
    expect(p.group).to.equal('Servers');
  });

  it('treats a manifest start route without poll as the server-side waiter (mode server)', () => {
    const routes = resolveRoutes(manifest({ name: 'ACME', routes: { start: '/x/pin/new' } }));
    expect(routes.device).to.deep.equal({ mode: 'server', start: '/x/pin/new' });
  });

  it('gives unknown providers the contract defaults for their flow and actions', () => {
    const device = resolveRoutes(manifest({ name: 'ACME', actions: { start: true, finish: true, refresh: true, disconnect: true } }));
    expect(device).to.deep.equal({
      device: { mode: 'poll', start: '/api/acme/device/start', poll: '/api/acme/device/poll', cancel: '/api/acme/device/cancel' },
      status: '/api/acme/status',
      refresh: '/api/acme/refresh',
      disconnect: '/api/acme/disconnect',
    });
    expect(resolveRoutes(manifest({ name: 'ACME', flow: 'oauth' }))).to.deep.equal({
      authorize: '/api/acme/authorize',
      status: '/api/acme/status',
      disconnect: '/api/acme/disconnect',
    });
    expect(resolveRoutes(manifest({ name: 'ACME', flow: 'credentials' })).connect).to.equal('/api/acme/connect');
    const unknownFlow = resolveRoutes(manifest({ name: 'ACME', flow: null, rawFlow: 'magic', actions: { start: false, finish: false, refresh: false, disconnect: false } }));
    expect(unknownFlow).to.deep.equal({ status: '/api/acme/status' });
  });

  it('serves every provider of our mock from its own manifest routes', () => {
    const backend = createMockBackend();
    const { handlers } = backend;
    expect(handlers.length).to.be.greaterThan(0);
    // The mock's manifests as the client sees them.
    return fetchMockManifests(backend).then((manifests) => {
      for (const m of manifests) {
        const p = describeProvider(m, { origin: ORIGIN });
        if (m.routes?.start) expect(p.routes.device?.start, m.name).to.equal(m.routes.start);
        if (m.routes?.status) expect(p.routes.status, m.name).to.equal(m.routes.status);
        if (m.flow) expect(p.flow, m.name).to.equal(m.flow);
      }
      const emby = describeProvider(manifests.find((m) => m.name === 'EMBY')!);
      expect(emby.routes.connect, 'legacy manifest without routes: CrossWatch knowledge').to.equal('/api/emby/login');
    });
  });

  it('drops non-http(s) URLs and CSS that could break out of a colour', () => {
    const p = describeProvider(
      manifest({
        name: 'EVIL',
        verifyUrl: 'javascript:alert(1)',
        helpUrl: 'data:text/html,<script>alert(1)</script>',
        redirectUrl: 'javascript:alert(1)',
        brand: { color: 'red; background: url(https://evil.example/x)' },
        routes: { start: '/api/evil/device/start' },
      }),
      { origin: ORIGIN },
    );
    expect(p.verifyUrl).to.equal(undefined);
    expect(p.helpUrl).to.equal(undefined);
    expect(p.redirectUrl).to.equal(undefined);
    expect(p.brandColor).to.equal(undefined);
    expect(safeHttpUrl('https://ok.example/a')).to.equal('https://ok.example/a');
    expect(safeHttpUrl('  javascript:alert(1)')).to.equal(undefined);
    expect(safeHttpUrl('/rel', ORIGIN)).to.equal(`${ORIGIN}/rel`);
  });
});

describe('keys and token paths', () => {
  it('knows which flows need the app keys (SIMKL PIN and MDBList device code need none)', () => {
    expect(requiredFieldsFor(describeProvider(byName('TRAKT'))).map((f) => f.key)).to.deep.equal(['trakt.client_id', 'trakt.client_secret']);
    expect(requiredFieldsFor(describeProvider(byName('SIMKL')), 'device_code')).to.deep.equal([]);
    expect(requiredFieldsFor(describeProvider(byName('SIMKL')), 'oauth').map((f) => f.key)).to.deep.equal(['simkl.client_id', 'simkl.client_secret']);
    expect(requiredFieldsFor(describeProvider(byName('TMDB'))).map((f) => f.key), 'readonly session id excluded').to.deep.equal(['tmdb_sync.api_key']);
  });

  it('spots missing keys in the real masked config, per profile', () => {
    const trakt = describeProvider(byName('TRAKT'));
    expect(missingKeys(trakt, configFresh)!.map((f) => f.key)).to.deep.equal(['trakt.client_id', 'trakt.client_secret']);
    expect(missingKeys(trakt, configAfterSave), 'client id saved, secret masked').to.deep.equal([]);
    expect(missingKeys(trakt, undefined), 'unknown config: let the server decide').to.equal(undefined);
    const profile = { trakt: { client_id: 'a', client_secret: MASK, instances: { 'TRAKT-P01': { client_id: 'b', client_secret: '' } } } };
    expect(missingKeys(trakt, profile, 'TRAKT-P01')!.map((f) => f.key)).to.deep.equal(['trakt.client_secret']);
    expect(instancePath('tautulli.history.user_id', 'TAUTULLI-P02')).to.equal('tautulli.instances.TAUTULLI-P02.history.user_id');
  });

  it('reads "connected" from masked tokens, legacy auth.* and profiles', () => {
    const trakt = describeProvider(byName('TRAKT'));
    expect(connectedFromConfig(trakt, configFresh)).to.equal(false);
    expect(connectedFromConfig(trakt, { trakt: { access_token: MASK } })).to.equal(true);
    expect(connectedFromConfig(trakt, { auth: { trakt: { access_token: MASK } } }), 'legacy place').to.equal(true);
    expect(connectedFromConfig(trakt, { auth: { trakt: { access_token: MASK } } }, 'TRAKT-P01'), 'legacy is default-only').to.equal(false);
    expect(connectedFromConfig(trakt, { trakt: { instances: { 'TRAKT-P01': { access_token: MASK } } } }, 'TRAKT-P01')).to.equal(true);
    expect(tokenPathsFor(CROSSWATCH_ROUTES.trakt!.tokenPaths, 'TRAKT-P01')).to.deep.equal([['trakt', 'instances', 'TRAKT-P01', 'access_token']]);
    // A profile id is opaque: its dot does not nest.
    expect(tokenPathsFor(CROSSWATCH_ROUTES.trakt!.tokenPaths, 'a.b')).to.deep.equal([['trakt', 'instances', 'a.b', 'access_token']]);
    expect(connectedFromConfig(trakt, { trakt: { instances: { 'a.b': { access_token: MASK } } } }, 'a.b')).to.equal(true);
    const crosswatch = describeProvider(byName('CROSSWATCH'));
    expect(connectedFromConfig(crosswatch, configFresh), 'crosswatch.connected is false').to.equal(false);
    expect(connectedFromConfig(crosswatch, { crosswatch: { connected: true } })).to.equal(true);
  });
});

async function fetchMockManifests(backend: ReturnType<typeof createMockBackend>): Promise<ProviderManifest[]> {
  const { getResponse } = await import('msw');
  const response = await getResponse(backend.handlers, new Request(`${location.origin}/api/auth/providers`));
  return parseProviderList(await response!.json()).manifests;
}
