/**
 * The ConfigStore every card shares: one masked config snapshot, re-read after each write, with
 * change notifications. Cards never fetch /api/config themselves.
 */
import type { AuthApi } from '../api-client/api.js';
import { getPath, isForbiddenKey, MASK, segmentsOf, type ConfigPath } from '../api-client/config-paths.js';
import type { CallOptions, ConfigObject } from '../api-client/types.js';
import type { ConfigStore, SaveOptions } from './config-store.js';

/**
 * Keys CrossWatch treats as secrets (masks on read); used only for the local fallback below, on
 * top of the paths the caller marks as secret.
 */
const SENSITIVE_KEY = /(password|secret|token|api_key|apikey|session_id|auth_key|pin|webhook)/i;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges `partial` into `target`, masking secrets: by key name, and every path in `secretPaths`. */
function mergeMasked(target: ConfigObject, partial: ConfigObject, secretPaths: ReadonlySet<string>, prefix = ''): ConfigObject {
  const out: ConfigObject = { ...target };
  for (const [key, value] of Object.entries(partial)) {
    if (isForbiddenKey(key)) continue; // would set the copy's prototype, not a member
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(value)) out[key] = mergeMasked(isRecord(out[key]) ? (out[key] as ConfigObject) : {}, value, secretPaths, path);
    else out[key] = typeof value === 'string' && value !== '' && (secretPaths.has(path) || SENSITIVE_KEY.test(key)) ? MASK : value;
  }
  return out;
}

function withoutPaths(config: ConfigObject, paths: readonly ConfigPath[]): ConfigObject {
  const copy = structuredClone(config);
  for (const path of paths) {
    const segments = segmentsOf(path);
    const parent = segments.length < 2 ? copy : getPath(copy, segments.slice(0, -1));
    const leaf = segments[segments.length - 1];
    if (isRecord(parent) && leaf !== undefined && Object.hasOwn(parent, leaf)) delete parent[leaf];
  }
  return copy;
}

export interface CreatedConfigStore extends ConfigStore {
  /** Replaces the snapshot without a request (a host that already has the config). */
  set(config: ConfigObject | undefined): void;
}

export function createConfigStore(client: AuthApi): CreatedConfigStore {
  let config: ConfigObject | undefined;
  const listeners = new Set<(config: ConfigObject | undefined) => void>();
  // Answers can arrive out of order (a reload racing a save's re-read): only the newest counts.
  let latestRead = 0;

  const publish = (next: ConfigObject | undefined) => {
    config = next;
    for (const listener of [...listeners]) listener(config);
  };

  const reload = async (opts?: CallOptions): Promise<ConfigObject> => {
    const ticket = ++latestRead;
    const next = await client.getConfig(opts);
    if (ticket === latestRead) publish(next);
    return next;
  };

  /** After a successful write the re-read is best effort: the write stands even if it fails. */
  const rereadAfterWrite = async (fallback: () => ConfigObject, opts?: CallOptions) => {
    try {
      await reload(opts);
    } catch (error) {
      if (opts?.signal?.aborted) throw error;
      publish(fallback());
    }
  };

  return {
    get config() {
      return config;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      latestRead++;
      publish(next);
    },
    reload,
    async save(partial, opts?: SaveOptions) {
      const { secretPaths = [], ...callOpts } = opts ?? {};
      await client.saveConfig(partial, callOpts);
      await rereadAfterWrite(() => mergeMasked(config ?? {}, partial, new Set(secretPaths)), callOpts);
    },
    async unset(paths, opts) {
      if (paths.length === 0) return;
      await client.unsetConfig(paths, opts);
      await rereadAfterWrite(() => withoutPaths(config ?? {}, paths), opts);
    },
  };
}
