/**
 * PIN / device-code routes with CrossWatch's shapes (crosswatch-api.md §3.5): Plex and Trakt start
 * a server-side waiter (the token appears in the config once the code is approved); the others
 * proxy one upstream poll per call. Codes are approved on /mock/activate.
 */
import { isBlankSecret, isObject, type JsonObject } from './config.js';
import type { MockEnv } from './env.js';
import { json, type RequestContext, type Router } from './http.js';
import { type Grant, randomHex, randomString } from './state.js';

const activateUrl = (ctx: RequestContext, prov: string, code?: string): string =>
  `${ctx.origin}/mock/activate?provider=${encodeURIComponent(prov)}${code ? `&code=${encodeURIComponent(code)}` : ''}`;

export function registerDeviceRoutes(router: Router, env: MockEnv): void {
  const { s } = env;
  const mock = env.verificationUrls === 'mock';
  const expired = (g: Grant) => s.now() >= g.expiresAt;

  // ---- Plex: 4-char PIN, server-side waiter; the UI watches plex.account_token in /api/config.
  router.post('/api/plex/pin/new', (ctx) => {
    const instance = ctx.instance;
    const block = s.writable('plex', instance);
    if (!s.str(block, 'client_id')) block['client_id'] = randomHex(24);
    const code = randomString(4);
    const id = s.nextPinId();
    const created = s.epoch();
    block['_pending_pin'] = { id, code, created };
    s.addGrant({
      provider: 'plex',
      instance,
      code,
      expiresAt: s.now() + 300_000,
      onApprove: (account) => {
        const b = s.writable('plex', instance);
        b['account_token'] = `plex-${randomHex(20)}`;
        // CrossWatch "inspects" plex.tv after linking and fills in the account and server.
        b['username'] = account || b['username'] || 'plexuser';
        b['account_id'] = b['account_id'] || '12345678';
        b['pms_token'] = `pms-${randomHex(20)}`;
        b['machine_id'] = b['machine_id'] || randomHex(40);
        b['server_url'] = b['server_url'] || 'http://192.168.1.10:32400';
        delete b['_pending_pin'];
      },
    });
    return json({ ok: true, code, pin_id: id, id, expiresIn: 300, expires_epoch: created + 300, instance });
  });

  // ---- Trakt: device code with the user's own app keys; failures collapse to "internal".
  router.post('/api/trakt/pin/new', async (ctx) => {
    const instance = ctx.instance;
    const body = await ctx.optionalBody();
    const block = s.writable('trakt', instance);
    for (const key of ['client_id', 'client_secret'] as const) {
      const v = body[key];
      if (typeof v === 'string' && !isBlankSecret(v)) block[key] = v.trim();
    }
    if (!s.str(block, 'client_id') || !s.str(block, 'client_secret')) {
      return json({ ok: false, error: 'internal' });
    }
    const userCode = randomString(8);
    const verificationUrl = mock ? activateUrl(ctx, 'trakt') : 'https://trakt.tv/activate';
    const now = s.epoch();
    block['_pending_device'] = {
      user_code: userCode,
      device_code: randomHex(64),
      verification_url: 'https://trakt.tv/activate',
      interval: 5,
      expires_at: now + 600,
      created_at: now,
    };
    s.addGrant({
      provider: 'trakt',
      instance,
      code: userCode,
      expiresAt: s.now() + 600_000,
      onApprove: () => {
        const b = s.writable('trakt', instance);
        b['access_token'] = `trakt-${randomHex(32)}`;
        b['refresh_token'] = `trakt-r-${randomHex(32)}`;
        b['expires_at'] = s.epoch() + 86_400;
        b['scope'] = 'public';
        b['token_type'] = 'Bearer';
        b['_pending_device'] = { ...(s.template('trakt')['_pending_device'] as JsonObject) };
      },
    });
    return json({ ok: true, user_code: userCode, verification_url: verificationUrl, verificationUrl, expiresIn: 600 });
  });

  // ---- SIMKL PIN (baked app id, no keys needed).
  router.post('/api/simkl/pin/start', (ctx) => {
    const code = randomString(6);
    s.writable('simkl', ctx.instance)['_pending_pin'] = { user_code: code, expires_at: s.epoch() + 900 };
    s.addGrant({ provider: 'simkl', instance: ctx.instance, code, expiresAt: s.now() + 900_000 });
    return json({
      ok: true,
      user_code: code,
      verification_url: mock ? activateUrl(ctx, 'simkl') : 'https://simkl.com/pin',
      interval: 5,
      expires_in: 900,
      instance: ctx.instance,
    });
  });
  router.post('/api/simkl/pin/poll', (ctx) => {
    const block = s.block('simkl', ctx.instance);
    const pending = block?.['_pending_pin'];
    const grant = isObject(pending) ? s.findGrant('simkl', ctx.instance, String(pending['user_code'] ?? '')) : undefined;
    if (!block || !grant) return json({ ok: false, status: 'no_pin' });
    // SIMKL has no "deny": a refused PIN simply never authorizes and runs out.
    if (grant.status === 'denied' || grant.status === 'cancelled' || expired(grant)) {
      delete block['_pending_pin'];
      return json({ ok: false, status: 'expired' });
    }
    if (grant.status !== 'approved') return json({ ok: true, status: 'pending' });
    grant.status = 'consumed';
    delete block['_pending_pin'];
    block['access_token'] = `simkl-${randomHex(32)}`;
    block['auth_method'] = 'pin';
    return json({ ok: true, status: 'authorized', auth_method: 'pin' });
  });
  router.post('/api/simkl/pin/cancel', (ctx) => {
    const block = s.block('simkl', ctx.instance);
    const pending = block?.['_pending_pin'];
    if (isObject(pending)) {
      const g = s.findGrant('simkl', ctx.instance, String(pending['user_code'] ?? ''));
      if (g?.status === 'pending') g.status = 'cancelled';
      delete block!['_pending_pin'];
    }
    return json({ ok: true, cancelled: true });
  });

  // ---- RFC 8628-style device providers that proxy one upstream poll per call.
  interface DeviceSpec {
    prov: 'mdblist' | 'punchplay' | 'bingebase';
    realUrl: string;
    expiredStatus: string;
    start: (ctx: RequestContext, base: JsonObject) => JsonObject;
    authorize: (block: JsonObject, account: string | undefined) => JsonObject;
  }
  const deviceSpecs: DeviceSpec[] = [
    {
      prov: 'mdblist',
      realUrl: 'https://mdblist.com/oauth/device/',
      expiredStatus: 'expired_token',
      start: (_ctx, base) => base,
      authorize: (b, account) => {
        b['access_token'] = `mdb-${randomHex(32)}`;
        b['refresh_token'] = `mdb-r-${randomHex(32)}`;
        b['expires_at'] = s.epoch() + 86_400;
        b['auth_method'] = 'device_code';
        b['username'] = account || 'mdbuser';
        return { ok: true, status: 'ok', expires_at: b['expires_at'] };
      },
    },
    {
      prov: 'punchplay',
      realUrl: 'https://punchplay.tv/link',
      expiredStatus: 'expired',
      start: (ctx, base) => {
        const complete = mock
          ? activateUrl(ctx, 'punchplay', String(base['user_code']))
          : `https://punchplay.tv/link?code=${encodeURIComponent(String(base['user_code']))}`;
        return {
          ...base,
          verification_uri_complete: complete,
          verification_uri_qr: complete,
          expires_in: 600,
          scope: 'read write',
        };
      },
      authorize: (b, account) => {
        const username = account || 'punchfan';
        b['access_token'] = `pp-${randomHex(32)}`;
        b['refresh_token'] = `pp-r-${randomHex(32)}`;
        b['expires_at'] = s.epoch() + 86_400;
        b['refresh_expires_at'] = s.epoch() + 30 * 86_400;
        b['username'] = username;
        b['user_id'] = '4711';
        b['scope'] = 'read write';
        b['auth_method'] = 'device_code';
        return { ok: true, status: 'authorized', username, expires_at: b['expires_at'] };
      },
    },
    {
      prov: 'bingebase',
      realUrl: 'https://bingebase.com/activate',
      expiredStatus: 'expired',
      start: (ctx, base) => ({
        ...base,
        verification_uri_complete: mock
          ? activateUrl(ctx, 'bingebase', String(base['user_code']))
          : `https://bingebase.com/activate?code=${encodeURIComponent(String(base['user_code']))}`,
        expires_in: 600,
      }),
      authorize: (b, account) => {
        const username = account || 'bingeuser';
        const token = `bb-${randomHex(32)}`;
        const webhook = `https://bingebase.com/webhooks/kodi/${token}`;
        b['access_token'] = token;
        b['webhook_url'] = webhook;
        b['username'] = username;
        b['user_id'] = '99';
        b['auth_method'] = 'device_code';
        // CrossWatch really sends the token-bearing webhook URL to the browser.
        return { ok: true, status: 'authorized', username, generated_webhook_url: webhook };
      },
    },
  ];

  for (const spec of deviceSpecs) {
    const { prov } = spec;
    router.post(`/api/${prov}/device/start`, async (ctx) => {
      await ctx.optionalBody();
      if (prov === 'punchplay') {
        // PunchPlay's client-side guard: at most 10 device codes per hour.
        const hourAgo = s.now() - 3_600_000;
        s.punchplayStarts = s.punchplayStarts.filter((t) => t > hourAgo);
        if (s.punchplayStarts.length >= 10) {
          const retry = Math.ceil((s.punchplayStarts[0]! + 3_600_000 - s.now()) / 1000);
          return json({ ok: false, error: 'rate_limited', retry_after: retry, local: true });
        }
        s.punchplayStarts.push(s.now());
      }
      const userCode = `${randomString(4)}-${randomString(4)}`;
      const deviceCode = randomHex(40);
      const expiresAt = s.epoch() + 600;
      const verificationUri = mock ? activateUrl(ctx, prov) : spec.realUrl;
      s.writable(prov, ctx.instance)['_pending_device'] = {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: verificationUri,
        interval: 5,
        expires_at: expiresAt,
      };
      s.addGrant({ provider: prov, instance: ctx.instance, code: userCode, deviceCode, expiresAt: s.now() + 600_000 });
      const base: JsonObject = {
        ok: true,
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: verificationUri,
        interval: 5,
        expires_at: expiresAt,
        instance: ctx.instance,
      };
      return json(spec.start(ctx, base));
    });

    router.post(`/api/${prov}/device/poll`, async (ctx) => {
      const body = await ctx.optionalBody();
      const block = s.block(prov, ctx.instance);
      const pending = block?.['_pending_device'];
      const deviceCode =
        typeof body['device_code'] === 'string' && body['device_code']
          ? body['device_code']
          : isObject(pending)
            ? String(pending['device_code'] ?? '')
            : '';
      const grant = deviceCode
        ? s.grants.find((g) => g.provider === prov && g.instance === ctx.instance && g.deviceCode === deviceCode)
        : undefined;
      if (!block || !grant || grant.status === 'consumed' || grant.status === 'cancelled') {
        return json({ ok: false, status: 'no_device_code' });
      }
      if (grant.status === 'denied') {
        delete block['_pending_device'];
        return json({ ok: false, status: 'access_denied' });
      }
      if (expired(grant) && grant.status !== 'approved') {
        delete block['_pending_device'];
        return json({ ok: false, status: spec.expiredStatus });
      }
      if (grant.status === 'pending') return json({ ok: false, status: 'authorization_pending' });
      grant.status = 'consumed';
      delete block['_pending_device'];
      return json(spec.authorize(block, grant.account));
    });

    if (prov !== 'mdblist') {
      router.post(`/api/${prov}/device/cancel`, (ctx) => {
        const block = s.block(prov, ctx.instance);
        const pending = block?.['_pending_device'];
        if (isObject(pending)) {
          const g = s.grants.find((x) => x.provider === prov && x.deviceCode === pending['device_code']);
          if (g?.status === 'pending') g.status = 'cancelled';
          delete block!['_pending_device'];
        }
        return json({ ok: true, cancelled: true });
      });
    }
  }

  // ---- Nuvio: Supabase TV login; poll says "approved", then /device/finish exchanges tokens.
  router.post('/api/nuvio/device/start', async (ctx) => {
    const body = await ctx.optionalBody();
    const code = randomString(6);
    const expiresAt = s.epoch() + 600;
    const redirectBase = typeof body['redirect_base_url'] === 'string' && body['redirect_base_url']
      ? body['redirect_base_url']
      : 'https://nuvio.tv/tv-login';
    s.writable('nuvio', ctx.instance)['_pending_tv_login'] = { code, expires_at: expiresAt, interval: 3 };
    s.addGrant({ provider: 'nuvio', instance: ctx.instance, code, expiresAt: s.now() + 600_000 });
    const loginUrl = mock ? activateUrl(ctx, 'nuvio', code) : `${redirectBase}?code=${encodeURIComponent(code)}`;
    return json({ ok: true, code, login_url: loginUrl, expires_at: expiresAt, interval: 3, instance: ctx.instance });
  });
  const nuvioGrant = (instance: string): Grant | undefined => {
    const pending = s.block('nuvio', instance)?.['_pending_tv_login'];
    return isObject(pending) ? s.findGrant('nuvio', instance, String(pending['code'] ?? '')) : undefined;
  };
  router.post('/api/nuvio/device/poll', async (ctx) => {
    await ctx.optionalBody();
    const grant = nuvioGrant(ctx.instance);
    if (!grant || grant.status === 'consumed' || grant.status === 'cancelled') {
      return json({ ok: false, status: 'no_pending_login' });
    }
    if (grant.status === 'denied') return json({ ok: false, error: 'nuvio_request_failed' });
    if (grant.status === 'approved') return json({ ok: true, status: 'approved', interval: 3 });
    if (expired(grant)) {
      delete s.block('nuvio', ctx.instance)!['_pending_tv_login'];
      return json({ ok: false, status: 'expired' });
    }
    return json({ ok: true, status: 'pending', interval: 3 });
  });
  router.post('/api/nuvio/device/finish', async (ctx) => {
    await ctx.optionalBody();
    const grant = nuvioGrant(ctx.instance);
    if (!grant || grant.status !== 'approved') return json({ ok: false, error: 'nuvio_request_failed' });
    grant.status = 'consumed';
    const b = s.writable('nuvio', ctx.instance);
    delete b['_pending_tv_login'];
    b['access_token'] = `nuvio-${randomHex(32)}`;
    b['refresh_token'] = `nuvio-r-${randomHex(32)}`;
    b['expires_at'] = s.epoch() + 3600;
    // The first (primary) profile is selected until the user picks another one.
    b['profile_id'] = NUVIO_PROFILES[0]!.profile_id;
    b['profile_name'] = NUVIO_PROFILES[0]!.name;
    return json({ ok: true, status: 'ok', profiles: NUVIO_PROFILES, instance: ctx.instance });
  });
  router.post('/api/nuvio/device/cancel', (ctx) => {
    const grant = nuvioGrant(ctx.instance);
    if (grant?.status === 'pending') grant.status = 'cancelled';
    const b = s.block('nuvio', ctx.instance);
    if (b) delete b['_pending_tv_login'];
    return json({ ok: true, cancelled: true });
  });
  router.get('/api/nuvio/profiles', (ctx) => {
    const b = s.block('nuvio', ctx.instance);
    if (!s.str(b, 'access_token')) return json({ ok: false, error: 'nuvio_request_failed' });
    return json({ ok: true, profiles: NUVIO_PROFILES, profile_id: b?.['profile_id'] ?? '' });
  });
  router.post('/api/nuvio/profile/select', async (ctx) => {
    const body = await ctx.requiredBody();
    const b = s.block('nuvio', ctx.instance);
    const profile = NUVIO_PROFILES.find((p) => String(p.profile_id) === String(body['profile_id']));
    if (!b || !s.str(b, 'access_token') || !profile) return json({ ok: false, error: 'nuvio_request_failed' });
    b['profile_id'] = profile.profile_id;
    b['profile_name'] = profile.name;
    return json({ ok: true, profile_id: profile.profile_id, profile_name: profile.name });
  });

  // ---- Jellyfin Quick Connect (state in memory per profile, 600 s).
  const jfServer = (ctx: RequestContext, body: Record<string, unknown>): string =>
    (typeof body['server'] === 'string' && body['server'].trim()) ||
    ctx.query.get('server') ||
    s.str(s.block('jellyfin', ctx.instance), 'server');
  router.get('/api/jellyfin/quickconnect/available', (ctx) => {
    const server = jfServer(ctx, {});
    if (!server) return json({ ok: false, reason: 'missing_server', error: 'Jellyfin server URL is required.' }, 400);
    if (env.rules.unreachable(server)) {
      return json({ ok: false, reason: 'unreachable', error: 'Could not reach the Jellyfin server.' }, 502);
    }
    return json({ ok: true, supported: true, enabled: !env.rules.quickConnectOff(server), server_version: '10.10.3' });
  });
  router.post('/api/jellyfin/quickconnect/start', async (ctx) => {
    const body = await ctx.optionalBody();
    const server = jfServer(ctx, body);
    if (!server) return json({ ok: false, reason: 'missing_server', error: 'Jellyfin server URL is required.' }, 400);
    if (env.rules.unreachable(server)) {
      return json({ ok: false, reason: 'unreachable', error: 'Could not reach the Jellyfin server.' }, 502);
    }
    if (env.rules.tooOld(server)) {
      return json({ ok: false, reason: 'version_too_old', error: 'Jellyfin 10.9 or newer is required.' }, 400);
    }
    if (env.rules.quickConnectOff(server)) {
      return json({ ok: false, reason: 'disabled', error: 'Quick Connect is disabled on this Jellyfin server.' }, 409);
    }
    const code = randomString(6, '0123456789');
    s.addGrant({
      provider: 'jellyfin',
      instance: ctx.instance,
      code,
      expiresAt: s.now() + 600_000,
      data: { server: server.replace(/\/+$/, '') },
    });
    // CrossWatch sends no page: the code is entered in Jellyfin itself (<server>/web/#/quickconnect).
    // In `mock` mode this server's activation page stands in for that Jellyfin, so a person can finish.
    return json({
      ok: true,
      code,
      method: 'quick_connect',
      expires_in: 600,
      instance: ctx.instance,
      ...(mock ? { verification_url: activateUrl(ctx, 'jellyfin', code) } : {}),
    });
  });
  router.get('/api/jellyfin/quickconnect/poll', (ctx) => {
    const grant = s.findGrant('jellyfin', ctx.instance);
    if (!grant || grant.status === 'cancelled') {
      return json({ ok: false, reason: 'not_authorized', error: 'No Quick Connect request is pending.' }, 400);
    }
    if (grant.status === 'denied') {
      return json({ ok: false, reason: 'unauthorized', error: 'The Quick Connect request was rejected.' }, 401);
    }
    if (grant.status === 'pending' && expired(grant)) {
      return json({ ok: false, state: 'expired', reason: 'expired', error: 'The Quick Connect code expired.' }, 410);
    }
    if (grant.status === 'pending') return json({ ok: true, state: 'waiting' });
    const b = s.writable('jellyfin', ctx.instance);
    if (grant.status === 'approved') {
      grant.status = 'consumed';
      Object.assign(b, {
        server: grant.data?.['server'] ?? s.str(b, 'server'),
        access_token: `jf-${randomHex(32)}`,
        user_id: randomHex(32),
        username: grant.account || 'jellyuser',
        user: grant.account || 'jellyuser',
        auth_method: 'quick_connect',
        server_version: '10.10.3',
      });
    }
    return json({
      ok: true,
      state: 'authorized',
      user_id: s.str(b, 'user_id'),
      username: s.str(b, 'username'),
      server: s.str(b, 'server'),
      server_version: s.str(b, 'server_version'),
      auth_method: 'quick_connect',
    });
  });
  router.post('/api/jellyfin/quickconnect/cancel', (ctx) => {
    const grant = s.findGrant('jellyfin', ctx.instance);
    if (grant?.status === 'pending') grant.status = 'cancelled';
    return json({ ok: true, cancelled: true });
  });

  // ---- TMDb sync: v3 request token approved in a popup; /verify finishes by itself.
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
      return expired(grant)
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

export const NUVIO_PROFILES = [
  { profile_id: 1, name: 'Profile 1', is_primary: true, avatar: '' },
  { profile_id: 2, name: 'Kids', is_primary: false, avatar: '' },
];

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
