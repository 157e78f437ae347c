import { skippedOf } from '../../src/api-client/profile-ids.js';
import { expect } from '../helpers.js';
import { http, HttpResponse } from 'msw';
import { createApiClient } from '../../src/api-client/client.js';
import { ApiError } from '../../src/api-client/errors.js';
import { normalizeInstances, normalizeStatus, toEpochMs } from '../../src/api-client/responses.js';
import { normalizeDevicePoll, normalizeDeviceStart, normalizeRefresh } from '../../src/api-client/flow-responses.js';
import { handlerFetch } from './handler-fetch.js';

const NOW = 1787000000_000;

describe('responses: CrossWatch device start shapes (§3.5)', () => {
  it('Plex pin/new: code, expiresIn, expires_epoch; no verification URL', () => {
    const start = normalizeDeviceStart(
      { ok: true, code: 'AB12', pin_id: 123456, id: 123456, expiresIn: 300, expires_epoch: 1787000300, instance: 'default' },
      200,
      NOW,
    );
    expect(start).to.deep.equal({ userCode: 'AB12', verificationUrl: '', interval: 5, expiresIn: 300 });
  });

  it('Trakt pin/new: verificationUrl and expiresIn', () => {
    const start = normalizeDeviceStart(
      { ok: true, user_code: 'A1B2C3D4', verification_url: 'https://trakt.tv/activate', verificationUrl: 'https://trakt.tv/activate', expiresIn: 600 },
      200,
      NOW,
    );
    expect(start).to.deep.equal({ userCode: 'A1B2C3D4', verificationUrl: 'https://trakt.tv/activate', interval: 5, expiresIn: 600 });
  });

  it('MDBList device/start: verification_uri and expires_at (epoch seconds)', () => {
    const start = normalizeDeviceStart(
      { ok: true, device_code: 'secret', user_code: 'ABCD-EFGH', verification_uri: 'https://mdblist.com/oauth/device/', interval: 5, expires_at: 1787000300 },
      200,
      NOW,
    );
    expect(start).to.deep.equal({ userCode: 'ABCD-EFGH', verificationUrl: 'https://mdblist.com/oauth/device/', interval: 5, expiresIn: 300 });
    expect(JSON.stringify(start)).not.to.contain('secret');
  });

  it('PunchPlay: verification_uri_complete', () => {
    const start = normalizeDeviceStart(
      {
        ok: true,
        user_code: 'XY',
        verification_uri: 'https://punchplay.tv/link',
        verification_uri_complete: 'https://punchplay.tv/link?code=XY',
        interval: 7,
        expires_in: 900,
      },
      200,
      NOW,
    );
    expect(start.verificationUrlComplete).to.equal('https://punchplay.tv/link?code=XY');
    expect([start.interval, start.expiresIn]).to.deep.equal([7, 900]);
  });

  it('Nuvio: code + login_url + expires_at; SIMKL pin/start', () => {
    expect(
      normalizeDeviceStart({ ok: true, code: 'N1', login_url: 'https://nuvio.tv/tv-login?c=N1', expires_at: 1787000120, interval: 3 }, 200, NOW),
    ).to.deep.equal({ userCode: 'N1', verificationUrl: 'https://nuvio.tv/tv-login?c=N1', interval: 3, expiresIn: 120 });
    expect(
      normalizeDeviceStart({ ok: true, user_code: '7XK2QF', verification_url: 'https://simkl.com/pin', interval: 5, expires_in: 900 }),
    ).to.deep.equal({ userCode: '7XK2QF', verificationUrl: 'https://simkl.com/pin', interval: 5, expiresIn: 900 });
  });

  it('defaults: interval 5, expires 600; unsafe links dropped', () => {
    expect(normalizeDeviceStart({ user_code: 'C', verification_url: 'javascript:alert(1)', verification_url_complete: 'data:x' })).to.deep.equal({
      userCode: 'C',
      verificationUrl: '',
      interval: 5,
      expiresIn: 600,
    });
  });

  it('an ok:false body through the client is an ApiError, not a start', async () => {
    const net = handlerFetch(http.post('*/api/plex/pin/new', () => HttpResponse.json({ ok: false, error: 'internal' })));
    const err = await createApiClient({ fetch: net.fetch })
      .deviceStart('/api/plex/pin/new')
      .catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ApiError);
    expect((err as ApiError).code).to.equal('internal');
  });
});

