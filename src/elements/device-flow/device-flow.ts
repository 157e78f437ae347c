import { CwDeviceFlow } from './device-flow.component.js';

export * from './device-flow.component.js';
CwDeviceFlow.define('cw-device-flow');

declare global {
  interface HTMLElementTagNameMap {
    'cw-device-flow': CwDeviceFlow;
  }
}
