/** "Is this provider connected now?" from its status route, or from the token in the config. */
import type { AuthApi } from '../api-client/api.js';
import type { ConfigObject, ProviderStatus } from '../api-client/types.js';
import { getPath } from '../api-client/config-paths.js';
import { hasValue } from './describe.js';
import { tokenPathsFor } from './routes.js';
import type { ResolvedProvider } from './types.js';

/** True when any of the provider's token paths (for this profile) holds a value or a mask. */
export function connectedFromConfig(provider: ResolvedProvider, config: ConfigObject, instance?: string): boolean {
  return tokenPathsFor(provider.routes.tokenPaths, instance).some((path) => hasValue(getPath(config, path)));
}

/** Whether the provider's connection can be checked at all. */
export function canCheckConnection(provider: ResolvedProvider): boolean {
  return Boolean(provider.routes.status || provider.routes.tokenPaths?.length);
}

/**
 * Asks the backend. Uses the status route when there is one; otherwise reads a fresh config and
 * looks at the token paths. Undefined when neither exists. Throws the client's ApiError.
 */
export async function checkConnected(
  api: AuthApi,
  provider: ResolvedProvider,
  opts: { instance?: string; signal?: AbortSignal; config?: ConfigObject } = {},
): Promise<ProviderStatus | undefined> {
  const callOpts = { signal: opts.signal, instance: opts.instance };
  if (provider.routes.status) return api.status(provider.routes.status, callOpts);
  if (!provider.routes.tokenPaths?.length) return undefined;
  const config = opts.config ?? (await api.getConfig({ signal: opts.signal }));
  return { connected: connectedFromConfig(provider, config, opts.instance) };
}
