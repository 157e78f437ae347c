/** "Is it connected?": CrossWatch's per-provider rules, per-provider status routes and `/api/status`. */
import { isObject, type JsonObject } from './config.js';
import { json, type Router } from './http.js';
import { type CrossWatchState, nameOf } from './state.js';
import type { MockEnv } from './env.js';

/** Providers in `/api/status` order (the HTML group order). */
export const PROVIDERS = [
  'plex', 'jellyfin', 'emby', 'crosswatch', 'trakt', 'simkl', 'tmdb_sync', 'mdblist', 'publicmetadb',
  'anilist', 'punchplay', 'bingebase', 'floppy', 'scrob', 'nuvio', 'kodi', 'stremio', 'tautulli',
] as const;

const has = (b: JsonObject | undefined, key: string): boolean => {
  const v = b?.[key];
  return typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null && v !== false && v !== 0;
};

/** Mirrors `profileConfigured()` in providers-ui.js: what makes a profile count as connected. */
export function isConnected(s: CrossWatchState, prov: string, instance: string): boolean {
  const b = s.block(prov, instance);
  if (!b) return false;
  switch (prov) {
    case 'plex':
      return has(b, 'account_token');
    case 'kodi':
      return b['connection_verified'] === true;
    case 'nuvio':
      return has(b, 'access_token') && has(b, 'profile_id');
    case 'crosswatch':
      return b['connected'] === true;
    case 'mdblist':
      return has(b, 'access_token') || has(b, 'api_key');
    case 'publicmetadb':
      return has(b, 'api_key');
    case 'tautulli':
      return has(b, 'server_url') && has(b, 'api_key');
    case 'floppy':
      return has(b, 'server_url') && has(b, 'api_token');
    case 'scrob':
      return has(b, 'server_url') && has(b, 'api_key') && has(b, 'access_token');
    case 'stremio':
      return has(b, 'auth_key');
    case 'tmdb_sync':
      return has(b, 'api_key') && has(b, 'session_id');
    default:
      return has(b, 'access_token');
  }
}

function pendingOf(s: CrossWatchState, b: JsonObject | undefined): JsonObject | undefined {
  const p = b?.['_pending_device'];
  if (!isObject(p) || !p['user_code']) return undefined;
  if (s.num(p, 'expires_at') <= s.epoch()) return undefined;
  return {
    user_code: p['user_code']!,
    verification_uri: p['verification_uri'] ?? '',
    expires_at: p['expires_at']!,
    interval: p['interval'] ?? 5,
  };
}

