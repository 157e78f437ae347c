/**
 * Failure injection for the CrossWatch flavour. Same rule shape and controls as the contract mock
 * (`{fault, provider?, route?, times?, ms?}`, `backend.faults`, `POST /mock/control/faults`, the
 * `x-mock-fault` header or `?mock_fault=`), but every fault answers with the shape CrossWatch
 * (or the proxy in front of it) really produces, plus four CrossWatch-only kinds.
 */
import { FAULT_KINDS as CONTRACT_FAULT_KINDS, type FaultKind, type RouteName } from '../types.js';
import { json, html, text } from './http.js';
import { defaultUsage, labelOf, type Usage } from './state.js';

/** Kinds only the CrossWatch flavour knows. */
export const CROSSWATCH_FAULT_KINDS = [
  'upstream_error', // the provider is unreachable: the route's real shape (200 network_error + long detail, "internal", 502 …)
  'internal', // 200 {"ok":false,"error":"internal"} (Trakt/Plex pin/new collapse)
  'setup_required', // 403 {"ok":false,"error":"Authentication setup required"}
  'origin_mismatch', // 403 {"ok":false,"error":"Origin mismatch"}
] as const;
export type CrossWatchFaultKind = FaultKind | (typeof CROSSWATCH_FAULT_KINDS)[number];
export const ALL_FAULT_KINDS: readonly CrossWatchFaultKind[] = [...CONTRACT_FAULT_KINDS, ...CROSSWATCH_FAULT_KINDS];

/** Route names of the contract mock plus `instances` (the profile routes). */
export type CrossWatchRouteName = RouteName | 'instances';

export interface CrossWatchFaultRule {
  fault: CrossWatchFaultKind;
  /** Lower-case provider id as in the path (`mdblist`); absent = every provider. */
  provider?: string;
  /** A route name (`start`, `poll`, `disconnect`, …) or an exact path starting with `/`. */
  route?: string;
  /** How many matching requests it affects; absent = until cleared or reset. */
  times?: number;
  /** `latency`: the delay. `rate_limited`/`unavailable`/`slow_down_storm`: retry-after. */
  ms?: number;
  /** `upstream_error`: overrides the upstream text. */
  detail?: string;
  /** `in_use`: what uses the profile. */
  usages?: Usage[];
}

export interface CrossWatchActiveFault extends CrossWatchFaultRule {
  id: string;
  hits: number;
}

export interface RequestInfo {
  method: string;
  path: string;
  provider?: string;
  route?: CrossWatchRouteName;
}

const TAILS: Record<string, CrossWatchRouteName> = {
  'pin/new': 'start',
  'pin/start': 'start',
  'device/start': 'start',
  'quickconnect/start': 'start',
  'connect/start': 'start',
  'pin/poll': 'poll',
  'device/poll': 'poll',
  'quickconnect/poll': 'poll',
  'pin/cancel': 'cancel',
  'device/cancel': 'cancel',
  'quickconnect/cancel': 'cancel',
  authorize: 'authorize',
  connect: 'connect',
  login: 'connect',
  save: 'connect',
  'device/finish': 'connect',
  'connect/finish': 'connect',
  status: 'status',
  verify: 'status',
  refresh: 'refresh',
  disconnect: 'disconnect',
  'token/delete': 'disconnect',
};

/** Which provider and route a CrossWatch path addresses. */
export function classify(method: string, path: string): RequestInfo {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'callback') return { method, path, provider: parts[1] ?? 'simkl', route: 'callback' };
  if (parts[0] !== 'api') return { method, path };
  const rest = parts.slice(1);
  if (rest[0] === 'auth' && rest[1] === 'providers') return { method, path, route: 'providers' };
  if (rest[0] === 'config') return { method, path, route: rest[1] === 'unset' ? 'config_unset' : 'config' };
  if (rest[0] === 'provider-instances') return { method, path, provider: rest[1]?.toLowerCase(), route: 'instances' };
  return { method, path, provider: rest[0]?.toLowerCase(), route: TAILS[rest.slice(1).join('/')] };
}

const isKind = (v: unknown): v is CrossWatchFaultKind =>
  typeof v === 'string' && (ALL_FAULT_KINDS as readonly string[]).includes(v);

