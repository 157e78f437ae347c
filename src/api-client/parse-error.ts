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
 * Messages are English fallbacks plus the server's own (sanitised) text; the UI localises by `code`.
 * Request bodies are never echoed, so secrets the caller sent cannot leak into a message.
 */
import { ApiError, ErrorCodes, type ProviderUsage } from './errors.js';
import type { Untrusted } from './manifest.js';
import type { WireErrorBody, WireUsage } from './wire.js';

/**
 * Codes this module produces beyond ErrorCodes when the server sent none. Where our contract
 * (docs/openapi.yaml KnownErrorCode) has a matching code it is used, so the UI needs one table.
 */
export const ExtraErrorCodes = {
  invalidRequest: 'invalid_request', // 400 without a code
  notFound: 'not_found', // 404 without a code
  conflict: 'conflict', // 409 without a code
  validation: 'validation_error', // FastAPI 422
  rateLimited: 'rate_limited', // 429 without a code
  upstreamError: 'upstream_error', // 502 without a code
  unavailable: 'unavailable', // 503 without a code
  upstreamTimeout: 'upstream_timeout', // 504 without a code
  requestFailed: 'request_failed', // {ok:false} with HTTP 2xx and only a sentence, no code
  unreachable: 'unreachable', // the SERVER could not reach the provider (CrossWatch: network_error)
  missingClientCredentials: 'missing_client_credentials',
  noPendingFlow: 'no_pending_flow',
} as const;

/**
 * CrossWatch codes that mean the same as a code of our contract. `network_error` from a server
 * is the server failing to reach the provider, not us failing to reach the server, so it must
 * not share the client's `network_error` code (which the UI explains as "server unreachable").
 */
const CODE_ALIASES: Record<string, string> = {
  network_error: ExtraErrorCodes.unreachable,
  missing_client_id: ExtraErrorCodes.missingClientCredentials,
  missing_client: ExtraErrorCodes.missingClientCredentials,
  no_device_code: ExtraErrorCodes.noPendingFlow,
};

const MAX_MESSAGE = 200;

