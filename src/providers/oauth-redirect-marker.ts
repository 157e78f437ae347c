/**
 * Redirect-mode OAuth leaves the page: a marker in sessionStorage says a flow was started, so
 * the card reads the result from the backend when the page comes back (never from the URL).
 */
import type { ResolvedProvider } from './types.js';

/** A redirect-mode marker older than this is ignored. */
export const REDIRECT_MARKER_TTL_MS = 15 * 60 * 1000;

const markerKey = (provider: ResolvedProvider, instance: string | undefined): string =>
  `cw-auth:oauth-pending:${provider.id}:${instance ?? 'default'}`;

/** The storage to use: the injected one, else sessionStorage (undefined where access throws). */
export function markerStorage(options: { storage?(): Storage | undefined }): Storage | undefined {
  try {
    return options.storage ? options.storage() : globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function rememberRedirect(storage: Storage | undefined, provider: ResolvedProvider, instance: string | undefined): void {
  try {
    storage?.setItem(markerKey(provider, instance), String(Date.now()));
  } catch {
    /* storage full or denied: the card's status still shows the result */
  }
}

/** Whether a fresh marker was there; it is removed either way (a flow resumes once). */
export function takeRedirectMarker(storage: Storage | undefined, provider: ResolvedProvider, instance: string | undefined): boolean {
  const key = markerKey(provider, instance);
  let startedAt: number;
  try {
    startedAt = Number(storage?.getItem(key));
    storage?.removeItem(key);
  } catch {
    return false;
  }
  return Boolean(startedAt) && Date.now() - startedAt <= REDIRECT_MARKER_TTL_MS;
}
