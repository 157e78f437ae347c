/** In-memory state of the CrossWatch-flavoured mock: config, pending codes, OAuth states, sessions. */
import manifestsFixture from '../../../test/fixtures/crosswatch/auth-providers.json';
import freshConfigFixture from '../../../test/fixtures/crosswatch/config-fresh.json';
import { clone, isObject, type Json, type JsonObject } from './config.js';

export const recordedManifests = manifestsFixture as unknown as JsonObject[];
export const freshConfig = freshConfigFixture as unknown as JsonObject;

/** Provider id (route segment) → config block key. `tmdb` is the metadata key, `tmdb_sync` the TMDB manifest. */
export const BLOCK_OF: Record<string, string> = {
  plex: 'plex', trakt: 'trakt', simkl: 'simkl', anilist: 'anilist', tmdb_sync: 'tmdb_sync',
  tmdb: 'tmdb', mdblist: 'mdblist', publicmetadb: 'publicmetadb', punchplay: 'punchplay',
  bingebase: 'bingebase', floppy: 'floppy', scrob: 'scrob', nuvio: 'nuvio', kodi: 'kodi',
  stremio: 'stremio', jellyfin: 'jellyfin', emby: 'emby', tautulli: 'tautulli', crosswatch: 'crosswatch',
};

/** Upper-case manifest name for a provider id (`tmdb_sync` belongs to the `TMDB` manifest). */
export const nameOf = (prov: string): string => (prov === 'tmdb_sync' ? 'TMDB' : prov.toUpperCase());

export function labelOf(prov: string): string {
  const m = recordedManifests.find((x) => x['name'] === nameOf(prov));
  return typeof m?.['label'] === 'string' ? m['label'] : prov;
}

/** A code a person approves on the activation page (device code, PIN, Quick Connect, TMDb token). */
export interface Grant {
  provider: string;
  instance: string;
  code: string;
  deviceCode?: string;
  createdAt: number;
  expiresAt: number;
  status: 'pending' | 'approved' | 'denied' | 'cancelled' | 'consumed';
  /** The account name typed on the activation page. */
  account?: string;
  /** Server-side waiters (Plex, Trakt) write the token the moment the code is approved. */
  onApprove?: (account: string | undefined) => void;
  /** Flow data kept in memory (Jellyfin Quick Connect server, Nuvio redirect base). */
  data?: Record<string, string>;
}

export interface OAuthState {
  provider: 'simkl' | 'anilist';
  instance: string;
  redirectUri: string;
  clientId: string;
  expiresAt: number;
  /** Set on the consent page's Allow: the account the token belongs to. */
  account?: string;
}

export interface UsageSeed {
  provider: string;
  instance?: string;
  usages?: Usage[];
}

export interface Usage {
  feature: string;
  role?: string;
  pair_id?: string;
  enabled?: boolean;
  label?: string;
}

