/**
 * The mock's config store semantics: one rule decides what is secret, used both when reading
 * (mask) and when writing (a masked or blank secret keeps the stored value). CrossWatch uses two
 * different rule sets for this; keeping one avoids its leaks.
 */
import { MASK, isMasked, getPath } from '../api-client/config-paths.js';
import { UNSAFE_KEYS, deepClone, isRecord, type JsonObject } from './util.js';

const SECRET_NAMES = new Set([
  'access_token',
  'refresh_token',
  'api_key',
  'client_secret',
  'password',
  'session_id',
  'auth_key',
  'device_code',
  'webhook_url',
]);

/**
 * Is the member `name` at dotted `path` a secret? `extraPaths` are the keys of `password` fields
 * in the manifests, so a provider can declare any field secret.
 */
export function isSecretKey(name: string, path: string, extraPaths: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase();
  return (
    SECRET_NAMES.has(lower) ||
    lower.endsWith('_token') ||
    lower.includes('secret') ||
    lower.includes('password') ||
    extraPaths.has(path)
  );
}

/** A copy of `config` with every non-empty secret replaced by MASK and empty ones as "". */
export function maskConfig(config: JsonObject, secretPaths: ReadonlySet<string>, prefix = ''): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(config)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(value)) {
      out[key] = maskConfig(value, secretPaths, path);
    } else if (isSecretKey(key, path, secretPaths)) {
      out[key] = value === '' || value === null || value === undefined ? (value ?? '') : MASK;
    } else {
      out[key] = deepClone(value);
    }
  }
  return out;
}

/**
 * Deep-merges `incoming` into `target` in place. A secret posted blank or masked keeps the
 * stored value (clearing needs unset). Arrays and scalars replace.
 */
export function mergeConfig(
  target: JsonObject,
  incoming: JsonObject,
  secretPaths: ReadonlySet<string>,
  prefix = '',
): void {
  for (const [key, value] of Object.entries(incoming)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(value)) {
      if (!isRecord(target[key])) target[key] = {};
      mergeConfig(target[key] as JsonObject, value, secretPaths, path);
      continue;
    }
    if (isSecretKey(key, path, secretPaths) && (value === '' || isMasked(value))) continue;
    target[key] = deepClone(value);
  }
}

/** Removes dotted paths (or segment lists: a key may hold a dot); reports which existed. */
export function unsetPaths(config: JsonObject, paths: Array<string | string[]>): { removed: string[]; missing: string[] } {
  const removed: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const parts = typeof path === 'string' ? path.split('.') : [...path];
    const shown = parts.join('.');
    const leaf = parts.pop()!;
    let parent: unknown = config;
    for (const part of parts) parent = isRecord(parent) && !UNSAFE_KEYS.has(part) && Object.hasOwn(parent, part) ? parent[part] : undefined;
    if (isRecord(parent) && Object.prototype.hasOwnProperty.call(parent, leaf) && !UNSAFE_KEYS.has(leaf)) {
      delete parent[leaf];
      removed.push(shown);
    } else {
      missing.push(shown);
    }
  }
  return { removed, missing };
}

/** Sets a dotted path, creating parents (own helper: the shared setPath is for partials). */
export function writePath(config: JsonObject, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = config;
  for (const part of parts.slice(0, -1)) {
    if (UNSAFE_KEYS.has(part)) return;
    if (!isRecord(node[part])) node[part] = {};
    node = node[part] as JsonObject;
  }
  const leaf = parts[parts.length - 1]!;
  if (!UNSAFE_KEYS.has(leaf)) node[leaf] = value;
}

export function deletePath(config: JsonObject, path: string): void {
  unsetPaths(config, [path]);
}

/** A non-empty string at `path`? */
export function hasValue(config: JsonObject, path: string): boolean {
  const v = getPath(config, path);
  return typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null;
}

export function readString(config: JsonObject, path: string): string | undefined {
  const v = getPath(config, path);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}
