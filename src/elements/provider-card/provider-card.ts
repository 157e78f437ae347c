import { CwProviderCard } from './provider-card.component.js';
// The card hosts these; registering them here makes `import '…/provider-card.js'` enough. The
// flows, the connection actions and `<cw-profile-switcher>` are lazy parts the card loads when it
// shows them (src/registry.ts).
import '../provider-field/provider-field.js';
import '../copy-button/copy-button.js';

export * from './provider-card.component.js';
CwProviderCard.define('cw-provider-card');

declare global {
  interface HTMLElementTagNameMap {
    'cw-provider-card': CwProviderCard;
  }
}
