/**
 * The fetch-based AuthApi: one place for URLs, headers, timeouts, aborts and error shapes.
 *
 * - `baseUrl` '' means same origin; trailing slashes are stripped. A route that is already an
 *   absolute http(s) URL (manifest `routes`) is used as is.
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
 * - A 2xx body with `ok:false` is a failure too (CrossWatch reports most errors with HTTP 200).
 */
import type { AuthApi, ApiClientOptions } from './api.js';
import { ApiError, ErrorCodes } from './errors.js';
import { describeValue, parseProviderList } from './manifest.js';
import {
  abortedError,
  badResponseError,
  errorFromJson,
  errorFromResponse,
  looksLikeHtml,
  networkError,
  timeoutError,
} from './parse-error.js';
import {
  normalizeAuthorize,
  normalizeConnect,
  normalizeCreatedInstance,
  normalizeDevicePoll,
  normalizeDeviceStart,
  normalizeInstances,
  normalizeRefresh,
  normalizeStatus,
  pollStateOf,
} from './responses.js';
import type { CallOptions, ConfigObject, ProviderList } from './types.js';

export const DEFAULT_TIMEOUT_MS = 15_000;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface RequestSpec {
  method: Method;
  path: string;
  /** JSON body for POST/PATCH; `{}` is sent when omitted. */
  body?: unknown;
  opts?: CallOptions;
  /**
   * Bodies that are a domain answer even with `ok:false` or a non-2xx status (device poll:
   * `{"ok":false,"status":"expired"}`; status: `{"ok":false,"connected":false,…}`).
   */
  acceptBody?: (body: unknown, httpStatus: number) => boolean;
}

