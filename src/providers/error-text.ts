/**
 * Every ApiError as a sentence a person can act on, plus the server's own words when they add
 * something. Codes come from our contract and from CrossWatch's many variants.
 */
import { ErrorCodes, type ApiError } from '../api-client/errors.js';
import { enCore, type CoreStringKey, type CoreStrings } from '../strings/en-core.js';
import { format } from '../strings/format.js';

export interface ErrorText {
  /** The friendly sentence, with the way forward. */
  message: string;
  /** The server's message, trimmed, when it says more than the code. */
  detail?: string;
}

/** CrossWatch and provider spellings of the same problem. */
const ALIASES: Record<string, string> = {
  access_denied: 'denied',
  expired_token: 'expired',
  missing_client: 'missing_client_credentials',
  missing_client_id: 'missing_client_credentials',
  missing_client_secret: 'missing_client_credentials',
  missing_credentials: 'invalid_credentials',
  credentials_mismatch: 'invalid_credentials',
  not_authorized: 'invalid_credentials',
  invalid_api_token: 'invalid_api_key',
  api_token_required: 'invalid_api_key',
  api_key_required: 'invalid_api_key',
  jsonrpc_too_old: 'version_too_old',
  // CrossWatch's Jellyfin Quick Connect start: 409 {"reason":"disabled"}
  disabled: 'quick_connect_disabled',
  // CrossWatch collapses every Nuvio failure into this one code.
  nuvio_request_failed: 'upstream_error',
  server_url_required: 'missing_server',
  validation_timeout: 'upstream_timeout',
  service_unavailable: 'unavailable',
  server_error: 'unavailable',
  rate_limit: 'rate_limited',
  too_many_requests: 'rate_limited',
  bad_json: 'invalid_response',
  invalid_json: 'invalid_response',
  json_invalid: 'validation_error',
};

/**
 * Codes that only say "it failed": the server's own sentence, when it sent one, is the best
 * message; otherwise a sentence of ours.
 */
const SERVER_WORDS_FIRST = new Set(['request_failed', 'invalid_request', 'conflict']);

/**
 * Codes with their own sentence (after aliasing): those with a `flow.error.<code>` string, except
 * the strings that are no code's sentence and the codes whose server words come first.
 */
const isKnown = (code: string): boolean =>
  Object.hasOwn(enCore, `flow.error.${code}`) && !/^(detail|upstream_network|rate_limited_soon|unknown|server_message)$/.test(code) && !SERVER_WORDS_FIRST.has(code);

const DETAIL_MAX = 200;

