import { CwProfileSwitcher } from './profile-switcher.component.js';

export * from './profile-switcher.component.js';
CwProfileSwitcher.define('cw-profile-switcher');

declare global {
  interface HTMLElementTagNameMap {
    'cw-profile-switcher': CwProfileSwitcher;
  }
}
