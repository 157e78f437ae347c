import { skippedOf } from '../../src/api-client/profile-ids.js';
import { expect } from '../helpers.js';
import { http, HttpResponse } from 'msw';
import { createApiClient } from '../../src/api-client/client.js';
import { ApiError } from '../../src/api-client/errors.js';
import { normalizeStatusAll } from '../../src/api-client/status-all.js';
import { normalizeAllInstances, normalizeCrossWatchStatus } from '../../src/api-client/crosswatch-aggregates.js';
import { createMockBackend } from '../../src/mock/index.js';
import { createCrossWatchBackend } from '../../src/mock/crosswatch/index.js';
import { handlerFetch } from './handler-fetch.js';

const failure = (p: Promise<unknown>) => p.then(() => expect.fail('should fail'), (e: unknown) => e as ApiError);

describe('client: all-providers answers', () => {
  it('statusAll: GET /api/auth/status, keyed by upper-case name, each entry a normalised status', async () => {
    const backend = createMockBackend();
    backend.connect('trakt', 'bob');
    const net = handlerFetch(...backend.handlers);
    const all = await createApiClient({ fetch: net.fetch }).statusAll!();
    expect(net.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).to.deep.equal(['GET /api/auth/status']);
    expect(all.get('TRAKT')?.connected).to.equal(true);
    expect(all.get('TRAKT')?.account).to.equal('bob');
    expect(all.get('PLEX')?.connected).to.equal(false);
    expect(all.size).to.equal(7);
  });

  it('statusAll: a backend without it is a 404 ApiError (the caller falls back)', async () => {
    const backend = createMockBackend({ statusAll: false });
    const error = await failure(createApiClient({ fetch: handlerFetch(...backend.handlers).fetch }).statusAll!());
    expect(error).to.be.instanceOf(ApiError);
    expect(error.status).to.equal(404);
  });

  it('normalizeStatusAll: bad entries and hostile keys are left out; no providers object is bad_response', () => {
    const all = normalizeStatusAll({
      providers: { trakt: { connected: true, expires_at: 1787000000 }, PLEX: { connected: 'yes' }, __proto__x: {}, ['__proto__']: { connected: true } },
    });
    expect([...all.keys()]).to.deep.equal(['TRAKT']);
    expect(all.get('TRAKT')?.expiresAt).to.equal(1787000000_000);
    expect(() => normalizeStatusAll({ TRAKT: { connected: true } })).to.throw(ApiError).with.property('code', 'bad_response');
  });

  it('crossWatchStatus: GET /api/status → per provider and per profile, reasons kept for the disconnected', async () => {
    const cw = createCrossWatchBackend({ config: { trakt: { instances: { 'TRAKT-P01': { label: 'Kids', access_token: 'tok' } } } } });
    const all = await createApiClient({ fetch: handlerFetch(...cw.handlers).fetch }).crossWatchStatus!();
    expect(all.size).to.equal(18);
    const trakt = all.get('TRAKT')!;
    expect(trakt.connected).to.equal(true, 'one profile is connected');
    expect(trakt.instances?.get('default')?.connected).to.equal(false);
    expect(trakt.instances?.get('TRAKT-P01')?.connected).to.equal(true);
    expect(all.get('TMDB')?.connected).to.equal(false);
    expect(all.get('TMDB')?.reason).to.be.a('string');
  });

  it('normalizeCrossWatchStatus: the flat <prov>_connected members without providers; nothing at all is bad_response', () => {
    const flat = normalizeCrossWatchStatus({ plex_connected: true, trakt_connected: false, can_run: true, ts: 1 });
    expect([...flat.entries()]).to.deep.equal([
      ['PLEX', { connected: true }],
      ['TRAKT', { connected: false }],
    ]);
    expect(() => normalizeCrossWatchStatus({ can_run: true })).to.throw(ApiError);
  });

  it('listAllInstances: GET /api/provider-instances → profile lists by name; a broken list is left out', async () => {
    const cw = createCrossWatchBackend();
    const all = await createApiClient({ fetch: handlerFetch(...cw.handlers).fetch }).listAllInstances!();
    expect(all.size).to.equal(18);
    expect(all.get('TRAKT')?.[0]).to.deep.equal({ id: 'default', label: 'Default', configured: false });
    const partial = normalizeAllInstances({ TRAKT: [{ id: 'default' }], PLEX: [{ label: 'no id' }], SIMKL: 'nope' });
    expect([...partial.keys()], 'a list that is no array is left out').to.deep.equal(['TRAKT', 'PLEX']);
    expect(partial.get('PLEX'), 'an entry without an id is skipped (and counted), its list stays').to.deep.equal([]);
    expect(skippedOf(partial.get('PLEX'))).to.deep.equal([{ id: '', problem: 'empty' }]);
    expect(() => normalizeAllInstances([])).to.throw(ApiError);
  });

  it('aggregate routes never carry ?instance=', async () => {
    const net = handlerFetch(http.get('*/api/provider-instances', () => HttpResponse.json({})));
    await createApiClient({ fetch: net.fetch }).listAllInstances!({ instance: 'TRAKT-P01' });
    expect(new URL(net.requests[0]!.url).search).to.equal('');
  });
});
