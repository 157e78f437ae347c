/**
 * Registers every element under its default `cw-*` tag (safe to load twice, see CwElement.define).
 * `<cw-profile-switcher>` registers itself when a card first shows profiles (a lazy chunk, see
 * load-profile-switcher.ts); `await loadProfileSwitcher()` registers it earlier.
 */
import './elements/copy-button/copy-button.js';
import './elements/qr-code/qr-code.js';
import './elements/provider-field/provider-field.js';
import './elements/device-flow/device-flow.js';
import './elements/oauth-flow/oauth-flow.js';
import './elements/credentials-flow/credentials-flow.js';
import './elements/connection-actions/connection-actions.js';
import './elements/account-profile/account-profile.js';
import './elements/provider-card/provider-card.js';
import './elements/auth-providers/auth-providers.js';
