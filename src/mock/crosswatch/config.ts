/**
 * CrossWatch's config rules, emulated: masking on read (`redact_config`), deep merge with secret
 * preservation on write, explicit unset. The two rule sets differ on purpose, as they do in
 * CrossWatch: reads mask an explicit per-provider list, writes preserve anything that *looks*
 * sensitive (crosswatch-api.md §3.3).
 */

import { deepClone } from '../util.js';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** Eight U+2022 bullets: what CrossWatch sends in place of a stored secret. */
export const MASK = '\u2022'.repeat(8);

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const clone = deepClone;

/** Keys masked on read, per provider block (and in each of its `instances`). */
const MASKED_KEYS: Record<string, string[]> = {
  plex: ['account_token', 'pms_token', 'home_pin', 'webhook_secret'],
  simkl: ['access_token', 'client_secret', '_pending_pin'],
  anilist: ['access_token', 'client_secret'],
  trakt: ['access_token', 'refresh_token', 'client_secret'],
  mdblist: ['api_key', 'access_token', 'refresh_token', '_pending_device'],
  punchplay: ['access_token', 'refresh_token', '_pending_device'],
  bingebase: ['access_token', 'webhook_url', 'api_key', '_pending_device'],
  nuvio: ['access_token', 'refresh_token', '_pending_tv_*'],
  stremio: ['auth_key'],
  floppy: ['api_token'],
  scrob: ['api_key', 'password', 'access_token'],
  tautulli: ['api_key'],
  jellyfin: ['access_token', 'api_key', 'password'],
  emby: ['access_token', 'api_key', 'password'],
  kodi: ['password'],
  tmdb: ['api_key'],
  tmdb_sync: ['api_key', 'session_id', '_pending_request_token'],
};

/** Non-provider secrets CrossWatch also masks: app-auth hashes, TOTP, webhook ids and URLs. */
const MASKED_PATHS: string[][] = [
  ['app_auth', 'password', 'salt'],
  ['app_auth', 'password', 'hash'],
  ['app_auth', 'session', 'token_hash'],
  ['app_auth', 'sessions', '*', 'token_hash'],
  ['app_auth', 'api_tokens', '*', 'token_hash'],
  ['app_auth', 'oidc', 'client_secret'],
  ['app_auth', 'totp', 'secret'],
  ['app_auth', 'totp', 'pending_secret'],
  ['security', 'webhook_ids', '*'],
  ['scheduling', 'webhooks', 'url'],
  ['scheduling', 'webhooks', 'start_url'],
  ['scheduling', 'webhooks', 'success_url'],
  ['scheduling', 'webhooks', 'failure_url'],
];

const isEmpty = (v: Json | undefined): boolean =>
  v === undefined || v === null || v === '' || (isObject(v) && Object.keys(v).length === 0) ||
  (Array.isArray(v) && v.length === 0);

/** Non-empty → mask; empty string stays ""; empty objects/arrays stay as they are. */
function maskValue(v: Json): Json {
  if (typeof v === 'string') return v === '' ? '' : MASK;
  return isEmpty(v) ? v : MASK;
}

function maskBlock(block: JsonObject, keys: string[]): void {
  for (const key of Object.keys(block)) {
    const hit = keys.some((k) => (k.endsWith('*') ? key.startsWith(k.slice(0, -1)) : k === key));
    if (hit) block[key] = maskValue(block[key]!);
  }
}

function maskPath(node: Json | undefined, path: string[]): void {
  if (!isObject(node) && !Array.isArray(node)) return;
  const [head, ...rest] = path;
  if (head === undefined) return;
  const children: [string | number, Json][] =
    head === '*'
      ? Array.isArray(node)
        ? node.map((v, i) => [i, v] as [number, Json])
        : Object.entries(node)
      : isObject(node) && head in node
        ? [[head, node[head]!]]
        : [];
  for (const [key, child] of children) {
    if (rest.length === 0) (node as Record<string | number, Json>)[key] = maskValue(child);
    else maskPath(child, rest);
  }
}

/** `GET /api/config`: a masked deep copy. Client ids, Trakt `_pending_device`, Plex `_pending_pin` and the legacy `auth` block stay readable, as in CrossWatch. */
export function redactConfig(config: JsonObject): JsonObject {
  const out = clone(config);
  for (const [prov, keys] of Object.entries(MASKED_KEYS)) {
    const block = out[prov];
    if (!isObject(block)) continue;
    maskBlock(block, keys);
    const instances = block['instances'];
    if (isObject(instances)) {
      for (const inst of Object.values(instances)) if (isObject(inst)) maskBlock(inst, keys);
    }
  }
  for (const path of MASKED_PATHS) maskPath(out, path);
  return out;
}

const SENSITIVE_KEYS = new Set([
  'api_key', 'access_token', 'refresh_token', 'client_secret', 'session_id', 'auth_key', 'device_code',
  'webhook_url', 'account_token', 'pms_token', 'home_pin', 'api_token', 'token', 'salt', 'hash',
  'token_hash', 'webhook_secret', '_pending_pin', '_pending_device', '_pending_request_token',
]);

/** CrossWatch's write-side heuristic for "this key holds a secret". */
export function looksSensitive(key: string): boolean {
  const k = key.toLowerCase();
  return (
    SENSITIVE_KEYS.has(k) || k.endsWith('_token') || k.includes('password') || k.includes('secret') ||
    k.startsWith('profile:') ||
    // Masked pending-flow blocks posted back by a read-modify-write client must not clobber the flow.
    k.startsWith('_pending_')
  );
}

/** Blank or masked: "", bullets, asterisks (3 or more). */
export function isBlankSecret(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'string') return false;
  const t = v.trim();
  return t === '' || /^[\u2022*]{3,}$/.test(t);
}

/**
 * Deep merge `incoming` over `current` (in place). Arrays and scalars replace; objects merge.
 * A sensitive key whose incoming value is blank or masked keeps the stored value, so clearing a
 * secret through this route is impossible, exactly like CrossWatch.
 */
export function mergeConfig(current: JsonObject, incoming: JsonObject): void {
  for (const [key, value] of Object.entries(incoming)) {
    const existing = current[key];
    if (looksSensitive(key) && isBlankSecret(value)) {
      if (existing !== undefined) continue;
      // Nothing stored: never store a mask string as if it were the secret.
      if (typeof value === 'string' && value.trim() !== '') continue;
      current[key] = '';
      continue;
    }
    if (isObject(value) && isObject(existing)) mergeConfig(existing, value);
    else current[key] = clone(value);
  }
}

export function getAt(node: Json | undefined, path: string[]): Json | undefined {
  let cur: Json | undefined = node;
  for (const part of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** `POST /api/config/unset`: removes each dotted path; `app_auth` is protected (reported missing). */
export function unsetPaths(config: JsonObject, paths: string[]): { removed: string[]; missing: string[] } {
  const removed: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const parts = path.split('.').filter(Boolean);
    const parent = getAt(config, parts.slice(0, -1));
    const last = parts[parts.length - 1];
    if (parts[0] === 'app_auth' || last === undefined || !isObject(parent) || !(last in parent)) {
      missing.push(path);
      continue;
    }
    delete parent[last];
    removed.push(path);
  }
  return { removed, missing };
}
