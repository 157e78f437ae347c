/**
 * Validation and normalisation of provider manifests (`GET /api/auth/providers`).
 *
 * Each entry is checked on its own: one broken manifest becomes an `invalid[]` entry with an
 * ApiError naming the member (`Manifest #3 ("TRAKT"): fields[1].key must be a string, not a number`,
 * field `[3].fields[1].key`; indexes are 0-based like the JSON array) and the others still render.
 *
 * Rules, in short:
 * - `null` counts as absent everywhere (CrossWatch sends `"verify_url": null`).
 * - Required: `name` (non-empty string), `flow` (string). A present member of the wrong type
 *   makes the entry invalid; missing optional members get defaults (label → name, fields → [],
 *   actions → all false, missing action keys → false, field.required → false, field.type → text).
 * - Unknown field types become `text` (an input still lets the user type a value) and a few common
 *   aliases are mapped (`checkbox`/`boolean` → bool, `secret` → password, `int`/`integer` → number).
 * - Links (`verify_url`, `help_url`, `redirect_url`, `brand.logo`) that are not http(s) are dropped,
 *   never followed; an unsafe `brand.color` is dropped. `routes` are functional, so a bad route
 *   value (not `/path` or an http(s) URL) makes the entry invalid instead of silently calling
 *   another route.
 * - Legacy flow names are mapped to the canonical set; an unknown flow gives `flow: null`.
 */
import { isForbiddenKey } from './config-paths.js';
import { ApiError, ErrorCodes } from './errors.js';
import { clip, isRecord, own } from './parse-error.js';
import { isPlainPath } from './url-path.js';
import type {
  FieldSchema,
  FieldType,
  FlowKind,
  InvalidManifest,
  ProviderActions,
  ProviderList,
  ProviderManifest,
  RouteName,
} from './types.js';
import { WIRE_FLOW_KINDS, WIRE_LEGACY_FLOWS, type WireField, type WireManifest } from './wire.js';

/**
 * A wire shape as it arrives: the member names of T (so renaming one in docs/openapi.yaml breaks
 * the code reading it), every value still unchecked.
 */
export type Untrusted<T> = { [K in keyof T]?: unknown };

/** Canonical flow for a server flow name (case-insensitive), or null when unknown. */
export function mapFlow(raw: string): FlowKind | null {
  const name = raw.trim().toLowerCase();
  return (WIRE_FLOW_KINDS as readonly string[]).includes(name) ? (name as FlowKind) : own(WIRE_LEGACY_FLOWS, name) ?? null;
}

const FIELD_TYPES = ['text', 'password', 'url', 'bool', 'select', 'readonly', 'number'];
const FIELD_TYPE_ALIASES: Record<string, FieldType> = {
  checkbox: 'bool',
  boolean: 'bool',
  secret: 'password',
  int: 'number',
  integer: 'number',
  float: 'number',
};

/** Field type for a server type string; unknown types are shown as text inputs. */
export function mapFieldType(raw: string): FieldType {
  const t = raw.trim().toLowerCase();
  return FIELD_TYPES.includes(t) ? (t as FieldType) : own(FIELD_TYPE_ALIASES, t) ?? 'text';
}

/** Manifest `name` in the contract (docs/openapi.yaml `Manifest.name`). */
export const NAME = /^[A-Za-z0-9_]+$/;

const ROUTE_NAMES: RouteName[] = ['start', 'poll', 'cancel', 'authorize', 'connect', 'status', 'refresh', 'disconnect', 'instances'];
const ACTION_NAMES: (keyof ProviderActions)[] = ['start', 'finish', 'refresh', 'disconnect'];

/** http(s) URL, absolute. Anything else (javascript:, data:, relative) is refused. */
export function isHttpUrl(value: unknown): value is string {
  try {
    return /^https?:$/.test(new URL((value as string).trim()).protocol);
  } catch {
    return false;
  }
}

/**
 * A route is a path (`/api/…`, not protocol-relative `//host`) or an http(s) URL, either one
 * exactly as a URL parser keeps it (no dot segments, backslashes, fragments or whitespace).
 * The client also refuses any route outside its base URL.
 */
