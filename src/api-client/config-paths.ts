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

export function getPath(config: ConfigObject | undefined, path: string): unknown {
  let node: unknown = config;
  for (const part of path.split('.')) {
    if (!isRecord(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** Builds a partial object `{a: {b: value}}` for `a.b`, merging into `target`. */
export function setPath(target: ConfigObject, path: string, value: unknown): ConfigObject {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    if (!isRecord(node[part])) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
  return target;
}

/** The last segment of a dotted key: `tautulli.history.user_id` → `user_id` (what a connect body calls it). */
export const lastSegment = (key: string): string => key.slice(key.lastIndexOf('.') + 1);
