/**
 * The states every connect flow moves through, as one discriminated union. Each controller uses
 * the subset that fits it; elements switch on `kind` and only render.
 */
import type { AuthApi } from '../api-client/api.js';
import type { ConfigObject, FieldSchema } from '../api-client/types.js';
import { ApiError, ErrorCodes } from '../api-client/errors.js';
import type { ResolvedProvider } from './types.js';

/** Why a flow went back to idle without an error; the element shows a short note. */
export type FlowNotice = 'cancelled' | 'popup_closed' | 'redirect_unfinished';

export type FlowState =
  | { kind: 'idle'; notice?: FlowNotice }
  /** Required app keys are not saved yet; nothing was sent. */
  | { kind: 'needs_keys'; missing: FieldSchema[] }
  | { kind: 'starting' }
  /** Device code shown; the user approves it elsewhere. */
  | {
      kind: 'waiting';
      userCode: string;
      /** Best URL to open: verification_url_complete, else verification_url, else the preset. */
      openUrl?: string;
      /** The plain verification URL, to show as text next to the code. */
      verificationUrl?: string;
      /** Epoch ms when the code expires. */
      deadline: number;
      /** Current poll interval in seconds (grows on slow_down). */
      interval: number;
      /** Epoch ms of the next check, when the server asked for a long wait (a minute or more). */
      nextCheckAt?: number;
      /** The verification page could not be opened automatically. */
      popupBlocked: boolean;
    }
  /** OAuth: the consent page is open (or must be opened through the link). */
  | { kind: 'awaiting_callback'; authorizeUrl: string; popupBlocked: boolean }
  | { kind: 'verifying' }
  | { kind: 'connected'; account?: string }
  | { kind: 'expired' }
  | { kind: 'denied' }
  | { kind: 'error'; error: ApiError };

export type FlowKindName = FlowState['kind'];
export type StateOf<K extends FlowKindName> = Extract<FlowState, { kind: K }>;

export type DeviceFlowState = StateOf<'idle' | 'needs_keys' | 'starting' | 'waiting' | 'connected' | 'expired' | 'denied' | 'error'>;
export type OAuthFlowState = StateOf<'idle' | 'needs_keys' | 'starting' | 'awaiting_callback' | 'verifying' | 'connected' | 'denied' | 'error'>;
export type CredentialsFlowState = StateOf<'idle' | 'needs_keys' | 'verifying' | 'connected' | 'error'>;

/** What every controller needs from its host; getters, so the host's current values are used. */
export interface FlowContext {
  getApi(): AuthApi | undefined;
  getProvider(): ResolvedProvider | undefined;
  /** CrossWatch profile id; undefined or 'default' for the main one. */
  getInstance?(): string | undefined;
  /** The saved (masked) config, when the host has one: used to spot missing keys early. */
  getConfig?(): ConfigObject | undefined;
}

/** The final state of a flow that connected, with the account when the server named one. */
export const connectedState = (account: string | undefined): StateOf<'connected'> =>
  account ? { kind: 'connected', account } : { kind: 'connected' };

/**
 * The element is not wired up: no API client (no container, no `client`) or no route. The UI
 * words both by code (error-text.ts), so the message is the code.
 */
export const notReady = (noClient: boolean): ApiError => {
  const code = noClient ? 'no_client' : 'no_route';
  return new ApiError({ code, message: code });
};

/** Any thrown value as an ApiError, so every failure has a code and a message. */
export function toApiError(error: unknown): ApiError {
  if (ApiError.is(error)) return error;
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new ApiError({ code: ErrorCodes.aborted, message: 'aborted' });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ code: 'unexpected', message });
}

export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  if (ApiError.is(error)) return error.code === ErrorCodes.aborted;
  return error instanceof DOMException && error.name === 'AbortError';
}

/** A short random token binding a callback message to the flow that started it. */
export function randomNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
