import { CwProviderField } from './provider-field.component.js';

export * from './provider-field.component.js';
CwProviderField.define('cw-provider-field');

declare global {
  interface HTMLElementTagNameMap {
    'cw-provider-field': CwProviderField;
  }
  interface HTMLElementEventMap {
    'cw-field-intent': import('./provider-field.component.js').FieldIntentEvent;
  }
}
