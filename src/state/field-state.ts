/**
 * The state of a card's form, kept apart from the elements so it can be reasoned about (and
 * tested) on its own: hydration from the masked config, dirty tracking, validation, and the plan
 * of what a save sends.
 *
 * Rules that matter:
 * - A masked value from the backend is a *saved* secret: the control shows "Saved" (never the
 *   mask), and a save never sends it back.
 * - Only changed keys are written. A secret is written only when the user typed a new value.
 * - Emptying a field, or Clear on a saved secret, becomes an explicit unset: CrossWatch ignores a
 *   blank secret in POST /api/config, so posting "" would silently keep the old value.
 * - Values are read at the field's key (inside the profile when one is chosen); tokens the seed
 *   stored under the legacy `auth.<key>` are read from there too.
 */
import { getPath, isMasked, setPath, wirePath, type ConfigPath } from '../api-client/config-paths.js';
import type { ConfigObject, FieldSchema } from '../api-client/types.js';
import { instanceSegments } from '../providers/routes.js';
import { isHttpUrl } from '../api-client/manifest.js';

/** Absolute http(s) URL (one check for manifests and fields). */
export { isHttpUrl };

export type FieldValue = string | boolean;

export interface FieldState {
  readonly field: FieldSchema;
  /** Where this field lives in the config for the current profile (dotted, for matching and messages). */
  readonly path: string;
  /** The same as segments: a profile id is one segment even with a dot in it. */
  readonly segments: readonly string[];
  /** Where the hydrated value was found (the path, or the legacy `auth.` path); undefined when nowhere. */
  readonly sourcePath: string | undefined;
  /** What the control shows. Always '' for a saved secret: the mask never reaches an input. */
  readonly value: FieldValue;
  /** The hydrated value; "changed" means different from this. */
  readonly initial: FieldValue;
  /** The backend holds a (masked) value here. */
  readonly saved: boolean;
  /** Saved secret being replaced: the input is open and `value` is the replacement. */
  readonly replacing: boolean;
  /** Saved value to be removed on the next save. */
  readonly clearing: boolean;
  /** The user left the control at least once: show its validation message. */
  readonly touched: boolean;
  /** A server error about this field, from the last failed save (plain text). */
  readonly serverError?: string;
}

export type FieldProblem = 'required' | 'url' | 'number';

export const isSecretField = (field: FieldSchema): boolean => field.type === 'password';
export const isReadonlyField = (field: FieldSchema): boolean => field.type === 'readonly' || field.readonly === true;

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function toFieldValue(field: FieldSchema, raw: unknown): FieldValue {
  if (field.type === 'bool') return raw === true || raw === 'true' || raw === 1 || raw === '1';
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return ''; // objects/arrays are not editable through a single field
}

/** The legacy place (seed playbook) of a value: `auth.<key>`. Only for the default profile. */
export function legacyPath(key: string): string {
  return `auth.${key}`;
}

export function hydrateField(field: FieldSchema, config: ConfigObject | undefined, instance?: string): FieldState {
  const segments = instanceSegments(field.key, instance);
  const path = segments.join('.');
  let raw = getPath(config, segments);
  let sourcePath: string | undefined = raw === undefined ? undefined : path;
  if (isBlank(raw) && (!instance || instance === 'default')) {
    const legacy = getPath(config, legacyPath(field.key));
    if (!isBlank(legacy)) {
      raw = legacy;
      sourcePath = legacyPath(field.key);
    }
  }
  const saved = isMasked(raw);
  const value = saved ? (field.type === 'bool' ? false : '') : toFieldValue(field, raw === undefined ? field.default : raw);
  return { field, path, segments, sourcePath, value, initial: value, saved, replacing: false, clearing: false, touched: false };
}

export function hydrateFields(fields: readonly FieldSchema[], config: ConfigObject | undefined, instance?: string): FieldState[] {
  return fields.map((field) => hydrateField(field, config, instance));
}

export function isDirty(state: FieldState): boolean {
  if (isReadonlyField(state.field)) return false;
  if (state.clearing) return true;
  if (state.saved) return state.replacing && state.value !== '';
  return state.value !== state.initial;
}

/** No usable value: what the hint and the required check look at. */
export function isEmpty(state: FieldState): boolean {
  if (state.field.type === 'bool') return false;
  if (state.saved && !state.clearing) return false;
  return typeof state.value !== 'string' || state.value.trim() === '';
}

