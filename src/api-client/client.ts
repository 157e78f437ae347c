/**
 * The fetch-based AuthApi: one place for URLs, headers, timeouts, aborts and error shapes.
 *
 * - `baseUrl` '' means same origin; trailing slashes are stripped. Every request goes under the
 *   base URL's origin and path: a path that would leave it (`/api/../../admin`, an absolute
 *   manifest route on another origin, encoded dots) fails with `unsafe_path` before any request,
 *   so server text cannot send the host's headers, cookies or a typed secret elsewhere.
 * - The extra `headers` and the `credentials` mode go on every request (all are to the base URL).
 * - fetch is resolved at call time (`options.fetch ?? globalThis.fetch`) so test patches apply.
 * - Every call has a timeout (default 15 s; `timeoutMs: 0` or Infinity disables it) and honours
 *   `CallOptions.signal`; both abort the request AND the body read, and every listener and timer
 *   is removed when the call settles. The client races its own abort too, so even an injected
 *   fetch that ignores signals cannot hang a call.
 * - `CallOptions.instance` becomes `?instance=<id>` (omitted for 'default'); nothing else goes
 *   into URLs, so secrets only ever travel in JSON bodies.
 * - Every POST/PATCH sends `content-type: application/json` and a JSON body (`{}` when empty);
 *   CrossWatch answers 422 to a bodiless POST. GETs use `cache: 'no-store'` (config and status
 *   must never come from the HTTP cache).
 * - No request follows a redirect (`redirect: 'manual'`): a 3xx answer is an ApiError `redirected`,
 *   so a typed secret, the host's headers or cookies never reach the address a server names.
 * - A 2xx body with `ok:false` is a failure too (CrossWatch reports most errors with HTTP 200).
 */
import type { AuthApi, ApiClientOptions } from './api.js';
import { ApiError, ErrorCodes, type ApiErrorInit } from './errors.js';
import { describeValue, parseProviderList } from './manifest.js';
import { abortedError, errorFromAnswer, isRecord, looksLikeHtml, networkError, timeoutError } from './parse-error.js';
import { normalizeCreatedInstance, normalizeInstances, normalizeStatus, pollStateOf } from './responses.js';
import { normalizeStatusAll } from './status-all.js';
import { joinUnderBase, pathOf } from './url-path.js';
import { withoutForbiddenKeys } from './config-paths.js';
import type * as CrossWatchAnswers from './crosswatch-aggregates.js';
import type { CallOptions, ConfigObject } from './types.js';
import type * as FlowAnswers from './flow-responses.js';
type Read<T> = (body: unknown, status: number) => T;
/**
 * Some answers are read by a module loaded when the first such answer arrives, which the drop-in
 * carries in the chunk of what asks those routes (already loaded by then), so the entry stays
 * smaller. A chunk that cannot be loaded fails the call like the network would (Retry loads it again).
 */
const readLater =
  <M, T>(load: () => Promise<M>, read: (module: M) => Read<T>, method: Method, path: string) =>
  (body: unknown, status: number): Promise<T> =>
    load().then(
      (module) => read(module)(body, status),
      () => {
        throw networkError(method, path);
      },
    );
/** The flow routes' answers (flow-responses.ts): only flows call them; in the flows' chunk. */
const flowAnswer = <T>(read: (answers: typeof FlowAnswers) => Read<T>, method: Method, path: string) =>
  readLater(() => import('./flow-responses.js'), read, method, path);
/** CrossWatch's all-providers answers (crosswatch-aggregates.ts): only its lists ask them; in its adapter's chunk. */
const crossWatchAnswer = <T>(read: (answers: typeof CrossWatchAnswers) => Read<T>, method: Method, path: string) =>
  readLater(() => import('./crosswatch-aggregates.js'), read, method, path);

export const DEFAULT_TIMEOUT_MS = 15_000;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Tells which bodies are a domain answer even with `ok:false` or a non-2xx status (device poll:
 * `{"ok":false,"status":"expired"}`; status: `{"ok":false,"connected":false,…}`).
 */
type AcceptBody = (body: unknown, httpStatus: number) => boolean;

/** How an auth gate words a 401 (CrossWatch: "Unauthorized"), as opposed to a login route's reason. */
const AUTH_GATE_401 = /^(unauthori[sz]ed|not authenticated|authentication required|HTTP 401)\.?$|session|sign in|api token|bearer/i;

/**
 * A 401 that carries its own sentence ("Invalid username or password") is the PROVIDER refusing,
 * not the dashboard's session expiring: telling the user to sign in again would send them the
 * wrong way.
 */
const providerRefused = (err: ApiError): boolean => err.code === ErrorCodes.unauthorized && !AUTH_GATE_401.test(err.message);

/**
 * A redirect answer: the browser's opaque one under `redirect: 'manual'`, a 3xx from a fetch that
 * shows it, or an answer some injected fetch followed anyway.
 */
