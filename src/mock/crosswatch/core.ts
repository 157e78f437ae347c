/** Registry, config, profiles, disconnect and refresh routes (crosswatch-api.md §3.2, §3.3, §3.8). */
import { clone, isObject, mergeConfig, redactConfig, unsetPaths, type JsonObject } from './config.js';
import type { MockEnv } from './env.js';
import { inUseResponse } from './faults.js';
import { html, json, type Router } from './http.js';
import { providersHtml } from './pages.js';
import { BLOCK_OF, nameOf, recordedManifests } from './state.js';
import { PROVIDERS, isConnected } from './status.js';

const MAX_PROFILES = 10;
const LABEL_MAX = 12;

/** What each disconnect clears. Plex is special: its whole profile block goes back to defaults. */
const CLEARS: Record<string, JsonObject> = {
  trakt: { access_token: '', refresh_token: '', expires_at: 0 },
  simkl: { access_token: '', auth_method: '' },
  anilist: { access_token: '', user: {} },
  jellyfin: { access_token: '', user_id: '', user: '', auth_method: '', server_version: '' },
  emby: { access_token: '', user_id: '', user: '' },
  kodi: { password: '', auth_method: '', kodi_version: '', jsonrpc_version: '', connection_verified: false },
  stremio: { auth_key: '' },
  mdblist: { access_token: '', refresh_token: '', api_key: '', expires_at: 0, username: '' },
  punchplay: { access_token: '', refresh_token: '', expires_at: 0, refresh_expires_at: 0, username: '', user_id: '' },
  bingebase: { access_token: '', webhook_url: '', api_key: '', username: '', user_id: '' },
  publicmetadb: { api_key: '' },
  nuvio: { access_token: '', refresh_token: '', expires_at: 0, profile_id: '', profile_name: '' },
  tautulli: { api_key: '' },
  floppy: { api_token: '' },
  scrob: { api_key: '', password: '', access_token: '', expires_at: 0 },
  tmdb: { api_key: '' },
  tmdb_sync: { session_id: '', account_id: '', _pending_request_token: '' },
  crosswatch: { connected: false },
};
const TOKEN_DELETE = ['plex', 'trakt', 'simkl', 'anilist', 'jellyfin', 'emby'];
const DISCONNECT = ['kodi', 'stremio', 'mdblist', 'punchplay', 'bingebase', 'publicmetadb', 'nuvio', 'tautulli', 'floppy', 'scrob', 'tmdb', 'tmdb_sync', 'crosswatch'];

