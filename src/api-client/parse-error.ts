/**
 * Turns every failure shape the backend can produce into one ApiError.
 *
 * Shapes understood (ours and CrossWatch's real ones, see docs/api.md):
 * - our envelope, non-2xx: `{"ok":false,"error":{"code","message","retry_after?","usages?"}}`
 * - CrossWatch, often with HTTP 200: `{"ok":false,"error":"code"}`, `{…,"detail":"…"}`,
 *   `{…,"reason":"code","error":"text"}`, `{"ok":false,"error":"provider_in_use","message","usages"}`
 * - FastAPI: `{"detail":"text"}` and `{"detail":[{"loc":[…],"msg":"…"}]}` (422)
 * - text/plain bodies, HTML error pages, malformed JSON, empty bodies
 * - transport: network failure, timeout, caller abort
 *
 * The message is the server's own (sanitised) text; when the server sent only a code it is that
 * code, when it sent nothing at all `HTTP <status>`. People never see it raw: the UI words every
 * error by its `code` (src/providers/error-text.ts) and adds the server's text as a detail.
 * Request bodies are never echoed, so secrets the caller sent cannot leak into a message.
 */
import { ApiError, ErrorCodes, type ProviderUsage } from './errors.js';
import type { Untrusted } from './manifest.js';
import type { WireErrorBody, WireUsage } from './wire.js';
import { SERVER_BOUNDS, serverSeconds } from './server-numbers.js';

/** The code when the server gave none; contract codes (docs/openapi.yaml KnownErrorCode) where one fits. */
const STATUS_CODES: Record<number, string> = {
  400: 'invalid_request',
  401: ErrorCodes.unauthorized,
  403: ErrorCodes.forbidden,
  404: 'not_found',
  409: 'conflict',
  422: 'validation_error', // FastAPI
  429: 'rate_limited',
  502: 'upstream_error',
  503: 'unavailable',
  504: 'upstream_timeout',
};

/**
 * CrossWatch codes renamed to our contract's. Its `network_error` is the SERVER failing to reach
 * the provider, not us failing to reach the server (the client's own network_error, which the UI
 * explains as "server unreachable"). Other spellings are folded by the UI (error-text.ts).
 */
const CODE_ALIASES: Record<string, string> = { network_error: 'unreachable', no_device_code: 'no_pending_flow' };

const MAX_MESSAGE = 200;

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `table[key]` when the table itself has it (never `constructor` and friends from the prototype). */
export const own = <V>(table: Readonly<Record<string, V>>, key: string): V | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** A trimmed non-empty string, else undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** At most `max` characters, with an ellipsis when cut. */
export const clip = (s: string, max = MAX_MESSAGE): string => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/** A short code such as `invalid_api_key` or `http:502`, as opposed to a human sentence. */
const looksLikeCode = (s: string): boolean => /^[a-z][\w.:-]{0,63}$/i.test(s);

/** True when text is (or starts like) an HTML document rather than a message. */
export const looksLikeHtml = (text: string, contentType: string | null): boolean =>
  /\bhtml\b/i.test(contentType ?? '') || /^\s*<(?:!doctype\s+html|html|head|body)\b/i.test(text);

/**
 * Server text made safe and short for a message: first meaningful line, no Python traceback,
 * no markup, at most ~200 characters. Non-strings give ''.
 */
export function cleanServerText(text: unknown): string {
  if (typeof text !== 'string') return '';
  const line = text
    .split('Traceback (most recent call last)')[0]!
    .replace(/<[^>]*>/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .find(Boolean);
  return line ? clip(line) : '';
}

/**
 * Seconds from a number, a numeric string or (Retry-After) an HTTP date, held to a day at most
 * (`1e9` or a date in the year 9999 would otherwise overflow timers and read as nonsense);
 * undefined otherwise.
 */
function seconds(v: unknown): number | undefined {
  let n = typeof v === 'number' ? v : NaN;
  if (typeof v === 'string' && v.trim()) {
    n = /^\d+(\.\d+)?(e\d+)?$/i.test(v.trim()) ? Number(v) : Math.max(0, (Date.parse(v) - Date.now()) / 1000);
  }
  const s = serverSeconds(n, SERVER_BOUNDS.retryAfter);
  return s === undefined ? undefined : Math.ceil(s);
}

function parseUsages(value: unknown): ProviderUsage[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).flatMap((item: Untrusted<WireUsage>) => {
    const label = str(item.label);
    const feature = str(item.feature);
    if (!feature && !label) return [];
    const usage: ProviderUsage = { feature: feature ?? 'unknown' };
    if (label) usage.label = label;
    for (const key of ['role', 'pair_id'] as const) {
      const value = str(item[key]);
      if (value) usage[key] = value;
    }
    if (typeof item.enabled === 'boolean') usage.enabled = item.enabled;
    return [usage];
  });
}

