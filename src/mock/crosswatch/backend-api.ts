/**
 * What the MockBackend methods do in CrossWatch's world (index.ts wires them, control-routes.ts
 * exposes them over HTTP): mark a profile in use, decide a pending code or OAuth attempt as a
 * person would, and the control state snapshot. Seeding a connection is in seeds.ts.
 */
import type { DecisionResult, MockSnapshot } from '../types.js';
import { isObject, redactConfig, type JsonObject } from './config.js';
import { storeOAuthToken } from './oauth.js';
import type { CrossWatchRuntime } from './runtime.js';
import type { CrossWatchState, Usage } from './state.js';
import { isConnected, PROVIDERS } from './status.js';

/** A provider id as routes spell it: lower case, `tmdb` meaning the TMDb sync profile. */
export const alias = (prov: string) => (prov.toLowerCase() === 'tmdb' ? 'tmdb_sync' : prov.toLowerCase());

export function setInUse(s: CrossWatchState, provider: string, usages?: Usage[] | false, instance = 'default'): void {
  const prov = alias(provider);
  s.inUse = s.inUse.filter((u) => !(alias(u.provider) === prov && (u.instance ?? 'default') === instance));
  if (usages !== false) s.inUse.push({ provider: prov, instance, ...(usages ? { usages } : {}) });
}

export function decideDevice(
  s: CrossWatchState,
  provider: string,
  decision: 'approve' | 'deny',
  opts: { code?: string; account?: string } = {},
): DecisionResult {
  const prov = alias(provider);
  const r = s.decide(prov, opts.code, decision, opts.account);
  const messages: Record<string, string> = {
    unknown_code: `No pending ${prov} code${opts.code ? ` ${opts.code}` : ''}.`,
    expired: 'The code has expired.',
  };
  return {
    ok: r.ok,
    message: r.ok
      ? decision === 'approve' ? 'Device approved.' : 'Request denied.'
      : messages[r.reason ?? ''] ?? `The code is ${String(r.reason).replace('already_', 'already ')}.`,
    provider: prov,
    ...(r.grant ? { userCode: r.grant.code } : {}),
    ...(r.grant?.account ? { account: r.grant.account } : {}),
  };
}

export function decideOAuth(
  rt: CrossWatchRuntime,
  provider: string,
  decision: 'allow' | 'deny',
  opts: { account?: string } = {},
): DecisionResult {
  const { s, now } = rt;
  const prov = alias(provider);
  const entries = [...s.oauth.entries()].filter(([, e]) => e.provider === prov && e.expiresAt > now());
  const newest = entries[entries.length - 1];
  if (!newest) return { ok: false, message: `No pending ${prov} authorization.`, provider: prov };
  const [state] = newest;
  if (decision === 'deny') {
    s.oauth.delete(state);
    return { ok: true, message: 'Access denied.', provider: prov };
  }
  storeOAuthToken(s, state, opts.account);
  return { ok: true, message: `${prov} authorized.`, provider: prov, ...(opts.account ? { account: opts.account } : {}) };
}

export function snapshot(rt: CrossWatchRuntime): MockSnapshot {
  const { s, now, faults } = rt;
  const providers: MockSnapshot['providers'] = {};
  for (const prov of PROVIDERS) {
    const b = s.block(prov, 'default');
    const account = accountOf(b);
    const expires = s.num(b, 'expires_at');
    providers[prov] = {
      connected: isConnected(s, prov, 'default'),
      ...(account ? { account } : {}),
      ...(expires ? { expires_at: expires } : {}),
      in_use: s.usagesOf(prov, 'default').length > 0,
    };
  }
  return {
    now: now(),
    clockOffsetMs: rt.clockOffsetMs,
    latencyMs: rt.latencyMs,
    config: redactConfig(s.config),
    providers,
    deviceFlows: s.grants
      .filter((g) => g.status === 'pending' || g.status === 'approved')
      .map((g) => ({
        provider: g.provider,
        user_code: g.code,
        mode: g.provider === 'plex' || g.provider === 'trakt' ? ('server' as const) : ('poll' as const),
        state: g.status === 'pending' && now() >= g.expiresAt ? 'expired' : g.status,
        interval: g.provider === 'nuvio' ? 3 : g.provider === 'plex' ? 1 : 5,
        expires_at: Math.floor(g.expiresAt / 1000),
      })),
    oauthSessions: [...s.oauth.entries()].map(([state, e]) => ({
      provider: e.provider,
      state,
      origin: new URL(e.redirectUri).origin,
      expires_at: Math.floor(e.expiresAt / 1000),
    })),
    faults: faults.list() as unknown as MockSnapshot['faults'],
  };
}

/** The account name a connected block shows (username, AniList's user.name, Nuvio's profile). */
function accountOf(b: JsonObject | undefined): string | undefined {
  if (!b) return undefined;
  const user = b['user'];
  const candidates = [b['username'], isObject(user) ? user['name'] : user, b['profile_name']];
  const found = candidates.find((c) => typeof c === 'string' && c !== '');
  return typeof found === 'string' ? found : undefined;
}