const REDIRECTS = [301, 302, 303, 307, 308];
const isRedirect = (r: Response): boolean => r.type === 'opaqueredirect' || r.redirected || REDIRECTS.includes(r.status);

/** Fetch does not say where a manual redirect pointed; what matters is that nothing went there. */
const redirectedError = (status: number) =>
  new ApiError({
    code: ErrorCodes.redirected,
    status,
    message: 'The server answered with a redirect to another address; nothing was sent there. Check base-url.',
  });

/** A failed call that means something more specific on its route. */
function refine(e: unknown, status: number, when: (e: ApiError) => boolean, change: Partial<ApiErrorInit>): unknown {
  return e instanceof ApiError && e.status === status && when(e) ? new ApiError({ ...e, message: e.message, ...change }) : e;
}

export function createApiClient(options: ApiClientOptions = {}): AuthApi {
  const baseUrl = (options.baseUrl ?? '').trim().replace(/\/+$/, '');
  const extraHeaders = { ...options.headers };

  /** Every URL is under the base URL (src/api-client/url-path.ts): server text cannot point a request elsewhere. */
  function urlFor(path: string, instance: string | undefined): string {
    const url = joinUnderBase(baseUrl, path);
    if (!instance || instance === 'default') return url;
    return `${url}${url.includes('?') ? '&' : '?'}instance=${encodeURIComponent(instance)}`;
  }

  /**
   * One request: transport under the call's timeout and the caller's signal, status, JSON parsing
   * and the `ok:false` check; `read` turns the body into the method's result.
   */
  async function request<T = void>(
    method: Method,
    path: string,
    opts: CallOptions = {},
    read?: (body: unknown, status: number) => T | Promise<T>,
    body?: unknown,
    accept?: AcceptBody,
  ): Promise<T> {
    const { signal } = opts;
    if (signal?.aborted) throw abortedError();

    // Built before any timer or listener exists, so a body that cannot be serialised leaks nothing.
    const url = urlFor(path, opts.instance);
    // Every URL is the host's backend (urlFor), so its headers (a bearer token) and credentials go along.
    const headers = new Headers({ accept: 'application/json' });
    for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
    const controller = new AbortController();
    const credentials: RequestCredentials = options.credentials ?? 'same-origin';
    // A redirect is never followed: it would carry the body, headers and cookies to an address
    // the server names (see `redirected` below).
    const init: RequestInit = { method, headers, credentials, signal: controller.signal, redirect: 'manual' };
    if (method === 'GET') init.cache = 'no-store';
    if (opts.keepalive) init.keepalive = true;
    if (method === 'POST' || method === 'PATCH') {
      headers.set('content-type', 'application/json');
      init.body = JSON.stringify(body ?? {});
    }

    // The first reason to stop wins; rejecting `stopped` ends the race even if fetch ignores the signal.
    let cause: ApiError | undefined;
    let reject: (e: ApiError) => void = () => {};
    const stopped = new Promise<never>((_, r) => (reject = r));
    const stop = (e: ApiError) => {
      cause ??= e;
      reject(cause);
      controller.abort();
    };
    const onAbort = () => stop(abortedError());
    signal?.addEventListener('abort', onAbort, { once: true });
    const timeoutMs = opts.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = timeoutMs > 0 && timeoutMs < Infinity ? setTimeout(() => stop(timeoutError(timeoutMs)), timeoutMs) : undefined;

    let response: Response;
    let text: string;
    try {
      const fetchImpl = options.fetch ?? globalThis.fetch;
      [response, text] = await Promise.race([
        (async (): Promise<[Response, string]> => {
          // .call(globalThis): window.fetch passed unbound would otherwise throw "Illegal invocation"
          const answer = await fetchImpl.call(globalThis, url, init);
          return [answer, (await answer.text()).trim()];
        })(),
        stopped,
      ]);
    } catch (e) {
      throw cause ?? (e instanceof ApiError ? e : e instanceof DOMException && e.name === 'AbortError' ? abortedError() : networkError(method, path));
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }

    if (isRedirect(response)) throw redirectedError(response.status);
    const { status, headers: answerHeaders } = response;
    let json: unknown;
    try {
      json = text && !looksLikeHtml(text, answerHeaders.get('content-type')) ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: judged below
    }
    if (
      !accept?.(json, status) &&
      (!response.ok || (text && json === undefined) || (isRecord(json) && json.ok === false))
    ) {
      throw errorFromAnswer(status, answerHeaders, json, text);
    }
    return read?.(json, status) as T | Promise<T>;
  }

  /** 409 on a delete means "still in use" even when the server gave no code. */
  const guardInUse = (call: Promise<unknown>) =>
    call.then(
      () => {},
      (e) => {
        throw refine(e, 409, (err) => err.code !== ErrorCodes.providerInUse && !err.usages, { code: ErrorCodes.providerInUse, usages: [] });
      },
    );

  /** CrossWatch profile routes: never scoped to an instance themselves. */
  const profiles = async <T>(method: Method, provider: string, rest: string[], opts?: CallOptions, read?: (body: unknown, status: number) => T, body?: unknown) =>
    request(method, pathOf('api', 'provider-instances', provider, ...rest), { ...opts, instance: undefined }, read, body);

  const readConfig = (body: unknown, status: number): ConfigObject => {
    // Server keys never reach Object.prototype: `__proto__` and friends are dropped at any depth.
    if (isRecord(body)) return withoutForbiddenKeys(body);
    throw new ApiError({ code: ErrorCodes.invalidConfig, message: `The config must be an object, not ${describeValue(body)}.`, status });
  };

  return {
    baseUrl,

    resolveUrl(path) {
      try {
        return new URL(joinUnderBase(baseUrl, path), globalThis.location?.href).href;
      } catch {
        return `${baseUrl}${path}`;
      }
    },

    listProviders: (opts) => request('GET', '/api/auth/providers', opts, parseProviderList),
    getConfig: (opts) => request('GET', '/api/config', opts, readConfig),
    saveConfig: (partial, opts) => request('POST', '/api/config', opts, undefined, partial),
    unsetConfig: (paths, opts) => request('POST', '/api/config/unset', opts, undefined, { paths }),

    deviceStart: (path, body, opts) =>
      request('POST', path, opts, flowAnswer((a) => a.normalizeDeviceStart, 'POST', path), body).catch((e) => {
        throw opts?.relaysProvider ? refine(e, 401, providerRefused, { code: 'upstream_error' }) : e;
      }),
    devicePoll: (path, opts) =>
      request(opts?.method ?? 'POST', path, opts, flowAnswer((a) => a.normalizeDevicePoll, opts?.method ?? 'POST', path), undefined, (b) => pollStateOf(b) !== undefined).catch((e) => {
        if (!opts?.relaysProvider) throw e;
        // A route that relays the provider (Jellyfin Quick Connect): its 401 is the person
        // rejecting the request, unless it is the dashboard's own session gate; "not authorized"
        // means the server holds no pending request any more (it restarted, or forgot it).
        const rejected = refine(e, 401, providerRefused, { code: 'denied' });
        throw refine(rejected, 400, (err) => err.code === 'not_authorized', { code: 'no_pending_flow' });
      }),
    deviceCancel: (path, opts) => request('POST', path, opts),
    deviceFinish: (path, opts) => request('POST', path, opts, flowAnswer((a) => a.normalizeConnect, 'POST', path)),

    authorize: (path, origin, opts) => request('POST', path, opts, flowAnswer((a) => a.normalizeAuthorize, 'POST', path), opts?.nonce ? { origin, nonce: opts.nonce } : { origin }),

    connect: (path, values, opts) =>
      request('POST', path, opts, flowAnswer((a) => a.normalizeConnect, 'POST', path), values).catch((e) => {
        // CrossWatch's Jellyfin login: a 401 in the provider's words means wrong credentials.
        throw refine(e, 401, providerRefused, { code: 'invalid_credentials' });
      }),

    // HTTP 200 {ok:false, connected:false, error:"…"} (TMDb verify) is still a status
    status: (path, opts) =>
      request('GET', path, opts, normalizeStatus, undefined, (b, s) => s < 300 && isRecord(b) && typeof b.connected === 'boolean'),
    statusAll: (opts) => request('GET', '/api/auth/status', { ...opts, instance: undefined }, normalizeStatusAll),
    crossWatchStatus: (opts) =>
      request('GET', '/api/status', { ...opts, instance: undefined }, crossWatchAnswer((a) => a.normalizeCrossWatchStatus, 'GET', '/api/status')),
    refresh: (path, opts) => request('POST', path, opts, flowAnswer((a) => a.normalizeRefresh, 'POST', path)),
    disconnect: (path, opts) => guardInUse(request('POST', path, opts)),

    accountProfiles: (path, opts) => request('GET', path, opts, flowAnswer((a) => a.normalizeAccountProfiles, 'GET', path)),
    selectAccountProfile: (path, profile, opts) => request('POST', path, opts, flowAnswer((a) => a.normalizeSelectedProfile, 'POST', path), { profile_id: profile.value }),

    listAllInstances: (opts) =>
      request('GET', '/api/provider-instances', { ...opts, instance: undefined }, crossWatchAnswer((a) => a.normalizeAllInstances, 'GET', '/api/provider-instances')),
    listInstances: (provider, opts) => profiles('GET', provider, [], opts, normalizeInstances),
    createInstance: (provider, opts) => profiles('POST', provider, ['next'], opts, normalizeCreatedInstance),
    renameInstance: (provider, id, label, opts) => profiles('PATCH', provider, [id], opts, undefined, { label }),
    deleteInstance: (provider, id, opts) => guardInUse(profiles('DELETE', provider, [id], opts)),
  };
}