export function registerCoreRoutes(router: Router, env: MockEnv): void {
  const { s } = env;

  router.get('/api/auth/providers', () => json(clone(recordedManifests)));
  router.get('/api/auth/providers/html', () =>
    html(providersHtml(recordedManifests.map((m) => String(m['name'])))),
  );

  // ---- Config
  router.get('/api/config', () => json(redactConfig(s.config), 200, { 'cache-control': 'no-store' }));
  router.post('/api/config', async (ctx) => {
    const body = await ctx.requiredBody();
    const incoming = clone(body) as JsonObject;
    delete incoming['app_auth']; // app login settings have their own routes
    mergeConfig(s.config, incoming);
    // CrossWatch normalises the config on save; a fresh install gains `features.watch`.
    const features = (isObject(s.config['features']) ? s.config['features'] : (s.config['features'] = {})) as JsonObject;
    if (!isObject(features['watch'])) features['watch'] = { enabled: false };
    return json({ ok: true });
  });
  router.post('/api/config/unset', async (ctx) => {
    const body = await ctx.requiredBody();
    const paths = body['paths'];
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) {
      return json({ detail: 'paths must be a list of strings' }, 400);
    }
    return json({ ok: true, ...unsetPaths(s.config, paths as string[]) });
  });
  router.get('/api/config/meta', () =>
    json({ ok: true, version: String(s.config['version'] ?? ''), setup_required: false, upgrade_required: false }),
  );

  // ---- Disconnect: token/delete for six providers, /disconnect for the rest; 409 while in use.
  const disconnect = (prov: string) => (ctx: { instance: string }) => {
    const usages = s.usagesOf(prov, ctx.instance);
    if (usages.length) return inUseResponse(prov, ctx.instance, usages);
    const block = s.block(prov, ctx.instance);
    if (block) {
      if (prov === 'plex') {
        const keep = ctx.instance === 'default' ? { instances: block['instances'] } : { label: block['label'] };
        for (const key of Object.keys(block)) delete block[key];
        Object.assign(block, ctx.instance === 'default' ? s.template('plex') : {});
        for (const [k, v] of Object.entries(keep)) if (v !== undefined) block[k] = v;
      } else {
        Object.assign(block, clone(CLEARS[prov] ?? {}));
      }
    }
    return json({ ok: true, instance: ctx.instance });
  };
  for (const prov of TOKEN_DELETE) router.post(`/api/${prov}/token/delete`, disconnect(prov));
  for (const prov of DISCONNECT) router.post(`/api/${prov}/disconnect`, disconnect(prov));

  // ---- Refresh (MDBList, PunchPlay, Nuvio): "fresh" while more than 120 s are left.
  for (const prov of ['mdblist', 'punchplay', 'nuvio']) {
    router.post(`/api/${prov}/refresh`, async (ctx) => {
      await ctx.optionalBody();
      const b = s.block(prov, ctx.instance);
      const refresh = s.str(b, 'refresh_token');
      if (!b || !refresh) {
        return json({ ok: false, error: 'missing_refresh', ...(prov === 'punchplay' ? { reconnect_required: true } : {}) });
      }
      if (env.rules.rejects(refresh)) {
        return json({ ok: false, error: 'invalid_grant', ...(prov === 'punchplay' ? { reconnect_required: true } : {}) });
      }
      const left = s.num(b, 'expires_at') - s.epoch();
      if (left > 120) return json({ ok: true, status: 'fresh', expires_at: b['expires_at'], instance: ctx.instance });
      b['access_token'] = `${prov}-${Math.random().toString(16).slice(2)}`;
      b['expires_at'] = s.epoch() + 86_400;
      return json({ ok: true, status: 'ok', expires_at: b['expires_at'], instance: ctx.instance });
    });
  }

  // ---- Profiles (instances)
  const known = (prov: string) => prov in BLOCK_OF;
  // The TMDB manifest's profiles are the sync adapter's (`tmdb_sync`).
  const profileProv = (raw: string) => (raw.toLowerCase() === 'tmdb' ? 'tmdb_sync' : raw.toLowerCase());
  const idNumber = (prov: string, id: string): number | undefined => {
    const m = new RegExp(`^${prov.toUpperCase()}-P(\\d{2})$`).exec(id);
    return m ? Number(m[1]) : undefined;
  };
  const friendly = (prov: string, id: string): string => {
    if (id === 'default') return 'Default';
    const n = idNumber(prov, id);
    return n === undefined ? id : `P${String(n).padStart(2, '0')}`;
  };
  const uid = (prov: string, id: string): string => {
    const ids = s.config['provider_instance_ids'];
    const byProv = isObject(ids) ? ids[BLOCK_OF[prov]!] : undefined;
    const stored = isObject(byProv) ? byProv[id] : undefined;
    return typeof stored === 'string' ? stored : `${BLOCK_OF[prov]}:${id}`;
  };

  const profilesOf = (prov: string) =>
    s.instanceIds(prov).map((id) => {
      const block = s.block(prov, id);
      const label = id === 'default' ? '' : s.str(block, 'label');
      const friendlyLabel = friendly(prov, id);
      return {
        id,
        uid: uid(prov, id),
        label,
        friendly_label: friendlyLabel,
        display_label: label || friendlyLabel,
        configured: isConnected(s, prov, id),
      };
    });

  // Every provider's profiles at once, keyed by manifest name (`TMDB` lists `tmdb_sync`'s).
  router.get('/api/provider-instances', () => {
    if (!env.aggregates) return json({ detail: 'Not Found' }, 404);
    return json(Object.fromEntries(PROVIDERS.filter(known).map((prov) => [nameOf(prov), profilesOf(prov)])));
  });

  router.get('/api/provider-instances/:prov', (ctx) => {
    const prov = profileProv(ctx.params['prov']!);
    if (!known(prov)) return json({ detail: 'Unknown provider' }, 404);
    return json(profilesOf(prov));
  });

  router.post('/api/provider-instances/:prov/next', async (ctx) => {
    const prov = profileProv(ctx.params['prov']!);
    if (!known(prov)) return json({ detail: 'Unknown provider' }, 404);
    const body = await ctx.optionalBody();
    const taken = new Set(s.instanceIds(prov));
    let n = 1;
    while (n <= MAX_PROFILES && taken.has(`${prov.toUpperCase()}-P${String(n).padStart(2, '0')}`)) n += 1;
    if (n > MAX_PROFILES || taken.size - 1 >= MAX_PROFILES) return json({ ok: false, error: 'profile_limit_reached' });
    const id = `${prov.toUpperCase()}-P${String(n).padStart(2, '0')}`;
    const block = s.writable(prov, id);
    if (typeof body['label'] === 'string' && body['label'].trim()) block['label'] = body['label'].trim().slice(0, LABEL_MAX);
    const ids = (isObject(s.config['provider_instance_ids']) ? s.config['provider_instance_ids'] : (s.config['provider_instance_ids'] = {})) as JsonObject;
    const byProv = (isObject(ids[BLOCK_OF[prov]!]) ? ids[BLOCK_OF[prov]!] : (ids[BLOCK_OF[prov]!] = {})) as JsonObject;
    byProv[id] = Math.random().toString(16).slice(2, 14).padEnd(12, '0');
    return json({ ok: true, id });
  });

  router.add('PATCH', '/api/provider-instances/:prov/:id', async (ctx) => {
    const prov = profileProv(ctx.params['prov']!);
    const id = ctx.params['id']!;
    if (!known(prov)) return json({ detail: 'Unknown provider' }, 404);
    const body = await ctx.requiredBody();
    if (id === 'default') return json({ ok: false, error: 'default_profile_protected' }, 400);
    const block = s.block(prov, id);
    if (!block) return json({ ok: false, error: 'not_found' }, 404);
    if (typeof body['label'] !== 'string') return json({ detail: 'label required' }, 400);
    const label = body['label'].trim().slice(0, LABEL_MAX);
    block['label'] = label;
    return json({ ok: true, id, label });
  });

  router.add('DELETE', '/api/provider-instances/:prov/:id', (ctx) => {
    const prov = profileProv(ctx.params['prov']!);
    const id = ctx.params['id']!;
    if (!known(prov)) return json({ detail: 'Unknown provider' }, 404);
    if (id === 'default') return json({ ok: false, error: 'default_profile_protected' }, 400);
    if (!s.block(prov, id)) return json({ ok: false, error: 'not_found' }, 404);
    const usages = s.usagesOf(prov, id);
    if (usages.length) return inUseResponse(prov, id, usages);
    const root = s.config[BLOCK_OF[prov]!] as JsonObject;
    delete (root['instances'] as JsonObject)[id];
    const ids = s.config['provider_instance_ids'];
    const byProv = isObject(ids) ? ids[BLOCK_OF[prov]!] : undefined;
    if (isObject(byProv)) delete byProv[id];
    return json({ ok: true, id });
  });
}
