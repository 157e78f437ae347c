/**
 * Class exports without registration (Lion-style): for hosts that want their own tag names or
 * scoped registries. `import 'cw-auth-elements/define.js'` (or the drop-in bundle) registers the
 * default `cw-*` tags instead.
 */
export * from './core.js';
// The complete English table (the drop-in has only `enCore` until its flows chunk arrived).
export { en, withFlowStrings } from './strings/en.js';
// The card's lazy parts (src/registry.ts): their classes, for hosts that register or extend them.
export { CwDeviceFlow } from './elements/device-flow/device-flow.component.js';
export { CwOAuthFlow } from './elements/oauth-flow/oauth-flow.component.js';
export { CwCredentialsFlow } from './elements/credentials-flow/credentials-flow.component.js';
export { CwConnectionActions, type ConnectionRefreshedDetail } from './elements/connection-actions/connection-actions.component.js';
export { CwAccountProfile } from './elements/account-profile/account-profile.component.js';
export { CwQrCode } from './elements/qr-code/qr-code.component.js';
export { AccountProfileController, type AccountProfileState } from './providers/account-profile.controller.js';
export { ProfilesController } from './providers/profiles.controller.js';
// The backend adapters (src/registry.ts, src/adapters/): CrossWatch's route knowledge.
export { crossWatchAdapter, CROSSWATCH_ROUTES } from './adapters/crosswatch/crosswatch.js';
