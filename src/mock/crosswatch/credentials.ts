/**
 * Credential / API-key routes (§3.7) with each provider's own success and failure shapes: real
 * HTTP codes for Jellyfin/Emby/Kodi, HTTP 200 `ok:false` for Stremio and the `/save` validators,
 * FastAPI `{"detail":…}` 400 for Tautulli.
 */
import { isBlankSecret, type JsonObject } from './config.js';
import type { MockEnv } from './env.js';
import { json, type Router } from './http.js';
import { randomHex } from './state.js';
import { tmdbKeyProblem } from './devices/tmdb.js';

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const bool = (v: unknown, fallback = false): boolean =>
  typeof v === 'boolean' ? v : v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : fallback;

export function registerCredentialRoutes(router: Router, env: MockEnv): void {
  const { s, rules } = env;
  /** An incoming secret, or the stored one when the client sent a blank or the mask. */
  const secret = (body: Record<string, unknown>, key: string, block: JsonObject | undefined, stored = key): string => {
    const v = body[key];
    return typeof v === 'string' && !isBlankSecret(v) ? v : s.str(block, stored);
  };

  // ---- Jellyfin: username/password → user token. Password may be empty (passwordless users).
  router.post('/api/jellyfin/login', async (ctx) => {
    const body = await ctx.requiredBody();
    const block = s.block('jellyfin', ctx.instance);
    const server = str(body['server']).replace(/\/+$/, '');
    const username = str(body['username']);
    const password = secret(body, 'password', block);
    if (!server || !username) {
      const missing = [!server && 'server', !username && 'username'].filter(Boolean).join('/');
      return json({ ok: false, error: `Missing: ${missing}` }, 400);
    }
    if (rules.unreachable(server)) return json({ ok: false, error: `Cannot reach Jellyfin at ${server}` }, 502);
    if (rules.tooOld(server)) return json({ ok: false, error: 'Jellyfin 10.9 or newer is required (found 10.8.13)' }, 400);
    if (rules.rejects(password) || rules.rejects(username)) {
      return json({ ok: false, error: 'Invalid username or password' }, 401);
    }
    const b = s.writable('jellyfin', ctx.instance);
    Object.assign(b, {
      server,
      username,
      user: username,
      access_token: `jf-${randomHex(32)}`,
      user_id: randomHex(32),
      auth_method: 'password',
      server_version: '10.10.3',
      verify_ssl: bool(body['verify_ssl'], false),
    });
    return json({ ok: true, user_id: b['user_id'], username, server, server_version: '10.10.3', instance: ctx.instance });
  });

  // ---- Emby: every failure is 500 "Login failed"; the password is dropped after the token.
  router.post('/api/emby/login', async (ctx) => {
    const body = await ctx.requiredBody();
    const block = s.block('emby', ctx.instance);
    const server = str(body['server']).replace(/\/+$/, '');
    const username = str(body['username']);
    const password = secret(body, 'password', block);
    if (!server || !username) {
      const missing = [!server && 'server', !username && 'username'].filter(Boolean).join('/');
      return json({ ok: false, error: `Missing: ${missing}` }, 400);
    }
    if (rules.unreachable(server) || rules.rejects(password) || rules.rejects(username)) {
      return json({ ok: false, error: 'Login failed' }, 500);
    }
    const b = s.writable('emby', ctx.instance);
    Object.assign(b, {
      server,
      username,
      user: username,
      password: '',
      access_token: `emby-${randomHex(32)}`,
      user_id: randomHex(32),
      verify_ssl: bool(body['verify_ssl'], false),
    });
    return json({ ok: true, user_id: b['user_id'], username, server, instance: ctx.instance });
  });

  // ---- Kodi: JSON-RPC, optional HTTP Basic; `reason` + `error` with real status codes.
  router.post('/api/kodi/connect', async (ctx) => {
    const body = await ctx.requiredBody();
    const block = s.block('kodi', ctx.instance);
    const server = str(body['server']).replace(/\/+$/, '');
    const username = str(body['username']);
    const password = secret(body, 'password', block);
    const fail = (reason: string, error: string, status: number) => json({ ok: false, reason, error }, status);
    if (!server) return fail('missing_server', 'Kodi server URL is required', 400);
    if (rules.unreachable(server)) return fail('unreachable', `Could not connect to Kodi at ${server}`, 502);
    if (rules.tooOld(server)) return fail('version_too_old', 'Kodi 21.0 Omega or newer is required', 400);
    if (rules.rejects(password) || rules.rejects(username)) {
      return fail('invalid_credentials', 'Kodi rejected the username or password', 401);
    }
    const authMethod = username ? 'basic' : 'none';
    const b = s.writable('kodi', ctx.instance);
    Object.assign(b, {
      server,
      username,
      password,
      verify_ssl: bool(body['verify_ssl'], false),
      auth_method: authMethod,
      kodi_version: '21.1',
      jsonrpc_version: '13.5.0',
      connection_verified: true,
    });
    return json({ ok: true, kodi_version: '21.1', jsonrpc_version: '13.5.0', auth_method: authMethod, instance: ctx.instance });
  });

  // ---- Stremio: bad credentials are HTTP 200 with ok:false.
  router.post('/api/stremio/connect', async (ctx) => {
    const body = await ctx.requiredBody();
    const email = str(body['email']);
    const password = str(body['password']);
    if (!email || !password || isBlankSecret(password)) {
      return json({ ok: false, reason: 'missing_credentials', error: 'Email and password are required' }, 400);
    }
    if (rules.rejects(password) || rules.rejects(email)) {
      return json({ ok: false, reason: 'invalid_credentials', error: 'Stremio rejected the credentials' });
    }
    s.writable('stremio', ctx.instance)['auth_key'] = `stremio-${randomHex(32)}`;
    return json({ ok: true, instance: ctx.instance });
  });

  // ---- Tautulli: FastAPI 400 detail for missing input, 200 ok:false for a rejected key.
  router.post('/api/tautulli/save', async (ctx) => {
    const body = await ctx.requiredBody();
    const block = s.block('tautulli', ctx.instance);
    const serverUrl = str(body['server_url']).replace(/\/+$/, '') || s.str(block, 'server_url');
    const apiKey = secret(body, 'api_key', block);
    if (!serverUrl) return json({ detail: 'server_url required' }, 400);
    if (!apiKey) return json({ detail: 'api_key required' }, 400);
    if (rules.unreachable(serverUrl)) return json({ ok: false, error: 'unreachable' });
    if (rules.rejects(apiKey)) return json({ ok: false, error: 'invalid_api_key' });
    const b = s.writable('tautulli', ctx.instance);
    b['server_url'] = serverUrl;
    b['api_key'] = apiKey;
    if ('verify_ssl' in body) b['verify_ssl'] = bool(body['verify_ssl'], false);
    if (typeof body['user_id'] === 'string' || typeof body['user_id'] === 'number') {
      const history = (b['history'] ??= {}) as JsonObject;
      history['user_id'] = String(body['user_id']).trim();
    }
    return json({ ok: true, server_url: serverUrl, has_key: true, instance: ctx.instance });
  });

  // ---- Floppy (self-hosted).
  router.post('/api/floppy/save', async (ctx) => {
    const body = await ctx.requiredBody();
    const block = s.block('floppy', ctx.instance);
    const serverUrl = str(body['server_url']).replace(/\/+$/, '');
    const token = secret(body, 'api_token', block);
    const verifySsl = bool(body['verify_ssl'], false);
    if (!serverUrl) return json({ ok: false, error: 'server_url_required' });
    if (!token) return json({ ok: false, error: 'api_token_required' });
    if (rules.unreachable(serverUrl)) return json({ ok: false, error: 'unreachable' });
    if (rules.rejects(token)) return json({ ok: false, error: 'invalid_api_token' });
    Object.assign(s.writable('floppy', ctx.instance), { server_url: serverUrl, api_token: token, verify_ssl: verifySsl });
    return json({ ok: true, server_url: serverUrl, has_token: true, verify_ssl: verifySsl, instance: ctx.instance });
  });

  // ---- PublicMetaDB: validated upstream before saving.
  router.post('/api/publicmetadb/save', async (ctx) => {
    const body = await ctx.requiredBody();
    const apiKey = secret(body, 'api_key', s.block('publicmetadb', ctx.instance));
    if (!apiKey) return json({ ok: false, error: 'missing_api_key' });
    if (rules.rejects(apiKey)) return json({ ok: false, error: 'invalid_api_key' });
    s.writable('publicmetadb', ctx.instance)['api_key'] = apiKey;
    return json({ ok: true, instance: ctx.instance });
  });

  // ---- Metadata TMDb key (not the sync adapter).
  const tmdbCheck = (key: string) => {
    const problem = tmdbKeyProblem(key);
    if (problem) return { ok: true, valid: false, error: problem };
    if (rules.rejects(key)) return { ok: true, valid: false, error: 'Invalid API key: You must be granted a valid key.' };
    return { ok: true, valid: true };
  };
  router.post('/api/tmdb/verify', async (ctx) => {
    const body = await ctx.requiredBody();
    return json(tmdbCheck(secret(body, 'api_key', s.block('tmdb', 'default'))));
  });
  router.post('/api/tmdb/save', async (ctx) => {
    const body = await ctx.requiredBody();
    const key = secret(body, 'api_key', s.block('tmdb', 'default'));
    const result = tmdbCheck(key);
    if (!result.valid) return json({ ...result, ok: false });
    s.writable('tmdb', 'default')['api_key'] = key;
    return json(result);
  });

  // ---- TMDb sync keys (masked values ignored).
  router.post('/api/tmdb_sync/save', async (ctx) => {
    const body = await ctx.requiredBody();
    const b = s.writable('tmdb_sync', ctx.instance);
    for (const key of ['api_key', 'session_id'] as const) {
      const v = body[key];
      if (typeof v === 'string' && !isBlankSecret(v)) b[key] = v.trim();
    }
    return json({ ok: true, instance: ctx.instance });
  });

  // ---- Scrob: API key + session login, optional TOTP. validate_only echoes secrets (as CrossWatch does).
  router.post('/api/scrob/save', async (ctx) => {
    const body = await ctx.requiredBody();
    const block = s.block('scrob', ctx.instance);
    const serverUrl = str(body['server_url']).replace(/\/+$/, '');
    const apiKey = secret(body, 'api_key', block);
    const username = str(body['username']);
    const password = secret(body, 'password', block);
    const totp = str(body['totp_code']);
    const verifySsl = bool(body['verify_ssl'], false);
    if (!serverUrl) return json({ ok: false, error: 'server_url_required' });
    if (!apiKey) return json({ ok: false, error: 'api_key_required' });
    if (!username || !password) return json({ ok: false, error: 'credentials_required' });
    if (rules.unreachable(serverUrl)) return json({ ok: false, error: 'api_not_found' });
    if (rules.rejects(apiKey)) return json({ ok: false, error: 'invalid_api_key' });
    if (rules.rejects(password)) return json({ ok: false, error: 'credentials_mismatch' });
    // Users whose name contains "totp" have 2FA on.
    const totpEnabled = /totp/i.test(username);
    if (totpEnabled && !totp) return json({ ok: false, error: 'totp_required', requires_2fa: true });
    if (totpEnabled && !/^\d{6}$/.test(totp)) return json({ ok: false, error: 'invalid_totp_code', requires_2fa: true });
    const accessToken = `scrob-${randomHex(32)}`;
    const result = {
      ok: true,
      server_url: serverUrl,
      username,
      has_key: true,
      totp_enabled: totpEnabled,
      verify_ssl: verifySsl,
      instance: ctx.instance,
    };
    if (ctx.query.get('validate_only') === '1') {
      return json({ ...result, validated: true, api_key: apiKey, password, access_token: accessToken });
    }
    Object.assign(s.writable('scrob', ctx.instance), {
      server_url: serverUrl,
      api_key: apiKey,
      username,
      password,
      access_token: accessToken,
      expires_at: s.epoch() + 30 * 86_400,
      totp_enabled: totpEnabled,
      reauth_required: false,
      verify_ssl: verifySsl,
      capabilities: { watchlist: true, history: true, ratings: true },
    });
    return json(result);
  });

  // ---- MDBList legacy API key (device code is preferred).
  router.post('/api/mdblist/save', async (ctx) => {
    const body = await ctx.requiredBody();
    const method = str(body['auth_method']) || 'api_key';
    const b = s.writable('mdblist', ctx.instance);
    if (method === 'device_code') {
      b['auth_method'] = 'device_code';
      return json({ ok: true, auth_method: 'device_code', instance: ctx.instance });
    }
    const apiKey = secret(body, 'api_key', b);
    if (!apiKey) return json({ ok: false, error: 'missing_api_key' });
    if (rules.rejects(apiKey)) return json({ ok: false, error: 'invalid_api_key' });
    b['api_key'] = apiKey;
    b['auth_method'] = 'api_key';
    return json({ ok: true, auth_method: 'api_key', instance: ctx.instance });
  });

  // ---- CrossWatch's built-in tracker: on/off only.
  router.post('/api/crosswatch/connect', (ctx) => {
    s.writable('crosswatch', ctx.instance)['connected'] = true;
    return json({ ok: true, instance: ctx.instance });
  });
}
