/**
 * Normalises success bodies of the flow routes (device code, authorize, connect, refresh, account
 * profiles) like responses.ts does for the reads. Only flows call these client methods, so this
 * comes with the flows: the client imports it when such an answer arrives (client.ts).
 */
import { ApiError } from './errors.js';
import { isHttpUrl, type Untrusted } from './manifest.js';
import { cleanServerText, isRecord, own, str } from './parse-error.js';
import { accountName, fail, firstOf, need, normalizeStatus, num, pollStateOf, requireObject, toEpochMs, type CwAccount } from './responses.js';
import { SERVER_BOUNDS, serverSeconds } from './server-numbers.js';
import type { AccountProfile, AccountProfiles, AuthorizeResult, ConnectResult, DevicePoll, DevicePollStatus, DeviceStart, ProviderStatus } from './types.js';
import type { WireAuthorize, WireConnectResult, WireDevicePoll, WireDeviceStart, WirePinNew, WireRefresh, WireStatus } from './wire.js';

// ── CrossWatch-only members (not in our contract) ─────────────────────────────
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
interface CwAuthorize {
  auth_url?: unknown; // TMDb sync
}
interface CwRefresh {
  reconnect_required?: unknown; // PunchPlay
}

type RawDeviceStart = Untrusted<WireDeviceStart> & Untrusted<WirePinNew> & CwDeviceStart;
type RawDevicePoll = Untrusted<WireDevicePoll> & CwDevicePoll;
type RawConnect = Untrusted<WireConnectResult> & CwAccount;
type RawAuthorize = Untrusted<WireAuthorize> & CwAuthorize;
type RawRefresh = Untrusted<WireRefresh> & Untrusted<WireStatus> & CwRefresh;

const httpUrl = (v: unknown): string | undefined => (isHttpUrl(v) ? v.trim() : undefined);

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
