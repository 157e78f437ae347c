import { CwQrCode } from './qr-code.component.js';

export * from './qr-code.component.js';
CwQrCode.define('cw-qr-code');

declare global {
  interface HTMLElementTagNameMap {
    'cw-qr-code': CwQrCode;
  }
}
