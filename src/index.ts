/**
 * Class exports without registration (Lion-style): for hosts that want their own tag names or
 * scoped registries. `import 'cw-auth-elements/define.js'` (or the drop-in bundle) registers the
 * default `cw-*` tags instead.
 */
export { CwElement } from './elements/base.js';
export { CwAuthProviders, SKELETON_DELAY_MS } from './elements/auth-providers/auth-providers.component.js';
export { CwProviderCard, type BadgeKind } from './elements/provider-card/provider-card.component.js';
export { CwProviderField, type FieldIntent, type FieldIntentDetail } from './elements/provider-field/provider-field.component.js';
export { CwCopyButton, type CopyFeedback } from './elements/copy-button/copy-button.component.js';
export { CwDeviceFlow } from './elements/device-flow/device-flow.component.js';
export { CwOAuthFlow } from './elements/oauth-flow/oauth-flow.component.js';
export { CwCredentialsFlow } from './elements/credentials-flow/credentials-flow.component.js';
export { CwConnectionActions, type ConnectionRefreshedDetail } from './elements/connection-actions/connection-actions.component.js';
export { CwAccountProfile } from './elements/account-profile/account-profile.component.js';
export { CwQrCode } from './elements/qr-code/qr-code.component.js';
// The profile switcher is a lazy chunk (kept out of the drop-in): `await loadProfileSwitcher()`
// registers `<cw-profile-switcher>` and gives the class.
export type { CwProfileSwitcher, ProfileRenameDetail, ProfileSelectDetail } from './elements/profile-switcher/profile-switcher.component.js';
export { loadProfileSwitcher } from './elements/profile-switcher/load-profile-switcher.js';

export * from './api-client/index.js';
export { apiContext, configStoreContext, stringsContext } from './elements/context.js';
export { createCwEvent } from './events.js';
export type * from './events.js';

export type { ConfigStore, SaveOptions } from './state/config-store.js';
export { createConfigStore, type CreatedConfigStore } from './state/create-config-store.js';

export { describeProvider, type DescribeOptions } from './providers/describe.js';
export { PRESETS, type ProviderPreset } from './providers/presets.js';
export type { ResolvedProvider, ResolvedRoutes, DeviceRoutes } from './providers/types.js';
export { AccountProfileController, type AccountProfileState } from './providers/account-profile.controller.js';
export {
  ProfilesController,
  DEFAULT_PROFILE,
  PROFILE_LABEL_MAX,
  rememberKey,
  type ProfilesMode,
  type ProfilesState,
} from './providers/profiles.controller.js';

export { en, type Strings, type StringKey } from './strings/en.js';
// German is a lazy chunk (kept out of the drop-in): `await loadLocale('de')` or `loadGerman()` gives the table.
export { loadGerman } from './strings/load-de.js';
export { format } from './strings/format.js';
export { applyOverrides, loadLocale, resolveStrings, stringsForLocale } from './strings/locale.js';

export { darkTokens, lightTokens, tokenNames, type Theme, type TokenName } from './styles/theme.js';
export { VERSION } from './version.js';
