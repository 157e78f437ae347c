/**
 * The flows against the CrossWatch-flavoured mock (its real routes, shapes and status codes),
 * with CrossWatch's own manifests, which carry no routes: everything comes from our presets.
 */
import { expect } from '../helpers.js';
import { createCrossWatchBackend, type CrossWatchBackend } from '../../src/mock/crosswatch/index.js';
import { DeviceFlowController, ownServerPage } from '../../src/providers/device-flow.controller.js';
import { OAuthFlowController } from '../../src/providers/oauth-flow.controller.js';
import { CredentialsFlowController } from '../../src/providers/credentials-flow.controller.js';
import { ConnectionController } from '../../src/providers/connection.controller.js';
import { describeError } from '../../src/providers/error-text.js';
import { en } from '../../src/strings/en.js';
import type { ResolvedProvider } from '../../src/providers/types.js';
import type { ApiError } from '../../src/api-client/errors.js';
import { FakePopup, TestHost, settle, setupHarness, stubWindowOpen, type Harness } from './flow-harness.js';
// CrossWatch's manifests described outside a card: like a host using a flow on its own, load its
// adapter first (it registers itself when it runs; in a card or list it loads as they need it).
import '../../src/adapters/crosswatch/crosswatch.js';

describe('flows against CrossWatch (flavoured mock)', () => {
  let h: Harness;
  let host: TestHost;
  let windows: ReturnType<typeof stubWindowOpen>;
  let cw: CrossWatchBackend;
  let instance: string | undefined;

  const ctx = (provider: ResolvedProvider) => ({ getApi: () => h.api, getProvider: () => provider, getInstance: () => instance });
  const errorOf = (state: object) => (state as { error: ApiError }).error;

  beforeEach(async () => {
    h = await setupHarness({ backend: () => (cw = createCrossWatchBackend({ now: () => Date.now() })) });
    host = new TestHost();
    windows = stubWindowOpen(() => new FakePopup());
    instance = undefined;
  });
  afterEach(() => {
    host.disconnect();
    windows.restore();
    h.teardown();
  });

  it('Plex: pin/new, the server-side waiter, and the token appearing in /api/config', async () => {
    const plex = await h.provider('PLEX');
    expect(plex.routes.device).to.deep.equal({ mode: 'server', start: '/api/plex/pin/new' });
    const flow = new DeviceFlowController(host, ctx(plex));
    host.connect();
    flow.start();
    await settle(h.clock);
    expect(flow.state.kind).to.equal('waiting');
    const waiting = flow.state as Extract<typeof flow.state, { kind: 'waiting' }>;
    expect(waiting.userCode).to.match(/^[A-Z0-9]{4}$/);
    expect(waiting.deadline - h.t0, 'expiresIn 300').to.equal(300_000);
    await h.clock.tickAsync(10_000);
    expect(h.timesOf('/api/config'), 'watches the config at 5 s, not 1.5 s').to.deep.equal([5_000, 10_000]);
    cw.approveDevice('plex', { account: 'ada' });
    await h.clock.tickAsync(5_000);
    expect(flow.state.kind).to.equal('connected');
    expect(h.requests.filter((r) => r.path.startsWith('/api/plex/pin/new'))).to.have.length(1);
  });

  it("Trakt without keys: the recorded {\"ok\":false,\"error\":\"internal\"} becomes a sentence, not 'internal'", async () => {
    const trakt = await h.provider('TRAKT');
    const flow = new DeviceFlowController(host, ctx(trakt));
    host.connect();
    flow.start();
    await settle(h.clock);
    expect(flow.state.kind).to.equal('error');
    expect(describeError(errorOf(flow.state), en, 'Trakt').message).to.equal(en['flow.error.internal']);
  });

  it('Trakt without keys, when the config is known: asks for them before calling the server', async () => {
    const trakt = await h.provider('TRAKT');
    const config = await h.api.getConfig();
    h.requests.length = 0;
    const flow = new DeviceFlowController(host, { ...ctx(trakt), getConfig: () => config });
    host.connect();
    flow.start();
    expect(flow.state.kind).to.equal('needs_keys');
    expect(h.requests).to.deep.equal([]);
  });

  it('SIMKL: PIN first via pin/start|poll, approved, then connected; cancel uses pin/cancel', async () => {
    const simkl = await h.provider('SIMKL');
    expect(simkl.flow).to.equal('device_code');
    const flow = new DeviceFlowController(host, ctx(simkl));
    host.connect();
    flow.start();
    await settle(h.clock);
    expect(flow.state.kind).to.equal('waiting');
    await h.clock.tickAsync(5_000);
    cw.approveDevice('simkl');
    await h.clock.tickAsync(5_000);
    expect(flow.state.kind).to.equal('connected');
    expect(h.timesOf('/api/simkl/pin/poll')).to.deep.equal([5_000, 10_000]);

    flow.reset();
    flow.start();
    await settle(h.clock);
    flow.cancel();
    await settle(h.clock);
    expect(h.requests.filter((r) => r.path.startsWith('/api/simkl/pin/cancel'))).to.have.length(1);
  });

  it('MDBList: device/start|poll with authorization_pending, then ok', async () => {
    const mdblist = await h.provider('MDBLIST');
    const flow = new DeviceFlowController(host, ctx(mdblist));
    host.connect();
    flow.start();
    await h.clock.tickAsync(5_000);
    expect(flow.state.kind).to.equal('waiting');
    cw.approveDevice('mdblist', { account: 'ada' });
    await h.clock.tickAsync(5_000);
    expect(flow.state.kind).to.equal('connected');
  });

  it('Nuvio: the approved TV login is exchanged through device/finish before it counts as connected', async () => {
    const nuvio = await h.provider('NUVIO');
    expect(nuvio.routes.device).to.include({ mode: 'poll', finish: '/api/nuvio/device/finish' });
    const flow = new DeviceFlowController(host, ctx(nuvio));
    host.connect();
    flow.start();
    await settle(h.clock);
    expect(flow.state.kind).to.equal('waiting');
    cw.approveDevice('nuvio');
    await h.clock.tickAsync(3_000);
    expect(flow.state.kind).to.equal('connected');
    const paths = h.requests.map((r) => r.path.split('?')[0]);
    expect(paths.filter((p) => p === '/api/nuvio/device/finish')).to.have.length(1);
    expect(paths.indexOf('/api/nuvio/device/finish')).to.be.greaterThan(paths.lastIndexOf('/api/nuvio/device/poll'));
    // The exchange stored the token: CrossWatch's status route now says connected.
    const status = await h.api.status('/api/nuvio/status');
    expect(status.connected).to.equal(true);
  });

  it('Nuvio: a failed exchange is an error with a way forward, not "connected"', async () => {
    const nuvio = await h.provider('NUVIO');
    const flow = new DeviceFlowController(host, ctx(nuvio));
    host.connect();
    flow.start();
    await settle(h.clock);
    cw.approveDevice('nuvio');
    cw.faults.add({ fault: 'internal', route: '/api/nuvio/device/finish', times: 1 });
    await h.clock.tickAsync(3_000);
    expect(flow.state.kind).to.equal('error');
    // CrossWatch's bare "internal" becomes a sentence pointing at the server log.
    expect(describeError(errorOf(flow.state), en, 'Nuvio').message).to.match(/log/i);
  });

  it('a CrossWatch upstream failure (HTTP 200 network_error with a long detail) reads as the server not reaching the provider', async () => {
    const mdblist = await h.provider('MDBLIST');
    cw.faults.add({ fault: 'upstream_error', provider: 'mdblist', route: 'start', times: 1 });
    const flow = new DeviceFlowController(host, ctx(mdblist));
    host.connect();
    flow.start();
    await settle(h.clock);
    const text = describeError(errorOf(flow.state), en, 'MDBList');
    expect(text.message).to.equal('The server could not reach MDBList. Check the address and that MDBList is running and reachable from the server.');
    expect(text.detail!.length).to.be.at.most(220);
  });

  it('SIMKL OAuth (second way): authorize with the page origin, consent, then the token in the config', async () => {
    const simkl = await h.provider('SIMKL');
    await h.api.saveConfig({ simkl: { client_id: 'cid', client_secret: 'secret' } });
    h.requests.length = 0;
    const flow = new OAuthFlowController(host, ctx(simkl));
    host.connect();
    flow.start();
    await settle(h.clock);
    expect(flow.state.kind).to.equal('awaiting_callback');
    const url = new URL(windows.popups[0]!.location.href);
    expect(url.searchParams.get('redirect_uri')).to.equal(`${location.origin}/callback`);
    cw.decideOAuth('simkl', 'allow');
    await h.clock.tickAsync(2_000);
    expect(flow.state.kind).to.equal('connected');
    expect(h.timesOf('/api/config'), 'no status route: the config tells').to.deep.equal([2_000]);
  });

  it('SIMKL OAuth without keys: the server sentence becomes "save your app keys"', async () => {
    const simkl = await h.provider('SIMKL');
    const flow = new OAuthFlowController(host, ctx(simkl));
    host.connect();
    flow.start();
    await settle(h.clock);
    expect(describeError(errorOf(flow.state), en, 'SIMKL').message).to.equal(en['flow.error.missing_client_credentials'].replace('{provider}', 'SIMKL'));
  });

  describe('Jellyfin Quick Connect (the second way)', () => {
    const waitingOf = (flow: DeviceFlowController) => flow.state as Extract<DeviceFlowController['state'], { kind: 'waiting' }>;

    it('sends only the typed server URL (never username or password), polls with GET every 5 s, connected after approval', async () => {
      h.teardown();
      h = await setupHarness({ backend: () => (cw = createCrossWatchBackend({ now: () => Date.now(), verificationUrls: 'real' })) });
      const jellyfin = await h.provider('JELLYFIN');
      // Routes: test/providers/describe.test.ts. The password sign-in stays the card's flow.
      expect(jellyfin.flow).to.equal('credentials');
      const values = { 'jellyfin.server': 'https://media.example.org/jellyfin/', 'jellyfin.username': 'bob', 'jellyfin.password': 'pw-typed' };
      const flow = new DeviceFlowController(host, { ...ctx(jellyfin), getValues: () => values });
      host.connect();
      flow.start();
      await settle(h.clock);
      expect(flow.state.kind).to.equal('waiting');
      const start = h.requests.find((r) => r.path.startsWith('/api/jellyfin/quickconnect/start'))!;
      expect(start.method).to.equal('POST');
      expect(JSON.parse(start.body!)).to.deep.equal({ server: 'https://media.example.org/jellyfin/' });
      expect(waitingOf(flow).userCode).to.match(/^\d{6}$/);
      expect(waitingOf(flow).deadline - h.t0, 'expires_in 600').to.equal(600_000);
      // CrossWatch names no page: the code is entered in Jellyfin itself, and the popup goes there.
      expect(waitingOf(flow).openUrl).to.equal('https://media.example.org/jellyfin/web/#/quickconnect');
      expect(windows.popups[0]!.location.href).to.equal('https://media.example.org/jellyfin/web/#/quickconnect');

      await h.clock.tickAsync(5_000);
      expect(flow.state.kind, 'state: waiting').to.equal('waiting');
      cw.approveDevice('jellyfin', { account: 'bob' });
      await h.clock.tickAsync(5_000);
      expect(flow.state).to.deep.equal({ kind: 'connected', account: 'bob' });
      const polls = h.requests.filter((r) => r.path.startsWith('/api/jellyfin/quickconnect/poll'));
      expect(polls.map((r) => r.method)).to.deep.equal(['GET', 'GET']);
      expect(h.timesOf('/api/jellyfin/quickconnect/poll')).to.deep.equal([5_000, 10_000]);
      expect(h.requests.some((r) => (r.body ?? '').includes('pw-typed')), 'the password never leaves for Quick Connect').to.equal(false);
      const status = await h.api.status('/api/jellyfin/status');
      expect(status.connected).to.equal(true);
    });

    it('the Quick Connect page from the server URL people type', () => {
      const page = (server: string) => ownServerPage(server, '/web/#/quickconnect');
      expect(page('http://jf.lan:8096')).to.equal('http://jf.lan:8096/web/#/quickconnect');
      expect(page('jf.lan:8096'), 'no scheme: http').to.equal('http://jf.lan:8096/web/#/quickconnect');
      expect(page('192.168.1.5:8096/')).to.equal('http://192.168.1.5:8096/web/#/quickconnect');
      expect(page('https://h.example/jellyfin/'), 'a base path stays').to.equal('https://h.example/jellyfin/web/#/quickconnect');
      expect(page('http://jf:8096/web'), 'already /web').to.equal('http://jf:8096/web/#/quickconnect');
      expect(page('http://jf:8096/web/#/home.html'), 'a pasted page').to.equal('http://jf:8096/web/#/quickconnect');
      expect(page('http://jf:8096/web/index.html')).to.equal('http://jf:8096/web/#/quickconnect');
      expect(page('http://jf:8096/?a=1')).to.equal('http://jf:8096/web/#/quickconnect');
      expect(page('http://bob:pw@jf:8096'), 'sign-in details never in a shown link').to.equal('http://jf:8096/web/#/quickconnect');
      for (const bad of ['', '   ', 'javascript:alert(1)', 'ftp://jf:8096', 'data:text/html,x']) expect(page(bad), bad).to.equal(undefined);
    });

    it('a server URL typed without http:// still opens its Quick Connect page; no "popup blocked" without a page', async () => {
      h.teardown();
      h = await setupHarness({ backend: () => (cw = createCrossWatchBackend({ now: () => Date.now(), verificationUrls: 'real' })) });
      const jellyfin = await h.provider('JELLYFIN');
      const flow = new DeviceFlowController(host, { ...ctx(jellyfin), getValues: () => ({ 'jellyfin.server': 'jf.lan:8096' }) });
      host.connect();
      flow.start();
      await settle(h.clock);
      expect(waitingOf(flow).openUrl).to.equal('http://jf.lan:8096/web/#/quickconnect');
      expect(waitingOf(flow).popupBlocked).to.equal(false);
      flow.cancel();
      await settle(h.clock);

      // A value that makes no page (not a URL at all): the code still shows, the window closes,
      // and nothing claims the browser blocked it.
      const odd = new DeviceFlowController(host, { ...ctx(jellyfin), getValues: () => ({ 'jellyfin.server': 'not a url' }) });
      odd.start();
      await settle(h.clock);
      expect(odd.state.kind).to.equal('waiting');
      expect(waitingOf(odd).openUrl).to.equal(undefined);
      expect(waitingOf(odd).popupBlocked, 'the window opened; there was just no page').to.equal(false);
      expect(windows.popups.at(-1)!.closed).to.equal(true);
    });

    it('a standalone flow with neither a config nor typed values lets the server decide (missing_server reads as a sentence)', async () => {
      const jellyfin = await h.provider('JELLYFIN');
      const flow = new DeviceFlowController(host, ctx(jellyfin));
      host.connect();
      flow.start();
      await settle(h.clock);
      expect(h.requests.filter((r) => r.path.startsWith('/api/jellyfin/quickconnect/start'))).to.have.length(1);
      expect(flow.state.kind).to.equal('error');
      expect(describeError(errorOf(flow.state), en, 'Jellyfin').message).to.equal(en['flow.error.missing_server']);
    });

    it('without a server URL (typed or saved) asks for it before calling the server', async () => {
      const jellyfin = await h.provider('JELLYFIN');
      const config = await h.api.getConfig();
      h.requests.length = 0;
      const flow = new DeviceFlowController(host, { ...ctx(jellyfin), getConfig: () => config, getValues: () => ({ 'jellyfin.server': ' ' }) });
      host.connect();
      flow.start();
      expect(flow.state.kind).to.equal('needs_keys');
      expect((flow.state as { missing: Array<{ key: string }> }).missing.map((f) => f.key)).to.deep.equal(['jellyfin.server']);
      expect(h.requests).to.deep.equal([]);
    });

    it('a saved server URL is used when nothing is typed; cancel reaches quickconnect/cancel', async () => {
      const jellyfin = await h.provider('JELLYFIN');
      await h.api.saveConfig({ jellyfin: { server: 'http://jf.lan:8096' } });
      const config = await h.api.getConfig();
      h.requests.length = 0;
      const flow = new DeviceFlowController(host, { ...ctx(jellyfin), getConfig: () => config, getValues: () => ({}) });
      host.connect();
      flow.start();
      await settle(h.clock);
      expect(JSON.parse(h.requests[0]!.body!)).to.deep.equal({ server: 'http://jf.lan:8096' });
      expect(flow.state.kind).to.equal('waiting');
      flow.cancel();
      await settle(h.clock);
      expect(h.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/jellyfin/quickconnect/cancel'))).to.have.length(1);
    });

    it('rejected in Jellyfin (HTTP 401 with the provider\'s words) ends as denied, not as "sign in again"', async () => {
      const jellyfin = await h.provider('JELLYFIN');
      const flow = new DeviceFlowController(host, { ...ctx(jellyfin), getValues: () => ({ 'jellyfin.server': 'http://jf.lan:8096' }) });
      host.connect();
      flow.start();
      await settle(h.clock);
      cw.denyDevice('jellyfin');
      await h.clock.tickAsync(5_000);
      expect(flow.state.kind).to.equal('denied');
    });

    it('a server that forgot the request (400 not_authorized) asks for a new code; Quick Connect switched off says how to switch it on', async () => {
      const jellyfin = await h.provider('JELLYFIN');
      const flow = new DeviceFlowController(host, { ...ctx(jellyfin), getValues: () => ({ 'jellyfin.server': 'http://jf.lan:8096' }) });
      host.connect();
      flow.start();
      await settle(h.clock);
      // CrossWatch keeps Quick Connect requests in memory only: a restart forgets them.
      await h.api.deviceCancel('/api/jellyfin/quickconnect/cancel');
      await h.clock.tickAsync(5_000);
      expect(flow.state.kind).to.equal('error');
      expect(errorOf(flow.state).code).to.equal('no_pending_flow');
      expect(describeError(errorOf(flow.state), en, 'Jellyfin').message).to.equal(en['flow.error.no_pending_flow']);

      const off = new DeviceFlowController(host, { ...ctx(jellyfin), getValues: () => ({ 'jellyfin.server': 'http://jf-noqc.lan:8096' }) });
      off.start();
      await settle(h.clock);
      expect(off.state.kind).to.equal('error');
      const text = describeError(errorOf(off.state), en, 'Jellyfin');
      expect(text.message).to.equal(en['flow.error.quick_connect_disabled'].replaceAll('{provider}', 'Jellyfin'));
      expect(text.detail).to.contain('Quick Connect is disabled on this Jellyfin server.');
    });

    it('an expired code (HTTP 410, state "expired") ends as expired; a server too old keeps its reason', async () => {
      const jellyfin = await h.provider('JELLYFIN');
      const flow = new DeviceFlowController(host, { ...ctx(jellyfin), getValues: () => ({ 'jellyfin.server': 'http://jf.lan:8096' }) });
      host.connect();
      flow.start();
      await settle(h.clock);
      await h.clock.tickAsync(600_000);
      expect(flow.state.kind).to.equal('expired');

      flow.reset();
      const old = new DeviceFlowController(host, { ...ctx(jellyfin), getValues: () => ({ 'jellyfin.server': 'http://jellyfin-old.lan:8096' }) });
      old.start();
      await settle(h.clock);
      expect(old.state.kind).to.equal('error');
      expect(errorOf(old.state).code).to.equal('version_too_old');
    });
  });

  it('Jellyfin login and Kodi connect keep their specific reasons', async () => {
    const jellyfin = await h.provider('JELLYFIN');
    const login = new CredentialsFlowController(host, ctx(jellyfin));
    host.connect();
    login.submit({ 'jellyfin.server': 'http://jf.lan:8096', 'jellyfin.username': 'bob', 'jellyfin.password': 'wrong-pw' });
    await settle(h.clock);
    expect(login.state.kind).to.equal('error');
    const body = JSON.parse(h.requests.find((r) => r.path.startsWith('/api/jellyfin/login'))!.body!);
    expect(body).to.deep.equal({ server: 'http://jf.lan:8096', username: 'bob', password: 'wrong-pw' });

    const kodi = await h.provider('KODI');
    const connect = new CredentialsFlowController(host, ctx(kodi));
    connect.submit({ 'kodi.server': 'http://kodi-old.lan:8080' });
    await settle(h.clock);
    expect(errorOf(connect.state).code).to.equal('version_too_old');
    expect(describeError(errorOf(connect.state), en, 'Kodi').detail).to.match(/Kodi/);
  });

  it('Tautulli save with a good key connects; status then reads connected', async () => {
    const tautulli = await h.provider('TAUTULLI');
    const save = new CredentialsFlowController(host, ctx(tautulli));
    const connection = new ConnectionController(host, ctx(tautulli));
    host.connect();
    save.submit({ 'tautulli.server_url': 'http://tautulli.lan:8181', 'tautulli.api_key': '0123456789abcdef0123456789abcdef' });
    await settle(h.clock);
    expect(save.state.kind).to.equal('connected');
    await connection.load();
    expect(connection.status.kind).to.equal('connected');
  });

  it('profiles: status from the profile block and token/delete with ?instance=', async () => {
    const trakt = await h.provider('TRAKT');
    cw.connect('trakt', 'ada', 'TRAKT-P01');
    instance = 'TRAKT-P01';
    const connection = new ConnectionController(host, ctx(trakt));
    host.connect();
    await connection.load();
    expect(connection.status.kind, 'token in the profile block').to.equal('connected');
    expect(h.requests[0]!.path).to.equal('/api/config');
    connection.requestDisconnect();
    connection.confirmDisconnect();
    await settle(h.clock);
    expect(h.requests.at(-1)!.path).to.equal('/api/trakt/token/delete?instance=TRAKT-P01');
    expect(connection.status.kind).to.equal('disconnected');
  });

  it("a profile in use: CrossWatch's 409 with its message and usages", async () => {
    const trakt = await h.provider('TRAKT');
    cw.connect('trakt', 'ada');
    cw.setInUse('trakt', [{ feature: 'sync_pair', label: 'Sync pair p1', role: 'source', pair_id: 'p1', enabled: true }]);
    const connection = new ConnectionController(host, ctx(trakt));
    host.connect();
    connection.requestDisconnect();
    connection.confirmDisconnect();
    await settle(h.clock);
    expect(h.requests.at(-1)!.path).to.equal('/api/trakt/token/delete');
    expect(connection.action.kind).to.equal('in_use');
    const error = errorOf(connection.action);
    expect(error.usages![0]!.label).to.equal('Sync pair p1');
    expect(describeError(error, en, 'Trakt').message).to.contain('Sync pair p1');
  });
});