export const normalizeCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export function randomString(length: number, alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
export const randomHex = (length: number): string => randomString(length, '0123456789abcdef');

export class CrossWatchState {
  config: JsonObject = clone(freshConfig);
  grants: Grant[] = [];
  oauth = new Map<string, OAuthState>();
  /** Authorization codes handed out on the consent page: code → state. */
  oauthCodes = new Map<string, string>();
  /** cw_auth cookie values handed out by /mock/login. */
  sessions = new Set<string>();
  inUse: UsageSeed[] = [];
  statusCache: { at: number; body: JsonObject } | undefined;
  /** PunchPlay's client-side rate guard: start timestamps (ms). */
  punchplayStarts: number[] = [];
  private pinIds = 123455;

  constructor(readonly now: () => number) {}

  /** Back to a fresh install (the routes keep their reference to this object). */
  reset(): void {
    this.config = clone(freshConfig);
    this.grants = [];
    this.oauth.clear();
    this.oauthCodes.clear();
    this.sessions.clear();
    this.inUse = [];
    this.statusCache = undefined;
    this.punchplayStarts = [];
    this.pinIds = 123455;
  }

  epoch(): number {
    return Math.floor(this.now() / 1000);
  }

  nextPinId(): number {
    this.pinIds += 1;
    return this.pinIds;
  }

  /** The profile's block: the provider root for `default`, `instances[id]` otherwise. */
  block(prov: string, instance: string, create = false): JsonObject | undefined {
    const key = BLOCK_OF[prov] ?? prov;
    let root = this.config[key];
    if (!isObject(root)) {
      if (!create) return undefined;
      root = this.config[key] = {};
    }
    if (instance === 'default') return root;
    let instances = root['instances'];
    if (!isObject(instances)) {
      if (!create) return undefined;
      instances = root['instances'] = {};
    }
    let inst = instances[instance];
    if (!isObject(inst)) {
      if (!create) return undefined;
      inst = instances[instance] = {};
    }
    return inst;
  }

  /** Like block(create) but never undefined. */
  writable(prov: string, instance: string): JsonObject {
    return this.block(prov, instance, true)!;
  }

  /** The fresh-config defaults of a provider block (without instances), for resets. */
  template(prov: string): JsonObject {
    const t = clone((freshConfig[BLOCK_OF[prov] ?? prov] ?? {}) as JsonObject);
    delete t['instances'];
    return t;
  }

  str(block: JsonObject | undefined, key: string): string {
    const v = block?.[key];
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  }

  num(block: JsonObject | undefined, key: string): number {
    const v = block?.[key];
    return typeof v === 'number' ? v : Number(v) || 0;
  }

  instanceIds(prov: string): string[] {
    const root = this.config[BLOCK_OF[prov] ?? prov];
    const instances = isObject(root) ? root['instances'] : undefined;
    return ['default', ...(isObject(instances) ? Object.keys(instances).sort() : [])];
  }

  addGrant(grant: Omit<Grant, 'status' | 'createdAt'>): Grant {
    const g: Grant = { ...grant, createdAt: this.now(), status: 'pending' };
    this.grants.push(g);
    return g;
  }

  /** The newest grant of a provider profile (optionally with this code). */
  findGrant(provider: string, instance: string, code?: string): Grant | undefined {
    const wanted = code === undefined ? undefined : normalizeCode(code);
    for (let i = this.grants.length - 1; i >= 0; i--) {
      const g = this.grants[i]!;
      if (g.provider !== provider || g.instance !== instance) continue;
      if (wanted !== undefined && normalizeCode(g.code) !== wanted && g.deviceCode !== code) continue;
      return g;
    }
    return undefined;
  }

  /** Approve or deny a code as a person would on the provider's site. */
  decide(
    provider: string | undefined,
    code: string | undefined,
    decision: 'approve' | 'deny',
    account?: string,
  ): { ok: boolean; grant?: Grant; reason?: string } {
    const wanted = code ? normalizeCode(code) : undefined;
    const grant = [...this.grants]
      .reverse()
      .find(
        (g) =>
          (!provider || g.provider === provider) &&
          (wanted === undefined ? g.status === 'pending' : normalizeCode(g.code) === wanted),
      );
    if (!grant) return { ok: false, reason: 'unknown_code' };
    if (grant.status !== 'pending') return { ok: false, grant, reason: `already_${grant.status}` };
    if (this.now() >= grant.expiresAt) return { ok: false, grant, reason: 'expired' };
    grant.status = decision === 'approve' ? 'approved' : 'denied';
    if (account) grant.account = account;
    if (grant.status === 'approved') grant.onApprove?.(grant.account);
    return { ok: true, grant };
  }

  /** Where the profile is used: sync pairs in the config plus seeded usages. */
  usagesOf(prov: string, instance: string): Usage[] {
    const name = nameOf(prov);
    const usages: Usage[] = [];
    const pairs = this.config['pairs'];
    if (Array.isArray(pairs)) {
      for (const pair of pairs as Json[]) {
        if (!isObject(pair)) continue;
        for (const role of ['source', 'target'] as const) {
          if (String(pair[role] ?? '').toUpperCase() !== name) continue;
          const pairInstance = String(pair[`${role}_instance`] ?? 'default') || 'default';
          if (pairInstance !== instance) continue;
          const id = String(pair['id'] ?? '');
          usages.push({ feature: 'sync_pair', role, pair_id: id, enabled: pair['enabled'] !== false, label: `Sync pair ${id}` });
        }
      }
    }
    for (const seed of this.inUse) {
      if (seed.provider.toLowerCase() !== prov || (seed.instance ?? 'default') !== instance) continue;
      usages.push(...(seed.usages ?? [defaultUsage]));
    }
    return usages;
  }
}

export const defaultUsage: Usage = {
  feature: 'sync_pair',
  role: 'source',
  pair_id: 'p1',
  enabled: true,
  label: 'Sync pair p1',
};
