import { expect } from '../helpers.js';
import { delay, http, HttpResponse, type RequestHandler } from 'msw';
import { createApiClient } from '../../src/api-client/client.js';
import type { AuthApi } from '../../src/api-client/api.js';
import { describeError } from '../../src/providers/error-text.js';
import { en } from '../../src/strings/en.js';
import { failure, handlerFetch } from './handler-fetch.js';


function clientFor(...handlers: RequestHandler[]): AuthApi {
  return createApiClient({ fetch: handlerFetch(...handlers).fetch });
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  HttpResponse.json(body as Record<string, unknown>, { status, headers });

describe('api client: error shapes', () => {
  it('our envelope on a non-2xx status', async () => {
    const api = clientFor(
      http.post('*/api/jellyfin/connect', () =>
        json({ ok: false, error: { code: 'invalid_credentials', message: 'Jellyfin rejected the password.' } }, 401),
      ),
    );
    const err = await failure(api.connect('/api/jellyfin/connect', { password: 'hunter2' }));
    // a specific code on a 401 is kept: wrong password is not an expired dashboard session
    expect([err.code, err.message, err.status]).to.deep.equal(['invalid_credentials', 'Jellyfin rejected the password.', 401]);
  });

  it('our envelope with a specific code keeps it (400)', async () => {
    const api = clientFor(
      http.post('*/api/kodi/connect', () =>
        json({ ok: false, error: { code: 'version_too_old', message: 'Kodi 21 or newer is required.', field: 'server' } }, 400),
      ),
    );
    const err = await failure(api.connect('/api/kodi/connect', {}));
    expect([err.code, err.message, err.status, err.field]).to.deep.equal([
      'version_too_old',
      'Kodi 21 or newer is required.',
      400,
      'server',
    ]);
  });

  it('retry_after in our envelope, and the Retry-After header in seconds', async () => {
    const api = clientFor(
      http.post('*/api/a/device/start', () =>
        json({ ok: false, error: { code: 'rate_limited', message: 'Slow down.', retry_after: 30 } }, 429),
      ),
      http.post('*/api/b/device/start', () =>
        json({ ok: false, error: { code: 'unavailable', message: 'Busy.' } }, 503, { 'retry-after': '12' }),
      ),
    );
    const a = await failure(api.deviceStart('/api/a/device/start'));
    expect([a.code, a.retryAfter, a.status, a.transient]).to.deep.equal(['rate_limited', 30, 429, true]);
    const b = await failure(api.deviceStart('/api/b/device/start'));
    expect([b.code, b.retryAfter]).to.deep.equal(['unavailable', 12]);
  });

  it('Retry-After as an HTTP date', async () => {
    const when = new Date(Date.now() + 90_000).toUTCString();
    const api = clientFor(http.get('*/api/config', () => new HttpResponse('busy', { status: 503, headers: { 'retry-after': when } })));
    const err = await failure(api.getConfig());
    expect(err.retryAfter).to.be.within(85, 91);
    expect(err.message).to.equal('busy');
  });

  it('CrossWatch {ok:false,error:"code"} with HTTP 200 is detected', async () => {
    const api = clientFor(http.post('*/api/mdblist/save', () => json({ ok: false, error: 'invalid_api_key' })));
    const err = await failure(api.connect('/api/mdblist/save', { api_key: 'secret-key-123' }));
    expect([err.code, err.status]).to.deep.equal(['invalid_api_key', 200]);
    // the server's only word is the code; the UI words it by code (error-text.ts)
    expect(err.message).to.equal('invalid_api_key');
    expect(err.message).not.to.contain('secret-key-123');
  });

  it('an unknown bare code is kept as the code and the message', async () => {
    const api = clientFor(http.post('*/api/x/pin/new', () => json({ ok: false, error: 'weird_thing' })));
    const err = await failure(api.deviceStart('/api/x/pin/new'));
    expect(err.code).to.equal('weird_thing');
    expect(err.message).to.equal('weird_thing');
  });

  it('"internal" alone: code internal; the UI points to the log', async () => {
    const api = clientFor(http.post('*/api/trakt/pin/new', () => json({ ok: false, error: 'internal' })));
    const err = await failure(api.deviceStart('/api/trakt/pin/new'));
    expect([err.code, err.message]).to.deep.equal(['internal', 'internal']);
    expect(describeError(err, en, 'Trakt')).to.deep.equal({ message: 'The server gave no reason; check its log, then try again.' });
  });

  it('{ok:false,error,detail}: message is the first line of detail, trimmed, no traceback', async () => {
    const long = `HTTPSConnectionPool(host='api.simkl.com', port=443): Max retries exceeded ${'x'.repeat(400)}`;
    const detail = `${long}\nTraceback (most recent call last):\n  File "/app/x.py", line 1\nsecret stuff`;
    const api = clientFor(http.post('*/api/simkl/pin/start', () => json({ ok: false, error: 'network_error', detail })));
    const err = await failure(api.deviceStart('/api/simkl/pin/start'));
    // the SERVER could not reach SIMKL: not our network_error (which means "server unreachable")
    expect(err.code).to.equal('unreachable');
    expect(err.status).to.equal(200);
    expect(err.message.startsWith("HTTPSConnectionPool(host='api.simkl.com'")).to.equal(true);
    expect(err.message.length).to.be.below(260);
    expect(err.message).not.to.contain('Traceback');
    expect(err.message).not.to.contain('\n');
  });

  it('{ok:false,error:"internal",detail} uses the detail', async () => {
    const api = clientFor(http.post('*/api/x/pin/new', () => json({ ok: false, error: 'internal', detail: 'Database is locked' })));
    const err = await failure(api.deviceStart('/api/x/pin/new'));
    expect([err.code, err.message]).to.deep.equal(['internal', 'Database is locked']);
  });

  it('{ok:false,error,reason}: code = reason, message = error text', async () => {
    const api = clientFor(
      http.post('*/api/kodi/connect', () =>
        json({ ok: false, reason: 'version_too_old', error: 'Kodi 21.0 Omega or newer is required' }, 400),
      ),
      http.post('*/api/stremio/connect', () =>
        json({ ok: false, reason: 'invalid_credentials', error: 'Stremio rejected the credentials' }),
      ),
    );
    const kodi = await failure(api.connect('/api/kodi/connect', {}));
    expect([kodi.code, kodi.message, kodi.status]).to.deep.equal(['version_too_old', 'Kodi 21.0 Omega or newer is required', 400]);
    const stremio = await failure(api.connect('/api/stremio/connect', {}));
    expect([stremio.code, stremio.message, stremio.status]).to.deep.equal([
      'invalid_credentials',
      'Stremio rejected the credentials',
      200,
    ]);
  });

  it('{ok:false,error:"<sentence>"} keeps the sentence as the message', async () => {
    const text = 'SIMKL client_id and client_secret must be set in settings first';
    const api = clientFor(http.post('*/api/simkl/authorize', () => json({ ok: false, error: text })));
    const err = await failure(api.authorize('/api/simkl/authorize', location.origin));
    expect([err.code, err.message]).to.deep.equal(['request_failed', text]);
  });

  const usages = [{ feature: 'sync_pair', role: 'source', pair_id: 'p1', enabled: true, label: 'Sync pair p1' }];

  it('409 provider_in_use, CrossWatch top-level shape', async () => {
    const message = 'Cannot delete Trakt connection because it is used by Sync pair p1 (source).';
    const api = clientFor(
      http.post('*/api/trakt/token/delete', () =>
        json({ ok: false, error: 'provider_in_use', provider: 'trakt', instance: 'default', usages, message }, 409),
      ),
    );
    const err = await failure(api.disconnect('/api/trakt/token/delete'));
    expect([err.code, err.status, err.message]).to.deep.equal(['provider_in_use', 409, message]);
    expect(err.usages).to.deep.equal(usages);
  });

  it('409 provider_in_use, our envelope', async () => {
    const api = clientFor(
      http.post('*/api/trakt/disconnect', () =>
        json({ ok: false, error: { code: 'provider_in_use', message: 'Used by Sync pair p1.', usages } }, 409),
      ),
    );
    const err = await failure(api.disconnect('/api/trakt/disconnect'));
    expect([err.code, err.message]).to.deep.equal(['provider_in_use', 'Used by Sync pair p1.']);
    expect(err.usages).to.deep.equal(usages);
  });

  it('deleteInstance 409 keeps the usages', async () => {
    const api = clientFor(
      http.delete('*/api/provider-instances/trakt/:id', () =>
        json({ ok: false, error: 'provider_in_use', usages, message: 'In use by Sync pair p1.' }, 409),
      ),
    );
    const err = await failure(api.deleteInstance('trakt', 'TRAKT-P01'));
    expect([err.code, err.usages?.length]).to.deep.equal(['provider_in_use', 1]);
  });

  it('FastAPI {detail:"text"}', async () => {
    const api = clientFor(http.post('*/api/tautulli/save', () => json({ detail: 'api_key required' }, 400)));
    const err = await failure(api.connect('/api/tautulli/save', {}));
    expect([err.code, err.message, err.status]).to.deep.equal(['invalid_request', 'api_key required', 400]);
  });

  it('FastAPI 422 {detail:[{loc,msg}]} → validation_error with loc and msg', async () => {
    const api = clientFor(
      http.post('*/api/x/save', () =>
        json(
          {
            detail: [
              { loc: ['body'], msg: 'field required', type: 'value_error.missing' },
              { loc: ['body', 'server_url'], msg: 'invalid url', type: 'value_error' },
            ],
          },
          422,
        ),
      ),
    );
    const err = await failure(api.connect('/api/x/save', {}));
    expect(err.code).to.equal('validation_error');
    expect(err.message).to.equal('body: field required; body.server_url: invalid url');
    expect(err.status).to.equal(422);
  });

  it('text/plain body: trimmed text is the message', async () => {
    const api = clientFor(http.get('*/api/x/status', () => HttpResponse.text('  State mismatch.  \n', { status: 400 })));
    const err = await failure(api.status('/api/x/status'));
    expect([err.code, err.message, err.status]).to.deep.equal(['invalid_request', 'State mismatch.', 400]);
  });

  it('HTML error page: bad_response naming the status, never the markup', async () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>';
    const api = clientFor(http.get('*/api/config', () => HttpResponse.html(page, { status: 502 })));
    const err = await failure(api.getConfig());
    expect(err.code).to.equal('bad_response');
    expect(err.status).to.equal(502);
    expect(err.message).to.contain('HTTP 502');
    expect(err.message).not.to.contain('<');
    expect(err.message).not.to.contain('nginx');
    expect(err.transient).to.equal(true);
  });

  it('HTML with HTTP 200 (wrong base URL hitting an SPA) is bad_response too', async () => {
    const api = clientFor(http.get('*/api/auth/providers', () => HttpResponse.html('<!doctype html><html><body>app</body></html>')));
    const err = await failure(api.listProviders());
    expect([err.code, err.status]).to.deep.equal(['bad_response', 200]);
    expect(err.message).to.contain('HTML');
  });

  it('malformed JSON on 2xx → bad_response', async () => {
    const api = clientFor(
      http.get('*/api/config', () => new HttpResponse('{"trakt": {', { headers: { 'content-type': 'application/json' } })),
    );
    const err = await failure(api.getConfig());
    expect([err.code, err.status]).to.deep.equal(['bad_response', 200]);
    expect(err.message).to.contain('not valid JSON');
  });

  it('malformed JSON on 5xx still gives a status-based error', async () => {
    const api = clientFor(
      http.get('*/api/config', () => new HttpResponse('{"ok": fal', { status: 500, headers: { 'content-type': 'application/json' } })),
    );
    const err = await failure(api.getConfig());
    expect([err.code, err.status]).to.deep.equal(['internal', 500]);
    expect(err.message).to.equal('HTTP 500');
  });

  it('empty 500 → internal with the log hint', async () => {
    const api = clientFor(http.post('*/api/x/connect', () => new HttpResponse(null, { status: 500 })));
    const err = await failure(api.connect('/api/x/connect', {}));
    expect([err.code, err.status]).to.deep.equal(['internal', 500]);
    expect(err.message).to.equal('HTTP 500');
    expect(describeError(err, en, 'X').message).to.contain('check its log');
  });

  it('401 {ok:false,error:"Unauthorized"} → unauthorized keeping the server text', async () => {
    const api = clientFor(http.get('*/api/config', () => json({ ok: false, error: 'Unauthorized' }, 401)));
    const err = await failure(api.getConfig());
    expect([err.code, err.message, err.status]).to.deep.equal(['unauthorized', 'Unauthorized', 401]);
  });

  it('403 "Origin mismatch" → origin_mismatch', async () => {
    const api = clientFor(http.post('*/api/config', () => json({ ok: false, error: 'Origin mismatch' }, 403)));
    const err = await failure(api.saveConfig({}));
    expect([err.code, err.message, err.status]).to.deep.equal(['origin_mismatch', 'Origin mismatch', 403]);
  });

  it('403 "Authentication setup required" → forbidden with the text', async () => {
    const api = clientFor(http.get('*/api/config', () => json({ ok: false, error: 'Authentication setup required' }, 403)));
    const err = await failure(api.getConfig());
    expect([err.code, err.message]).to.deep.equal(['forbidden', 'Authentication setup required']);
  });

  it('saveConfig and unsetConfig check {ok:false} envelopes on 200', async () => {
    const api = clientFor(
      http.post('*/api/config', () => json({ ok: false, error: 'read_only' })),
      http.post('*/api/config/unset', () => json({ ok: false, error: 'protected', detail: 'app_auth is protected' })),
    );
    expect((await failure(api.saveConfig({ a: 1 }))).code).to.equal('read_only');
    const unset = await failure(api.unsetConfig(['app_auth']));
    expect([unset.code, unset.message]).to.deep.equal(['protected', 'app_auth is protected']);
  });

  it('createInstance: profile_limit_reached', async () => {
    const api = clientFor(http.post('*/api/provider-instances/trakt/next', () => json({ ok: false, error: 'profile_limit_reached' })));
    const err = await failure(api.createInstance('trakt'));
    expect(err.code).to.equal('profile_limit_reached');
    expect(err.message).to.equal('profile_limit_reached');
  });

  it('network failure → network_error saying the server could not be reached', async () => {
    const api = clientFor(http.get('*/api/config', () => HttpResponse.error()));
    const err = await failure(api.getConfig());
    expect([err.code, err.status, err.transient]).to.deep.equal(['network_error', 0, true]);
    expect(err.message).to.contain('could not be reached');
  });

  it('listProviders: a non-array top level is invalid_manifest', async () => {
    const api = clientFor(http.get('*/api/auth/providers', () => json({ providers: [] })));
    const err = await failure(api.listProviders());
    expect(err.code).to.equal('invalid_manifest');
    expect(err.message).to.equal('The provider list must be an array, not an object');
  });

  it('getConfig: a non-object is invalid_config', async () => {
    const api = clientFor(http.get('*/api/config', () => HttpResponse.json([1, 2])));
    const err = await failure(api.getConfig());
    expect(err.code).to.equal('invalid_config');
    expect(err.message).to.contain('an array');
  });

  it('authorize: a javascript: URL is refused', async () => {
    const api = clientFor(http.post('*/api/x/authorize', () => json({ authorize_url: 'javascript:alert(1)' })));
    const err = await failure(api.authorize('/api/x/authorize', location.origin));
    expect(err.code).to.equal('bad_response');
    expect(err.message).to.contain('unsafe authorize URL');
  });

  it('deviceStart without a user code is bad_response', async () => {
    const api = clientFor(http.post('*/api/x/device/start', () => json({ ok: true, verification_url: 'https://x.example' })));
    const err = await failure(api.deviceStart('/api/x/device/start'));
    expect([err.code, err.message]).to.deep.equal(['bad_response', 'The device start answer has no user_code.']);
  });

  it('deviceStart {ok:false,error:"rate_limited",retry_after} (PunchPlay)', async () => {
    const api = clientFor(
      http.post('*/api/punchplay/device/start', () => json({ ok: false, error: 'rate_limited', retry_after: 120, local: true })),
    );
    const err = await failure(api.deviceStart('/api/punchplay/device/start'));
    expect([err.code, err.retryAfter]).to.deep.equal(['rate_limited', 120]);
  });

  it('error messages never echo the request body', async () => {
    const api = clientFor(http.post('*/api/x/connect', () => new HttpResponse(null, { status: 400 })));
    const err = await failure(api.connect('/api/x/connect', { password: 'hunter2-secret' }));
    expect(err.message).not.to.contain('hunter2');
    expect(err.message).to.equal('HTTP 400');
  });
});

