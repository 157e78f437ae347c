/**
 * Validation and normalisation of provider manifests (`GET /api/auth/providers`).
 *
 * Each entry is checked on its own: one broken manifest becomes an `invalid[]` entry with an
 * ApiError naming the member (`Manifest #3 ("TRAKT"): fields[1].key must be a string`, field
 * `[3].fields[1].key`; indexes are 0-based like the JSON array) and the others still render.
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
import { ApiError, ErrorCodes } from './errors.js';
import type {
  FieldOption,
  FieldSchema,
  FieldType,
  FlowKind,
  InvalidManifest,
  ManifestRoutes,
  ProviderActions,
  ProviderBrand,
  ProviderList,
  ProviderManifest,
  RouteName,
} from './types.js';
import type { WireActions, WireBrand, WireField, WireFieldOption, WireManifest } from './wire.js';

/**
 * A wire shape as it arrives: the member names of T (so renaming one in docs/openapi.yaml breaks
 * the code reading it), every value still unchecked.
 */
export type Untrusted<T> = { [K in keyof T]?: unknown };

const FLOW_NAMES: Record<string, FlowKind> = {
  device_code: 'device_code',
  device_pin: 'device_code',
  tv_login: 'device_code',
  oauth: 'oauth',
  oauth2: 'oauth',
  credentials: 'credentials',
  token: 'credentials',
  api_key: 'credentials',
  api_keys: 'credentials',
  local: 'local',
};

/** Canonical flow for a server flow name (case-insensitive), or null when unknown. */
export function mapFlow(raw: string): FlowKind | null {
  return FLOW_NAMES[raw.trim().toLowerCase()] ?? null;
}

const FIELD_TYPES: ReadonlySet<FieldType> = new Set(['text', 'password', 'url', 'bool', 'select', 'readonly', 'number']);
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
  if (FIELD_TYPES.has(t as FieldType)) return t as FieldType;
  return FIELD_TYPE_ALIASES[t] ?? 'text';
}

