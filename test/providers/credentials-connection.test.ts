/**
 * CredentialsFlowController and ConnectionController against the real client and the mock:
 * the connect body, the server's specific reasons, status from the status route or the token in
 * the config, refresh, and disconnect with its confirm step and 409 usages.
 */
import { expect } from '../helpers.js';
import { CredentialsFlowController, missingRequired, toConnectBody } from '../../src/providers/credentials-flow.controller.js';
import { ConnectionController, type ConnectionAction, type ConnectionStatus } from '../../src/providers/connection.controller.js';
import { describeProvider } from '../../src/providers/describe.js';
import { MASK } from '../../src/api-client/config-paths.js';
import type { ConfigObject } from '../../src/api-client/types.js';
import type { ConfigStore } from '../../src/state/config-store.js';
import type { ResolvedProvider } from '../../src/providers/types.js';
import { TestHost, settle, setupHarness, type Harness } from './flow-harness.js';
// CrossWatch's manifests described outside a card: like a host using a flow on its own, load its
// adapter first (it registers itself when it runs; in a card or list it loads as they need it).
import '../../src/adapters/crosswatch/crosswatch.js';

const KEY = '0123456789abcdef0123456789abcdef';

/** A minimal shared store over the client, counting reloads. */
function makeStore(h: Harness): ConfigStore & { reloads: number; set(config: ConfigObject): void } {
  let config: ConfigObject | undefined;
  const listeners = new Set<(c: ConfigObject | undefined) => void>();
  const notify = () => listeners.forEach((l) => l(config));
  return {
    reloads: 0,
    get config() {
      return config;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async reload(opts) {
      this.reloads++;
      config = await h.api.getConfig(opts);
      notify();
      return config;
    },
    async save(partial, opts) {
      await h.api.saveConfig(partial, opts);
      await this.reload(opts);
    },
    async unset(paths, opts) {
      await h.api.unsetConfig(paths, opts);
      await this.reload(opts);
    },
    set(next) {
      config = next;
      notify();
    },
  };
}

describe('CredentialsFlowController', () => {
  let h: Harness;
  let host: TestHost;
  let tautulli: ResolvedProvider;

  const make = (provider: ResolvedProvider, config?: ConfigObject) => {
    const c = new CredentialsFlowController(host, { getApi: () => h.api, getProvider: () => provider, getConfig: () => config });
    host.connect();
    return c;
  };

  beforeEach(async () => {
    h = await setupHarness();
    host = new TestHost();
    tautulli = await h.provider('TAUTULLI');
  });
  afterEach(() => {
    host.disconnect();
    h.teardown();
  });

  it('keys the body by the last segment, drops masked and blank secrets, never sends readonly fields', () => {
    const provider = describeProvider({
      ...tautulli.manifest,
      fields: [
        ...tautulli.manifest.fields,
        { key: 'tautulli.server_name', label: 'Name', type: 'readonly', required: false },
        { key: 'tautulli.note', label: 'Note', type: 'text', required: false, readonly: true },
      ],
    });
    const body = toConnectBody(
      provider,
      { 'tautulli.server_url': 'http://t:8181', 'tautulli.api_key': MASK, 'tautulli.history.user_id': '7', 'tautulli.verify_ssl': false, 'tautulli.server_name': 'x', 'tautulli.note': 'y' },
      { tautulli: { history: { days: 30, media_type: 'movie' } } },
    );
    expect(body).to.deep.equal({ server_url: 'http://t:8181', verify_ssl: false, user_id: '7', media_type: 'movie', days: 30 });
    expect(toConnectBody(provider, { 'tautulli.api_key': '' })).to.not.have.property('api_key');
  });

  it('reads profile values from the profile block', () => {
    const body = toConnectBody(tautulli, {}, { tautulli: { server_url: 'http://main', instances: { 'TAUTULLI-P01': { server_url: 'http://p01' } } } }, 'TAUTULLI-P01');
    expect(body).to.deep.equal({ server_url: 'http://p01' });
  });

  it('connects with the values and shows the account', async () => {
    const flow = make(tautulli);
    flow.submit({ 'tautulli.server_url': 'http://tautulli.lan:8181', 'tautulli.api_key': KEY, 'tautulli.history.user_id': '3' });
    expect(flow.state.kind).to.equal('verifying');
    await settle(h.clock);
    expect(flow.state).to.deep.equal({ kind: 'connected', account: 'Tautulli (tautulli.lan:8181)' });
    const sent = JSON.parse(h.requests.find((r) => r.path === '/api/tautulli/connect')!.body!);
    expect(sent).to.deep.equal({ server_url: 'http://tautulli.lan:8181', api_key: KEY, user_id: '3' });
    expect((h.backend.rawConfig().tautulli as { history: { user_id: string } }).history.user_id).to.equal('3');
  });

  const reasons: Array<[string, Record<string, unknown>, string]> = [
    ['invalid_api_key', { 'tautulli.server_url': 'http://t.lan', 'tautulli.api_key': 'nope' }, 'invalid_api_key'],
    ['rejected key (401)', { 'tautulli.server_url': 'http://t.lan', 'tautulli.api_key': '0'.repeat(32) }, 'invalid_api_key'],
    ['unreachable', { 'tautulli.server_url': 'http://unreachable.lan', 'tautulli.api_key': KEY }, 'unreachable'],
    ['version_too_old', { 'tautulli.server_url': 'http://old.lan', 'tautulli.api_key': KEY }, 'version_too_old'],
  ];
  for (const [name, values, code] of reasons) {
    it(`keeps the server's specific reason: ${name}`, async () => {
      const flow = make(tautulli);
      flow.submit(values);
      await settle(h.clock);
      expect(flow.state.kind).to.equal('error');
      const error = (flow.state as { error: { code: string; message: string } }).error;
      expect(error.code).to.equal(code);
      expect(error.message.length).to.be.greaterThan(10);
    });
  }

  it('reports invalid credentials from a password login (Jellyfin)', async () => {
    const flow = make(await h.provider('JELLYFIN'));
    flow.submit({ 'jellyfin.server': 'http://jf.lan', 'jellyfin.username': 'bob', 'jellyfin.password': 'wrong' });
    await settle(h.clock);
    expect((flow.state as { error: { code: string } }).error.code).to.equal('invalid_credentials');
  });

  it("uses CrossWatch's login route for a legacy manifest (Emby) and allows an empty password", async () => {
    const emby = await h.provider('EMBY');
    expect(emby.routes.connect).to.equal('/api/emby/login');
    const flow = make(emby);
    flow.submit({ 'emby.server': 'http://emby.lan:8096', 'emby.username': 'ann', 'emby.password': '' });
    await settle(h.clock);
    const sent = JSON.parse(h.requests.find((r) => r.path === '/api/emby/login')!.body!);
    expect(sent).to.deep.equal({ server: 'http://emby.lan:8096', username: 'ann' });
    expect(flow.state.kind).to.equal('connected');
  });

  it('asks for missing required fields without a request (saved values count)', async () => {
    expect(missingRequired(tautulli, { 'tautulli.server_url': 'http://x' }).map((f) => f.key)).to.deep.equal(['tautulli.api_key']);
    expect(missingRequired(tautulli, { 'tautulli.server_url': 'http://x' }, { tautulli: { api_key: MASK } })).to.deep.equal([]);
    const flow = make(tautulli);
    flow.submit({ 'tautulli.server_url': '  ' });
    expect(flow.state.kind).to.equal('needs_keys');
    expect(h.requests).to.deep.equal([]);
  });

  it('a double submit sends once; removal aborts without a late state change', async () => {
    const flow = make(tautulli);
    h.backend.setLatency(2_000);
    const values = { 'tautulli.server_url': 'http://t.lan', 'tautulli.api_key': KEY };
    flow.submit(values);
    flow.submit(values);
    await h.clock.tickAsync(500);
    expect(h.requests.filter((r) => r.path === '/api/tautulli/connect')).to.have.length(1);
    host.disconnect();
    await h.clock.tickAsync(5_000);
    expect(flow.state.kind).to.equal('idle');
    expect(h.clock.countTimers()).to.equal(0);
  });
});

describe('ConnectionController', () => {
  let h: Harness;
  let host: TestHost;
  let statuses: ConnectionStatus[];
  let actions: ConnectionAction[];

  const make = (provider: ResolvedProvider, store?: ConfigStore) => {
    const c = new ConnectionController(host, {
      getApi: () => h.api,
      getProvider: () => provider,
      getConfigStore: () => store,
      onStatusChange: (s) => statuses.push(s),
      onActionChange: (a) => actions.push(a),
    });
    host.connect();
    return c;
  };

  beforeEach(async () => {
    h = await setupHarness();
    host = new TestHost();
    statuses = [];
    actions = [];
  });
  afterEach(() => {
    host.disconnect();
    h.teardown();
  });

  it('loads the status from the status route, with account and expiry', async () => {
    const trakt = await h.provider('TRAKT');
    h.backend.connect('trakt', 'ada');
    const c = make(trakt);
    await c.load();
    expect(c.status.kind).to.equal('connected');
    expect((c.status as { account: string }).account).to.equal('ada');
    expect((c.status as { expiresAt: number }).expiresAt).to.be.greaterThan(Date.now());
    expect(h.requests.map((r) => r.path)).to.deep.equal(['/api/trakt/status']);
  });

  it('without a status route, reads the token from the shared config store (no extra request) and follows it', async () => {
    const plex = await h.provider('PLEX');
    const tokenOnly: ResolvedProvider = { ...plex, routes: { ...plex.routes, status: undefined, tokenPaths: ['plex.account_token'] } };
    const store = makeStore(h);
    store.set({ plex: { account_token: '' } });
    const c = make(tokenOnly, store);
    await c.load();
    expect(c.status.kind).to.equal('disconnected');
    expect(h.requests).to.deep.equal([]);
    store.set({ plex: { account_token: MASK } });
    expect(c.status.kind).to.equal('connected');
  });

  it('without a status route or store, reads a fresh /api/config', async () => {
    const plex = await h.provider('PLEX');
    h.backend.connect('plex');
    const c = make({ ...plex, routes: { ...plex.routes, status: undefined, tokenPaths: ['plex.access_token'] } });
    await c.load();
    expect(c.status.kind).to.equal('connected');
    expect(h.requests.map((r) => r.path)).to.deep.equal(['/api/config']);
  });

  it('refreshes and keeps the new expiry', async () => {
    const trakt = await h.provider('TRAKT');
    h.backend.connect('trakt', 'ada');
    const c = make(trakt);
    await c.load();
    c.refresh();
    expect(c.action.kind).to.equal('refreshing');
    c.refresh();
    await settle(h.clock);
    expect(h.requests.filter((r) => r.path === '/api/trakt/refresh')).to.have.length(1);
    expect(c.action).to.deep.equal({ kind: 'idle', notice: 'refreshed' });
    expect(c.status.kind).to.equal('connected');
  });

  it('disconnects only after the confirm step, then reloads the shared config', async () => {
    const plex = await h.provider('PLEX');
    h.backend.connect('plex');
    const store = makeStore(h);
    const c = make(plex, store);
    c.confirmDisconnect();
    expect(c.action.kind, 'no confirm step yet: nothing happens').to.equal('idle');
    c.requestDisconnect();
    expect(c.action.kind).to.equal('confirming');
    expect(h.requests).to.deep.equal([]);
    c.cancelDisconnect();
    expect(c.action.kind).to.equal('idle');
    c.requestDisconnect();
    c.confirmDisconnect();
    await settle(h.clock);
    expect(h.requests[0]).to.include({ method: 'POST', path: '/api/plex/disconnect' });
    expect(c.status.kind).to.equal('disconnected');
    expect(c.action).to.deep.equal({ kind: 'idle', notice: 'disconnected' });
    expect(store.reloads).to.equal(1);
    expect(h.backend.snapshot().providers.plex!.connected).to.equal(false);
  });

  it("keeps a 409 provider_in_use with the server's message and usages", async () => {
    const plex = await h.provider('PLEX');
    h.backend.connect('plex');
    h.backend.setInUse('plex', [{ feature: 'sync_pair', label: 'Sync pair p1', role: 'source', pair_id: 'p1', enabled: true }]);
    const c = make(plex);
    c.requestDisconnect();
    c.confirmDisconnect();
    await settle(h.clock);
    expect(c.action.kind).to.equal('in_use');
    const error = (c.action as { error: { code: string; message: string; usages: unknown[] } }).error;
    expect(error.code).to.equal('provider_in_use');
    expect(error.usages).to.deep.equal([{ feature: 'sync_pair', label: 'Sync pair p1', role: 'source', pair_id: 'p1', enabled: true }]);
    expect(error.message).to.contain('Sync pair p1');
    expect(h.backend.snapshot().providers.plex!.connected).to.equal(true);
  });

  it('reports other disconnect failures as errors', async () => {
    const plex = await h.provider('PLEX');
    h.backend.faults.add({ fault: 'http_500', provider: 'plex', route: 'disconnect', times: 1 });
    const c = make(plex);
    c.requestDisconnect();
    c.confirmDisconnect();
    await settle(h.clock);
    expect(c.action.kind).to.equal('error');
    expect((c.action as { action: string }).action).to.equal('disconnect');
  });

  it('removal aborts a running load and action', async () => {
    const trakt = await h.provider('TRAKT');
    h.backend.setLatency(3_000);
    const c = make(trakt);
    void c.load();
    c.requestDisconnect();
    c.confirmDisconnect();
    await h.clock.tickAsync(100);
    host.disconnect();
    await h.clock.tickAsync(10_000);
    expect(c.status.kind).to.equal('unknown');
    expect(c.action.kind).to.equal('idle');
    expect(h.clock.countTimers()).to.equal(0);
    expect(statuses.map((s) => s.kind)).to.not.include('connected');
  });
});
