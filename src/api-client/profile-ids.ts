/**
 * Profile ids (CrossWatch "instances") come from a server and become config keys
 * (`<prov>.instances.<id>`), `?instance=` values and a remembered choice in localStorage. An id
 * that cannot be all of those safely is not used: the entry is skipped, and the card says so
 * (docs/api.md, "Limits the widget enforces").
 */
import { isForbiddenKey } from './config-paths.js';
import type { ProviderInstance } from './types.js';

/** CrossWatch's ids are short (`TRAKT-P01`); anything longer is no id a person can tell apart. */
export const PROFILE_ID_MAX = 64;

/** Why a profile id cannot be used. */
export type ProfileIdProblem = 'empty' | 'too_long' | 'reserved' | 'control';

export function profileIdProblem(id: unknown): ProfileIdProblem | undefined {
  if (typeof id !== 'string' || id.trim() === '') return 'empty';
  if (id.length > PROFILE_ID_MAX) return 'too_long';
  if (isForbiddenKey(id)) return 'reserved';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(id)) return 'control';
  return undefined;
}

export const isUsableProfileId = (id: unknown): id is string => profileIdProblem(id) === undefined;

/** One entry of a profile list that was not used. `id` is shortened for display. */
export interface SkippedProfile {
  id: string;
  problem: ProfileIdProblem;
}

/** A profile list, with the entries that were skipped (not enumerable: the list stays a plain list). */
export type ProfileList = ProviderInstance[] & { readonly skipped?: readonly SkippedProfile[] };

export function withSkipped(list: ProviderInstance[], skipped: SkippedProfile[]): ProfileList {
  if (skipped.length) Object.defineProperty(list, 'skipped', { value: Object.freeze(skipped), enumerable: false });
  return list;
}

export const skippedOf = (list: readonly ProviderInstance[] | undefined): readonly SkippedProfile[] =>
  (list as ProfileList | undefined)?.skipped ?? [];

/** An id as a person may read it: at most 24 characters, control characters dropped. */
export function shownId(id: unknown): string {
  // eslint-disable-next-line no-control-regex
  const text = typeof id === 'string' ? id.replace(/[\u0000-\u001f\u007f]/g, '').trim() : '';
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}
