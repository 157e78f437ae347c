/**
 * Normalises success bodies of the routes a card reads before any click (status, profile lists),
 * from our contract (typed by wire.ts, generated from docs/openapi.yaml) and from CrossWatch
 * (crosswatch-api.md §3.4–3.8; those members are typed locally), into the domain types of
 * types.ts. The flow routes' answers are flow-responses.ts, which the client loads with the flows.
 *
 * Bodies are untrusted: every member is read as `unknown` and checked. The raw types below only
 * pin the member NAMES to the contract, so renaming a member in the document breaks this file.
 * A body missing something essential becomes ApiError `bad_response` naming the member.
 */
import { ApiError, ErrorCodes } from './errors.js';
import { describeValue, type Untrusted } from './manifest.js';
import { cleanServerText, isRecord, str } from './parse-error.js';
import { profileIdProblem, shownId, withSkipped, type SkippedProfile } from './profile-ids.js';
import { EXPIRES_AT_BOUNDS_MS } from './server-numbers.js';
import type { ProviderInstance, ProviderStatus } from './types.js';
import type { WireInstance, WireInstanceCreated, WireStatus } from './wire.js';

// ── CrossWatch-only members (not in our contract) ─────────────────────────────
export interface CwAccount {
  username?: unknown;
  user?: unknown;
}
interface CwStatus extends CwAccount {
  profile_name?: unknown;
  error?: unknown;
}

type RawStatus = Untrusted<WireStatus> & CwStatus;
type RawInstance = Untrusted<WireInstance>;
type RawInstanceCreated = Untrusted<WireInstanceCreated>;

/** A non-negative finite number, also from a numeric string. */
export const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : str(v) ? Number(v) : NaN;
  return n >= 0 && n < Infinity ? n : undefined;
};

/** The first value `read` accepts. */
export const firstOf = <T>(read: (v: unknown) => T | undefined, ...values: unknown[]): T | undefined => {
  for (const v of values) {
    const r = read(v);
    if (r !== undefined) return r;
  }
  return undefined;
};

/** An account name from a string or an object like `{username}` / `{name}`. */
export const accountName = (v: unknown): string | undefined =>
  isRecord(v) ? str(v.username) ?? str(v.name) ?? str(v.display_name) : str(v);

/** Epoch seconds (or ms when the number is clearly ms, or an ISO date) → epoch ms. */
export function toEpochMs(v: unknown): number | undefined {
  const n = num(v);
  const ms = n === undefined ? (typeof v === 'string' ? Date.parse(v) : NaN) : Math.round(n > 1e12 ? n : n * 1000);
  // `1e300` or year 1970 is no expiry anyone can use: treated as not sent.
  return ms >= EXPIRES_AT_BOUNDS_MS.min && ms <= EXPIRES_AT_BOUNDS_MS.max ? ms : undefined;
}

export const badResponse = (status: number, message: string): ApiError =>
  new ApiError({ code: ErrorCodes.badResponse, message, status });

export function requireObject(body: unknown, status: number, what: string): Record<string, unknown> {
  return isRecord(body) ? body : fail(status, `The ${what} answer must be an object, not ${describeValue(body)}.`);
}

export const fail = (status: number, message: string): never => {
  throw badResponse(status, message);
};

/** The member `name` the body must have, read by `value` (undefined means missing). */
export const need = <T>(value: T | undefined, status: number, what: string, name: string): T =>
  value ?? fail(status, `The ${what} answer has no ${name}.`);

/** The poll state a body carries (`status`, or Jellyfin's `state`), if any. */
export const pollStateOf = (body: unknown): string | undefined =>
  isRecord(body) ? str(body.status) ?? str(body.state) : undefined;

export function normalizeStatus(body: unknown, status = 200): ProviderStatus {
  const raw: RawStatus = requireObject(body, status, 'status');
  const connected = need(typeof raw.connected === 'boolean' ? raw.connected : undefined, status, 'status', 'boolean "connected"');
  const result: ProviderStatus = { connected };
  const account = firstOf(accountName, raw.account, raw.username, raw.user, raw.profile_name);
  if (account) result.account = account;
  const expiresAt = toEpochMs(raw.expires_at);
  if (expiresAt) result.expiresAt = expiresAt;
  const reason = cleanServerText(firstOf(str, raw.reason, raw.error));
  if (reason) result.reason = reason;
  return result;
}

/** GET /api/provider-instances/<prov>: an array (CrossWatch) or `{instances:[…]}`. */
export function normalizeInstances(body: unknown, status = 200): ProviderInstance[] {
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.instances) ? body.instances : fail(status, 'The profile list must be an array.');
  const out: ProviderInstance[] = [];
  const skipped: SkippedProfile[] = [];
  list.forEach((entry: unknown) => {
    const raw: RawInstance = isRecord(entry) ? entry : {};
    // An id becomes a config key, a query value and a remembered choice: one that cannot be all
    // of those safely (`__proto__`, empty, huge) skips its entry, and the card says so.
    const id = str(raw.id);
    const problem = profileIdProblem(id ?? raw.id);
    if (problem || id === undefined) {
      skipped.push({ id: shownId(raw.id), problem: problem ?? 'empty' });
      return;
    }
    out.push({
      id,
      label: firstOf(str, raw.label, raw.display_label, raw.friendly_label) ?? id,
      configured: raw.configured === true,
    });
  });
  return withSkipped(out, skipped);
}

export function normalizeCreatedInstance(body: unknown, status = 200): string {
  const raw: RawInstanceCreated = requireObject(body, status, 'new profile');
  const id = need(str(raw.id), status, 'new profile', 'id');
  return profileIdProblem(id) ? fail(status, `The new profile's id "${shownId(id)}" cannot be used.`) : id;
}