describe('responses: device poll mapping', () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ status: 'pending' }, 'pending'],
    [{ ok: false, status: 'authorization_pending' }, 'pending'],
    [{ ok: true, state: 'waiting' }, 'pending'],
    [{ status: 'slow_down', retry_after: 10 }, 'slow_down'],
    [{ ok: true, status: 'authorized', auth_method: 'pin' }, 'authorized'],
    [{ ok: true, status: 'ok', expires_at: 1 }, 'authorized'],
    [{ ok: true, status: 'approved', interval: 3 }, 'authorized'],
    [{ status: 'access_granted' }, 'authorized'],
    [{ ok: false, status: 'expired' }, 'expired'],
    [{ status: 'expired_token' }, 'expired'],
    [{ status: 'denied' }, 'denied'],
    [{ status: 'access_denied' }, 'denied'],
    [{ status: 'no_device_code' }, 'error'],
    [{ status: 'http:502' }, 'error'],
  ];
  for (const [body, expected] of cases) {
    it(`${JSON.stringify(body)} → ${expected}`, () => {
      expect(normalizeDevicePoll(body).status).to.equal(expected);
    });
  }

  it('passes interval, retry_after and the account (username/user/account)', () => {
    expect(normalizeDevicePoll({ status: 'slow_down', interval: 10, retry_after: 15 })).to.deep.equal({
      status: 'slow_down',
      interval: 10,
      retryAfter: 15,
    });
    expect(normalizeDevicePoll({ ok: true, status: 'authorized', username: 'bob' }).account).to.equal('bob');
    expect(normalizeDevicePoll({ ok: true, state: 'authorized', user_id: 'u1', username: 'jf' }).account).to.equal('jf');
    expect(normalizeDevicePoll({ status: 'authorized', account: 'acc' }).account).to.equal('acc');
  });

  it('unknown states become error with a message naming them', () => {
    expect(normalizeDevicePoll({ ok: false, status: 'no_device_code' }).message).to.equal(
      'The server reported "no_device_code" while waiting for approval.',
    );
    expect(normalizeDevicePoll({ status: 'error', message: 'Upstream said no' }).message).to.equal('Upstream said no');
  });

  it('through the client: HTTP 200 {ok:false,status:"expired"} is a result, not an exception', async () => {
    const net = handlerFetch(http.post('*/api/simkl/pin/poll', () => HttpResponse.json({ ok: false, status: 'expired' })));
    const poll = await createApiClient({ fetch: net.fetch }).devicePoll('/api/simkl/pin/poll');
    expect(poll).to.deep.equal({ status: 'expired' });
  });

  it('through the client: Jellyfin Quick Connect GET-less poll state', async () => {
    const net = handlerFetch(
      http.post('*/api/mdblist/device/poll', () => HttpResponse.json({ ok: false, status: 'authorization_pending' })),
    );
    expect((await createApiClient({ fetch: net.fetch }).devicePoll('/api/mdblist/device/poll')).status).to.equal('pending');
  });

  it('through the client: ok:false without a status is an ApiError', async () => {
    const net = handlerFetch(http.post('*/api/x/device/poll', () => HttpResponse.json({ ok: false, error: 'network_error' })));
    const err = await createApiClient({ fetch: net.fetch })
      .devicePoll('/api/x/device/poll')
      .catch((e: unknown) => e);
    expect((err as ApiError).code).to.equal('unreachable');
  });

  it('a poll answer without any status is bad_response', () => {
    expect(() => normalizeDevicePoll({ ok: true })).to.throw(ApiError, 'no status');
  });
});

