/**
 * The one registry of what a card plugs in lazily: each connect flow and connected-account part,
 * and each backend adapter, by the key the card asks for, with its tag and its loader (a dynamic
 * import, so the build makes each a chunk of its own beside the entry, see scripts/build.mjs).
 * A new flow is its element folder (`<name>.component.ts`, `<name>.ts` registering the tag) and
 * one line here; a new backend's knowledge is its folder under src/adapters/ (a module that calls
 * `registerBackend`, see src/providers/backends.ts) and one line here saying which manifests it claims.
 *
 * The German table is `loadGerman()`.
 */
import { declaresRoutes } from './api-client/manifest.js';
import type { ProviderManifest } from './api-client/types.js';

export const PARTS = {
  device_code: { tag: 'cw-device-flow', load: () => import('./elements/device-flow/device-flow.js') },
  oauth: { tag: 'cw-oauth-flow', load: () => import('./elements/oauth-flow/oauth-flow.js') },
  credentials: { tag: 'cw-credentials-flow', load: () => import('./elements/credentials-flow/credentials-flow.js') },
  connected: { tag: 'cw-connection-actions', load: () => import('./elements/connection-actions/connection-actions.js') },
  account_profile: { tag: 'cw-account-profile', load: () => import('./elements/account-profile/account-profile.js') },
  /** No element: what a card does when its flows report (FlowEvents), needed only with them. */
  flow_events: { load: () => import('./elements/provider-card/flow-events.js') },
  /** The profile switcher and its controller (CrossWatch's profiles). */
  profiles: { tag: 'cw-profile-switcher', load: () => import('./elements/profile-switcher/profiles-part.js') },
  /** CrossWatch's route knowledge, for the manifests it sends (they declare no routes). */
  crosswatch: { claims: (m: ProviderManifest) => !declaresRoutes(m), load: () => import('./adapters/crosswatch/crosswatch.js') },
} as const;

export type PartKey = keyof typeof PARTS;
/** What a part's chunk gives once loaded. */
export type PartModule<K extends PartKey> = Awaited<ReturnType<(typeof PARTS)[K]['load']>>;

/** Loads (and so registers) every lazy part now, e.g. to use a flow element on its own. */
export const loadParts = (): Promise<unknown> => Promise.all(Object.values(PARTS).map((part) => part.load()));