/** Validates a rule from JSON or code; throws an Error whose message says what is wrong. */
export function parseRule(input: unknown): CrossWatchFaultRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('A fault rule is a JSON object: {fault, provider?, route?, times?, ms?}.');
  }
  const r = input as Record<string, unknown>;
  if (!isKind(r['fault'])) {
    throw new Error(`Unknown fault ${JSON.stringify(r['fault'])}; use one of: ${ALL_FAULT_KINDS.join(', ')}.`);
  }
  const rule: CrossWatchFaultRule = { fault: r['fault'] };
  if (typeof r['provider'] === 'string' && r['provider']) rule.provider = r['provider'].toLowerCase();
  if (typeof r['route'] === 'string' && r['route']) rule.route = r['route'];
  if (r['times'] !== undefined && r['times'] !== null) {
    if (!Number.isInteger(r['times']) || (r['times'] as number) < 1) throw new Error('times must be a positive integer.');
    rule.times = r['times'] as number;
  }
  if (r['ms'] !== undefined && r['ms'] !== null) {
    if (typeof r['ms'] !== 'number' || !(r['ms'] >= 0)) throw new Error('ms must be a number ≥ 0.');
    rule.ms = r['ms'];
  }
  if (typeof r['detail'] === 'string') rule.detail = r['detail'];
  if (Array.isArray(r['usages'])) rule.usages = r['usages'] as Usage[];
  if (rule.fault === 'latency' && rule.ms === undefined) rule.ms = 1000;
  return rule;
}

/** `http_500`, `latency=1500`, `latency:1500`, or several joined by commas. */
export function parseFaultSpec(spec: string | null | undefined): CrossWatchFaultRule[] {
  if (!spec) return [];
  return spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((part) => {
      const [name, value] = part.split(/[=:]/, 2) as [string, string | undefined];
      return parseRule({ fault: name.trim(), ms: value === undefined ? undefined : Number(value) });
    });
}

/** Faults that only make sense on one kind of route wait for it. */
function kindApplies(fault: CrossWatchFaultKind, info: RequestInfo): boolean {
  if (fault === 'in_use') return info.route === 'disconnect' || (info.route === 'instances' && info.method === 'DELETE');
  if (fault === 'slow_down_storm') return info.route === 'poll';
  return true;
}

function matches(rule: CrossWatchFaultRule, info: RequestInfo): boolean {
  if (!kindApplies(rule.fault, info)) return false;
  if (rule.provider && rule.provider !== info.provider) return false;
  if (rule.route) return rule.route.startsWith('/') ? info.path === rule.route : rule.route === info.route;
  return true;
}

export class FaultList {
  private rules: CrossWatchActiveFault[] = [];
  private seq = 0;

  add(rule: CrossWatchFaultRule): string {
    const parsed = parseRule(rule);
    const id = `f${++this.seq}`;
    this.rules.push({ ...parsed, id, hits: 0 });
    return id;
  }
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }
  clear(): void {
    this.rules = [];
  }
  list(): CrossWatchActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The summed latency and the first other fault (one-off faults first); uses up `times`. */
  pick(oneOff: CrossWatchFaultRule[], info: RequestInfo): { latencyMs: number; fault?: CrossWatchFaultRule } {
    let latencyMs = 0;
    let fault: CrossWatchFaultRule | undefined;
    for (const rule of oneOff) {
      if (!kindApplies(rule.fault, info)) continue;
      if (rule.fault === 'latency') latencyMs += rule.ms ?? 0;
      else fault ??= rule;
    }
    for (const rule of this.rules) {
      if (!matches(rule, info)) continue;
      if (rule.fault === 'latency') latencyMs += rule.ms ?? 0;
      else if (!fault) fault = rule;
      else continue;
      rule.hits += 1;
      if (rule.times !== undefined) rule.times -= 1;
    }
    this.rules = this.rules.filter((r) => r.times !== 0);
    return { latencyMs, fault };
  }
}

const UPSTREAM: Record<string, [host: string, path: string]> = {
  mdblist: ['api.mdblist.com', '/oauth/device-authorization/'],
  simkl: ['api.simkl.com', '/oauth/pin?client_id=…'],
  punchplay: ['punchplay.tv', '/api/platform/v1/auth/device/code'],
  bingebase: ['bingebase.com', '/api/v1/kodi/device/code'],
  publicmetadb: ['publicmetadb.com', '/api/external/lists?page=1&perPage=1'],
  tmdb_sync: ['api.themoviedb.org', '/3/authentication/token/new'],
  tmdb: ['api.themoviedb.org', '/3/configuration'],
  anilist: ['anilist.co', '/api/v2/oauth/token'],
  trakt: ['api.trakt.tv', '/oauth/device/code'],
};