export function isSafeRoute(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  if (/^\/(?![/\\])/.test(v)) return isPlainPath(v);
  return isHttpUrl(v) && isPlainPath(v.replace(/^https?:\/\/[^/?#]*/i, '') || '/');
}

/** Something a CSS colour property accepts and that cannot break out of a declaration. */
export function isCssColor(value: unknown): value is string {
  const v = typeof value === 'string' ? value.trim() : '';
  return (
    v.length <= 64 &&
    (/^#([\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$|^[a-z]{3,30}$/i.test(v) ||
      (/^(rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(\s*[-+\d.,%\sa-z/]*\)$/i.test(v) && !/url|expression/i.test(v)))
  );
}

/** Thrown inside validation; converted to an InvalidManifest by the caller. */
class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(problem);
  }
}

const fail = (path: string, problem: string): never => {
  throw new ShapeError(path, problem);
};

/** "an object", "a string", "null", "nothing"… for messages about wrong types. */
export function describeValue(v: unknown): string {
  return v === undefined ? 'nothing' : v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

const isScalar = (v: unknown): v is string | number | boolean => /^(string|number|boolean)$/.test(typeof v);
const trimmed = (v: unknown, ok: unknown) => (ok ? (v as string).trim() : undefined);

/**
 * Kinds of leaf members: how a value is read (undefined: not of this kind) and how a message
 * names the kind. Cosmetic kinds have no name: a bad value is dropped rather than rejecting
 * the provider (links are never followed unless http(s)).
 */
const KINDS: Record<string, [read: (v: unknown) => unknown, name?: string]> = {
  s: [(v) => (typeof v === 'string' ? v : undefined), 'a string'],
  t: [(v) => trimmed(v, typeof v === 'string'), 'a string'],
  b: [(v) => (typeof v === 'boolean' ? v : undefined), 'true or false'],
  v: [(v) => (isScalar(v) ? v : undefined), 'a string, number or boolean'],
  // Segments like __proto__ would write into Object.prototype when the config is updated by path.
  k: [
    (v) => (typeof v === 'string' && /^[\w-]+(\.[\w-]+)*$/.test(v) && !v.split('.').some(isForbiddenKey) ? v : undefined),
    'a dotted config path such as "trakt.client_id"',
  ],
  r: [(v) => trimmed(v, isSafeRoute(v)), 'a path starting with "/" or an http(s) URL'],
  u: [(v) => trimmed(v, isHttpUrl(v))],
  c: [(v) => trimmed(v, isCssColor(v))],
  l: [(v) => trimmed(v, isHttpUrl(v) || (typeof v === 'string' && /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i.test(v.trim())))],
};

/** A leaf kind (upper case: required), `[item]` for an array, or an object's members. */
type Schema = string | [Schema] | { [member: string]: Schema };

const all = (names: string[], kind: string) => Object.fromEntries(names.map((name) => [name, kind]));

const FIELD = {
  key: 'K',
  label: 's',
  type: 's',
  required: 'b',
  placeholder: 's',
  default: 'v',
  readonly: 'b',
  options: [{ value: 'V', label: 's' }],
  help: 's',
} satisfies { [K in keyof WireField]-?: Schema };

const MANIFEST = {
  name: 'T',
  label: 't',
  flow: 'S',
  fields: [FIELD],
  actions: all(ACTION_NAMES, 'b'),
  verify_url: 'u',
  notes: 's',
  routes: all(ROUTE_NAMES, 'r'),
  brand: { color: 'c', logo: 'l' },
  help_url: 'u',
  redirect_url: 'u',
  group: 't',
} satisfies { [K in keyof WireManifest]: Schema };

/** `value` read by `schema`: only the members it names, `null` counting as absent; throws naming the bad member. */
function read(value: unknown, schema: Schema, path: string): unknown {
  if (typeof schema === 'string') {
    const [readKind, name] = KINDS[schema.toLowerCase()]!;
    const v = readKind(value);
    if (v !== undefined || !name) return v;
    // A bad string is quoted (cut short): "not a string" would not say what is wrong with it.
    const got = typeof value === 'string' ? JSON.stringify(clip(value, 40)) : describeValue(value);
    return fail(path, `must be ${name}, not ${got}`);
  }
  if (Array.isArray(schema)) {
    return Array.isArray(value) ? value.map((item, i) => read(item, schema[0], `${path}[${i}]`)) : fail(path, `must be an array, not ${describeValue(value)}`);
  }
  if (!isRecord(value)) fail(path, `must be an object, not ${describeValue(value)}`);
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(schema)) {
    const v = (value as Record<string, unknown>)[key];
    if (v != null || (typeof member === 'string' && member < 'a')) out[key] = read(v, member, path ? `${path}.${key}` : key);
  }
  return prune(out);
}

/** The object without its undefined members. */
function prune<T extends object>(obj: T): T {
  for (const key of Object.keys(obj) as (keyof T)[]) if (obj[key] === undefined) delete obj[key];
  return obj;
}

interface RawField extends Omit<FieldSchema, 'label' | 'type' | 'required' | 'options'> {
  label?: string;
  type?: string;
  required?: boolean;
  options?: { value: string | number | boolean; label?: string }[];
}
interface RawManifest {
  name: string;
  label?: string;
  flow: string;
  fields?: RawField[];
  actions?: Partial<ProviderActions>;
  verify_url?: string;
  notes?: string;
  routes?: ProviderManifest['routes'];
  brand?: ProviderManifest['brand'];
  help_url?: string;
  redirect_url?: string;
  group?: string;
}

/** Validates one manifest entry; throws ShapeError naming the bad member. */
function validateEntry(input: unknown): ProviderManifest {
  // The name becomes route segments and map keys: only the contract's pattern (docs/openapi.yaml),
  // checked first so the reason is the name, not a member derived from it.
  const name = isRecord(input) && typeof input.name === 'string' ? input.name.trim() : '';
  if (name && !NAME.test(name)) fail('name', `must be letters, digits and "_" only (${NAME.source}), not ${JSON.stringify(clip(name, 40))}`);
  const m = read(input, MANIFEST, '') as RawManifest;
  if (!m.name) fail('name', 'must not be empty');
  const fields = (m.fields ?? []).map(
    (f): FieldSchema =>
      prune({
        ...f,
        label: f.label?.trim() ? f.label : f.key,
        type: mapFieldType(f.type ?? ''),
        required: f.required ?? false,
        options: f.options?.map(({ value, label }) => ({ value: String(value), label: label ?? String(value) })),
      }),
  );
  fields.forEach((f, i) => {
    if (fields.findIndex((other) => other.key === f.key) < i) fail(`fields[${i}].key`, `repeats "${f.key}"`);
  });
  const brand = m.brand?.color || m.brand?.logo ? m.brand : undefined;
  return prune({
    name: m.name,
    id: m.name.toLowerCase(),
    label: m.label || m.name,
    flow: mapFlow(m.flow),
    rawFlow: m.flow,
    fields,
    actions: { start: false, finish: false, refresh: false, disconnect: false, ...m.actions },
    verifyUrl: m.verify_url,
    notes: m.notes?.trim() ? m.notes : undefined,
    routes: m.routes,
    brand,
    helpUrl: m.help_url,
    redirectUrl: m.redirect_url,
    group: m.group || undefined,
  });
}

/**
 * Validates the provider list body. A non-array body throws ApiError `invalid_manifest`;
 * broken entries are collected in `invalid` while the rest are returned.
 */
export function parseProviderList(body: unknown, status = 200): ProviderList {
  if (!Array.isArray(body)) {
    throw new ApiError({
      code: ErrorCodes.invalidManifest,
      message: `The provider list must be an array, not ${describeValue(body)}`,
      status,
      field: '',
    });
  }
  const manifests: ProviderManifest[] = [];
  const invalid: InvalidManifest[] = [];
  const firstIndexById = new Map<string, number>();
  body.forEach((entry, index) => {
    const name = isRecord(entry) && typeof entry.name === 'string' ? entry.name.trim() : '';
    try {
      const manifest = validateEntry(entry);
      const first = firstIndexById.get(manifest.id);
      if (first !== undefined) fail('name', `repeats the name of manifest #${first}`);
      firstIndexById.set(manifest.id, index);
      manifests.push(manifest);
    } catch (e) {
      if (!(e instanceof ShapeError)) throw e;
      const { path, problem } = e;
      const error = new ApiError({
        code: ErrorCodes.invalidManifest,
        message: `Manifest #${index}${name ? ` ("${name}")` : ''}: ${path ? `${path} ` : ''}${problem}`,
        status,
        field: `[${index}]${path ? `.${path}` : ''}`,
      });
      invalid.push(name ? { index, name, error } : { index, error });
    }
  });
  return { manifests, invalid };
}

/** A manifest that names its routes speaks our contract (docs/openapi.yaml); CrossWatch's never do. */
export const declaresRoutes = (manifest: Pick<ProviderManifest, 'routes'>): boolean =>
  manifest.routes !== undefined && Object.keys(manifest.routes).length > 0;
