import { CwAccountProfile } from './account-profile.component.js';

export * from './account-profile.component.js';
CwAccountProfile.define('cw-account-profile');

declare global {
  interface HTMLElementTagNameMap {
    'cw-account-profile': CwAccountProfile;
  }
}
