/**
 * The client against the CrossWatch-flavoured mock (src/mock/crosswatch): CrossWatch's real
 * routes and shapes (HTTP-200 failures, legacy names, profiles, auth gate) with no adapter.
 */
import { expect } from '../helpers.js';
import { http, HttpResponse } from 'msw';
import { createApiClient } from '../../src/api-client/client.js';
import type { AuthApi } from '../../src/api-client/api.js';
import { MASK } from '../../src/api-client/config-paths.js';
import { createCrossWatchBackend, type CrossWatchBackend } from '../../src/mock/crosswatch/index.js';
import { describeError } from '../../src/providers/error-text.js';
import { en } from '../../src/strings/en.js';
import { failure, handlerFetch, type HandlerFetch } from './handler-fetch.js';


const section = (config: Record<string, unknown>, key: string) => config[key] as Record<string, unknown>;

describe('api client against the CrossWatch-flavoured mock', () => {
  let backend: CrossWatchBackend;
  let net: HandlerFetch;
  let api: AuthApi;

  beforeEach(() => {
    backend = createCrossWatchBackend();
    net = handlerFetch(...backend.handlers);
    api = createApiClient({ fetch: net.fetch });
  });

  it('the 18 recorded manifests validate; legacy flows mapped', async () => {
    const { manifests, invalid } = await api.listProviders();
    expect(invalid).to.deep.equal([]);
    expect(manifests).to.have.length(18);
    expect(manifests.find((m) => m.id === 'plex')!.flow).to.equal('device_code');
  });

  it('config: masked secrets, save keys, unset', async () => {
    await api.saveConfig({ trakt: { client_id: 'abc123', client_secret: 'shh' } });
    const config = await api.getConfig();
    expect(section(config, 'trakt').client_id).to.equal('abc123');
    expect(section(config, 'trakt').client_secret).to.equal(MASK);
    await api.unsetConfig(['trakt.client_secret']);
    expect(section(await api.getConfig(), 'trakt').client_secret ?? '').to.equal('');
  });

  it('Trakt pin/new without keys: {ok:false,error:"internal"} with HTTP 200 → internal + log hint', async () => {
    const err = await failure(api.deviceStart('/api/trakt/pin/new'));
    expect([err.code, err.status]).to.deep.equal(['internal', 200]);
    expect(describeError(err, en, 'Trakt').message).to.contain('check its log');
  });

  it('Jellyfin Quick Connect poll: GET; a rejection reads as denied, the session gate stays "sign in again", a forgotten request as no pending flow', async () => {
    await api.deviceStart('/api/jellyfin/quickconnect/start', { server: 'http://jf.lan:8096' });
    expect((await api.devicePoll('/api/jellyfin/quickconnect/poll', { method: 'GET', relaysProvider: true })).status).to.equal('pending');
    expect(net.requests.at(-1)!.method).to.equal('GET');
    backend.denyDevice('jellyfin');
    expect((await failure(api.devicePoll('/api/jellyfin/quickconnect/poll', { method: 'GET', relaysProvider: true }))).code, 'provider 401').to.equal('denied');
    await api.deviceStart('/api/jellyfin/quickconnect/start', { server: 'http://jf.lan:8096' });
    await api.deviceCancel('/api/jellyfin/quickconnect/cancel');
    expect((await failure(api.devicePoll('/api/jellyfin/quickconnect/poll', { method: 'GET', relaysProvider: true }))).code, 'nothing pending').to.equal('no_pending_flow');

    const gated = createCrossWatchBackend({ requireAuth: 'cookie' });
    const gatedApi = createApiClient({ fetch: handlerFetch(...gated.handlers).fetch });
    const gate = await failure(gatedApi.devicePoll('/api/jellyfin/quickconnect/poll', { method: 'GET', relaysProvider: true }));
    expect([gate.code, gate.status], 'the dashboard session, not the provider').to.deep.equal(['unauthorized', 401]);
  });

  it('Quick Connect start: a 401 in the provider\'s words is the provider refusing; the same 401 elsewhere is the session', async () => {
    const refusing = handlerFetch(
      http.post('*/api/jellyfin/quickconnect/start', () =>
        HttpResponse.json({ ok: false, reason: 'unauthorized', error: 'Jellyfin refused to start Quick Connect.' }, { status: 401 }),
      ),
    );
    const client = createApiClient({ fetch: refusing.fetch });
    const relayed = await failure(client.deviceStart('/api/jellyfin/quickconnect/start', {}, { relaysProvider: true }));
    expect(relayed.code).to.equal('upstream_error');
    expect(describeError(relayed, en, 'Jellyfin').detail).to.contain('Jellyfin refused to start Quick Connect.');
    expect((await failure(client.deviceStart('/api/jellyfin/quickconnect/start'))).code, 'without the flag').to.equal('unauthorized');
  });

  it('any other poll (our contract): a 401 is the dashboard session, whatever its words; nothing becomes "denied"', async () => {
    const session = handlerFetch(
      http.post('*/api/trakt/device/poll', () =>
        HttpResponse.json({ ok: false, error: { code: 'unauthorized', message: 'Your login has expired.' } }, { status: 401 }),
      ),
    );
    const err = await failure(createApiClient({ fetch: session.fetch }).devicePoll('/api/trakt/device/poll'));
    expect([err.code, err.status]).to.deep.equal(['unauthorized', 401]);
  });

  it('Trakt pin/new with keys, approve → token appears in the config', async () => {
    await api.saveConfig({ trakt: { client_id: 'abc123', client_secret: 'shh' } });
    const start = await api.deviceStart('/api/trakt/pin/new', {});
    expect(start.userCode).to.have.length(8);
    expect(start.expiresIn).to.equal(600);
    expect(backend.approveDevice('trakt', { code: start.userCode }).ok).to.equal(true);
    expect(section(await api.getConfig(), 'trakt').access_token).to.equal(MASK);
  });

  it('Plex pin/new: code + expiresIn', async () => {
    const start = await api.deviceStart('/api/plex/pin/new');
    expect(start.userCode).to.have.length(4);
    expect(start.expiresIn).to.equal(300);
  });

  it('SIMKL PIN: start → pending → approve → authorized', async () => {
    const start = await api.deviceStart('/api/simkl/pin/start');
    expect([start.interval, start.expiresIn]).to.deep.equal([5, 900]);
    expect((await api.devicePoll('/api/simkl/pin/poll')).status).to.equal('pending');
    backend.approveDevice('simkl', { code: start.userCode });
    expect((await api.devicePoll('/api/simkl/pin/poll')).status).to.equal('authorized');
  });

  it('SIMKL PIN expiry: {ok:false,status:"expired"} is a poll result', async () => {
    await api.deviceStart('/api/simkl/pin/start');
    backend.advanceClock(901_000);
    expect((await api.devicePoll('/api/simkl/pin/poll')).status).to.equal('expired');
  });

  it('MDBList device flow: verification_uri, expires_at, authorization_pending', async () => {
    const start = await api.deviceStart('/api/mdblist/device/start');
    expect(start.verificationUrl).to.match(/^https?:\/\//);
    expect(start.expiresIn).to.be.within(1, 3600);
    expect((await api.devicePoll('/api/mdblist/device/poll')).status).to.be.oneOf(['pending', 'slow_down']);
  });

  it('SIMKL authorize without keys: the sentence reaches the user', async () => {
    const err = await failure(api.authorize('/api/simkl/authorize', location.origin));
    expect(err.message).to.contain('client_id and client_secret must be set');
    expect(err.status).to.equal(200);
  });

  it('SIMKL authorize with keys → an http(s) authorize URL', async () => {
    await api.saveConfig({ simkl: { client_id: 'sid', client_secret: 'ssec' } });
    const { authorizeUrl } = await api.authorize('/api/simkl/authorize', location.origin);
    expect(authorizeUrl).to.match(/^https?:\/\//);
  });

  it('upstream failure on start: network_error + detail → unreachable with trimmed text', async () => {
    backend.faults.add({ fault: 'upstream_error', provider: 'mdblist', route: 'start' });
    const err = await failure(api.deviceStart('/api/mdblist/device/start'));
    expect(err.code).to.equal('unreachable');
    expect(err.message.startsWith("HTTPSConnectionPool(host='api.mdblist.com'")).to.equal(true);
    expect(err.message.length).to.be.below(260);
    expect(err.message).not.to.contain('\n');
  });

  it('profiles: list, next, rename, status per instance, delete', async () => {
    const before = await api.listInstances('trakt');
    expect(before[0]).to.deep.include({ id: 'default', label: 'Default' });
    const id = await api.createInstance('trakt');
    expect(id).to.equal('TRAKT-P01');
    await api.renameInstance('trakt', id, 'Kids');
    const after = await api.listInstances('trakt');
    expect(after.find((i) => i.id === id)).to.deep.equal({ id, label: 'Kids', configured: false });
    await api.deleteInstance('trakt', id);
    expect((await api.listInstances('trakt')).map((i) => i.id)).to.deep.equal(['default']);
  });

  it('profiles: ?instance= reaches the server (SIMKL PIN on a profile)', async () => {
    const id = await api.createInstance('simkl');
    const start = await api.deviceStart('/api/simkl/pin/start', {}, { instance: id });
    backend.approveDevice('simkl', { code: start.userCode });
    expect((await api.devicePoll('/api/simkl/pin/poll', { instance: id })).status).to.equal('authorized');
    expect(new URL(net.requests.at(-1)!.url).searchParams.get('instance')).to.equal(id);
    const cfg = await api.getConfig();
    expect((section(section(section(cfg, 'simkl'), 'instances'), id) as Record<string, unknown>).access_token).to.equal(MASK);
  });

  it('profiles: limit reached → profile_limit_reached', async () => {
    for (let i = 0; i < 10; i++) await api.createInstance('plex');
    const err = await failure(api.createInstance('plex'));
    expect(err.code).to.equal('profile_limit_reached');
  });

  it('token/delete while in use → 409 provider_in_use with usages', async () => {
    backend.connect('trakt');
    backend.setInUse('trakt');
    const err = await failure(api.disconnect('/api/trakt/token/delete'));
    expect([err.code, err.status]).to.deep.equal(['provider_in_use', 409]);
    expect(err.usages!.length).to.be.above(0);
    expect(err.message).to.contain('Cannot delete');
  });

  it('auth gate: 401 "Unauthorized" without a token, success with the bearer token', async () => {
    backend.setRequireAuth('token');
    const err = await failure(api.getConfig());
    expect([err.code, err.message, err.status]).to.deep.equal(['unauthorized', 'Unauthorized', 401]);
    const authed = createApiClient({ fetch: net.fetch, headers: { Authorization: `Bearer ${backend.credentials.apiToken}` } });
    expect(await authed.getConfig()).to.be.an('object');
  });

  it('403 Origin mismatch and setup required', async () => {
    backend.faults.add({ fault: 'origin_mismatch', times: 1 });
    const origin = await failure(api.saveConfig({}));
    expect([origin.code, origin.status]).to.deep.equal(['origin_mismatch', 403]);
    backend.faults.add({ fault: 'setup_required', times: 1 });
    const setup = await failure(api.getConfig());
    expect([setup.code, setup.message]).to.deep.equal(['forbidden', 'Authentication setup required']);
  });

  it('Tautulli save: FastAPI {"detail":"api_key required"}', async () => {
    const err = await failure(api.connect('/api/tautulli/save', { server_url: 'http://t.local:8181' }));
    expect(err.message).to.equal('api_key required');
    expect(err.status).to.equal(400);
  });

  it('Kodi connect: {ok:false,reason,error} → code = reason, message = error', async () => {
    const err = await failure(api.connect('/api/kodi/connect', { server: '' }));
    expect([err.code, err.message, err.status]).to.deep.equal(['missing_server', 'Kodi server URL is required', 400]);
  });

  it('Kodi connect: a 401 with reason invalid_credentials stays invalid_credentials', async () => {
    const err = await failure(api.connect('/api/kodi/connect', { server: 'http://kodi.local:8080', username: 'x', password: 'wrong' }));
    expect([err.code, err.status]).to.deep.equal(['invalid_credentials', 401]);
    expect(err.message).to.equal('Kodi rejected the username or password');
  });
});