/** What is wrong with the current value, if anything. */
export function fieldProblem(state: FieldState): FieldProblem | undefined {
  const { field, value } = state;
  // Clear is an explicit removal, allowed even for required keys (the hint then asks again).
  if (isReadonlyField(field) || state.clearing || typeof value !== 'string') return undefined;
  if (field.required && isEmpty(state) && (isDirty(state) || state.touched)) return 'required';
  if (value.trim() === '') return undefined;
  if (field.type === 'url' && !isHttpUrl(value)) return 'url';
  if (field.type === 'number' && !Number.isFinite(Number(value))) return 'number';
  return undefined;
}

/** Problems that block a save: only in fields the user changed (untouched gaps are the hint's job). */
export function blockingProblems(states: readonly FieldState[]): FieldState[] {
  return states.filter((s) => isDirty(s) && fieldProblem(s) !== undefined);
}

export interface SavePlan {
  /** Partial config for POST /api/config; empty object when nothing to write. */
  partial: ConfigObject;
  /** Paths for POST /api/config/unset (a segment list where a key holds a dot, see `wirePath`). */
  unset: ConfigPath[];
  /** Field keys that change (for events: names, never values). */
  keys: string[];
}

export function buildSavePlan(states: readonly FieldState[]): SavePlan {
  const partial: ConfigObject = {};
  const unset: ConfigPath[] = [];
  const keys: string[] = [];
  for (const state of states) {
    if (!isDirty(state)) continue;
    const { field, value } = state;
    const removal = state.clearing || (typeof value === 'string' && value.trim() === '');
    if (removal) {
      if (state.sourcePath) {
        // The profile's own path as segments: a profile id `a.b` stays one key.
        unset.push(state.sourcePath === state.path ? wirePath(state.segments) : state.sourcePath);
        keys.push(field.key);
      }
      continue;
    }
    // Defence in depth: a mask is never written back, whatever the control holds.
    if (isMasked(value)) continue;
    const out = field.type === 'number' && typeof value === 'string' ? Number(value) : typeof value === 'string' ? value.trim() : value;
    setPath(partial, state.segments, out);
    keys.push(field.key);
  }
  return { partial, unset, keys };
}

/**
 * The current form as field key → value for a connect call: saved secrets the user did not
 * replace are left out (the server uses what it has), so are fields marked for clearing.
 */
export function valuesForConnect(states: readonly FieldState[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const state of states) {
    const { field, value } = state;
    if (state.clearing) continue;
    if (state.saved && !(state.replacing && value !== '')) continue;
    if (isMasked(value)) continue;
    values[field.key] = field.type === 'number' && typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  }
  return values;
}

/**
 * New config arrived (another card saved, a flow connected): take it, but keep what the user is
 * in the middle of editing.
 */
export function rehydrate(
  previous: readonly FieldState[],
  fields: readonly FieldSchema[],
  config: ConfigObject | undefined,
  instance?: string,
): FieldState[] {
  const byKey = new Map(previous.map((s) => [s.field.key, s]));
  return fields.map((field) => {
    const fresh = hydrateField(field, config, instance);
    const old = byKey.get(field.key);
    if (!old || old.path !== fresh.path || !isDirty(old)) return old?.touched ? { ...fresh, touched: true } : fresh;
    return {
      ...fresh,
      value: old.value,
      replacing: old.replacing && fresh.saved,
      clearing: old.clearing && fresh.saved,
      touched: old.touched,
      ...(old.serverError ? { serverError: old.serverError } : {}),
    };
  });
}

/** After a successful save: fields still holding what was sent are clean again; later edits stay. */
export function settleAfterSave(
  current: readonly FieldState[],
  sent: readonly FieldState[],
  config: ConfigObject | undefined,
  instance?: string,
): FieldState[] {
  const sentByKey = new Map(sent.map((s) => [s.field.key, s]));
  const untouched = current.map((s) => {
    const then = sentByKey.get(s.field.key);
    const unchanged = then && then.value === s.value && then.replacing === s.replacing && then.clearing === s.clearing;
    return unchanged ? { ...s, value: s.initial, replacing: false, clearing: false, touched: false, serverError: undefined } : s;
  });
  // Clean fields now take the re-read config; edits made during the save are kept.
  return rehydrate(
    untouched.map((s) => (sentByKey.has(s.field.key) && !isDirty(s) ? { ...s, touched: false } : s)),
    current.map((s) => s.field),
    config,
    instance,
  );
}

/** Immutable update helper. */
export function updateField(states: readonly FieldState[], key: string, patch: Partial<FieldState>): FieldState[] {
  return states.map((s) => (s.field.key === key ? { ...s, ...patch } : s));
}