describe('responses: status, refresh, profiles', () => {
  it('status: account from user / username / profile_name / account object; reason', () => {
    expect(normalizeStatus({ connected: true, user: 'jf', server_version: '10.10.3', instance: 'default' })).to.deep.equal({
      connected: true,
      account: 'jf',
    });
    expect(normalizeStatus({ connected: true, profile_name: 'Kid', expires_at: 1787000000 })).to.deep.equal({
      connected: true,
      account: 'Kid',
      expiresAt: 1787000000_000,
    });
    expect(normalizeStatus({ ok: true, connected: true, account: { id: 1, username: 'tm' } }).account).to.equal('tm');
    expect(normalizeStatus({ connected: false, reason: 'Token expired' })).to.deep.equal({ connected: false, reason: 'Token expired' });
  });

  it('status: expires_at already in ms stays ms; ISO dates parse', () => {
    expect(toEpochMs(1787000000_000)).to.equal(1787000000_000);
    expect(toEpochMs(1787000000)).to.equal(1787000000_000);
    expect(toEpochMs('2026-08-23T00:00:00Z')).to.equal(Date.parse('2026-08-23T00:00:00Z'));
    expect(toEpochMs(0)).to.equal(undefined);
    expect(toEpochMs('soon')).to.equal(undefined);
  });

  it('status without a boolean connected is bad_response', () => {
    expect(() => normalizeStatus({ ok: true })).to.throw(ApiError, 'connected');
  });

  it('through the client: TMDb verify {ok:false,connected:false,error} with 200 is a status', async () => {
    const net = handlerFetch(
      http.get('*/api/tmdb_sync/verify', () => HttpResponse.json({ ok: false, connected: false, pending: false, error: 'No session' })),
    );
    expect(await createApiClient({ fetch: net.fetch }).status('/api/tmdb_sync/verify')).to.deep.equal({
      connected: false,
      reason: 'No session',
    });
  });

  it('refresh: ok/fresh, full status, reconnect_required, failure word, empty body', async () => {
    expect(normalizeRefresh({ ok: true, status: 'fresh', expires_at: 1787000000 })).to.deep.equal({
      connected: true,
      expiresAt: 1787000000_000,
    });
    expect(normalizeRefresh({ connected: true, account: 'a' })).to.deep.equal({ connected: true, account: 'a' });
    expect(normalizeRefresh({ ok: true, reconnect_required: true })).to.deep.equal({ connected: false, reason: 'reconnect_required' });
    expect(() => normalizeRefresh({ ok: true, status: 'refresh_failed:401' })).to.throw(ApiError, 'refresh_failed:401');
    const net = handlerFetch(http.post('*/api/x/refresh', () => new HttpResponse(null, { status: 204 })));
    expect(await createApiClient({ fetch: net.fetch }).refresh('/api/x/refresh')).to.equal(undefined);
  });

  it('connect: username/user, empty 204 is fine', async () => {
    const net = handlerFetch(
      http.post('*/api/jellyfin/login', () => HttpResponse.json({ ok: true, user_id: 'u', username: 'bob', server: 'http://jf' })),
      http.post('*/api/crosswatch/connect', () => new HttpResponse(null, { status: 204 })),
    );
    const api = createApiClient({ fetch: net.fetch });
    expect(await api.connect('/api/jellyfin/login', {})).to.deep.equal({ account: 'bob' });
    expect(await api.connect('/api/crosswatch/connect', {})).to.deep.equal({});
  });

  it('authorize: TMDb auth_url accepted', async () => {
    const net = handlerFetch(
      http.post('*/api/tmdb_sync/connect/start', () =>
        HttpResponse.json({ ok: true, request_token: 't', auth_url: 'https://www.themoviedb.org/authenticate/t' }),
      ),
    );
    const result = await createApiClient({ fetch: net.fetch }).authorize('/api/tmdb_sync/connect/start', location.origin);
    expect(result.authorizeUrl).to.equal('https://www.themoviedb.org/authenticate/t');
  });

  it('profiles: label precedence label → display_label → friendly_label → id; configured default false', () => {
    expect(
      normalizeInstances([
        { id: 'default', uid: 'x', label: '', friendly_label: 'Main', display_label: 'Default', configured: true },
        { id: 'TRAKT-P01', label: 'Kids', display_label: 'Kids (P01)' },
        { id: 'TRAKT-P02', friendly_label: 'P02' },
        { id: 'TRAKT-P03' },
      ]),
    ).to.deep.equal([
      { id: 'default', label: 'Default', configured: true },
      { id: 'TRAKT-P01', label: 'Kids', configured: false },
      { id: 'TRAKT-P02', label: 'P02', configured: false },
      { id: 'TRAKT-P03', label: 'TRAKT-P03', configured: false },
    ]);
    expect(() => normalizeInstances({ nope: true })).to.throw(ApiError, 'array');
    const noId = normalizeInstances([{ label: 'x' }, { id: 'default' }]);
    expect(noId.map((p) => p.id), 'an entry without an id is skipped, the others stay').to.deep.equal(['default']);
    expect(skippedOf(noId)).to.deep.equal([{ id: '', problem: 'empty' }]);
  });
});