/** English fallbacks for servers that send only a code. */
const CODE_MESSAGES: Record<string, string> = {
  internal: 'The server reported an internal error without details; check the server log.',
  unreachable: 'The server could not reach the provider.',
  upstream_error: 'The provider answered with an error.',
  upstream_timeout: 'The provider did not answer in time.',
  unavailable: 'The server is temporarily unavailable; try again shortly.',
  profile_limit_reached: 'No more profiles can be added for this provider.',
  provider_in_use: 'This connection is still in use and cannot be removed.',
  invalid_api_key: 'The provider rejected the API key.',
  invalid_credentials: 'The provider rejected the credentials.',
  rate_limited: 'Too many requests; wait a moment and try again.',
  missing_client_credentials: 'The app credentials (client ID and secret) are not saved yet.',
  no_pending_flow: 'No sign-in is in progress; start again.',
  unauthorized: 'The server requires you to sign in.',
  forbidden: 'The server refused the request.',
  origin_mismatch: 'The server rejected the request because of its origin check.',
  not_found: 'The server does not know this route or resource.',
  bad_json: 'The provider sent a response the server could not read.',
  invalid_json: 'The provider sent a response the server could not read.',
  invalid_response: 'The provider sent an unexpected response.',
  http_error: 'The provider answered with an error.',
  server_error: 'The provider reported a server error.',
  totp_required: 'A two-factor code is required.',
  version_too_old: 'The server software is too old.',
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** A short code such as `invalid_api_key` or `http:502`, as opposed to a human sentence. */
const looksLikeCode = (s: string): boolean => /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/.test(s.trim());

/** True when text is (or starts like) an HTML document rather than a message. */
export function looksLikeHtml(text: string, contentType = ''): boolean {
  if (/\bhtml\b/i.test(contentType)) return true;
  return /^\s*<(?:!doctype\s+html|html|head|body)\b/i.test(text);
}

/**
 * Server text made safe and short for a message: first meaningful line, no Python traceback,
 * no markup, at most ~200 characters.
 */
export function cleanServerText(text: string): string {
  let s = text;
  const traceback = s.search(/Traceback \(most recent call last\)/);
  if (traceback >= 0) s = s.slice(0, traceback);
  s = s.replace(/<[^>]*>/g, ' ');
  const line = s
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .find((l) => l !== '');
  if (!line) return '';
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1).trimEnd()}…` : line;
}

/** Retry-After: delta seconds or an HTTP date → seconds from now (≥ 0), else undefined. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v));
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

const toSeconds = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.ceil(v);
  if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim())) return Math.ceil(Number(v));
  return undefined;
};

/** The code used when the server gave none, from the HTTP status. */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return ExtraErrorCodes.invalidRequest;
    case 401:
      return ErrorCodes.unauthorized;
    case 403:
      return ErrorCodes.forbidden;
    case 404:
      return ExtraErrorCodes.notFound;
    case 409:
      return ExtraErrorCodes.conflict;
    case 422:
      return ExtraErrorCodes.validation;
    case 429:
      return ExtraErrorCodes.rateLimited;
    case 502:
      return ExtraErrorCodes.upstreamError;
    case 503:
      return ExtraErrorCodes.unavailable;
    case 504:
      return ExtraErrorCodes.upstreamTimeout;
  }
  if (status >= 500) return ErrorCodes.internal;
  if (status >= 200 && status < 300) return ExtraErrorCodes.requestFailed;
  return ErrorCodes.http;
}

function messageForCode(code: string, status: number): string {
  const known = CODE_MESSAGES[code];
  if (known) return known;
  if (status >= 200 && status < 300) return `The server reported an error: ${code}.`;
  return `The server answered HTTP ${status} (${code}).`;
}

function genericMessage(status: number): string {
  return status >= 200 && status < 300
    ? 'The server reported a failure without details.'
    : status >= 500
      ? `The server answered HTTP ${status} without details; check the server log.`
      : `The server answered HTTP ${status} without details.`;
}

export function parseUsages(value: unknown): ProviderUsage[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const usages: ProviderUsage[] = [];
  for (const entry of value) {
    if (!isRecord(entry)) continue;
    const item: Untrusted<WireUsage> = entry;
    const feature = nonEmptyString(item.feature) ? item.feature : undefined;
    const label = nonEmptyString(item.label) ? item.label : undefined;
    if (!feature && !label) continue;
    const usage: ProviderUsage = { feature: feature ?? 'unknown' };
    if (label) usage.label = label;
    if (nonEmptyString(item.role)) usage.role = item.role;
    if (nonEmptyString(item.pair_id)) usage.pair_id = item.pair_id;
    if (typeof item.enabled === 'boolean') usage.enabled = item.enabled;
    usages.push(usage);
  }
  return usages;
}

/** FastAPI 422 detail list → "body.server_url: field required; …". */
function formatValidationDetail(items: unknown[]): string {
  const parts: string[] = [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    const msg = nonEmptyString(item.msg) ? cleanServerText(item.msg) : 'invalid value';
    const loc = Array.isArray(item.loc)
      ? item.loc.filter((p) => typeof p === 'string' || typeof p === 'number').join('.')
      : '';
    parts.push(loc ? `${loc}: ${msg}` : msg);
  }
  const joined = parts.join('; ');
  return joined.length > MAX_MESSAGE ? `${joined.slice(0, MAX_MESSAGE - 1)}…` : joined;
}

/**
 * Status- and text-driven corrections: a 401 without a specific code is `unauthorized`,
 * CrossWatch's 403 "Origin mismatch" is `origin_mismatch`, CrossWatch codes with a contract
 * equivalent are renamed (CODE_ALIASES).
 */
function refineCode(code: string, status: number, text: string, explicit: boolean): string {
  // A specific code on a 401 (invalid_credentials from a login route) is kept; a generic one
  // (none, "Unauthorized") means the dashboard session or token is missing.
  if (status === 401 && (!explicit || /^(unauthori[sz]ed|http_error)$/i.test(code))) return ErrorCodes.unauthorized;
  if (/origin mismatch/i.test(text) || code.toLowerCase() === 'origin_mismatch') return ErrorCodes.originMismatch;
  if (status === 403 && code === ErrorCodes.http) return ErrorCodes.forbidden;
  return CODE_ALIASES[code] ?? code;
}

interface ErrorContext {
  status: number;
  headers?: Headers;
}

/**
 * An ApiError from a parsed JSON body that reports a failure (`ok:false`, `error`, FastAPI
 * `detail`), or undefined when the body does not look like an error.
 */
export function errorFromJson(body: unknown, ctx: ErrorContext): ApiError | undefined {
  const { status } = ctx;
  const headerRetry = parseRetryAfter(ctx.headers?.get('retry-after'));
  if (!isRecord(body)) return undefined;

  const errorMember = body.error;
  let code: string | undefined;
  let message: string | undefined;
  let retryAfter = toSeconds(body.retry_after) ?? headerRetry;
  let usages = parseUsages(body.usages);
  let serverText = '';
  let field: string | undefined;

  if (isRecord(body.error)) {
    // Our envelope: {ok:false, error:{code, message, retry_after?, usages?, field?}}
    const err: Untrusted<WireErrorBody> & { detail?: unknown } = body.error;
    if (nonEmptyString(err.code)) code = err.code.trim();
    if (nonEmptyString(err.message)) message = cleanServerText(err.message);
    if (nonEmptyString(err.detail) && !message) message = cleanServerText(err.detail);
    retryAfter = toSeconds(err.retry_after) ?? retryAfter;
    usages = parseUsages(err.usages) ?? usages;
    if (nonEmptyString(err.field)) field = err.field;
    serverText = `${code ?? ''} ${message ?? ''}`;
  } else if (nonEmptyString(errorMember)) {
    const errText = errorMember.trim();
    serverText = errText;
    const reason = nonEmptyString(body.reason) ? body.reason.trim() : undefined;
    const detail = body.detail;
    if (reason && looksLikeCode(reason)) {
      // {ok:false, reason:"version_too_old", error:"Kodi 21.0 Omega or newer is required"}
      code = reason;
      message = looksLikeCode(errText) ? undefined : cleanServerText(errText);
    } else if (looksLikeCode(errText)) {
      code = errText;
      // CrossWatch's auth gate says "Unauthorized": a word, not a code; keep it as the message.
      if (status === 401 || status === 403) message = errText;
    } else {
      message = cleanServerText(errText);
    }
    if (nonEmptyString(body.message)) message = cleanServerText(body.message);
    if (nonEmptyString(detail)) {
      const cleaned = cleanServerText(detail);
      if (cleaned) message = cleaned;
    }
  } else if (body.detail !== undefined && body.ok !== true) {
    // FastAPI: {"detail": "text"} or {"detail": [{loc, msg, …}]}
    const detail = body.detail;
    if (Array.isArray(detail)) {
      message = formatValidationDetail(detail) || undefined;
      if (status === 422 || status === 0) code = ExtraErrorCodes.validation;
    } else if (nonEmptyString(detail)) {
      message = cleanServerText(detail);
      serverText = detail;
    } else if (isRecord(detail) && nonEmptyString(detail.message)) {
      message = cleanServerText(detail.message);
    }
  } else if (body.ok === false) {
    if (nonEmptyString(body.message)) message = cleanServerText(body.message);
    if (nonEmptyString(body.code)) code = body.code.trim();
  } else {
    return undefined;
  }

  const rawCode = code;
  code = refineCode(code ?? codeForStatus(status), status, serverText, rawCode !== undefined);
  // A bare echo of the code ("internal") is no message: use the explanatory fallback.
  if (!message || (message.toLowerCase() === code.toLowerCase() && CODE_MESSAGES[code] && status !== 401 && status !== 403)) {
    message = messageForCode(code, status);
  }
  // CrossWatch's detail for network_error is raw upstream text: say what it is about.
  if (rawCode === ErrorCodes.network && message !== CODE_MESSAGES[code]) {
    message = `The server could not reach the provider: ${message}`;
  }
  return new ApiError({ code, message, status, retryAfter, usages, field });
}

/** An ApiError for a non-2xx response, whatever its body. */
export function errorFromResponse(status: number, headers: Headers, text: string): ApiError {
  const contentType = headers.get('content-type') ?? '';
  const retryAfter = parseRetryAfter(headers.get('retry-after'));
  if (looksLikeHtml(text, contentType)) {
    // Reverse proxies and crashed servers answer with HTML: never show the markup.
    return new ApiError({
      code: ErrorCodes.badResponse,
      message: `The server answered HTTP ${status} with an HTML page instead of JSON; check the server or proxy log.`,
      status,
      retryAfter,
    });
  }
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed)) {
    try {
      const fromJson = errorFromJson(JSON.parse(trimmed), { status, headers });
      if (fromJson) return fromJson;
    } catch {
      // not JSON after all: fall through to the plain-text handling
    }
    const code = codeForStatus(status);
    return new ApiError({ code, message: genericMessage(status), status, retryAfter });
  }
  const code = refineCode(codeForStatus(status), status, trimmed, false);
  const message = cleanServerText(trimmed) || messageForCode(code, status);
  return new ApiError({ code, message: trimmed ? message : genericMessage(status), status, retryAfter });
}

export function badResponseError(status: number, problem: string): ApiError {
  return new ApiError({ code: ErrorCodes.badResponse, message: problem, status });
}

export function networkError(method: string, path: string): ApiError {
  return new ApiError({
    code: ErrorCodes.network,
    message: `The server could not be reached (${method} ${path}); check the address and that the backend is running.`,
    status: 0,
  });
}

export function timeoutError(ms: number): ApiError {
  const seconds = ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
  return new ApiError({
    code: ErrorCodes.timeout,
    message: `The server did not answer within ${seconds}.`,
    status: 0,
  });
}

export function abortedError(): ApiError {
  return new ApiError({ code: ErrorCodes.aborted, message: 'The request was cancelled.', status: 0 });
}