/** What `requests` says when DNS fails: the long, unhelpful text CrossWatch passes on as `detail`. */
export function upstreamDetail(prov: string): string {
  const [host, path] = UPSTREAM[prov] ?? [`${prov}.example`, '/'];
  return (
    `HTTPSConnectionPool(host='${host}', port=443): Max retries exceeded with url: ${path} ` +
    `(Caused by NameResolutionError("<urllib3.connection.HTTPSConnection object at 0x7f3a1c2b4e50>: ` +
    `Failed to resolve '${host}' ([Errno -3] Temporary failure in name resolution)"))`
  );
}

export function inUseResponse(prov: string, instance: string, usages: Usage[]): Response {
  const where = usages.map((u) => `${u.label ?? u.feature}${u.role ? ` (${u.role})` : ''}`).join(', ');
  return json(
    {
      ok: false,
      error: 'provider_in_use',
      provider: prov,
      instance,
      usages,
      message:
        `Cannot delete ${labelOf(prov)} connection because it is used by ${where}. ` +
        'Remove this profile from Sync pairs, Watcher, or Webhooks first.',
    },
    409,
  );
}

/** The real "provider unreachable" shape of a route. */
function upstreamError(info: RequestInfo, detail: string): Response {
  const prov = info.provider ?? '';
  if (info.path.endsWith('/pin/new')) return json({ ok: false, error: 'internal' });
  switch (prov) {
    case 'nuvio':
      return json({ ok: false, error: 'nuvio_request_failed' });
    case 'emby':
      return json({ ok: false, error: 'Login failed' }, 500);
    case 'jellyfin':
      return json({ ok: false, reason: 'unreachable', error: 'Could not reach the Jellyfin server.' }, 502);
    case 'kodi':
      return json({ ok: false, reason: 'unreachable', error: 'Kodi is unreachable' }, 502);
    case 'stremio':
      return json({ ok: false, reason: 'unreachable', error: 'Could not reach Stremio' });
    default:
      return json({ ok: false, error: 'network_error', detail });
  }
}

/** Each device provider's way of saying "poll slower". */
function slowDown(info: RequestInfo, retryAfter: number): Response {
  switch (info.provider) {
    case 'simkl':
      return json({ ok: false, status: 'http:429' });
    case 'punchplay':
      return json({ ok: false, status: 'slow_down', retry_after: retryAfter, local: false });
    case 'nuvio':
      return json({ ok: false, error: 'nuvio_request_failed' });
    case 'jellyfin':
      return json({ ok: false, reason: 'connect_failed', error: 'Jellyfin answered 429 Too Many Requests' }, 502);
    default:
      return json({ ok: false, status: 'slow_down' });
  }
}

const NGINX = (code: string) =>
  `<html>\r\n<head><title>${code}</title></head>\r\n<body>\r\n<center><h1>${code}</h1></center>\r\n` +
  '<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n';

/** The response replacing the route's answer (never called for `latency`). */
export function faultResponse(rule: CrossWatchFaultRule, info: RequestInfo, instance: string): Response {
  const seconds = (fallback: number) => (rule.ms === undefined ? fallback : Math.max(1, Math.ceil(rule.ms / 1000)));
  switch (rule.fault) {
    case 'latency':
      throw new Error('latency is not a response');
    case 'upstream_error':
      return upstreamError(info, rule.detail ?? upstreamDetail(info.provider ?? ''));
    case 'internal':
      return json({ ok: false, error: 'internal' });
    case 'http_500':
      return text('Internal Server Error', 500);
    case 'network':
      return Response.error();
    case 'malformed_json':
      return new Response('{"ok":true,"status":"pend', { status: 200, headers: { 'content-type': 'application/json' } });
    case 'html_error':
      return html(NGINX('502 Bad Gateway'), 502);
    case 'unauthorized':
      return json({ ok: false, error: 'Unauthorized' }, 401);
    case 'setup_required':
      return json({ ok: false, error: 'Authentication setup required' }, 403);
    case 'origin_mismatch':
      return json({ ok: false, error: 'Origin mismatch' }, 403);
    case 'in_use':
      return inUseResponse(info.provider ?? '', instance, rule.usages ?? [defaultUsage]);
    case 'slow_down_storm':
      return slowDown(info, seconds(10));
    case 'rate_limited':
      return json({ ok: false, error: 'rate_limited', retry_after: seconds(120), local: true });
    case 'unavailable':
      return html(NGINX('503 Service Temporarily Unavailable'), 503, { 'retry-after': String(seconds(30)) });
  }
}
