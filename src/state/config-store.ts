/**
 * Shared config store: one masked config snapshot per `<cw-auth-providers>`, served to every card
 * through context, so cards hydrate without each fetching /api/config.
 */
import type { ConfigObject, CallOptions } from '../api-client/types.js';
import type { ConfigPath } from '../api-client/config-paths.js';

export interface SaveOptions extends CallOptions {
  /**
   * Dotted paths in `partial` that hold secrets (password fields). Should the re-read after the
   * write fail, the local snapshot masks them, whatever their key is called.
   */
  secretPaths?: readonly string[];
}

export interface ConfigStore {
  /** The last config read from the backend; undefined until loaded. */
  readonly config: ConfigObject | undefined;
  /** Called after every change of `config`. Returns an unsubscribe function. */
  subscribe(listener: (config: ConfigObject | undefined) => void): () => void;
  /** Re-reads the config. */
  reload(opts?: CallOptions): Promise<ConfigObject>;
  /** Deep-merges a partial config on the server, then re-reads it. */
  save(partial: ConfigObject, opts?: SaveOptions): Promise<void>;
  /** Clears paths on the server, then re-reads. */
  unset(paths: ConfigPath[], opts?: CallOptions): Promise<void>;
}
