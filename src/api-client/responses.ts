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
import { cleanServerText } from './parse-error.js';
import type {
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
interface CwDeviceStart {
  code?: unknown; // Plex, Nuvio, Jellyfin Quick Connect
  verification_uri?: unknown; // MDBList, PunchPlay (RFC 8628 spelling)
  verification_uri_complete?: unknown;
  login_url?: unknown; // Nuvio
  expires_at?: unknown; // epoch seconds
}
interface CwDevicePoll {
  ok?: unknown;
  state?: unknown; // Jellyfin Quick Connect
  username?: unknown;
  user?: unknown;
  error?: unknown;
  detail?: unknown;
}
interface CwStatus {
  username?: unknown;
  user?: unknown;
  profile_name?: unknown;
  error?: unknown;
}
interface CwConnect {
  username?: unknown;
  user?: unknown;
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
type RawConnect = Untrusted<WireConnectResult> & CwConnect;
type RawAuthorize = Untrusted<WireAuthorize> & CwAuthorize;
type RawRefresh = Untrusted<WireRefresh> & Untrusted<WireStatus> & CwRefresh;
type RawInstance = Untrusted<WireInstance>;
type RawInstanceCreated = Untrusted<WireInstanceCreated>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** A non-negative finite number, also from a numeric string. */
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

const firstOf = <T>(read: (v: unknown) => T | undefined, ...values: unknown[]): T | undefined => {
  for (const v of values) {
    const r = read(v);
    if (r !== undefined) return r;
  }
  return undefined;
};

/** An account name from a string or an object like `{username}` / `{name}`. */
const accountName = (v: unknown): string | undefined => {
  if (isRecord(v)) return str(v.username) ?? str(v.name) ?? str(v.display_name);
  return str(v);
};

/** Epoch seconds (or ms when the number is clearly ms, or an ISO date) → epoch ms. */
export function toEpochMs(v: unknown): number | undefined {
  if (typeof v === 'string' && v.trim() !== '' && !/^\d+(\.\d+)?$/.test(v.trim())) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  const n = num(v);
  if (n === undefined || n === 0) return undefined;
  return n > 1e12 ? Math.round(n) : Math.round(n * 1000);
}

function badResponse(status: number, message: string): ApiError {
  return new ApiError({ code: ErrorCodes.badResponse, message, status });
}

function requireObject(body: unknown, status: number, what: string): Record<string, unknown> {
  if (!isRecord(body)) {
    const got = body === undefined ? 'an empty body' : describeValue(body);
    throw badResponse(status, `The ${what} answer must be a JSON object, but the server sent ${got}.`);
  }
  return body;
}

const DEFAULT_INTERVAL = 5;
const DEFAULT_EXPIRES_IN = 600;

export function normalizeDeviceStart(body: unknown, status = 200, now = Date.now()): DeviceStart {
  const raw: RawDeviceStart = requireObject(body, status, 'device start');
  const userCode = firstOf(str, raw.user_code, raw.code);
  if (!userCode) throw badResponse(status, 'The device start answer has no user_code.');

  // An unsafe link is dropped, not shown; the flow then falls back to the manifest's verify_url.
  const verificationUrl =
    firstOf((v) => (isHttpUrl(v) ? v.trim() : undefined), raw.verification_url, raw.verification_uri, raw.verificationUrl, raw.login_url) ?? '';
  const complete = firstOf(
    (v) => (isHttpUrl(v) ? v.trim() : undefined),
    raw.verification_url_complete,
    raw.verification_uri_complete,
  );

  const interval = num(raw.interval);
  let expiresIn = firstOf(num, raw.expires_in, raw.expiresIn);
  if (expiresIn === undefined) {
    const at = firstOf(toEpochMs, raw.expires_at, raw.expires_epoch);
    if (at !== undefined) expiresIn = Math.max(0, Math.round((at - now) / 1000));
  }
  const start: DeviceStart = {
    userCode,
    verificationUrl,
    interval: interval && interval > 0 ? interval : DEFAULT_INTERVAL,
    expiresIn: expiresIn && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN,
  };
  if (complete) start.verificationUrlComplete = complete;
  return start;
}

const POLL_STATUS: Record<string, DevicePollStatus> = {
  pending: 'pending',
  authorization_pending: 'pending',
  waiting: 'pending',
  slow_down: 'slow_down',
  authorized: 'authorized',
  ok: 'authorized',
  approved: 'authorized',
  access_granted: 'authorized',
  expired: 'expired',
  expired_token: 'expired',
  denied: 'denied',
  access_denied: 'denied',
  error: 'error',
};

/** The poll state a body carries (`status`, or Jellyfin's `state`), if any. */
export function pollStateOf(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  return str(body.status) ?? str(body.state);
}

/**
 * One poll answer. CrossWatch reports `{"ok":false,"status":"expired"}` and
 * `{"ok":false,"status":"authorization_pending"}`: the state wins over `ok`.
 */
export function normalizeDevicePoll(body: unknown, status = 200): DevicePoll {
  const raw: RawDevicePoll = requireObject(body, status, 'device poll');
  const rawState = pollStateOf(raw);
  if (!rawState) throw badResponse(status, 'The device poll answer has no status.');
  const mapped = POLL_STATUS[rawState.toLowerCase()] ?? 'error';
  const poll: DevicePoll = { status: mapped };

  const interval = num(raw.interval);
  if (interval && interval > 0) poll.interval = interval;
  const retryAfter = num(raw.retry_after);
  if (retryAfter !== undefined) poll.retryAfter = Math.ceil(retryAfter);
  const account = firstOf(accountName, raw.account, raw.username, raw.user);
  if (account && mapped === 'authorized') poll.account = account;

  const serverText = firstOf(str, raw.message, raw.detail, typeof raw.error === 'string' ? raw.error : undefined);
  const cleaned = serverText ? cleanServerText(serverText) : undefined;
  if (mapped === 'error') {
    // Unknown states (`no_device_code`, `http:502`, `bad_json`, …) keep the raw word for support.
    poll.message = cleaned && cleaned !== rawState ? cleaned : `The server reported "${rawState}" while waiting for approval.`;
  } else if (cleaned) {
    poll.message = cleaned;
  }
  return poll;
}

export function normalizeStatus(body: unknown, status = 200): ProviderStatus {
  const raw: RawStatus = requireObject(body, status, 'status');
  if (typeof raw.connected !== 'boolean') {
    throw badResponse(status, 'The status answer has no boolean "connected".');
  }
  const result: ProviderStatus = { connected: raw.connected };
  const account = firstOf(accountName, raw.account, raw.username, raw.user, raw.profile_name);
  if (account) result.account = account;
  const expiresAt = toEpochMs(raw.expires_at);
  if (expiresAt !== undefined) result.expiresAt = expiresAt;
  const reason = firstOf(str, raw.reason, typeof raw.error === 'string' ? raw.error : undefined);
  if (reason) result.reason = cleanServerText(reason);
  return result;
}

export function normalizeAuthorize(body: unknown, status = 200): AuthorizeResult {
  const raw: RawAuthorize = requireObject(body, status, 'authorize');
  const url = firstOf(str, raw.authorize_url, raw.auth_url);
  if (!url) throw badResponse(status, 'The authorize answer has no authorize_url.');
  // Never open javascript:, data: or relative URLs handed over by a server.
  if (!isHttpUrl(url)) throw badResponse(status, 'The server sent an unsafe authorize URL (only http and https are opened).');
  return { authorizeUrl: url };
}

export function normalizeConnect(body: unknown): ConnectResult {
  // Some servers answer 204 or a bare {"ok":true}: success without details is fine.
  if (!isRecord(body)) return {};
  const raw: RawConnect = body;
  const account = firstOf(accountName, raw.account, raw.username, raw.user);
  return account ? { account } : {};
}

const REFRESH_OK = new Set(['ok', 'fresh', 'refreshed']);

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
  if (word && !REFRESH_OK.has(word.toLowerCase())) {
    const code = word.split(':')[0] || 'refresh_failed';
    throw new ApiError({ code, message: `The token could not be refreshed (${cleanServerText(word)}).`, status });
  }
  const result: ProviderStatus = { connected: true };
  const expiresAt = toEpochMs(raw.expires_at);
  if (expiresAt !== undefined) result.expiresAt = expiresAt;
  return result;
}

/** GET /api/provider-instances/<prov>: an array (CrossWatch) or `{instances:[…]}`. */
export function normalizeInstances(body: unknown, status = 200): ProviderInstance[] {
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.instances) ? body.instances : undefined;
  if (!list) throw badResponse(status, 'The profile list must be a JSON array.');
  return list.map((entry: unknown, i: number) => {
    if (!isRecord(entry)) throw badResponse(status, `Profile #${i} must be an object.`);
    const raw: RawInstance = entry;
    const id = str(raw.id);
    if (!id) throw badResponse(status, `Profile #${i} has no id.`);
    return {
      id,
      label: firstOf(str, raw.label, raw.display_label, raw.friendly_label) ?? id,
      configured: raw.configured === true,
    };
  });
}

export function normalizeCreatedInstance(body: unknown, status = 200): string {
  const raw: RawInstanceCreated = requireObject(body, status, 'new profile');
  const id = str(raw.id);
  if (!id) throw badResponse(status, 'The new profile answer has no id.');
  return id;
}
