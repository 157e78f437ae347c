import { CwCredentialsFlow } from './credentials-flow.component.js';

export * from './credentials-flow.component.js';
CwCredentialsFlow.define('cw-credentials-flow');

declare global {
  interface HTMLElementTagNameMap {
    'cw-credentials-flow': CwCredentialsFlow;
  }
}