/** Upstream bodies can be long; keep the start, on one line. */
export function trimDetail(text: string, max = DETAIL_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** Canonical code for an error, folding aliases and a few messages that carry the real reason. */
export function canonicalCode(error: ApiError): string {
  const raw = (error.code || '').toLowerCase();
  if (raw.startsWith('http:') || raw.startsWith('validation_http_')) return ErrorCodes.http;
  const code = ALIASES[raw] ?? raw;
  if (code === ErrorCodes.network || code === ErrorCodes.timeout || code === 'rate_limited' || code === ErrorCodes.http || code === ErrorCodes.badResponse) return code;
  // CrossWatch before its first-run setup: 403 {"ok":false,"error":"Authentication setup required"}
  if ((code === ErrorCodes.forbidden || error.status === 403) && /authentication setup required/i.test(error.message)) return 'setup_required';
  if (isKnown(code)) return code;
  // "SIMKL client_id and client_secret must be set in settings first"
  if (/client[_ ]?(id|secret)/i.test(error.message) && /(must be set|missing|required)/i.test(error.message)) {
    return 'missing_client_credentials';
  }
  if (/origin mismatch/i.test(error.message)) return 'origin_mismatch';
  if (error.status === 401) return 'unauthorized';
  if (error.status === 403) return 'forbidden';
  if (error.status === 429) return 'rate_limited';
  return code;
}

/** Friendly text for any error. `provider` is the label shown to people. */
export function describeError(error: ApiError, strings: CoreStrings, provider: string): ErrorText {
  const code = canonicalCode(error);
  const t = (key: CoreStringKey, params: Record<string, string | number> = {}) => format(strings[key], { provider, ...params });
  let message: string;
  let usesServerMessage = false;
  switch (code) {
    case ErrorCodes.network:
      // Status 0: the browser never got an answer. Otherwise the server could not reach upstream.
      message = error.status === 0 ? t('flow.error.network') : t('flow.error.upstream_network');
      break;
    case 'rate_limited':
      message = rateLimitText(error.retryAfter, t);
      break;
    case ErrorCodes.badResponse:
      // An unreadable body with an error status (a proxy's HTML page): the status says more.
      message = error.status >= 400 ? t('flow.error.http', { status: error.status }) : t('flow.error.bad_response');
      break;
    case ErrorCodes.http:
      message = error.status ? t('flow.error.http', { status: error.status }) : t('flow.error.unknown', { code: error.code });
      break;
    case 'provider_in_use':
      // The server's message names what uses the connection: it is the best sentence we have.
      usesServerMessage = Boolean(error.message && error.message !== error.code);
      message = usesServerMessage ? trimDetail(error.message, 400) : t('flow.error.provider_in_use');
      break;
    default:
      if (SERVER_WORDS_FIRST.has(code)) {
        usesServerMessage = hasServerWords(error);
        message = usesServerMessage ? trimDetail(error.message, 400) : t(`flow.error.${code}` as CoreStringKey);
      } else if (isKnown(code)) {
        message = t(`flow.error.${code}` as CoreStringKey);
      } else if (hasServerWords(error)) {
        usesServerMessage = true;
        message = trimDetail(error.message, 400);
      } else {
        message = t('flow.error.unknown', { code: error.code || '?' });
      }
  }
  const detail = usesServerMessage ? undefined : serverDetail(error);
  return detail ? { message, detail: format(strings['flow.error.detail'], { detail }) } : { message };
}

/**
 * What the client puts in `message` when the server said nothing of its own: the bare status
 * (`HTTP 502`), a note about an unreadable body, or an English stand-in sentence.
 */
const CLIENT_PLACEHOLDER =
  /^(HTTP \d{3}(: .*)?|aborted|The server (reported an error: [\w.:-]+\.|answered HTTP \d{3}( \([\w.:-]+\))?( without details)?(; check the server log)?\.|reported a failure without details\.))$/;

/** Prefix an older client put before CrossWatch's upstream text; the sentence already says it. */
const UPSTREAM_PREFIX = /^The server could not reach the provider:\s*/;

/** The message is the server's own words (not empty, not the bare code, not a client placeholder). */
/**
 * A rate limit's wait as a person can use it: seconds up to 90, minutes up to 90, beyond that
 * "try again later" (a server's `Retry-After: 1e9` is no wait anyone keeps).
 */
function rateLimitText(retryAfter: number | undefined, t: (key: CoreStringKey, params?: Record<string, string | number>) => string): string {
  if (!retryAfter || !(retryAfter > 0)) return t('flow.error.rate_limited_soon');
  if (retryAfter <= 90) return t('flow.error.rate_limited', { seconds: Math.ceil(retryAfter) });
  if (retryAfter <= 90 * 60) return t('flow.error.rate_limited_minutes', { minutes: Math.ceil(retryAfter / 60) });
  return t('flow.error.rate_limited_later');
}

function hasServerWords(error: ApiError): boolean {
  // No answer at all (network, timeout, abort): the message is the client's own.
  if (error.status === 0 && (error.code === ErrorCodes.network || error.code === ErrorCodes.timeout || error.code === ErrorCodes.aborted)) return false;
  const text = (error.message ?? '').trim().replace(UPSTREAM_PREFIX, '');
  return text !== '' && text.toLowerCase() !== (error.code ?? '').toLowerCase() && !CLIENT_PLACEHOLDER.test(text);
}

/** The server's message when it adds information beyond the code. */
function serverDetail(error: ApiError): string | undefined {
  if (!hasServerWords(error)) return undefined;
  const text = (error.message ?? '').trim().replace(UPSTREAM_PREFIX, '');
  // "internal" means the server said nothing more: the sentence already says so.
  if (canonicalCode(error) === 'internal') return undefined;
  // Our own placeholder messages for missing wiring are not server words.
  if (/^(no_client|no_route|oauth_timeout|unsafe_path|redirected)$/.test(error.code)) return undefined;
  return trimDetail(text);
}
