/**
 * Every failure shape (our contract's and CrossWatch's real ones) goes through the real client
 * and comes out as a clear sentence with a way forward; never a bare code, never markup.
 */
import { expect } from '../helpers.js';
import { createApiClient } from '../../src/api-client/client.js';
import { ApiError } from '../../src/api-client/errors.js';
import { canonicalCode, describeError, trimDetail } from '../../src/providers/error-text.js';
import { en } from '../../src/strings/en.js';
import { de } from '../../src/strings/de.js';
import { flowStringsEn } from '../../src/strings/en-flows.js';
import { flowStringsDe } from '../../src/strings/de-flows.js';
import { format } from '../../src/strings/format.js';

interface Canned {
  status: number;
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

/** The real client over a fetch that answers one canned response (or fails like a dead network). */
async function errorFrom(answer: Canned | 'network', call: 'poll' | 'start' | 'connect' | 'authorize' | 'disconnect' = 'start'): Promise<ApiError> {
  const api = createApiClient({
    fetch: async () => {
      if (answer === 'network') throw new TypeError('Failed to fetch');
      return new Response(answer.body, {
        status: answer.status,
        headers: { 'content-type': answer.type ?? 'application/json', ...answer.headers },
      });
    },
  });
  try {
    if (call === 'start') await api.deviceStart('/api/x/device/start');
    else if (call === 'poll') await api.devicePoll('/api/x/device/poll');
    else if (call === 'connect') await api.connect('/api/x/connect', {});
    else if (call === 'authorize') await api.authorize('/api/x/authorize', location.origin);
    else await api.disconnect('/api/x/disconnect');
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

const say = (key: keyof typeof en, params: Record<string, string | number> = {}) => format(en[key], { provider: 'Acme', ...params });

describe('describeError: every error shape as a clear message', () => {
  const cases: Array<{ name: string; answer: Canned | 'network'; call?: Parameters<typeof errorFrom>[1]; expect: string; detail?: RegExp | null }> = [
    {
      name: 'CrossWatch 200 {"ok":false,"error":"network_error","detail":long upstream text}',
      answer: { status: 200, body: JSON.stringify({ ok: false, error: 'network_error', detail: `HTTPSConnectionPool(host='api.simkl.com', port=443): Max retries exceeded ${'x'.repeat(600)}` }) },
      expect: say('flow.error.unreachable'),
      detail: /^Details: .*api\.simkl\.com.{0,220}$/,
    },
    {
      name: 'CrossWatch 200 {"ok":false,"error":"internal"}',
      answer: { status: 200, body: '{"ok":false,"error":"internal"}' },
      expect: say('flow.error.internal'),
      detail: null,
    },
    {
      name: 'CrossWatch 403 "Origin mismatch"',
      answer: { status: 403, body: '{"ok":false,"error":"Origin mismatch"}' },
      expect: say('flow.error.origin_mismatch'),
    },
    {
      name: 'CrossWatch 401 "Unauthorized"',
      answer: { status: 401, body: '{"ok":false,"error":"Unauthorized"}' },
      expect: say('flow.error.unauthorized'),
    },
    {
      name: 'CrossWatch SIMKL authorize without keys (a sentence, HTTP 200)',
      answer: { status: 200, body: '{"ok":false,"error":"SIMKL client_id and client_secret must be set in settings first"}' },
      call: 'authorize',
      expect: say('flow.error.missing_client_credentials'),
    },
    {
      name: 'CrossWatch Kodi 400 {"reason":"version_too_old","error":text}',
      answer: { status: 400, body: '{"ok":false,"reason":"version_too_old","error":"Kodi 21.0 Omega or newer is required"}' },
      call: 'connect',
      expect: say('flow.error.version_too_old'),
      detail: /Kodi 21\.0 Omega or newer is required/,
    },
    {
      name: 'CrossWatch Stremio 200 {"reason":"invalid_credentials"}',
      answer: { status: 200, body: '{"ok":false,"reason":"invalid_credentials","error":"Stremio rejected the credentials"}' },
      call: 'connect',
      expect: say('flow.error.invalid_credentials'),
    },
    {
      name: 'CrossWatch Scrob 200 totp_required',
      answer: { status: 200, body: '{"ok":false,"error":"totp_required","requires_2fa":true}' },
      call: 'connect',
      expect: say('flow.error.totp_required'),
    },
    {
      name: 'CrossWatch MDBList 200 invalid_api_key',
      answer: { status: 200, body: '{"ok":false,"error":"invalid_api_key"}' },
      call: 'connect',
      expect: say('flow.error.invalid_api_key'),
    },
    {
      name: 'CrossWatch Trakt start missing_client_id',
      answer: { status: 200, body: '{"ok":false,"error":"missing_client_id"}' },
      expect: say('flow.error.missing_client_credentials'),
    },
    {
      name: 'FastAPI 400 {"detail":"api_key required"}: the server words are the message',
      answer: { status: 400, body: '{"detail":"api_key required"}' },
      call: 'connect',
      expect: 'api_key required',
    },
    {
      name: 'our envelope 429 with Retry-After',
      answer: { status: 429, body: '{"ok":false,"error":{"code":"rate_limited","message":"Slow down","retry_after":30}}', headers: { 'retry-after': '30' } },
      expect: say('flow.error.rate_limited', { seconds: 30 }),
    },
    {
      name: 'our envelope 502 unreachable with a specific message',
      answer: { status: 502, body: '{"ok":false,"error":{"code":"unreachable","message":"Could not reach http://jf.lan (connection refused)."}}' },
      call: 'connect',
      expect: say('flow.error.unreachable'),
      detail: /connection refused/,
    },
    {
      name: 'an HTML error page from a proxy',
      answer: { status: 502, body: '<!doctype html><html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>', type: 'text/html' },
      expect: say('flow.error.http', { status: 502 }),
    },
    {
      name: 'text/plain 500',
      answer: { status: 500, body: 'Internal Server Error', type: 'text/plain' },
      expect: say('flow.error.internal'),
    },
    {
      name: 'malformed JSON',
      answer: { status: 200, body: '{"ok": tru', type: 'application/json' },
      expect: say('flow.error.bad_response'),
    },
    {
      name: 'a network failure',
      answer: 'network',
      expect: say('flow.error.network'),
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const error = await errorFrom(c.answer, c.call);
      const text = describeError(error, en, 'Acme');
      expect(text.message, `code ${error.code}`).to.equal(c.expect);
      expect(text.message).to.not.match(/<|>/);
      if (c.detail === null) expect(text.detail).to.equal(undefined);
      else if (c.detail) expect(text.detail).to.match(c.detail);
      if (text.detail) expect(text.detail).to.not.match(/<script/i);
    });
  }

  it('a 409 provider_in_use shows the server message naming the usage', async () => {
    const error = await errorFrom(
      {
        status: 409,
        body: JSON.stringify({
          ok: false,
          error: 'provider_in_use',
          provider: 'trakt',
          instance: 'default',
          usages: [{ feature: 'sync_pair', role: 'source', pair_id: 'p1', enabled: true, label: 'Sync pair p1' }],
          message: 'Cannot delete Trakt connection because it is used by Sync pair p1 (source).',
        }),
      },
      'disconnect',
    );
    expect(error.code).to.equal('provider_in_use');
    expect(describeError(error, en, 'Trakt').message).to.equal('Cannot delete Trakt connection because it is used by Sync pair p1 (source).');
  });

  it('unknown codes fall back to the server message, then to the code', () => {
    expect(describeError(new ApiError({ code: 'quantum_flux', message: 'The flux capacitor is out of sync.' }), en, 'Acme').message).to.equal(
      'The flux capacitor is out of sync.',
    );
    expect(describeError(new ApiError({ code: 'quantum_flux', message: 'quantum_flux' }), en, 'Acme').message).to.equal(
      say('flow.error.unknown', { code: 'quantum_flux' }),
    );
  });

  it('maps aliases and statuses to one code', () => {
    expect(canonicalCode(new ApiError({ code: 'expired_token', message: '' }))).to.equal('expired');
    expect(canonicalCode(new ApiError({ code: 'access_denied', message: '' }))).to.equal('denied');
    expect(canonicalCode(new ApiError({ code: 'http:502', message: '' }))).to.equal('http_error');
    expect(canonicalCode(new ApiError({ code: 'weird', message: '', status: 401 }))).to.equal('unauthorized');
    expect(canonicalCode(new ApiError({ code: 'validation_timeout', message: '' }))).to.equal('upstream_timeout');
    expect(trimDetail(`a\n\n b ${'c'.repeat(300)}`).length).to.equal(200);
  });

  it('speaks German when given the German table', () => {
    const text = describeError(new ApiError({ code: 'invalid_api_key', message: 'invalid_api_key' }), de, 'Tautulli');
    expect(text.message).to.equal('Tautulli hat den API-Schlüssel nicht akzeptiert. Prüfe ihn und verbinde erneut.');
  });
});

describe('flow strings', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('German is complete and keeps every placeholder', () => {
    const keys = Object.keys(flowStringsEn) as Array<keyof typeof flowStringsEn>;
    expect(Object.keys(flowStringsDe).sort()).to.deep.equal([...keys].sort());
    for (const key of keys) {
      expect(flowStringsDe[key].trim(), key).to.not.equal('');
      expect(placeholders(flowStringsDe[key]), key).to.deep.equal(placeholders(flowStringsEn[key]));
    }
  });

  it('every error code the UI knows has a sentence in both languages', () => {
    for (const key of Object.keys(flowStringsEn).filter((k) => k.startsWith('flow.error.'))) {
      expect(en[key as keyof typeof en], key).to.be.a('string').and.not.equal('');
      expect(de[key as keyof typeof de], key).to.be.a('string').and.not.equal('');
    }
  });
});