describe('api client: timeouts and aborts', () => {
  const slow = http.get('*/api/config', async () => {
    await delay(2000);
    return json({});
  });

  it('a slow server → timeout after timeoutMs, with the fetch signal aborted', async () => {
    const net = handlerFetch(slow);
    const api = createApiClient({ fetch: net.fetch });
    const started = performance.now();
    const err = await failure(api.getConfig({ timeoutMs: 60 }));
    const elapsed = performance.now() - started;
    expect([err.code, err.status]).to.deep.equal(['timeout', 0]);
    expect(err.message).to.equal('The server did not answer within 60 ms.');
    expect(elapsed).to.be.below(1000);
    expect(net.requests[0].signal.aborted).to.equal(true);
  });

  it('the client-wide default timeout applies', async () => {
    const api = createApiClient({ fetch: handlerFetch(slow).fetch, timeoutMs: 50 });
    expect((await failure(api.getConfig())).code).to.equal('timeout');
  });

  it('a timeout also covers a body that never finishes', async () => {
    // headers arrive, the body stream never ends
    const stalled = ((_: RequestInfo | URL, init?: RequestInit) =>
      Promise.resolve(
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"a":'));
              init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
            },
          }),
        ),
      )) as typeof fetch;
    const api = createApiClient({ fetch: stalled });
    expect((await failure(api.getConfig({ timeoutMs: 50 }))).code).to.equal('timeout');
  });

  it('timeout works even when an injected fetch ignores the signal', async () => {
    const deaf = (() => new Promise<Response>(() => {})) as typeof fetch;
    const api = createApiClient({ fetch: deaf });
    expect((await failure(api.getConfig({ timeoutMs: 40 }))).code).to.equal('timeout');
  });

  it('a caller abort → aborted (status 0)', async () => {
    const net = handlerFetch(slow);
    const api = createApiClient({ fetch: net.fetch });
    const controller = new AbortController();
    const pending = api.getConfig({ signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const err = await failure(pending);
    expect([err.code, err.status]).to.deep.equal(['aborted', 0]);
    expect(net.requests[0].signal.aborted).to.equal(true);
  });

  it('an already aborted signal fails at once without a request', async () => {
    const net = handlerFetch(slow);
    const api = createApiClient({ fetch: net.fetch });
    const err = await failure(api.getConfig({ signal: AbortSignal.abort() }));
    expect(err.code).to.equal('aborted');
    expect(net.requests).to.have.length(0);
  });

  it('removes its abort listener from the caller signal and clears the timer', async () => {
    const net = handlerFetch(http.get('*/api/config', () => json({})));
    const api = createApiClient({ fetch: net.fetch });
    const controller = new AbortController();
    let added = 0;
    let removed = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
      added++;
      add(...args);
    }) as AbortSignal['addEventListener'];
    signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
      removed++;
      remove(...args);
    }) as AbortSignal['removeEventListener'];

    const realSetTimeout = window.setTimeout;
    const realClearTimeout = window.clearTimeout;
    const live = new Set<number>();
    window.setTimeout = ((fn: TimerHandler, ms?: number) => {
      const id = realSetTimeout(fn, ms);
      live.add(id);
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id?: number) => {
      if (id !== undefined) live.delete(id);
      realClearTimeout(id);
    }) as typeof window.clearTimeout;
    try {
      for (let i = 0; i < 5; i++) await api.getConfig({ signal, timeoutMs: 10_000 });
    } finally {
      window.setTimeout = realSetTimeout;
      window.clearTimeout = realClearTimeout;
    }
    expect(added).to.equal(5);
    expect(removed).to.equal(5);
    expect(live.size).to.equal(0);
    // a later abort must not reach finished calls
    controller.abort();
  });
});

describe('api client: 401 on a login route', () => {
  it('a 401 sentence from a connect route is invalid_credentials, the auth gate stays unauthorized', async () => {
    const api = clientFor(
      http.post('*/api/jellyfin/login', () => json({ ok: false, error: 'Invalid username or password' }, 401)),
      http.post('*/api/kodi/connect', () => json({ ok: false, error: 'Unauthorized' }, 401)),
    );
    const login = await failure(api.connect('/api/jellyfin/login', { username: 'bob', password: 'x' }));
    expect([login.code, login.message, login.status]).to.deep.equal(['invalid_credentials', 'Invalid username or password', 401]);
    const gate = await failure(api.connect('/api/kodi/connect', {}));
    expect([gate.code, gate.message]).to.deep.equal(['unauthorized', 'Unauthorized']);
  });
});
