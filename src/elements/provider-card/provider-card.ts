import { CwProviderCard } from './provider-card.component.js';
// The card hosts these; registering them here makes `import '…/provider-card.js'` enough
// (`<cw-profile-switcher>` is loaded by the card when it has profiles to show).
import '../provider-field/provider-field.js';
import '../copy-button/copy-button.js';
import '../device-flow/device-flow.js';
import '../oauth-flow/oauth-flow.js';
import '../credentials-flow/credentials-flow.js';
import '../connection-actions/connection-actions.js';
import '../account-profile/account-profile.js';

export * from './provider-card.component.js';
CwProviderCard.define('cw-provider-card');

declare global {
  interface HTMLElementTagNameMap {
    'cw-provider-card': CwProviderCard;
  }
}
