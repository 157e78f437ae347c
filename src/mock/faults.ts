/**
 * Failure injection: rules added through the control route (or the backend object), and one-off
 * faults named by the `x-mock-fault` header or the `?mock_fault=` query parameter.
 */
import { FAULT_KINDS, ROUTE_NAMES, type ActiveFault, type FaultKind, type FaultRule, type RouteName } from './types.js';
import { BadRequest, isRecord } from './util.js';

export interface RequestInfo {
  /** Path without query. */
  path: string;
  provider?: string;
  route?: RouteName;
}

const TAIL_ROUTES: Record<string, RouteName> = {
  'device/start': 'start',
  'pin/new': 'start',
  'device/poll': 'poll',
  'device/cancel': 'cancel',
  authorize: 'authorize',
  callback: 'callback',
  connect: 'connect',
  login: 'connect',
  status: 'status',
  refresh: 'refresh',
  disconnect: 'disconnect',
  'token/delete': 'disconnect',
};

/** Which provider and route an /api path addresses (a base-path prefix before /api is allowed). */
export function classifyApiPath(path: string): RequestInfo {
  const parts = path.split('/').filter(Boolean);
  const at = parts.indexOf('api');
  const rest = at >= 0 ? parts.slice(at + 1) : parts;
  if (rest[0] === 'auth' && rest[1] === 'providers') return { path, route: 'providers' };
  // Every provider's status at once: a `status` rule without a provider applies to it too.
  if (rest[0] === 'auth' && rest[1] === 'status') return { path, route: 'status' };
  if (rest[0] === 'config') return { path, route: rest[1] === 'unset' ? 'config_unset' : 'config' };
  const provider = rest[0]?.toLowerCase();
  return { path, provider, route: TAIL_ROUTES[rest.slice(1).join('/')] };
}

const isFaultKind = (v: unknown): v is FaultKind => typeof v === 'string' && (FAULT_KINDS as readonly string[]).includes(v);

/** Validates a rule from JSON (control route) or code. */
export function parseRule(input: unknown): FaultRule {
  if (!isRecord(input)) throw new BadRequest('A fault rule is a JSON object: {fault, provider?, route?, times?, ms?}.');
  const { fault, provider, route, times, ms } = input;
  if (!isFaultKind(fault)) {
    throw new BadRequest(`Unknown fault ${JSON.stringify(fault)}; use one of: ${FAULT_KINDS.join(', ')}.`, 'fault');
  }
  const rule: FaultRule = { fault };
  if (provider !== undefined && provider !== null && provider !== '') {
    if (typeof provider !== 'string') throw new BadRequest('provider must be a provider id such as "trakt".', 'provider');
    rule.provider = provider.toLowerCase();
  }
  if (route !== undefined && route !== null && route !== '') {
    if (typeof route !== 'string' || (!route.startsWith('/') && !(ROUTE_NAMES as readonly string[]).includes(route))) {
      throw new BadRequest(`route must be a path starting with "/" or one of: ${ROUTE_NAMES.join(', ')}.`, 'route');
    }
    rule.route = route;
  }
  if (times !== undefined && times !== null) {
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) {
      throw new BadRequest('times must be a positive integer.', 'times');
    }
    rule.times = times;
  }
  if (ms !== undefined && ms !== null) {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new BadRequest('ms must be a number ≥ 0.', 'ms');
    rule.ms = ms;
  }
  if (fault === 'latency' && rule.ms === undefined) rule.ms = 1000;
  return rule;
}

/**
 * Parses a one-off spec: `http_500`, `latency=1500`, `latency:1500`, or several joined by commas
 * (`latency=300,html_error`).
 */
export function parseFaultSpec(spec: string | null | undefined): FaultRule[] {
  if (!spec) return [];
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name, value] = part.split(/[=:]/, 2) as [string, string | undefined];
      const ms = value === undefined ? undefined : Number(value);
      if (value !== undefined && !Number.isFinite(ms)) {
        throw new BadRequest(`Mock fault "${part}": the value after "${name}" must be a number of ms.`);
      }
      return parseRule({ fault: name.trim(), ms });
    });
}

/** Faults that only make sense on one kind of route wait for it instead of hitting everything. */
function kindApplies(fault: FaultKind, info: RequestInfo): boolean {
  if (fault === 'in_use') return info.route === 'disconnect';
  if (fault === 'slow_down_storm') return info.route === 'poll';
  return true;
}

export function ruleMatches(rule: FaultRule, info: RequestInfo): boolean {
  if (!kindApplies(rule.fault, info)) return false;
  if (rule.provider && rule.provider !== info.provider) return false;
  if (rule.route) {
    if (rule.route.startsWith('/')) return info.path === rule.route || info.path.endsWith(rule.route);
    return rule.route === info.route;
  }
  return true;
}

export interface FaultPick {
  latencyMs: number;
  fault?: FaultRule;
}

/**
 * Picks what to do with one request: the sum of every matching latency, and the first other
 * fault (one-off faults before rules). Matching rules are used up (`times`).
 */
export function pickFaults(rules: ActiveFault[], oneOff: FaultRule[], info: RequestInfo): FaultPick {
  let latencyMs = 0;
  let fault: FaultRule | undefined;
  for (const rule of oneOff) {
    if (!kindApplies(rule.fault, info)) continue;
    if (rule.fault === 'latency') latencyMs += rule.ms ?? 0;
    else fault ??= rule;
  }
  for (const rule of rules) {
    if (!ruleMatches(rule, info)) continue;
    if (rule.fault === 'latency') {
      latencyMs += rule.ms ?? 0;
    } else if (!fault) {
      fault = rule;
    } else {
      continue; // not used for this request, so not used up
    }
    rule.hits += 1;
    if (rule.times !== undefined) rule.times -= 1;
  }
  for (let i = rules.length - 1; i >= 0; i--) if (rules[i]!.times === 0) rules.splice(i, 1);
  return { latencyMs, fault };
}

/** A real proxy's error page, as the widget meets it when the backend is down behind nginx. */
export const NGINX_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.24.0</center>
</body>
</html>
`;
