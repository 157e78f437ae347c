/** Reading and writing dotted paths (`tautulli.history.user_id`) in a config object. */
import type { ConfigObject } from './types.js';

/** What the backend sends in place of a stored secret: eight U+2022 bullets. */
export const MASK = '\u2022'.repeat(8);

/** CrossWatch treats these as "masked / keep the stored value" too. */
export function isMasked(value: unknown): boolean {
  return typeof value === 'string' && /^[\u2022*]{3,}$/.test(value.trim());
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Keys that would reach Object.prototype (or a constructor) when used as a property: never read
 * or written from server text (a profile id, a config key, a manifest field key).
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
export const isForbiddenKey = (key: string): boolean => FORBIDDEN_KEYS.has(key);

/**
 * A path as segments: a dotted string is split (`a.b.c`); an array is taken as is, so a segment
 * that contains a dot (a profile id `a.b`) stays one segment.
 */
export type ConfigPath = string | readonly string[];
export const segmentsOf = (path: ConfigPath): readonly string[] => (typeof path === 'string' ? path.split('.') : path);

/**
 * How a path travels in `POST /api/config/unset`: dotted, unless a segment holds a dot itself (a
 * profile id `a.b`); then as its segments, so it can only mean that one key.
 */
export const wirePath = (segments: readonly string[]): ConfigPath => (segments.some((s) => s.includes('.')) ? [...segments] : segments.join('.'));

export function getPath(config: ConfigObject | undefined, path: ConfigPath): unknown {
  let node: unknown = config;
  for (const part of segmentsOf(path)) {
    // Own members only: `__proto__` or `constructor` must not read what the prototype holds.
    if (!isRecord(node) || isForbiddenKey(part) || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/**
 * Builds a partial object `{a: {b: value}}` for `a.b`, merging into `target`. A forbidden
 * segment throws: writing it would change Object.prototype instead of the config.
 */
export function setPath(target: ConfigObject, path: ConfigPath, value: unknown): ConfigObject {
  const parts = segmentsOf(path);
  const bad = parts.find(isForbiddenKey);
  if (bad !== undefined) throw new TypeError(`"${bad}" cannot be a config key.`);
  let node: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    if (!Object.hasOwn(node, part) || !isRecord(node[part])) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
  return target;
}

/** A copy of server JSON without forbidden keys at any depth (config hydration from GET /api/config). */
export function withoutForbiddenKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutForbiddenKeys) as T;
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (!isForbiddenKey(key)) out[key] = withoutForbiddenKeys(member);
  return out as T;
}

/** The last segment of a dotted key: `tautulli.history.user_id` → `user_id` (what a connect body calls it). */
export const lastSegment = (key: string): string => key.slice(key.lastIndexOf('.') + 1);
