import { CwAuthProviders } from './auth-providers.component.js';
import '../provider-card/provider-card.js';

export * from './auth-providers.component.js';
CwAuthProviders.define('cw-auth-providers');

declare global {
  interface HTMLElementTagNameMap {
    'cw-auth-providers': CwAuthProviders;
  }
}