export function registerStatusRoutes(router: Router, { s, rules, aggregates }: MockEnv): void {
  const route = (prov: string, build: (b: JsonObject | undefined, instance: string, verify: boolean) => JsonObject) =>
    router.get(`/api/${prov}/status`, (ctx) =>
      json(build(s.block(prov, ctx.instance), ctx.instance, ctx.query.get('verify') === '1')),
    );
  const connected = (prov: string, instance: string) => isConnected(s, prov, instance);

  route('jellyfin', (b, instance) => ({
    connected: connected('jellyfin', instance),
    user: s.str(b, 'user') || s.str(b, 'username'),
    server_version: s.str(b, 'server_version'),
    instance,
  }));
  route('emby', (b, instance) => ({
    connected: connected('emby', instance),
    user: s.str(b, 'user') || s.str(b, 'username'),
    instance,
  }));
  route('kodi', (b, instance) => ({
    connected: connected('kodi', instance),
    server: s.str(b, 'server'),
    username: s.str(b, 'username'),
    has_password: has(b, 'password'),
    verify_ssl: b?.['verify_ssl'] === true,
    kodi_version: s.str(b, 'kodi_version'),
    jsonrpc_version: s.str(b, 'jsonrpc_version'),
    auth_method: s.str(b, 'auth_method'),
  }));
  route('stremio', (b, _instance, verify) => {
    const configured = has(b, 'auth_key');
    const live = configured && !(verify && rules.rejects(s.str(b, 'auth_key')));
    return {
      connected: live,
      authenticated: live,
      auth_key_configured: configured,
      experimental: true,
      ...(configured ? (live ? {} : { reason: 'invalid_auth_key' }) : { reason: 'missing_auth_key' }),
    };
  });
  route('mdblist', (b, instance) => ({
    auth_method: s.str(b, 'auth_method') || 'device_code',
    connected: connected('mdblist', instance),
    api_key_configured: has(b, 'api_key'),
    device_configured: has(b, 'access_token'),
    client_id_configured: true,
    expires_at: s.num(b, 'expires_at'),
    username: s.str(b, 'username'),
    ...(pendingOf(s, b) ? { pending: pendingOf(s, b)! } : {}),
  }));
  route('punchplay', (b, instance) => ({
    auth_method: s.str(b, 'auth_method') || 'device_code',
    connected: connected('punchplay', instance),
    api_key_configured: false,
    device_configured: has(b, 'access_token'),
    client_id_configured: true,
    expires_at: s.num(b, 'expires_at'),
    refresh_expires_at: s.num(b, 'refresh_expires_at'),
    username: s.str(b, 'username'),
    user_id: s.str(b, 'user_id'),
    scopes: s.str(b, 'scope').split(/\s+/).filter(Boolean),
    ...(pendingOf(s, b) ? { pending: pendingOf(s, b)! } : {}),
  }));
  route('bingebase', (b, instance) => ({
    auth_method: s.str(b, 'auth_method') || 'device_code',
    connected: connected('bingebase', instance),
    webhook_configured: has(b, 'webhook_url'),
    api_key_configured: has(b, 'api_key'),
    username: s.str(b, 'username'),
    user_id: s.str(b, 'user_id'),
    ...(pendingOf(s, b) ? { pending: pendingOf(s, b)! } : {}),
  }));
  route('nuvio', (b, instance) => ({
    connected: connected('nuvio', instance),
    authenticated: has(b, 'access_token'),
    base_url_configured: has(b, 'base_url') || instance !== 'default',
    client_key_configured: true,
    profile_id: b?.['profile_id'] ?? '',
    profile_name: s.str(b, 'profile_name'),
    expires_at: s.num(b, 'expires_at'),
  }));
  // PublicMetaDB always checks live; the others only with ?verify=1.
  route('publicmetadb', (b, instance): JsonObject => {
    if (!has(b, 'api_key')) return { connected: false, reason: 'missing_api_key' };
    if (rules.rejects(s.str(b, 'api_key'))) return { connected: false, reason: 'invalid_api_key' };
    return { connected: connected('publicmetadb', instance) };
  });
  route('tautulli', (b, instance, verify): JsonObject => {
    if (!connected('tautulli', instance)) return { connected: false, reason: 'not_configured' };
    if (verify && rules.unreachable(s.str(b, 'server_url'))) return { connected: false, reason: 'unreachable' };
    if (verify && rules.rejects(s.str(b, 'api_key'))) return { connected: false, reason: 'invalid_api_key' };
    return { connected: true };
  });
  route('floppy', (b, instance, verify) => {
    const base = { server_url: s.str(b, 'server_url'), has_token: has(b, 'api_token'), verify_ssl: b?.['verify_ssl'] === true };
    if (!connected('floppy', instance)) return { connected: false, ...base, reason: 'not_configured' };
    if (verify && rules.rejects(s.str(b, 'api_token'))) return { connected: false, ...base, reason: 'invalid_api_token' };
    return { connected: true, ...base };
  });
  route('scrob', (b, instance, verify) => {
    const base = {
      server_url: s.str(b, 'server_url'),
      has_key: has(b, 'api_key'),
      username: s.str(b, 'username'),
      verify_ssl: b?.['verify_ssl'] === true,
      capabilities: isObject(b?.['capabilities']) ? b!['capabilities']! : {},
      totp_enabled: b?.['totp_enabled'] === true,
      reauth_required: b?.['reauth_required'] === true,
    };
    if (!connected('scrob', instance)) return { connected: false, ...base, reason: 'not_configured' };
    if (verify && rules.rejects(s.str(b, 'api_key'))) return { connected: false, ...base, reason: 'invalid_api_key' };
    return { connected: true, ...base };
  });
  route('anilist', (b, instance) => {
    const user = b?.['user'];
    return {
      connected: connected('anilist', instance),
      user: isObject(user) && typeof user['name'] === 'string' ? user['name'] : null,
      instance,
    };
  });

  // Aggregate, cached for 60 s like CrossWatch (`?fresh=1` probes again).
  router.get('/api/status', (ctx) => {
    if (!aggregates) return json({ detail: 'Not Found' }, 404);
    const cached = s.statusCache;
    if (cached && ctx.query.get('fresh') !== '1' && s.now() - cached.at < 60_000) return json(cached.body);
    const body: JsonObject = {};
    const providers: JsonObject = {};
    let connectedCount = 0;
    for (const prov of PROVIDERS) {
      const instances: JsonObject = {};
      const used: string[] = [];
      let ok = 0;
      let rep = 'default';
      for (const id of s.instanceIds(prov)) {
        const c = isConnected(s, prov, id);
        const inUse = s.usagesOf(prov, id).length > 0;
        if (inUse) used.push(id);
        if (c && ok === 0) rep = id;
        if (c) ok += 1;
        instances[id] = { configured: c, probed: true, connected: c, used: inUse, ...(c ? {} : { reason: 'not configured' }) };
      }
      const any = ok > 0;
      if (any) connectedCount += 1;
      body[`${prov === 'tmdb_sync' ? 'tmdb' : prov}_connected`] = any;
      providers[nameOf(prov)] = {
        connected: any,
        ...(any ? {} : { reason: 'not configured' }),
        ...(prov === 'trakt' ? { vip: false } : {}),
        instances,
        instances_summary: { ok, probed: Object.keys(instances).length, total: Object.keys(instances).length, rep, used },
        rep_instance: rep,
        scope: 'auth',
        used_by: used.length ? 'pair' : '',
        used_in_pairs: used.length > 0,
        used_in_watcher: false,
      };
    }
    body['can_run'] = connectedCount >= 2;
    body['ts'] = s.epoch();
    body['providers'] = providers;
    s.statusCache = { at: s.now(), body };
    return json(body);
  });
}
