/**
 * The classes and functions of the list and of a card's first paint, without registration: what
 * the drop-in bundle exposes (window.CwAuth). `index.ts` adds the classes of the card's lazy
 * parts (flows, connection actions, account profile, QR code).
 */
export { CwElement } from './elements/base.js';
export { CwAuthProviders, SKELETON_DELAY_MS } from './elements/auth-providers/auth-providers.component.js';
export { CwProviderCard, type BadgeKind } from './elements/provider-card/provider-card.component.js';
export { CwProviderField, type FieldIntent, type FieldIntentDetail } from './elements/provider-field/provider-field.component.js';
export { CwCopyButton, type CopyFeedback } from './elements/copy-button/copy-button.component.js';
// The profile switcher is a lazy chunk (kept out of the drop-in): `await loadProfileSwitcher()`
// registers `<cw-profile-switcher>` and gives the class.
export type { CwProfileSwitcher, ProfileRenameDetail, ProfileSelectDetail } from './elements/profile-switcher/profile-switcher.component.js';
export { loadProfileSwitcher } from './elements/profile-switcher/load-profile-switcher.js';
// The flows, connection actions and account profile picker are lazy parts of the card: `loadParts()` registers them all.
export { loadParts, PARTS, type PartKey } from './registry.js';

export * from './api-client/index.js';
export { apiContext, configStoreContext, stringsContext } from './elements/context.js';
export { createCwEvent } from './events.js';
export type * from './events.js';

export type { ConfigStore, SaveOptions } from './state/config-store.js';
export { createConfigStore, type CreatedConfigStore } from './state/create-config-store.js';

export { describeProvider, type DescribeOptions } from './providers/describe.js';
// Backend adapters are lazy parts too (CrossWatch's: `await PARTS.crosswatch.load()`); index.ts exports them.
export type { BackendAdapter } from './providers/backends.js';
export { PRESETS, type ProviderPreset } from './providers/presets.js';
export type { ResolvedProvider, ResolvedRoutes, DeviceRoutes } from './providers/types.js';
// The ProfilesController comes with the profile switcher (the registry's `profiles` part, a
// chunk in the drop-in): `(await PARTS.profiles.load()).ProfilesController`; index.ts exports it.
export { DEFAULT_PROFILE, PROFILE_LABEL_MAX, rememberKey, type ProfilesMode } from './providers/profile-choice.js';
export type { ProfilesController, ProfilesState } from './providers/profiles.controller.js';

// The entry's English (the card's strings and the error sentences); the complete table `en`, with
// the flows' own strings, is in index.ts and comes with the flows chunk in the drop-in.
export { enCore, type CoreStrings, type CoreStringKey } from './strings/en-core.js';
export type { Strings, StringKey } from './strings/en.js';
// German is a lazy chunk (kept out of the drop-in): `await loadLocale('de')` or `loadGerman()` gives the table.
export { loadGerman } from './strings/load-de.js';
export { format } from './strings/format.js';
export { applyOverrides, loadLocale, resolveStrings, stringsForLocale } from './strings/locale.js';

export { darkTokens, lightTokens, tokenNames, type Theme, type TokenName } from './styles/theme.js';
export { VERSION } from './version.js';
