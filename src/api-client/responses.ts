/**
 * Normalises success bodies of the flow routes, from our contract (typed by wire.ts, generated
 * from docs/openapi.yaml) and from CrossWatch (crosswatch-api.md §3.4–3.8; those members are
 * typed locally), into the domain types of types.ts.
 *
 * Bodies are untrusted: every member is read as `unknown` and checked. The raw types below only
 * pin the member NAMES to the contract, so renaming a member in the document breaks this file.
 * A body missing something essential becomes ApiError `bad_response` naming the member.
 */
import { ApiError, ErrorCodes } from './errors.js';
import { describeValue, isHttpUrl, type Untrusted } from './manifest.js';
import { cleanServerText, isRecord, own, str } from './parse-error.js';
import { profileIdProblem, shownId, withSkipped, type SkippedProfile } from './profile-ids.js';
import { EXPIRES_AT_BOUNDS_MS, SERVER_BOUNDS, serverSeconds } from './server-numbers.js';
import type {
  AccountProfile,
  AccountProfiles,
  AuthorizeResult,
  ConnectResult,
  DevicePoll,
  DevicePollStatus,
  DeviceStart,
  ProviderInstance,
  ProviderStatus,
} from './types.js';
import type {
  WireAuthorize,
  WireConnectResult,
  WireDevicePoll,
  WireDeviceStart,
  WireInstance,
  WireInstanceCreated,
  WirePinNew,
  WireRefresh,
  WireStatus,
} from './wire.js';

// ── CrossWatch-only members (not in our contract) ─────────────────────────────
interface CwAccount {
  username?: unknown;
  user?: unknown;
}
interface CwDeviceStart {
  code?: unknown; // Plex, Nuvio, Jellyfin Quick Connect
  verification_uri?: unknown; // MDBList, PunchPlay (RFC 8628 spelling)
  verification_uri_complete?: unknown;
  login_url?: unknown; // Nuvio
  expires_at?: unknown; // epoch seconds
}
interface CwDevicePoll extends CwAccount {
  state?: unknown; // Jellyfin Quick Connect
  error?: unknown;
  detail?: unknown;
}
interface CwStatus extends CwAccount {
  profile_name?: unknown;
  error?: unknown;
}
interface CwAuthorize {
  auth_url?: unknown; // TMDb sync
}
interface CwRefresh {
  reconnect_required?: unknown; // PunchPlay
}

type RawDeviceStart = Untrusted<WireDeviceStart> & Untrusted<WirePinNew> & CwDeviceStart;
type RawDevicePoll = Untrusted<WireDevicePoll> & CwDevicePoll;
type RawStatus = Untrusted<WireStatus> & CwStatus;
type RawConnect = Untrusted<WireConnectResult> & CwAccount;
type RawAuthorize = Untrusted<WireAuthorize> & CwAuthorize;
type RawRefresh = Untrusted<WireRefresh> & Untrusted<WireStatus> & CwRefresh;
type RawInstance = Untrusted<WireInstance>;
type RawInstanceCreated = Untrusted<WireInstanceCreated>;

/** A non-negative finite number, also from a numeric string. */
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : str(v) ? Number(v) : NaN;
  return n >= 0 && n < Infinity ? n : undefined;
};

/** The first value `read` accepts. */
const firstOf = <T>(read: (v: unknown) => T | undefined, ...values: unknown[]): T | undefined => {
  for (const v of values) {
    const r = read(v);
    if (r !== undefined) return r;
  }
  return undefined;
};

const httpUrl = (v: unknown): string | undefined => (isHttpUrl(v) ? v.trim() : undefined);

/** An account name from a string or an object like `{username}` / `{name}`. */
const accountName = (v: unknown): string | undefined =>
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

function requireObject(body: unknown, status: number, what: string): Record<string, unknown> {
  return isRecord(body) ? body : fail(status, `The ${what} answer must be an object, not ${describeValue(body)}.`);
}