const ROUTE_NAMES: readonly RouteName[] = [
  'start',
  'poll',
  'cancel',
  'authorize',
  'connect',
  'status',
  'refresh',
  'disconnect',
  'instances',
];
const ACTION_NAMES = ['start', 'finish', 'refresh', 'disconnect'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** http(s) URL, absolute. Anything else (javascript:, data:, relative) is refused. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A route is a same-origin path (`/api/…`, not protocol-relative `//host`) or an http(s) URL. */
export function isSafeRoute(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  if (/^\/(?![/\\])/.test(v)) return !/\s/.test(v);
  return isHttpUrl(v);
}

/** Something a CSS colour property accepts and that cannot break out of a declaration. */
export function isCssColor(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  if (v.length === 0 || v.length > 64) return false;
  if (/^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(v)) return true;
  if (/^(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(\s*[-+0-9.,%\sa-z/]*\)$/i.test(v)) return !/url|expression/i.test(v);
  return /^[a-z]{3,30}$/i.test(v);
}

const isSafeLogo = (v: unknown): v is string =>
  isHttpUrl(v) || (typeof v === 'string' && /^data:image\/(?:png|jpeg|gif|webp|svg\+xml)[;,]/i.test(v.trim()));

/** Thrown inside validation; converted to an InvalidManifest by the caller. */
class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path} ${problem}`);
  }
}

/** "an object", "a string", "null", "nothing"… for messages about wrong types. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  return t === 'object' ? 'an object' : `a ${t}`;
}
const typeName = describeValue;

function optString<T>(obj: Untrusted<T>, key: keyof T & string, path: string): string | undefined {
  const v = obj[key];
  if (v == null) return undefined;
  if (typeof v !== 'string') throw new ShapeError(`${path}${key}`, `must be a string, not ${typeName(v)}`);
  return v;
}

function optBool<T>(obj: Untrusted<T>, key: keyof T & string, path: string): boolean | undefined {
  const v = obj[key];
  if (v == null) return undefined;
  if (typeof v !== 'boolean') throw new ShapeError(`${path}${key}`, `must be true or false, not ${typeName(v)}`);
  return v;
}

function validateOptions(value: unknown, path: string): FieldOption[] | undefined {
  if (value == null) return undefined;
  if (!Array.isArray(value)) throw new ShapeError(path, `must be an array, not ${typeName(value)}`);
  return value.map((opt, i) => {
    const p = `${path}[${i}]`;
    if (!isRecord(opt)) throw new ShapeError(p, `must be an object, not ${typeName(opt)}`);
    const option: Untrusted<WireFieldOption> = opt;
    const raw = option.value;
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      throw new ShapeError(`${p}.value`, 'must be a string or number');
    }
    const value = String(raw);
    const label = optString(option, 'label', `${p}.`) ?? value;
    return { value, label };
  });
}

function validateField(input: unknown, path: string): FieldSchema {
  if (!isRecord(input)) throw new ShapeError(path, `must be an object, not ${typeName(input)}`);
  const value: Untrusted<WireField> = input;
  const p = `${path}.`;
  const key = value.key;
  if (typeof key !== 'string') throw new ShapeError(`${p}key`, `must be a string, not ${typeName(key)}`);
  if (!/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/.test(key)) {
    throw new ShapeError(`${p}key`, `must be a dotted config path such as "trakt.client_id"`);
  }
  // These segments would write into Object.prototype when the config is updated by path.
  if (key.split('.').some((part) => part === '__proto__' || part === 'prototype' || part === 'constructor')) {
    throw new ShapeError(`${p}key`, `must not contain "__proto__", "prototype" or "constructor"`);
  }
  const label = optString(value, 'label', p);
  const rawType = optString(value, 'type', p);
  const field: FieldSchema = {
    key,
    label: label && label.trim() ? label : key,
    type: rawType ? mapFieldType(rawType) : 'text',
    required: optBool(value, 'required', p) ?? false,
  };
  const placeholder = optString(value, 'placeholder', p);
  if (placeholder !== undefined) field.placeholder = placeholder;
  const def = value.default;
  if (def != null) {
    if (typeof def !== 'string' && typeof def !== 'number' && typeof def !== 'boolean') {
      throw new ShapeError(`${p}default`, `must be a string, number or boolean, not ${typeName(def)}`);
    }
    field.default = def;
  }
  const readonly = optBool(value, 'readonly', p);
  if (readonly !== undefined) field.readonly = readonly;
  const options = validateOptions(value.options, `${p}options`);
  if (options) field.options = options;
  const help = optString(value, 'help', p);
  if (help !== undefined) field.help = help;
  return field;
}

function validateActions(input: unknown): ProviderActions {
  const actions: ProviderActions = { start: false, finish: false, refresh: false, disconnect: false };
  if (input == null) return actions;
  if (!isRecord(input)) throw new ShapeError('actions', `must be an object, not ${typeName(input)}`);
  const value: Untrusted<WireActions> = input;
  for (const name of ACTION_NAMES) actions[name] = optBool(value, name, 'actions.') ?? false;
  return actions;
}

function validateRoutes(value: unknown): ManifestRoutes | undefined {
  if (value == null) return undefined;
  if (!isRecord(value)) throw new ShapeError('routes', `must be an object, not ${typeName(value)}`);
  const routes: ManifestRoutes = {};
  for (const name of ROUTE_NAMES) {
    const route = value[name];
    if (route == null) continue;
    if (!isSafeRoute(route)) {
      throw new ShapeError(`routes.${name}`, 'must be a path starting with "/" or an http(s) URL');
    }
    routes[name] = route.trim();
  }
  return routes;
}

function validateBrand(input: unknown): ProviderBrand | undefined {
  if (input == null) return undefined;
  if (!isRecord(input)) throw new ShapeError('brand', `must be an object, not ${typeName(input)}`);
  const value: Untrusted<WireBrand> = input;
  const brand: ProviderBrand = {};
  // Cosmetic: an unusable colour or logo is dropped rather than rejecting the provider.
  if (isCssColor(value.color)) brand.color = value.color.trim();
  if (isSafeLogo(value.logo)) brand.logo = value.logo.trim();
  return brand;
}

/** Validates one manifest entry; throws ShapeError naming the bad member. */
function validateEntry(input: unknown): ProviderManifest {
  if (!isRecord(input)) throw new ShapeError('', `must be an object, not ${typeName(input)}`);
  const value: Untrusted<WireManifest> = input;
  const name = value.name;
  if (typeof name !== 'string') throw new ShapeError('name', `must be a non-empty string, not ${typeName(name)}`);
  if (name.trim() === '') throw new ShapeError('name', 'must not be empty');
  const label = optString(value, 'label', '');
  const flow = value.flow;
  if (typeof flow !== 'string') throw new ShapeError('flow', `must be a string, not ${typeName(flow)}`);

  const rawFields = value.fields;
  let fields: FieldSchema[] = [];
  if (rawFields != null) {
    if (!Array.isArray(rawFields)) throw new ShapeError('fields', `must be an array, not ${typeName(rawFields)}`);
    fields = rawFields.map((f, i) => validateField(f, `fields[${i}]`));
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key)) throw new ShapeError(`fields[${i}].key`, `repeats "${f.key}"`);
      seen.add(f.key);
    });
  }

  const manifest: ProviderManifest = {
    name: name.trim(),
    id: name.trim().toLowerCase(),
    label: label && label.trim() ? label.trim() : name.trim(),
    flow: mapFlow(flow),
    rawFlow: flow,
    fields,
    actions: validateActions(value.actions),
  };

  const verifyUrl = value.verify_url;
  if (isHttpUrl(verifyUrl)) manifest.verifyUrl = verifyUrl.trim();
  const notes = optString(value, 'notes', '');
  if (notes !== undefined && notes.trim()) manifest.notes = notes;
  const routes = validateRoutes(value.routes);
  if (routes) manifest.routes = routes;
  const brand = validateBrand(value.brand);
  if (brand && (brand.color || brand.logo)) manifest.brand = brand;
  if (isHttpUrl(value.help_url)) manifest.helpUrl = value.help_url.trim();
  if (isHttpUrl(value.redirect_url)) manifest.redirectUrl = value.redirect_url.trim();
  const group = optString(value, 'group', '');
  if (group !== undefined && group.trim()) manifest.group = group.trim();
  return manifest;
}

const readName = (value: unknown): string | undefined =>
  isRecord(value) && typeof value.name === 'string' && value.name.trim() ? value.name.trim() : undefined;

function invalidEntry(index: number, name: string | undefined, path: string, problem: string): InvalidManifest {
  const who = name ? `Manifest #${index} ("${name}")` : `Manifest #${index}`;
  const member = path ? `${path} ` : '';
  const field = path ? `[${index}].${path}` : `[${index}]`;
  const error = new ApiError({
    code: ErrorCodes.invalidManifest,
    message: `${who}: ${member}${problem}`,
    status: 200,
    field,
  });
  return name ? { index, name, error } : { index, error };
}

/**
 * Validates the provider list body. A non-array body throws ApiError `invalid_manifest`;
 * broken entries are collected in `invalid` while the rest are returned.
 */
export function parseProviderList(body: unknown, status = 200): ProviderList {
  if (!Array.isArray(body)) {
    throw new ApiError({
      code: ErrorCodes.invalidManifest,
      message: `The provider list must be a JSON array of manifests, but the server sent ${typeName(body)}.`,
      status,
      field: '',
    });
  }
  const manifests: ProviderManifest[] = [];
  const invalid: InvalidManifest[] = [];
  const firstIndexById = new Map<string, number>();
  body.forEach((entry, index) => {
    const name = readName(entry);
    try {
      const manifest = validateEntry(entry);
      const first = firstIndexById.get(manifest.id);
      if (first !== undefined) {
        throw new ShapeError('name', `repeats the name of manifest #${first}`);
      }
      firstIndexById.set(manifest.id, index);
      manifests.push(manifest);
    } catch (e) {
      if (!(e instanceof ShapeError)) throw e;
      invalid.push(invalidEntry(index, name, e.path, e.problem));
    }
  });
  return { manifests, invalid };
}
