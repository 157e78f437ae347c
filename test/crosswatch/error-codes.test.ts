/**
 * Every error code the client produces (src/api-client/parse-error.ts and the client's own
 * checks), from the answer that causes it, has a sentence in English AND German: never a bare
 * code, never the client's English placeholder in a German UI.
 */
import { expect } from '../helpers.js';
import { createApiClient } from '../../src/api-client/client.js';
import { ApiError } from '../../src/api-client/errors.js';
import type { AuthApi } from '../../src/api-client/api.js';
import { canonicalCode, describeError } from '../../src/providers/error-text.js';
import { en, type StringKey } from '../../src/strings/en.js';
import { de } from '../../src/strings/de.js';
import { format } from '../../src/strings/format.js';

interface Canned {
  status: number;
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

type Call = (api: AuthApi) => Promise<unknown>;
const start: Call = (api) => api.deviceStart('/api/x/device/start');
const config: Call = (api) => api.getConfig();
const addProfile: Call = (api) => api.createInstance('trakt');

async function errorFrom(answer: Canned | 'network' | 'timeout' | 'abort', call: Call = start): Promise<ApiError> {
  const controller = new AbortController();
  const api = createApiClient({
    timeoutMs: answer === 'timeout' ? 20 : 15_000,
    fetch: async (_input, init) => {
      if (answer === 'network') throw new TypeError('Failed to fetch');
      if (answer === 'timeout' || answer === 'abort') {
        if (answer === 'abort') setTimeout(() => controller.abort(), 5);
        return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      }
      return new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.type ?? 'application/json', ...answer.headers } });
    },
  });
  try {
    if (answer === 'abort') await api.deviceStart('/api/x/device/start', {}, { signal: controller.signal });
    else await call(api);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Canned => ({ status, body: JSON.stringify(body), ...(headers ? { headers } : {}) });

/** answer → the string key whose sentence must be the message (or 'server' for the server's own words). */
const CASES: Array<{ name: string; answer: Canned | 'network' | 'timeout' | 'abort'; call?: Call; key: StringKey | 'server'; params?: Record<string, string | number>; detail?: RegExp | null }> = [
  { name: 'unreachable (CrossWatch network_error, HTTP 200)', answer: json(200, { ok: false, error: 'network_error', detail: `HTTPSConnectionPool(host='api.simkl.com') ${'y'.repeat(400)}` }), key: 'flow.error.unreachable', detail: /^Details: HTTPSConnectionPool.{0,200}…$/ },
  { name: 'internal (HTTP 200)', answer: json(200, { ok: false, error: 'internal' }), key: 'flow.error.internal', detail: null },
  { name: 'internal (500 text/plain)', answer: { status: 500, body: 'Internal Server Error', type: 'text/plain' }, key: 'flow.error.internal', detail: null },
  { name: 'origin_mismatch (403)', answer: json(403, { ok: false, error: 'Origin mismatch' }), key: 'flow.error.origin_mismatch' },
  { name: 'unauthorized (401)', answer: json(401, { ok: false, error: 'Unauthorized' }), key: 'flow.error.unauthorized' },
  { name: 'setup_required (403)', answer: json(403, { ok: false, error: 'Authentication setup required' }), key: 'flow.error.setup_required' },
  { name: 'forbidden (403 without a reason)', answer: json(403, {}), key: 'flow.error.forbidden' },
  { name: 'profile_limit_reached (HTTP 200)', answer: json(200, { ok: false, error: 'profile_limit_reached' }), call: addProfile, key: 'flow.error.profile_limit_reached', detail: null },
  { name: 'request_failed (HTTP 200, nothing said)', answer: json(200, { ok: false }), key: 'flow.error.request_failed', detail: null },
  { name: 'request_failed with a sentence: the sentence', answer: json(200, { ok: false, error: 'The watcher is busy, try later' }), key: 'server' },
  { name: 'invalid_request (400, nothing said)', answer: json(400, {}), key: 'flow.error.invalid_request', detail: null },
  { name: 'invalid_request with FastAPI words: the words', answer: json(400, { detail: 'api_key required' }), key: 'server' },
  { name: 'conflict (409 on a start route)', answer: json(409, {}), key: 'flow.error.conflict', detail: null },
  { name: 'validation_error (FastAPI 422)', answer: json(422, { detail: [{ loc: ['body'], msg: 'Field required', type: 'missing' }] }), key: 'flow.error.validation_error', detail: /body: Field required/ },
  { name: 'not_found (404)', answer: json(404, { detail: 'Not Found' }), key: 'flow.error.not_found' },
  { name: 'rate_limited (429 + Retry-After)', answer: json(429, { ok: false, error: 'rate_limited' }, { 'retry-after': '30' }), key: 'flow.error.rate_limited', params: { seconds: 30 } },
  { name: 'rate_limited (PunchPlay guard, HTTP 200 retry_after)', answer: json(200, { ok: false, error: 'rate_limited', retry_after: 12, local: true }), key: 'flow.error.rate_limited', params: { seconds: 12 } },
  { name: 'upstream_error (502 JSON without a code)', answer: json(502, {}), key: 'flow.error.upstream_error' },
  { name: 'unavailable (503)', answer: json(503, {}, { 'retry-after': '5' }), key: 'flow.error.unavailable' },
  { name: 'upstream_timeout (504)', answer: json(504, {}), key: 'flow.error.upstream_timeout' },
  { name: 'an HTML error page (502)', answer: { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', type: 'text/html' }, key: 'flow.error.http', params: { status: 502 }, detail: null },
  { name: 'bad_response (malformed JSON)', answer: { status: 200, body: '{"ok": tru' }, key: 'flow.error.bad_response' },
  { name: 'invalid_response (CrossWatch bad_json)', answer: json(200, { ok: false, error: 'bad_json' }), key: 'flow.error.invalid_response', detail: null },
  { name: 'invalid_config (the config is not an object)', answer: json(200, ['not', 'a', 'config']), call: config, key: 'flow.error.invalid_config' },
  { name: 'network (no answer)', answer: 'network', key: 'flow.error.network', detail: null },
  { name: 'timeout', answer: 'timeout', key: 'flow.error.timeout', detail: null },
  { name: 'aborted', answer: 'abort', key: 'flow.error.aborted', detail: null },
  { name: 'unknown code without words', answer: json(200, { ok: false, error: 'quantum_flux' }), key: 'flow.error.unknown', params: { code: 'quantum_flux' } },
];

describe('error codes: a sentence for each in both languages', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const error = await errorFrom(c.answer, c.call);
      for (const [lang, table] of [
        ['en', en],
        ['de', de],
      ] as const) {
        const text = describeError(error, table, 'Acme');
        const where = `${lang}: code ${error.code} (${canonicalCode(error)}), message ${JSON.stringify(error.message)}`;
        if (c.key === 'server') {
          expect(text.message, where).to.equal(error.message);
          expect(text.message, where).to.not.equal(error.code);
        } else {
          expect(text.message, where).to.equal(format(table[c.key], { provider: 'Acme', ...c.params }));
        }
        if (c.detail === null) expect(text.detail, where).to.equal(undefined);
        else if (c.detail) expect(text.detail, where).to.match(c.detail);
        // Never the bare code, never markup, never the client's English stand-ins.
        expect(`${text.message} ${text.detail ?? ''}`, where).not.to.match(/<|>/);
        // (Codes that are plain words, such as `conflict`, may of course appear in a sentence.)
        if (c.key !== 'flow.error.unknown' && /[_:]/.test(error.code)) expect(text.message, where).not.to.contain(error.code);
        expect(text.detail ?? '', where).not.to.match(/^Details: (HTTP \d{3}|The server (reported|answered|could not be reached))/);
      }
    });
  }

  it('every client code with a sentence exists in both tables, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const keys = Object.keys(en).filter((k) => k.startsWith('flow.error.') || k.startsWith('profiles.')) as StringKey[];
    expect(keys.length).to.be.greaterThan(60);
    for (const key of keys) {
      expect(de[key], key).to.be.a('string').and.not.equal('');
      // "Details: {detail}" and "{message}" read the same in German.
      if (key !== 'flow.error.detail' && key !== 'flow.error.server_message') expect(de[key], `${key} is translated`).to.not.equal(en[key]);
      expect(placeholders(de[key]), key).to.deep.equal(placeholders(en[key]));
    }
  });
});
