/**
 * CrossWatch knowledge about its all-providers status (`GET /api/status`): it says connected or
 * not, but not as whom. These providers' own status routes name the account (or the token's
 * expiry), so a connected card of theirs asks its route once it is in view (crosswatch-api.md §3.4).
 */
import type { ProviderStatus } from '../api-client/types.js';
import type { ResolvedProvider } from './types.js';

const DETAIL_ON_OWN_ROUTE: ReadonlySet<string> = new Set([
  'jellyfin', 'emby', 'anilist', 'kodi', 'mdblist', 'punchplay', 'bingebase', 'nuvio', 'scrob',
]);

/** Whether the card should still ask its own status route after CrossWatch's aggregate answered. */
export function crossWatchNeedsDetail(provider: ResolvedProvider, status: ProviderStatus): boolean {
  return status.connected && Boolean(provider.routes.status) && DETAIL_ON_OWN_ROUTE.has(provider.id);
}
