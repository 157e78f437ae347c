/**
 * A fetch that answers from msw handlers via `getResponse` (toolchain.md §4 "mockFetch"), for
 * injecting into createApiClient in tests. It behaves like the real fetch where the client
 * depends on it: it rejects with an AbortError when the signal aborts (even while a handler is
 * still waiting in `delay()`), and a `HttpResponse.error()` or an unmatched request rejects
 * with a TypeError like a refused connection. Every request is recorded for assertions.
 */
import { getResponse, type RequestHandler } from 'msw';
import { expect } from '../helpers.js';
import { ApiError } from '../../src/api-client/errors.js';

/** Runs `call` and returns the ApiError it must reject with. */
export async function failure(call: Promise<unknown>): Promise<ApiError> {
  try {
    await call;
  } catch (e) {
    expect(e).to.be.instanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected the call to fail');
}

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  credentials: RequestCredentials;
  cache: RequestCache;
  /** Raw body text ('' when none). */
  body: string;
  signal: AbortSignal;
}

export interface HandlerFetch {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  /** The JSON body of request #i. */
  jsonBody(i?: number): unknown;
}

const abortError = (signal: AbortSignal): unknown =>
  signal.reason instanceof DOMException && signal.reason.name === 'AbortError'
    ? signal.reason
    : new DOMException('The operation was aborted.', 'AbortError');

export function handlerFetch(...handlers: RequestHandler[]): HandlerFetch {
  const requests: RecordedRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input instanceof URL ? input.href : input, init);
    const signal = init?.signal ?? request.signal;
    const copy = request.clone();
    requests.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      credentials: request.credentials,
      cache: request.cache,
      body: request.method === 'GET' || request.method === 'HEAD' ? '' : await copy.text(),
      signal,
    });
    if (signal.aborted) throw abortError(signal);
    let onAbort: () => void = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abortError(signal));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => {});
    try {
      const response = await Promise.race([getResponse(handlers, request, { baseUrl: location.href }), aborted]);
      if (!response || response.type === 'error') throw new TypeError('Failed to fetch');
      return response;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };
  return {
    fetch: fetchImpl as typeof fetch,
    requests,
    jsonBody(i = requests.length - 1) {
      const r = requests[i];
      if (!r) throw new Error(`no request #${i}`);
      return JSON.parse(r.body);
    },
  };
}
