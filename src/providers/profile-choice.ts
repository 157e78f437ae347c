/**
 * What a card knows of profiles (CrossWatch "instances") before it asks the backend: the default
 * profile, whether to ask at all, and the choice remembered per provider (read before the card's
 * first request). The list, add, rename and delete are ProfilesController's, in the profiles chunk.
 */
import { declaresRoutes } from '../api-client/manifest.js';
import { isUsableProfileId } from '../api-client/profile-ids.js';
import type { ResolvedProvider } from './types.js';

/** Whether a card asks for profiles: `auto`, `on`, `off` (profiles.controller.ts says when). */
export type ProfilesMode = 'auto' | 'on' | 'off';
/** CrossWatch's id of the provider's root profile. */
export const DEFAULT_PROFILE = 'default';
/** CrossWatch cuts labels at 12 characters. */
export const PROFILE_LABEL_MAX = 12;

/** The localStorage key of the remembered profile, e.g. `cw-auth.trakt.instance`. */
export const rememberKey = (providerId: string): string => `cw-auth.${providerId}.instance`;

/** localStorage, when the page may use it. */
export function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage blocked (privacy settings, sandboxed iframe)
  }
}

/** The remembered profile of a provider, if storage works and holds one. */
export function rememberedProfile(providerId: string, storage: Storage | undefined = defaultStorage()): string | undefined {
  try {
    const value = storage?.getItem(rememberKey(providerId))?.trim();
    return value && isUsableProfileId(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers (or, for the default profile, forgets) the choice; storage errors are ignored. */
export function rememberProfile(providerId: string, id: string | undefined, storage: Storage | undefined = defaultStorage()): void {
  try {
    if (!id || id === DEFAULT_PROFILE || !isUsableProfileId(id)) storage?.removeItem(rememberKey(providerId));
    else storage?.setItem(rememberKey(providerId), id);
  } catch {
    /* full or denied: the choice just is not remembered */
  }
}

/** Whether a card should ask the backend for this provider's profiles (the modes: profiles.controller.ts). */
export function shouldAskForProfiles(provider: ResolvedProvider | undefined, mode: ProfilesMode | undefined): boolean {
  if (!provider || mode === 'off') return false;
  if (mode === 'on') return true;
  return !declaresRoutes(provider.manifest) || Boolean(provider.manifest.routes?.instances);
}
