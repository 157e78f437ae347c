import { expect } from '../helpers.js';
import { http, HttpResponse } from 'msw';
import { createApiClient } from '../../src/api-client/client.js';
import { ApiError } from '../../src/api-client/errors.js';
import { handlerFetch } from './handler-fetch.js';

/** Our contract's happy answers (docs/openapi.yaml). */
const ourContract = [
  http.get('*/api/auth/providers', () =>
    HttpResponse.json([
      {
        name: 'TRAKT',
        label: 'Trakt',
        flow: 'device_code',
        fields: [
          { key: 'trakt.client_id', label: 'Client ID', type: 'text', required: true },
          { key: 'trakt.client_secret', label: 'Client Secret', type: 'password', required: true },
        ],
        actions: { start: true, finish: true, refresh: true, disconnect: true },
        verify_url: 'https://trakt.tv/activate',
        routes: { start: '/api/trakt/device/start', poll: '/api/trakt/device/poll' },
        brand: { color: '#ed1c24' },
        help_url: 'https://trakt.tv/oauth/applications',
        group: 'trackers',
      },
    ]),
  ),
  http.get('*/api/config', () => HttpResponse.json({ trakt: { client_id: 'abc', client_secret: '••••••••' } })),
  http.post('*/api/config', () => HttpResponse.json({ ok: true })),
  http.post('*/api/config/unset', () => HttpResponse.json({ ok: true, removed: ['trakt.client_secret'], missing: [] })),
  http.post('*/api/trakt/device/start', () =>
    HttpResponse.json({
      user_code: 'A1B2C3D4',
      verification_url: 'https://trakt.tv/activate',
      verification_url_complete: 'https://trakt.tv/activate?code=A1B2C3D4',
      interval: 5,
      expires_in: 600,
    }),
  ),
  http.post('*/api/trakt/device/poll', () => HttpResponse.json({ status: 'authorized', account: 'bob' })),
  http.post('*/api/trakt/device/cancel', () => HttpResponse.json({ ok: true })),
  http.post('*/api/simkl/authorize', () =>
    HttpResponse.json({ authorize_url: 'https://simkl.com/oauth/authorize?client_id=x&state=s' }),
  ),
  http.post('*/api/jellyfin/connect', () => HttpResponse.json({ ok: true, account: 'alice' })),
  http.get('*/api/trakt/status', () =>
    HttpResponse.json({ connected: true, account: 'bob', expires_at: 1787000000 }),
  ),
  http.post('*/api/trakt/refresh', () => HttpResponse.json({ ok: true, status: 'ok', expires_at: 1787000600 })),
  http.post('*/api/trakt/disconnect', () => HttpResponse.json({ ok: true })),
  http.get('*/api/provider-instances/trakt', () =>
    HttpResponse.json([
      { id: 'default', label: '', display_label: 'Default', configured: true },
      { id: 'TRAKT-P01', label: 'Kids', configured: false },
    ]),
  ),
  http.post('*/api/provider-instances/trakt/next', () => HttpResponse.json({ ok: true, id: 'TRAKT-P02' })),
  http.patch('*/api/provider-instances/trakt/:id', () => HttpResponse.json({ ok: true })),
  http.delete('*/api/provider-instances/trakt/:id', () => HttpResponse.json({ ok: true })),
];

