import { CwOAuthFlow } from './oauth-flow.component.js';

export * from './oauth-flow.component.js';
CwOAuthFlow.define('cw-oauth-flow');

declare global {
  interface HTMLElementTagNameMap {
    'cw-oauth-flow': CwOAuthFlow;
  }
}
