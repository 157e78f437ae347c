import { CwCopyButton } from './copy-button.component.js';

export * from './copy-button.component.js';
CwCopyButton.define('cw-copy-button');

declare global {
  interface HTMLElementTagNameMap {
    'cw-copy-button': CwCopyButton;
  }
}