/** FastAPI 422 detail list → "body.server_url: field required; …". */
const validationDetail = (items: unknown[]): string =>
  clip(
    items
      .filter(isRecord)
      .map((item) => {
        const msg = cleanServerText(item.msg) || 'invalid value';
        const loc = Array.isArray(item.loc) ? item.loc.filter((p) => typeof p === 'string' || typeof p === 'number').join('.') : '';
        return loc ? `${loc}: ${msg}` : msg;
      })
      .join('; '),
  );

/**
 * The ApiError for a failed answer: a non-2xx status, an `ok:false` body, or a 2xx body that is
 * not JSON. `body` is the parsed JSON (undefined when the text is not JSON), `text` the raw body.
 */
export function errorFromAnswer(status: number, headers: Headers, body: unknown, text: string): ApiError {
  const html = looksLikeHtml(text, headers.get('content-type'));
  let retryAfter = seconds(headers.get('retry-after'));
  let code: string | undefined;
  let message: string | undefined;
  let usages: ProviderUsage[] | undefined;
  let field: string | undefined;

  if (html || (status < 300 && !isRecord(body))) {
    // Reverse proxies, crashed servers and a wrong base URL (an SPA) answer with HTML: never show it.
    return new ApiError({
      code: ErrorCodes.badResponse,
      message: `HTTP ${status}: ${html ? 'an HTML page instead of JSON' : 'not valid JSON'}`,
      status,
      retryAfter,
    });
  }
  if (!isRecord(body)) {
    // text/plain; a JSON-looking body that did not parse says nothing useful
    if (!/^[[{]/.test(text)) message = cleanServerText(text);
  } else {
    const err = body.error;
    const detail = body.detail;
    retryAfter = seconds(body.retry_after) ?? retryAfter;
    usages = parseUsages(body.usages);
    if (isRecord(err)) {
      // Our envelope: {ok:false, error:{code, message, retry_after?, usages?, field?}}
      const e: Untrusted<WireErrorBody> & { detail?: unknown } = err;
      code = str(e.code);
      message = cleanServerText(e.message) || cleanServerText(e.detail);
      retryAfter = seconds(e.retry_after) ?? retryAfter;
      usages = parseUsages(e.usages) ?? usages;
      field = str(e.field);
    } else if (str(err)) {
      const text = str(err)!;
      const reason = str(body.reason);
      if (reason && looksLikeCode(reason)) {
        // {ok:false, reason:"version_too_old", error:"Kodi 21.0 Omega or newer is required"}
        code = reason;
        if (!looksLikeCode(text)) message = cleanServerText(text);
      } else if (looksLikeCode(text)) {
        code = text;
        // CrossWatch's auth gate says "Unauthorized": a word, not a code; keep it as the message.
        if (status === 401 || status === 403) message = text;
      } else {
        message = cleanServerText(text);
      }
      message = cleanServerText(detail) || cleanServerText(body.message) || message;
    } else if (detail !== undefined && body.ok !== true) {
      // FastAPI: {"detail": "text"} or {"detail": [{loc, msg, …}]} (the 422 status gives the code)
      message = Array.isArray(detail)
        ? validationDetail(detail)
        : cleanServerText(detail) || cleanServerText(isRecord(detail) && detail.message);
    } else if (body.ok === false) {
      message = cleanServerText(body.message);
      code = str(body.code);
    }
  }

  const explicit = code !== undefined;
  code = code ?? STATUS_CODES[status] ?? (status >= 500 ? ErrorCodes.internal : status < 300 ? 'request_failed' : ErrorCodes.http);
  // A 401 without a specific code (none, "Unauthorized") means the dashboard session or token is
  // missing; a specific one (invalid_credentials from a login route) is kept.
  if (status === 401 && (!explicit || /^(unauthori[sz]ed|http_error)$/i.test(code))) code = ErrorCodes.unauthorized;
  else if (/origin.mismatch/i.test(`${code} ${message}`)) code = ErrorCodes.originMismatch;
  else if (status === 403 && code === ErrorCodes.http) code = ErrorCodes.forbidden;
  else code = own(CODE_ALIASES, code) ?? code;
  message ||= explicit || status < 300 ? code : `HTTP ${status}`;
  return new ApiError({ code, message, status, retryAfter, usages, field });
}

export const networkError = (method: string, path: string): ApiError =>
  new ApiError({ code: ErrorCodes.network, message: `The server could not be reached (${method} ${path}).` });

export const timeoutError = (ms: number): ApiError =>
  new ApiError({
    code: ErrorCodes.timeout,
    message: `The server did not answer within ${ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`}.`,
  });

export const abortedError = (): ApiError => new ApiError({ code: ErrorCodes.aborted, message: ErrorCodes.aborted });