interface Answer {
  status: number;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isAbsoluteHttp = (path: string): boolean => /^https?:\/\//i.test(path);

/** How an auth gate words a 401 (CrossWatch: "Unauthorized"), as opposed to a login route's reason. */
const AUTH_GATE_401 =
  /^(unauthori[sz]ed|not authenticated|authentication required)\.?$|session|sign in|api token|bearer|^The server (answered HTTP 401|requires you to sign in)/i;

/**
 * On a connect/login route, a 401 that carries its own sentence ("Invalid username or password",
 * CrossWatch's Jellyfin login) is the PROVIDER refusing the credentials, not our dashboard
 * session expiring: telling the user to sign in again would send them the wrong way.
 */
function credentialsRejection(e: unknown): unknown {
  if (e instanceof ApiError && e.status === 401 && e.code === ErrorCodes.unauthorized && !AUTH_GATE_401.test(e.message)) {
    return new ApiError({ code: 'invalid_credentials', message: e.message, status: 401, field: e.field });
  }
  return e;
}

/** Marks the rejection of our own abort race, to tell it apart from fetch failures. */
const ABORTED = Symbol('aborted');

export function createApiClient(options: ApiClientOptions = {}): AuthApi {
  const baseUrl = (options.baseUrl ?? '').trim().replace(/\/+$/, '');
  const extraHeaders = { ...(options.headers ?? {}) };
  const credentials: RequestCredentials = options.credentials ?? 'same-origin';
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  function joinUrl(path: string): string {
    if (isAbsoluteHttp(path)) return path;
    return `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  function urlFor(path: string, instance: string | undefined): string {
    const url = joinUrl(path);
    if (instance === undefined || instance === '' || instance === 'default') return url;
    const hashAt = url.indexOf('#');
    const [head, hash] = hashAt >= 0 ? [url.slice(0, hashAt), url.slice(hashAt)] : [url, ''];
    const sep = head.includes('?') ? '&' : '?';
    return `${head}${sep}instance=${encodeURIComponent(instance)}${hash}`;
  }

  function resolveUrl(path: string): string {
    const joined = joinUrl(path);
    const base = (globalThis as { location?: Location }).location?.href;
    try {
      return new URL(joined, base).href;
    } catch {
      return joined;
    }
  }

  /** Runs fetch + body read under the call's timeout and the caller's signal. */
  async function send(spec: RequestSpec): Promise<{ response: Response; text: string }> {
    const { method, path, opts } = spec;
    const callerSignal = opts?.signal;
    if (callerSignal?.aborted) throw abortedError();

    // Built before any timer or listener exists, so a body that cannot be serialised leaks nothing.
    const headers = new Headers({ accept: 'application/json' });
    for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
    const init: RequestInit = { method, headers, credentials };
    if (method === 'GET') init.cache = 'no-store';
    if (method === 'POST' || method === 'PATCH') {
      headers.set('content-type', 'application/json');
      init.body = JSON.stringify(spec.body ?? {});
    }

    const timeoutMs = opts?.timeoutMs ?? defaultTimeout;
    const controller = new AbortController();
    init.signal = controller.signal;
    let cause: 'timeout' | 'aborted' | undefined;
    let rejectRace: (reason: unknown) => void = () => {};
    const race = new Promise<never>((_, reject) => {
      rejectRace = reject;
    });
    race.catch(() => {}); // settled or not, never an unhandled rejection

    const onCallerAbort = () => {
      cause ??= 'aborted';
      controller.abort(callerSignal?.reason);
    };
    const onAbort = () => rejectRace(ABORTED);
    controller.signal.addEventListener('abort', onAbort, { once: true });
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer =
      Number.isFinite(timeoutMs) && timeoutMs > 0
        ? setTimeout(() => {
            cause ??= 'timeout';
            controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
          }, timeoutMs)
        : undefined;

    try {
      const fetchImpl = options.fetch ?? globalThis.fetch;
      const exchange = (async () => {
        // .call(globalThis): window.fetch passed unbound would otherwise throw "Illegal invocation"
        const response = await fetchImpl.call(globalThis, urlFor(path, opts?.instance), init);
        const text = await response.text();
        return { response, text };
      })();
      exchange.catch(() => {}); // if the race wins, a later rejection here is expected
      return await Promise.race([exchange, race]);
    } catch (e) {
      if (cause === 'timeout') throw timeoutError(timeoutMs);
      if (cause === 'aborted' || e === ABORTED) throw abortedError();
      if (e instanceof ApiError) throw e;
      if (e instanceof DOMException && e.name === 'AbortError') throw abortedError();
      throw networkError(method, path);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
      controller.signal.removeEventListener('abort', onAbort);
    }
  }

  /** One request: transport, status, JSON parsing and the `ok:false` check. */
  async function request(spec: RequestSpec): Promise<Answer> {
    const { response, text } = await send(spec);
    const { status, headers } = response;

    let body: unknown;
    let parsed = false;
    if (text.trim() !== '' && !looksLikeHtml(text, headers.get('content-type') ?? '')) {
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        // handled below
      }
    }

    if (!response.ok) {
      if (parsed && spec.acceptBody?.(body, status)) return { status, body };
      throw errorFromResponse(status, headers, text);
    }
    if (text.trim() === '') return { status, body: undefined };
    if (!parsed) {
      if (looksLikeHtml(text, headers.get('content-type') ?? '')) {
        throw badResponseError(
          status,
          `The server answered HTTP ${status} with an HTML page instead of JSON; check the base URL or proxy.`,
        );
      }
      throw badResponseError(status, `The server sent a response that is not valid JSON (HTTP ${status}).`);
    }
    if (isRecord(body) && body.ok === false && !spec.acceptBody?.(body, status)) {
      throw (
        errorFromJson(body, { status, headers }) ??
        new ApiError({ code: ErrorCodes.http, message: 'The server reported a failure without details.', status })
      );
    }
    return { status, body };
  }

  /** 409 on a delete means "still in use" even when the server gave no code. */
  async function guardInUse<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code !== ErrorCodes.providerInUse && !e.usages) {
        throw new ApiError({
          code: ErrorCodes.providerInUse,
          message: e.message,
          status: 409,
          retryAfter: e.retryAfter,
          usages: [],
        });
      }
      throw e;
    }
  }

  const instancesPath = (provider: string, ...rest: string[]) =>
    ['/api/provider-instances', provider, ...rest].map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join('/');

  return {
    baseUrl,
    resolveUrl,

    async listProviders(opts): Promise<ProviderList> {
      const { status, body } = await request({ method: 'GET', path: '/api/auth/providers', opts });
      return parseProviderList(body, status);
    },

    async getConfig(opts): Promise<ConfigObject> {
      const { status, body } = await request({ method: 'GET', path: '/api/config', opts });
      if (!isRecord(body)) {
        const got = body === undefined ? 'an empty body' : describeValue(body);
        throw new ApiError({
          code: ErrorCodes.invalidConfig,
          message: `The config must be a JSON object, but the server sent ${got}.`,
          status,
        });
      }
      return body;
    },

    async saveConfig(partial, opts) {
      await request({ method: 'POST', path: '/api/config', body: partial, opts });
    },

    async unsetConfig(paths, opts) {
      await request({ method: 'POST', path: '/api/config/unset', body: { paths }, opts });
    },

    async deviceStart(path, body, opts) {
      const answer = await request({ method: 'POST', path, body: body ?? {}, opts });
      return normalizeDeviceStart(answer.body, answer.status);
    },

    async devicePoll(path, opts) {
      const answer = await request({
        method: 'POST',
        path,
        opts,
        acceptBody: (b) => pollStateOf(b) !== undefined,
      });
      return normalizeDevicePoll(answer.body, answer.status);
    },

    async deviceCancel(path, opts) {
      await request({ method: 'POST', path, opts });
    },

    async authorize(path, origin, opts) {
      const body = opts?.nonce ? { origin, nonce: opts.nonce } : { origin };
      const answer = await request({ method: 'POST', path, body, opts });
      return normalizeAuthorize(answer.body, answer.status);
    },

    async connect(path, values, opts) {
      try {
        const answer = await request({ method: 'POST', path, body: values, opts });
        return normalizeConnect(answer.body);
      } catch (e) {
        throw credentialsRejection(e);
      }
    },

    async status(path, opts) {
      const answer = await request({
        method: 'GET',
        path,
        opts,
        // HTTP 200 {ok:false, connected:false, error:"…"} (TMDb verify) is still a status
        acceptBody: (b, httpStatus) => httpStatus < 300 && isRecord(b) && typeof b.connected === 'boolean',
      });
      return normalizeStatus(answer.body, answer.status);
    },

    async refresh(path, opts) {
      const answer = await request({ method: 'POST', path, opts });
      return normalizeRefresh(answer.body, answer.status);
    },

    async disconnect(path, opts) {
      await guardInUse(() => request({ method: 'POST', path, opts }));
    },

    async listInstances(provider, opts) {
      const answer = await request({ method: 'GET', path: instancesPath(provider), opts: { ...opts, instance: undefined } });
      return normalizeInstances(answer.body, answer.status);
    },

    async createInstance(provider, opts) {
      const answer = await request({ method: 'POST', path: instancesPath(provider, 'next'), opts: { ...opts, instance: undefined } });
      return normalizeCreatedInstance(answer.body, answer.status);
    },

    async renameInstance(provider, id, label, opts) {
      await request({ method: 'PATCH', path: instancesPath(provider, id), body: { label }, opts: { ...opts, instance: undefined } });
    },

    async deleteInstance(provider, id, opts) {
      await guardInUse(() =>
        request({ method: 'DELETE', path: instancesPath(provider, id), opts: { ...opts, instance: undefined } }),
      );
    },
  };
}
