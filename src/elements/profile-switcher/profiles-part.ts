/**
 * The profiles part of a card (src/registry.ts `profiles`): `<cw-profile-switcher>` (registered on
 * load) and the ProfilesController that owns the profile requests. One chunk, loaded only by a
 * card that asks for profiles (CrossWatch-style backends, or `profiles="on"`).
 */
export { CwProfileSwitcher } from './profile-switcher.js';
export { ProfilesController } from '../../providers/profiles.controller.js';