const fail = (status: number, message: string): never => {
  throw badResponse(status, message);
};

/** The member `name` the body must have, read by `value` (undefined means missing). */
const need = <T>(value: T | undefined, status: number, what: string, name: string): T =>
  value ?? fail(status, `The ${what} answer has no ${name}.`);

export function normalizeDeviceStart(body: unknown, status = 200, now = Date.now()): DeviceStart {
  const raw: RawDeviceStart = requireObject(body, status, 'device start');
  const at = firstOf(toEpochMs, raw.expires_at, raw.expires_epoch);
  const interval = serverSeconds(num(raw.interval) || undefined, SERVER_BOUNDS.interval);
  const expiresIn = firstOf(num, raw.expires_in, raw.expiresIn) ?? (at && Math.max(0, Math.round((at - now) / 1000)));
  const lifetime = expiresIn && expiresIn <= SERVER_BOUNDS.expiresIn.max ? serverSeconds(expiresIn, SERVER_BOUNDS.expiresIn) : undefined;
  const start: DeviceStart = {
    userCode: need(firstOf(str, raw.user_code, raw.code), status, 'device start', 'user_code'),
    // An unsafe link is dropped, not shown; the flow then falls back to the manifest's verify_url.
    verificationUrl: firstOf(httpUrl, raw.verification_url, raw.verification_uri, raw.verificationUrl, raw.login_url) ?? '',
    // RFC 8628 §3.2: 5 s when missing or invalid; a lifetime out of bounds counts as not sent.
    interval: interval ?? 5,
    expiresIn: lifetime ?? 600,
  };
  const complete = firstOf(httpUrl, raw.verification_url_complete, raw.verification_uri_complete);
  if (complete) start.verificationUrlComplete = complete;
  return start;
}

/** Spellings of each poll state (besides its own name) from CrossWatch and RFC 8628. */
const POLL_SPELLINGS: Partial<Record<DevicePollStatus, string[]>> = {
  pending: ['authorization_pending', 'waiting'],
  authorized: ['ok', 'approved', 'access_granted'],
  expired: ['expired_token'],
  denied: ['access_denied'],
};
const POLL_STATUS: Record<string, DevicePollStatus> = Object.fromEntries(
  (['pending', 'slow_down', 'authorized', 'expired', 'denied', 'error'] as const).flatMap((s) =>
    [s, ...(POLL_SPELLINGS[s] ?? [])].map((word) => [word, s]),
  ),
);

/** The poll state a body carries (`status`, or Jellyfin's `state`), if any. */
export const pollStateOf = (body: unknown): string | undefined =>
  isRecord(body) ? str(body.status) ?? str(body.state) : undefined;

/**
 * One poll answer. CrossWatch reports `{"ok":false,"status":"expired"}` and
 * `{"ok":false,"status":"authorization_pending"}`: the state wins over `ok`.
 */
export function normalizeDevicePoll(body: unknown, status = 200): DevicePoll {
  const raw: RawDevicePoll = requireObject(body, status, 'device poll');
  const state = need(pollStateOf(raw), status, 'device poll', 'status');
  const mapped = own(POLL_STATUS, state.toLowerCase()) ?? 'error';
  const poll: DevicePoll = { status: mapped };

  const interval = serverSeconds(num(raw.interval) || undefined, SERVER_BOUNDS.interval);
  if (interval) poll.interval = interval;
  const retryAfter = serverSeconds(num(raw.retry_after), SERVER_BOUNDS.retryAfter);
  if (retryAfter !== undefined) poll.retryAfter = Math.ceil(retryAfter);
  const account = firstOf(accountName, raw.account, raw.username, raw.user);
  if (account && mapped === 'authorized') poll.account = account;

  const message = cleanServerText(firstOf(str, raw.message, raw.detail, raw.error));
  // Unknown states (`no_device_code`, `http:502`, `bad_json`, …) keep the raw word for support.
  if (mapped === 'error' && (!message || message === state)) {
    poll.message = `The server reported "${state}" while waiting for approval.`;
  } else if (message) {
    poll.message = message;
  }
  return poll;
}

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

