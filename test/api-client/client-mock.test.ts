/**
 * The client against the bundled mock backend (src/mock): every route of our contract end to
 * end, and the mock's failure injection as the client sees it.
 */
import { expect } from '../helpers.js';
import { createApiClient } from '../../src/api-client/client.js';
import type { AuthApi } from '../../src/api-client/api.js';
import { MASK } from '../../src/api-client/config-paths.js';
import { createMockBackend } from '../../src/mock/index.js';
import type { MockBackend } from '../../src/mock/index.js';
import { failure, handlerFetch, type HandlerFetch } from './handler-fetch.js';


const TRAKT_KEYS = { trakt: { client_id: 'cid-123', client_secret: 'csecret-456' } };
const SIMKL_KEYS = { simkl: { client_id: 'simkl-id', client_secret: 'simkl-secret' } };

describe('api client against the mock backend', () => {
  let backend: MockBackend;
  let net: HandlerFetch;
  let api: AuthApi;

  beforeEach(() => {
    // A frozen clock: poll pacing (slow_down) and expiry depend only on advanceClock().
    const frozen = Date.now();
    backend = createMockBackend({ now: () => frozen });
    net = handlerFetch(...backend.handlers);
    api = createApiClient({ fetch: net.fetch });
  });

  it('listProviders: every mock manifest validates; the legacy-flow provider is mapped', async () => {
    const { manifests, invalid } = await api.listProviders();
    expect(invalid.map((i) => i.error.message)).to.deep.equal([]);
    const byId = new Map(manifests.map((m) => [m.id, m]));
    for (const id of ['plex', 'trakt', 'simkl', 'jellyfin', 'tautulli', 'mdblist', 'emby']) {
      expect(byId.has(id), id).to.equal(true);
    }
    expect(byId.get('plex')!.flow).to.equal('device_code');
    expect(byId.get('simkl')!.flow).to.equal('oauth');
    expect(byId.get('jellyfin')!.flow).to.equal('credentials');
    const emby = byId.get('emby')!;
    expect([emby.flow, emby.rawFlow]).to.deep.equal(['credentials', 'token']);
    expect(byId.get('plex')!.routes?.poll).to.equal('/api/plex/device/poll');
  });

  it('config: save (masked secret comes back masked), read, unset', async () => {
    await api.saveConfig(TRAKT_KEYS);
    const config = await api.getConfig();
    expect((config.trakt as Record<string, unknown>).client_id).to.equal('cid-123');
    expect((config.trakt as Record<string, unknown>).client_secret).to.equal(MASK);
    await api.unsetConfig(['trakt.client_secret']);
    const after = await api.getConfig();
    expect((after.trakt as Record<string, unknown>).client_secret ?? '').to.equal('');
  });

  it('unsetConfig with an empty list → invalid_request naming the field', async () => {
    const err = await failure(api.unsetConfig([]));
    expect([err.code, err.status, err.field]).to.deep.equal(['invalid_request', 400, 'paths']);
  });

  it('device flow: start → pending → approve → authorized → status connected', async () => {
    const start = await api.deviceStart('/api/plex/device/start');
    expect(start.userCode).to.match(/^[A-Z0-9]{4}$/);
    expect(start.verificationUrl).to.match(/^https?:\/\//);
    expect(start.interval).to.equal(5);
    expect(start.expiresIn).to.equal(900);

    expect((await api.devicePoll('/api/plex/device/poll')).status).to.equal('pending');
    backend.advanceClock(5_000);
    expect(backend.approveDevice('plex', { account: 'alice' }).ok).to.equal(true);
    expect(await api.devicePoll('/api/plex/device/poll')).to.deep.equal({ status: 'authorized', account: 'alice' });

    const status = await api.status('/api/plex/status');
    expect([status.connected, status.account]).to.deep.equal([true, 'alice']);
  });

  it('device flow: polling too fast → slow_down with a larger interval', async () => {
    await api.deviceStart('/api/plex/device/start');
    await api.devicePoll('/api/plex/device/poll');
    const poll = await api.devicePoll('/api/plex/device/poll');
    expect(poll.status).to.equal('slow_down');
    expect(poll.interval).to.equal(10);
  });

  it('device flow: deny → denied; expiry → expired', async () => {
    await api.deviceStart('/api/plex/device/start');
    backend.denyDevice('plex');
    expect((await api.devicePoll('/api/plex/device/poll')).status).to.equal('denied');

    await api.deviceStart('/api/mdblist/device/start');
    backend.advanceClock(601_000);
    const poll = await api.devicePoll('/api/mdblist/device/poll');
    expect(poll.status).to.equal('expired');
    expect(poll.message).to.contain('expired');
  });

  it('device flow: cancel, then poll → no_pending_flow', async () => {
    await api.deviceStart('/api/plex/device/start');
    await api.deviceCancel('/api/plex/device/cancel');
    const err = await failure(api.devicePoll('/api/plex/device/poll'));
    expect([err.code, err.status]).to.deep.equal(['no_pending_flow', 404]);
  });

  it('device start without app keys → missing_client_credentials with the field', async () => {
    const err = await failure(api.deviceStart('/api/trakt/device/start'));
    expect([err.code, err.status, err.field]).to.deep.equal(['missing_client_credentials', 400, 'client_id']);
    expect(err.message).to.contain('Client ID');
  });

  it("seed fallback pin/new (server-side waiter) with the profile's keys in the body", async () => {
    const start = await api.deviceStart('/api/trakt/pin/new', TRAKT_KEYS.trakt);
    expect(start.userCode).to.have.length(8);
    backend.approveDevice('trakt');
    expect((await api.status('/api/trakt/status')).connected).to.equal(true);
  });

  it('oauth: authorize → consent (allow) → status connected', async () => {
    await api.saveConfig(SIMKL_KEYS);
    const { authorizeUrl } = await api.authorize('/api/simkl/authorize', location.origin);
    const url = new URL(authorizeUrl);
    expect(url.protocol).to.match(/^https?:$/);
    expect(url.searchParams.get('client_id')).to.equal('simkl-id');
    expect(backend.decideOAuth('simkl', 'allow', { account: 'sam' }).ok).to.equal(true);
    const status = await api.status('/api/simkl/status');
    expect([status.connected, status.account]).to.deep.equal([true, 'sam']);
  });

  it('credentials: Jellyfin connect, and its specific failures', async () => {
    const ok = await api.connect('/api/jellyfin/connect', { server: 'http://jf.local:8096', username: 'bob', password: 'pw' });
    expect(ok).to.deep.equal({ account: 'bob' });

    const wrong = await failure(api.connect('/api/jellyfin/connect', { server: 'http://jf.local:8096', username: 'bob', password: 'wrong' }));
    expect([wrong.code, wrong.field]).to.deep.equal(['invalid_credentials', 'password']);
    expect(wrong.message).not.to.contain('wrong');

    const down = await failure(api.connect('/api/jellyfin/connect', { server: 'http://unreachable.local', username: 'bob' }));
    expect([down.code, down.status]).to.deep.equal(['unreachable', 502]);
  });

  it('credentials: Tautulli API key validation', async () => {
    const bad = await failure(api.connect('/api/tautulli/connect', { server_url: 'http://t.local:8181', api_key: 'nope' }));
    expect([bad.code, bad.field]).to.deep.equal(['invalid_api_key', 'api_key']);
    const good = await api.connect('/api/tautulli/connect', { server_url: 'http://t.local:8181', api_key: 'a'.repeat(32) });
    expect(good.account).to.contain('Tautulli');
  });

  it('CrossWatch-shaped Emby routes: login, status (user), 500 "Login failed"', async () => {
    const ok = await api.connect('/api/emby/login', { server: 'http://emby.local:8096', username: 'eve', password: 'pw' });
    expect(ok).to.deep.equal({ account: 'eve' });
    expect(await api.status('/api/emby/status')).to.deep.equal({ connected: true, account: 'eve' });
    const err = await failure(api.connect('/api/emby/login', { server: 'http://emby.local:8096', username: 'eve', password: 'wrong' }));
    expect([err.code, err.status, err.message]).to.deep.equal(['internal', 500, 'Login failed']);
  });

  it('refresh: fresh token, and not_connected before connecting', async () => {
    const before = await failure(api.refresh('/api/mdblist/refresh'));
    expect([before.code, before.status]).to.deep.equal(['not_connected', 409]);
    backend.connect('mdblist', 'm');
    const refreshed = await api.refresh('/api/mdblist/refresh');
    expect(refreshed?.connected).to.equal(true);
    expect(refreshed?.expiresAt).to.be.a('number').and.to.be.above(backend.now());
  });

  it('disconnect, and 409 provider_in_use with usages (our envelope and CrossWatch shape)', async () => {
    backend.connect('plex');
    backend.setInUse('plex');
    const err = await failure(api.disconnect('/api/plex/disconnect'));
    expect([err.code, err.status]).to.deep.equal(['provider_in_use', 409]);
    expect(err.usages?.[0]?.feature).to.equal('sync_pair');
    expect(err.message).to.contain('Sync pair');

    backend.connect('emby');
    backend.setInUse('emby');
    const cw = await failure(api.disconnect('/api/emby/token/delete'));
    expect([cw.code, cw.usages?.length]).to.deep.equal(['provider_in_use', 1]);

    backend.setInUse('plex', false);
    await api.disconnect('/api/plex/disconnect');
    expect((await api.status('/api/plex/status')).connected).to.equal(false);
  });

  it('unknown route → not_found with the server message', async () => {
    const err = await failure(api.status('/api/nope/status'));
    expect([err.code, err.status]).to.deep.equal(['unknown_provider', 404]);
    expect(err.message).to.contain('There is no provider');
  });

  describe('mock fault injection as the client sees it', () => {
    const cases: Array<[string, string, number]> = [
      ['http_500', 'internal', 500],
      ['network', 'network_error', 0],
      ['malformed_json', 'bad_response', 200],
      ['html_error', 'bad_response', 502],
      ['unauthorized', 'unauthorized', 401],
    ];
    for (const [fault, code, status] of cases) {
      it(`${fault} → ${code}`, async () => {
        backend.faults.add({ fault: fault as 'http_500', route: 'config' });
        const err = await failure(api.getConfig());
        expect([err.code, err.status]).to.deep.equal([code, status]);
        expect(err.message).not.to.match(/<[a-z!]/i);
      });
    }

    it('rate_limited and unavailable carry retryAfter', async () => {
      backend.faults.add({ fault: 'rate_limited', route: 'start', ms: 20_000, times: 1 });
      const limited = await failure(api.deviceStart('/api/plex/device/start'));
      expect([limited.code, limited.status, limited.retryAfter]).to.deep.equal(['rate_limited', 429, 20]);
      backend.faults.add({ fault: 'unavailable', times: 1 });
      const down = await failure(api.getConfig());
      expect([down.code, down.retryAfter]).to.deep.equal(['unavailable', 10]);
    });

    it('in_use on a disconnect route', async () => {
      backend.faults.add({ fault: 'in_use', provider: 'trakt', route: 'disconnect' });
      const err = await failure(api.disconnect('/api/trakt/disconnect'));
      expect(err.code).to.equal('provider_in_use');
      expect(err.usages).to.have.length.above(0);
    });

    it('slow_down_storm → every poll answers slow_down', async () => {
      await api.deviceStart('/api/plex/device/start');
      backend.faults.add({ fault: 'slow_down_storm', provider: 'plex' });
      backend.advanceClock(60_000);
      expect((await api.devicePoll('/api/plex/device/poll')).status).to.equal('slow_down');
      backend.advanceClock(60_000);
      expect((await api.devicePoll('/api/plex/device/poll')).status).to.equal('slow_down');
    });

    it('latency beyond timeoutMs → timeout', async () => {
      backend.faults.add({ fault: 'latency', ms: 2_000 });
      const err = await failure(api.getConfig({ timeoutMs: 80 }));
      expect(err.code).to.equal('timeout');
    });
  });
});
