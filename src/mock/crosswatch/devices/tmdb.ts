/**
 * TMDb sync: a v3 request token approved in a popup (the activation page in `mock` mode);
 * /connect/finish or /verify turns the approved token into a session.
 */
import { isBlankSecret, type JsonObject } from '../config.js';
import type { MockEnv } from '../env.js';
import { json, type Router } from '../http.js';
import { randomHex } from '../state.js';
import { activateUrl, expired } from './common.js';

export function registerTmdbRoutes(router: Router, env: MockEnv): void {
  const { s } = env;
  const mock = env.verificationUrls === 'mock';

  router.post('/api/tmdb_sync/connect/start', async (ctx) => {
    const body = await ctx.requiredBody();
    const b = s.writable('tmdb_sync', ctx.instance);
    const incoming = typeof body['api_key'] === 'string' ? body['api_key'].trim() : '';
    const key = isBlankSecret(incoming) ? s.str(b, 'api_key') : incoming;
    const formatError = tmdbKeyProblem(key);
    if (formatError) return json({ ok: false, error: formatError });
    if (env.rules.rejects(key)) return json({ ok: false, error: 'invalid_api_key' });
    b['api_key'] = key;
    const token = randomHex(40);
    b['_pending_request_token'] = token;
    b['_pending_created_at'] = s.epoch();
    s.addGrant({ provider: 'tmdb_sync', instance: ctx.instance, code: token, expiresAt: s.now() + 3_600_000 });
    return json({
      ok: true,
      request_token: token,
      auth_url: mock ? activateUrl(ctx, 'tmdb_sync', token) : `https://www.themoviedb.org/authenticate/${token}`,
      expires_at: new Date(s.now() + 3_600_000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
      instance: ctx.instance,
    });
  });
  const tmdbFinish = (instance: string): JsonObject => {
    const b = s.block('tmdb_sync', instance);
    const token = s.str(b, '_pending_request_token');
    const grant = token ? s.findGrant('tmdb_sync', instance, token) : undefined;
    if (!b || !grant) return { ok: false, connected: false, pending: false, error: 'no_request_token' };
    if (grant.status === 'denied') {
      b['_pending_request_token'] = '';
      return { ok: false, connected: false, pending: false, error: 'request_token_denied' };
    }
    if (grant.status !== 'approved') {
      return expired(s, grant)
        ? { ok: false, connected: false, pending: false, error: 'request_token_expired' }
        : { ok: true, connected: false, pending: true };
    }
    grant.status = 'consumed';
    b['session_id'] = randomHex(40);
    b['account_id'] = '8675309';
    b['_pending_request_token'] = '';
    b['_pending_created_at'] = 0;
    return { ok: true, connected: true, pending: false, account: { id: 8675309, username: 'tmdbuser' } };
  };
  router.post('/api/tmdb_sync/connect/finish', async (ctx) => {
    await ctx.optionalBody();
    const r = tmdbFinish(ctx.instance);
    return json(r['pending'] ? { ok: false, error: 'request_token_not_approved' } : r);
  });
  router.get('/api/tmdb_sync/verify', (ctx) => {
    const b = s.block('tmdb_sync', ctx.instance);
    if (s.str(b, 'session_id') && s.str(b, 'api_key')) {
      return json({ ok: true, connected: true, pending: false, account: { id: Number(s.str(b, 'account_id')) || 0, username: 'tmdbuser' } });
    }
    if (!s.str(b, '_pending_request_token')) return json({ ok: true, connected: false, pending: false });
    return json(tmdbFinish(ctx.instance));
  });
}

/** CrossWatch checks the TMDb key format before calling TMDb. */
export function tmdbKeyProblem(key: string): string | undefined {
  if (!key) return 'api_key required';
  if (/^bearer\s/i.test(key)) return 'Paste the v3 API key, not a "Bearer …" header value.';
  if (/^eyJ/.test(key)) return 'This looks like a v4 read access token (JWT). Use the v3 API key (32 hex characters).';
  if (!/^[0-9a-f]{32}$/i.test(key) && !/^(wrong|bad|invalid)/i.test(key)) {
    return 'A TMDb v3 API key is 32 hexadecimal characters.';
  }
  return undefined;
}
