/**
 * Paths built from server text (issue 11): provider names, profile ids and manifest routes can
 * neither leave the base URL's path nor turn into another route or a query.
 */
import { expect } from '../helpers.js';
import { http, HttpResponse } from 'msw';
import { createApiClient } from '../../src/api-client/client.js';
import { ApiError } from '../../src/api-client/errors.js';
import { isSafeRoute, parseProviderList } from '../../src/api-client/manifest.js';
import { defaultRoutes, resolveRoutes } from '../../src/providers/routes.js';
import type { ProviderManifest } from '../../src/api-client/types.js';
import { describeError } from '../../src/providers/error-text.js';
import { en } from '../../src/strings/en.js';
import { de } from '../../src/strings/de.js';
import { format } from '../../src/strings/format.js';
import { failure, handlerFetch } from './handler-fetch.js';

const entry = (name: string) => ({
  name,
  label: 'X',
  flow: 'credentials',
  fields: [{ key: 'x.api_key', label: 'API key', type: 'password' }],
  actions: { start: true, finish: false, refresh: true, disconnect: true },
});

/** Everything answers `{ok:true}`: the tests look at which URLs were asked. */
const anything = () => handlerFetch(http.all('*', () => HttpResponse.json({ ok: true, connected: false })));


describe('paths: provider names from a manifest', () => {
  it('a name outside the contract pattern rejects that entry with a reason; the others stay', () => {
    const hostile = ['../../admin', 'q?x=1', 'config?', 'a/b', '%2e%2e', 'a b', 'tr\u0430kt', '#frag'];
    const { manifests, invalid } = parseProviderList([entry('ALPHA'), ...hostile.map(entry), entry('BETA')]);
    expect(manifests.map((m) => m.name)).to.deep.equal(['ALPHA', 'BETA']);
    expect(invalid.map((i) => i.index)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    const first = invalid[0]!.error;
    expect(first.field).to.equal('[1].name');
    expect(first.message).to.equal(
      'Manifest #1 ("../../admin"): name must be letters, digits and "_" only (^[A-Za-z0-9_]+$), not "../../admin"',
    );
    for (const { error } of invalid) expect(error.message, error.message).to.contain('^[A-Za-z0-9_]+$');
  });

  it('contract names still pass (upper, lower, digits, underscore)', () => {
    const { manifests, invalid } = parseProviderList(['TRAKT', 'tmdb_sync', 'P01', '_x'].map(entry));
    expect(invalid).to.deep.equal([]);
    expect(manifests.map((m) => m.id)).to.deep.equal(['trakt', 'tmdb_sync', 'p01', '_x']);
  });

  it('routes built for a name a host passed in directly are encoded segment by segment', () => {
    // A host can give a card a manifest object without the list's validation.
    const manifest = { id: 'q?x=1/../..', name: 'Q', flow: 'credentials', actions: { start: true, finish: false, refresh: true, disconnect: true }, fields: [] } as unknown as ProviderManifest;
    const routes = defaultRoutes(manifest);
    expect(routes.status).to.equal('/api/q%3Fx%3D1%2F..%2F../status');
    expect(routes.connect).to.equal('/api/q%3Fx%3D1%2F..%2F../connect');
    expect(resolveRoutes({ ...manifest, id: 'config?' }).connect).to.equal('/api/config%3F/connect');
  });

  it('a name that is a dot segment cannot become a route', () => {
    const manifest = { id: '..', name: '..', flow: 'credentials', actions: { start: true, finish: false, refresh: false, disconnect: false }, fields: [] } as unknown as ProviderManifest;
    expect(() => defaultRoutes(manifest)).to.throw(ApiError, /cannot be a path segment/);
  });
});

describe('paths: manifest routes', () => {
  it('dot segments (plain or percent-encoded), backslashes and fragments are refused', () => {
    for (const bad of ['/api/../admin', '/api/x/./status', '/api/%2e%2e/admin', '/api/%2E./x', '/api\\..\\admin', '/api/x#y', '/api/x/..', 'https://a.example/api/../x']) {
      expect(isSafeRoute(bad), bad).to.equal(false);
    }
    for (const good of ['/api/trakt/status', '/api/x/status?verify=1', 'https://a.example/api/x', '/api/a.b/c..d/status']) {
      expect(isSafeRoute(good), good).to.equal(true);
    }
  });
});

describe('paths: the client never asks outside the base URL', () => {
  it('a path that climbs out of the base path is refused before any request', async () => {
    const net = anything();
    const api = createApiClient({ fetch: net.fetch, baseUrl: 'http://a.example/cw' });
    const error = await failure(api.status('/api/../../admin/status'));
    expect(error.code).to.equal('unsafe_path');
    expect(error.message).to.contain('outside the base URL');
    expect(net.requests).to.have.length(0);
  });

  it('a path the URL parser would rewrite (encoded dots, backslash, tab) is refused', async () => {
    const net = anything();
    const api = createApiClient({ fetch: net.fetch, baseUrl: 'http://a.example/cw' });
    for (const path of ['/api/%2e%2e/x', '/api\\x', '/api/x\t/status', '/api/./x']) {
      expect((await failure(api.status(path))).code, path).to.equal('unsafe_path');
    }
    expect(net.requests).to.have.length(0);
  });

  it('an absolute route outside the base URL (another origin, or beside the base path) is refused', async () => {
    const net = anything();
    const api = createApiClient({ fetch: net.fetch, baseUrl: 'http://a.example/cw', headers: { Authorization: 'Bearer t' } });
    for (const url of ['https://evil.example/api/x/status', 'http://a.example:8080/cw/api/x/status', 'http://a.example/admin/status', 'http://a.example/cwx/api/status']) {
      expect((await failure(api.connect(url, { password: 'typed' }))).code, url).to.equal('unsafe_path');
    }
    expect(net.requests).to.have.length(0);
    await api.status('http://a.example/cw/api/x/status');
    expect(net.requests.map((r) => [r.url, r.headers.get('authorization')])).to.deep.equal([['http://a.example/cw/api/x/status', 'Bearer t']]);
  });

  it('with base-url "" the page origin is the base: other origins are refused', async () => {
    const net = anything();
    const api = createApiClient({ fetch: net.fetch });
    expect((await failure(api.status('http://b.example/api/x/status'))).code).to.equal('unsafe_path');
    await api.status(`${location.origin}/api/x/status`);
    expect(net.requests.map((r) => r.url)).to.deep.equal([`${location.origin}/api/x/status`]);
  });

  it('profile ids are encoded as one segment; dot segments are refused', async () => {
    const net = anything();
    const api = createApiClient({ fetch: net.fetch, baseUrl: 'http://a.example/cw' });
    await api.renameInstance('trakt', 'a/b?c=1#d', 'Kids');
    await api.deleteInstance('trakt', 'a.b');
    expect(net.requests.map((r) => new URL(r.url).pathname + new URL(r.url).search)).to.deep.equal([
      '/cw/api/provider-instances/trakt/a%2Fb%3Fc%3D1%23d',
      '/cw/api/provider-instances/trakt/a.b',
    ]);
    expect((await failure(api.deleteInstance('trakt', '..'))).code).to.equal('unsafe_path');
    expect((await failure(api.listInstances('..'))).code).to.equal('unsafe_path');
    expect(net.requests).to.have.length(2);
  });
});

describe('paths: what a person reads', () => {
  it('a refused address reads as a sentence with a way forward, in English and German, without the server text', async () => {
    const api = createApiClient({ fetch: anything().fetch, baseUrl: 'http://a.example/cw' });
    const error = await failure(api.status('/api/../../admin/status'));
    const english = describeError(error, en, 'Trakt');
    expect(english).to.deep.equal({ message: format(en['flow.error.unsafe_path'], { provider: 'Trakt' }) });
    expect(english.message).to.contain('nothing was sent');
    expect(english.message).to.contain('base-url');
    expect(describeError(error, de, 'Trakt').message).to.contain('daher wurde nichts gesendet');
  });
});
