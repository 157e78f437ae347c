/**
 * Events the elements fire to the host page. All bubble and are composed, so a host can listen
 * on `<cw-auth-providers>` or any ancestor. No detail ever carries a secret or a field value.
 */
import type { FlowKind } from './api-client/types.js';

export interface CwProvidersLoadedDetail {
  /** Provider names in manifest order. */
  providers: string[];
  /** How many manifests were rejected as invalid. */
  invalid: number;
}
export interface CwConfigSavedDetail {
  provider: string;
  /** Config keys that were written or cleared (names only, never values). */
  keys: string[];
}
export interface CwErrorDetail {
  provider: string;
  code: string;
  message: string;
}
export interface CwFlowStartDetail {
  provider: string;
  flow: FlowKind;
}
export interface CwFlowErrorDetail extends CwErrorDetail {
  flow: FlowKind;
}
export interface CwConnectedDetail {
  provider: string;
  account?: string;
}
export interface CwDisconnectedDetail {
  provider: string;
}
export interface CwProfileChangeDetail {
  provider: string;
  /** The CrossWatch profile id now in use (`default` for the provider's root profile). */
  instance: string;
}

export interface CwAccountProfileChangeDetail {
  provider: string;
  /** The profile inside the linked account that is synced now (Nuvio's viewer profile). */
  profileId: string;
  name: string;
}

export interface CwEventDetailMap {
  'cw-providers-loaded': CwProvidersLoadedDetail;
  'cw-config-saved': CwConfigSavedDetail;
  'cw-save-error': CwErrorDetail;
  'cw-flow-start': CwFlowStartDetail;
  'cw-connected': CwConnectedDetail;
  'cw-disconnected': CwDisconnectedDetail;
  'cw-flow-error': CwFlowErrorDetail;
  'cw-profile-change': CwProfileChangeDetail;
  'cw-account-profile-change': CwAccountProfileChangeDetail;
}

export type CwEventName = keyof CwEventDetailMap;

export function createCwEvent<K extends CwEventName>(name: K, detail: CwEventDetailMap[K]): CustomEvent<CwEventDetailMap[K]> {
  return new CustomEvent(name, { detail, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cw-providers-loaded': CustomEvent<CwProvidersLoadedDetail>;
    'cw-config-saved': CustomEvent<CwConfigSavedDetail>;
    'cw-save-error': CustomEvent<CwErrorDetail>;
    'cw-flow-start': CustomEvent<CwFlowStartDetail>;
    'cw-connected': CustomEvent<CwConnectedDetail>;
    'cw-disconnected': CustomEvent<CwDisconnectedDetail>;
    'cw-flow-error': CustomEvent<CwFlowErrorDetail>;
    'cw-profile-change': CustomEvent<CwProfileChangeDetail>;
    'cw-account-profile-change': CustomEvent<CwAccountProfileChangeDetail>;
  }
}