export function normalizeAuthorize(body: unknown, status = 200): AuthorizeResult {
  const raw: RawAuthorize = requireObject(body, status, 'authorize');
  const url = need(firstOf(str, raw.authorize_url, raw.auth_url), status, 'authorize', 'authorize_url');
  // Never open javascript:, data: or relative URLs handed over by a server.
  if (!isHttpUrl(url)) fail(status, 'The server sent an unsafe authorize URL (only http and https are opened).');
  return { authorizeUrl: url };
}

export function normalizeConnect(body: unknown): ConnectResult {
  // Some servers answer 204 or a bare {"ok":true}: success without details is fine.
  const raw: RawConnect = isRecord(body) ? body : {};
  const account = firstOf(accountName, raw.account, raw.username, raw.user);
  return account ? { account } : {};
}

/**
 * A refresh answer: our `{ok:true,status:"ok"|"fresh",expires_at?}`, a full status body, or
 * nothing. A failure word in `status` (`refresh_failed:401`, `missing_refresh`) is an ApiError.
 */
export function normalizeRefresh(body: unknown, status = 200): ProviderStatus | undefined {
  if (!isRecord(body)) return undefined;
  const raw: RawRefresh = body;
  if (typeof raw.connected === 'boolean') return normalizeStatus(body, status);
  if (raw.reconnect_required === true) return { connected: false, reason: 'reconnect_required' };
  const word = str(raw.status);
  if (word && !/^(ok|fresh|refreshed)$/i.test(word)) {
    throw new ApiError({ code: word.split(':')[0] || 'refresh_failed', message: `The token could not be refreshed (${cleanServerText(word)}).`, status });
  }
  const expiresAt = toEpochMs(raw.expires_at);
  return expiresAt ? { connected: true, expiresAt } : { connected: true };
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

/** One account profile: `{profile_id, name}` (Nuvio) or `{id, name}`. */
function accountProfile(entry: unknown, i: number, status: number): AccountProfile {
  const raw = isRecord(entry) ? entry : {};
  const value = typeof raw.profile_id === 'number' || typeof raw.profile_id === 'string' ? raw.profile_id : typeof raw.id === 'number' || typeof raw.id === 'string' ? raw.id : undefined;
  const id = value === undefined ? '' : String(value).trim();
  if (!id) fail(status, `Account profile #${i} has no id.`);
  return { id, value: value!, name: firstOf(str, raw.name, raw.profile_name, raw.label) ?? id };
}

/**
 * The profiles inside the linked account (CrossWatch's `GET /api/nuvio/profiles`:
 * `{ok, profiles:[{profile_id, name}], profile_id}`), and which one is synced.
 */
export function normalizeAccountProfiles(body: unknown, status = 200): AccountProfiles {
  const raw = requireObject(body, status, 'account profiles');
  const list = Array.isArray(raw.profiles) ? raw.profiles : fail(status, 'The account profiles answer has no profiles list.');
  const result: AccountProfiles = { profiles: list.map((entry: unknown, i: number) => accountProfile(entry, i, status)) };
  const selected = typeof raw.profile_id === 'number' || typeof raw.profile_id === 'string' ? String(raw.profile_id).trim() : '';
  if (selected) result.selected = selected;
  return result;
}

/** The answer to selecting an account profile: `{ok, profile_id, profile_name}`; the id is required. */
export function normalizeSelectedProfile(body: unknown, status = 200): AccountProfile {
  const raw = requireObject(body, status, 'profile select');
  return accountProfile({ profile_id: raw.profile_id, name: raw.profile_name ?? raw.name }, 0, status);
}