describe('api client: routes of our contract', () => {
  it('listProviders validates and normalises manifests', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    const { manifests, invalid } = await api.listProviders();
    expect(invalid).to.deep.equal([]);
    expect(manifests).to.have.length(1);
    const [trakt] = manifests;
    expect(trakt.id).to.equal('trakt');
    expect(trakt.flow).to.equal('device_code');
    expect(trakt.fields.map((f) => f.key)).to.deep.equal(['trakt.client_id', 'trakt.client_secret']);
    expect(trakt.routes).to.deep.equal({ start: '/api/trakt/device/start', poll: '/api/trakt/device/poll' });
    expect(trakt.brand).to.deep.equal({ color: '#ed1c24' });
    expect(trakt.helpUrl).to.equal('https://trakt.tv/oauth/applications');
    expect(trakt.verifyUrl).to.equal('https://trakt.tv/activate');
    expect(trakt.group).to.equal('trackers');
    expect(net.requests[0].method).to.equal('GET');
    expect(new URL(net.requests[0].url).pathname).to.equal('/api/auth/providers');
  });

  it('getConfig returns the object and bypasses the HTTP cache', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    const config = await api.getConfig();
    expect(config).to.deep.equal({ trakt: { client_id: 'abc', client_secret: '••••••••' } });
    expect(net.requests[0].cache).to.equal('no-store');
  });

  it('saveConfig posts the partial object as JSON', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    await api.saveConfig({ trakt: { client_id: 'new' } });
    expect(net.requests[0].method).to.equal('POST');
    expect(net.requests[0].headers.get('content-type')).to.equal('application/json');
    expect(net.jsonBody()).to.deep.equal({ trakt: { client_id: 'new' } });
  });

  it('unsetConfig posts {paths}', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    await api.unsetConfig(['trakt.client_secret']);
    expect(new URL(net.requests[0].url).pathname).to.equal('/api/config/unset');
    expect(net.jsonBody()).to.deep.equal({ paths: ['trakt.client_secret'] });
  });

  it('deviceStart normalises the start answer and sends {} without a body', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    const start = await api.deviceStart('/api/trakt/device/start');
    expect(start).to.deep.equal({
      userCode: 'A1B2C3D4',
      verificationUrl: 'https://trakt.tv/activate',
      verificationUrlComplete: 'https://trakt.tv/activate?code=A1B2C3D4',
      interval: 5,
      expiresIn: 600,
    });
    expect(net.jsonBody()).to.deep.equal({});
  });

  it('deviceStart passes an optional body (seed pin/new with keys)', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    await api.deviceStart('/api/trakt/device/start', { client_id: 'abc' });
    expect(net.jsonBody()).to.deep.equal({ client_id: 'abc' });
  });

  it('devicePoll, deviceCancel', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    expect(await api.devicePoll('/api/trakt/device/poll')).to.deep.equal({ status: 'authorized', account: 'bob' });
    await api.deviceCancel('/api/trakt/device/cancel');
    expect(net.requests.map((r) => r.body)).to.deep.equal(['{}', '{}']);
  });

  it('authorize posts {origin} and returns the URL', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    const result = await api.authorize('/api/simkl/authorize', 'https://dash.example');
    expect(result.authorizeUrl).to.equal('https://simkl.com/oauth/authorize?client_id=x&state=s');
    expect(net.jsonBody()).to.deep.equal({ origin: 'https://dash.example' });
  });

  it('authorize sends the flow nonce when given', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    await api.authorize('/api/simkl/authorize', 'https://dash.example', { nonce: 'n-123' });
    expect(net.jsonBody()).to.deep.equal({ origin: 'https://dash.example', nonce: 'n-123' });
  });

  it('connect posts the values and returns the account', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    const result = await api.connect('/api/jellyfin/connect', { server: 'http://jf:8096', username: 'alice' });
    expect(result).to.deep.equal({ account: 'alice' });
    expect(net.jsonBody()).to.deep.equal({ server: 'http://jf:8096', username: 'alice' });
  });

  it('status converts expires_at seconds to ms', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    const status = await api.status('/api/trakt/status');
    expect(status).to.deep.equal({ connected: true, account: 'bob', expiresAt: 1787000000_000 });
    expect(net.requests[0].cache).to.equal('no-store');
  });

  it('refresh and disconnect', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    expect(await api.refresh('/api/trakt/refresh')).to.deep.equal({ connected: true, expiresAt: 1787000600_000 });
    await api.disconnect('/api/trakt/disconnect');
    expect(net.requests.map((r) => [r.method, r.body])).to.deep.equal([
      ['POST', '{}'],
      ['POST', '{}'],
    ]);
  });

  it('profiles: list, create, rename, delete', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    expect(await api.listInstances('trakt')).to.deep.equal([
      { id: 'default', label: 'Default', configured: true },
      { id: 'TRAKT-P01', label: 'Kids', configured: false },
    ]);
    expect(await api.createInstance('trakt')).to.equal('TRAKT-P02');
    await api.renameInstance('trakt', 'TRAKT-P01', 'Children');
    await api.deleteInstance('trakt', 'TRAKT-P02');
    const [, create, rename, del] = net.requests;
    expect(create.body).to.equal('{}');
    expect([rename.method, new URL(rename.url).pathname]).to.deep.equal(['PATCH', '/api/provider-instances/trakt/TRAKT-P01']);
    expect(JSON.parse(rename.body)).to.deep.equal({ label: 'Children' });
    expect(rename.headers.get('content-type')).to.equal('application/json');
    expect([del.method, new URL(del.url).pathname]).to.deep.equal(['DELETE', '/api/provider-instances/trakt/TRAKT-P02']);
  });

  it('every POST carries content-type application/json and a JSON body', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    await api.saveConfig({});
    await api.unsetConfig([]);
    await api.deviceStart('/api/trakt/device/start');
    await api.devicePoll('/api/trakt/device/poll');
    await api.deviceCancel('/api/trakt/device/cancel');
    await api.authorize('/api/simkl/authorize', 'https://x.example');
    await api.connect('/api/jellyfin/connect', {});
    await api.refresh('/api/trakt/refresh');
    await api.disconnect('/api/trakt/disconnect');
    await api.createInstance('trakt');
    const posts = net.requests.filter((r) => r.method === 'POST');
    expect(posts).to.have.length(10);
    for (const r of posts) {
      expect(r.headers.get('content-type'), r.url).to.equal('application/json');
      expect(() => JSON.parse(r.body), r.url).not.to.throw();
      expect(JSON.parse(r.body), r.url).to.be.an('object');
    }
  });
});

