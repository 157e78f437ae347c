import { CwConnectionActions } from './connection-actions.component.js';

export * from './connection-actions.component.js';
CwConnectionActions.define('cw-connection-actions');

declare global {
  interface HTMLElementTagNameMap {
    'cw-connection-actions': CwConnectionActions;
  }
}