describe('api client: transport options', () => {
  it('baseUrl: trailing slashes stripped, paths joined, resolveUrl absolute', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch, baseUrl: 'http://127.0.0.1:8787//' });
    expect(api.baseUrl).to.equal('http://127.0.0.1:8787');
    await api.getConfig();
    expect(net.requests[0].url).to.equal('http://127.0.0.1:8787/api/config');
    expect(api.resolveUrl('/api/x')).to.equal('http://127.0.0.1:8787/api/x');
  });

  it("baseUrl '' means same origin", async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    expect(api.baseUrl).to.equal('');
    await api.getConfig();
    expect(net.requests[0].url).to.equal(`${location.origin}/api/config`);
    expect(api.resolveUrl('/api/trakt/status')).to.equal(`${location.origin}/api/trakt/status`);
  });

  it('an absolute http(s) route from a manifest is used as is when it lies under the base URL', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch, baseUrl: 'http://a.example/cw' });
    await api.status('http://a.example/cw/api/trakt/status');
    expect(net.requests[0].url).to.equal('http://a.example/cw/api/trakt/status');
  });

  it('extra headers (bearer token) and accept are sent on every call', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch, headers: { Authorization: 'Bearer cwt_test' } });
    await api.getConfig();
    await api.disconnect('/api/trakt/disconnect');
    for (const r of net.requests) {
      expect(r.headers.get('authorization')).to.equal('Bearer cwt_test');
      expect(r.headers.get('accept')).to.equal('application/json');
    }
  });

  it("credentials default to 'same-origin' and are configurable", async () => {
    const net = handlerFetch(...ourContract);
    await createApiClient({ fetch: net.fetch }).getConfig();
    await createApiClient({ fetch: net.fetch, credentials: 'include' }).getConfig();
    expect(net.requests.map((r) => r.credentials)).to.deep.equal(['same-origin', 'include']);
  });

  it('extra headers and the credentials mode go with every request: none can leave the base URL (test/api-client/paths.test.ts)', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch, baseUrl: 'http://a.example/backend', headers: { Authorization: 'Bearer cwt_test' }, credentials: 'include' });
    await api.status('/api/trakt/status');
    await api.status('http://a.example/backend/api/trakt/status');
    const outside = await api.status('https://evil.example/api/trakt/status').catch((e: ApiError) => e);
    expect(outside).to.be.instanceOf(ApiError);
    expect(net.requests.map((r) => [r.url, r.headers.get('authorization'), r.credentials])).to.deep.equal([
      ['http://a.example/backend/api/trakt/status', 'Bearer cwt_test', 'include'],
      ['http://a.example/backend/api/trakt/status', 'Bearer cwt_test', 'include'],
    ]);
    for (const r of net.requests) expect(r.headers.get('accept')).to.equal('application/json');
  });

  it("instance becomes ?instance=<id>, omitted for undefined and 'default'", async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    await api.status('/api/trakt/status', { instance: 'TRAKT-P01' });
    await api.status('/api/trakt/status', { instance: 'default' });
    await api.status('/api/trakt/status');
    await api.devicePoll('/api/trakt/device/poll', { instance: 'A B&C' });
    const urls = net.requests.map((r) => new URL(r.url));
    expect(urls[0].search).to.equal('?instance=TRAKT-P01');
    expect(urls[1].search).to.equal('');
    expect(urls[2].search).to.equal('');
    expect(urls[3].searchParams.get('instance')).to.equal('A B&C');
  });

  it('instance is appended with & to a route that already has a query', async () => {
    const net = handlerFetch(http.get('*/api/tautulli/status', () => HttpResponse.json({ connected: false })));
    const api = createApiClient({ fetch: net.fetch });
    await api.status('/api/tautulli/status?verify=1', { instance: 'TAUTULLI-P01' });
    expect(new URL(net.requests[0].url).search).to.equal('?verify=1&instance=TAUTULLI-P01');
  });

  it('secrets travel in the body, never in the URL', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    await api.connect('/api/jellyfin/connect', { password: 'hunter2' }, { instance: 'JELLYFIN-P01' });
    expect(net.requests[0].url).not.to.contain('hunter2');
    expect(net.jsonBody()).to.deep.equal({ password: 'hunter2' });
  });

  it('resolves globalThis.fetch at call time, not at construction', async () => {
    const original = globalThis.fetch;
    const api = createApiClient();
    const net = handlerFetch(...ourContract);
    globalThis.fetch = net.fetch;
    try {
      await api.getConfig();
    } finally {
      globalThis.fetch = original;
    }
    expect(net.requests).to.have.length(1);
  });

  it('calls an unbound native-like fetch with globalThis as this', async () => {
    const net = handlerFetch(...ourContract);
    let receiver: unknown;
    const strictFetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      receiver = this;
      return net.fetch(input, init);
    } as typeof fetch;
    await createApiClient({ fetch: strictFetch }).getConfig();
    expect(receiver === globalThis).to.equal(true);
  });

  it('profile routes never carry ?instance (the id is in the path)', async () => {
    const net = handlerFetch(...ourContract);
    const api = createApiClient({ fetch: net.fetch });
    await api.listInstances('trakt', { instance: 'TRAKT-P01' });
    expect(new URL(net.requests[0].url).search).to.equal('');
  });

  it('deleteInstance: a 409 without a code is still provider_in_use', async () => {
    const net = handlerFetch(
      http.delete('*/api/provider-instances/trakt/:id', () => new HttpResponse('In use', { status: 409 })),
    );
    const api = createApiClient({ fetch: net.fetch });
    const err = await api.deleteInstance('trakt', 'TRAKT-P01').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(ApiError);
    expect((err as ApiError).code).to.equal('provider_in_use');
    expect((err as ApiError).message).to.equal('In use');
  });
});
