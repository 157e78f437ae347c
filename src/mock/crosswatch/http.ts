/**
 * A tiny router, the request context its handlers get, and the response shapes FastAPI/uvicorn
 * produce, so the mock answers like CrossWatch.
 */
import { isObject } from './config.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/** Thrown while reading a body; turned into FastAPI's 422. */
export class BodyError extends Error {
  constructor(readonly kind: 'missing' | 'json_invalid' | 'dict_type') {
    super(kind);
  }
}

export interface RequestContext {
  request: Request;
  url: URL;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** `?instance=`; `default` when absent or blank. */
  instance: string;
  /** This server's own origin (`http://127.0.0.1:8787`), from the request URL/Host. */
  origin: string;
  cookies: Record<string, string>;
  /** Parsed JSON body, `undefined` when the body is empty. Throws BodyError on malformed JSON. */
  body(): Promise<unknown>;
  /** Like body() but a missing body is FastAPI's 422 (routes declaring `payload = Body(...)`). */
  requiredBody(): Promise<Record<string, unknown>>;
  /** Body as an object ({} when absent, or when it is JSON but not an object). */
  optionalBody(): Promise<Record<string, unknown>>;
}

export type RouteHandler = (ctx: RequestContext) => Response | Promise<Response>;

interface Route {
  method: Method;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: Method, path: string, handler: RouteHandler): this {
    const keys: string[] = [];
    const source = path
      .split('/')
      .map((part) => {
        if (part.startsWith(':')) {
          keys.push(part.slice(1));
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, handler });
    return this;
  }

  get(path: string, h: RouteHandler): this {
    return this.add('GET', path, h);
  }
  post(path: string, h: RouteHandler): this {
    return this.add('POST', path, h);
  }

  /** The handler and path params, `'method'` when only another method matches, or null. */
  match(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | 'method' | null {
    let otherMethod = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      const wanted = method === 'HEAD' ? 'GET' : method;
      if (route.method !== wanted) {
        otherMethod = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1]!)));
      return { handler: route.handler, params };
    }
    return otherMethod ? 'method' : null;
  }
}

/** What a route handler gets for one request; bodies are read at most once. */
export function requestContext(request: Request, url: URL, cookies: Record<string, string>, params: Record<string, string>): RequestContext {
  const read = bodyReader(request);
  return {
    request,
    url,
    method: request.method.toUpperCase(),
    path: url.pathname,
    params,
    query: url.searchParams,
    instance: url.searchParams.get('instance')?.trim() || 'default',
    origin: url.origin,
    cookies,
    body: read,
    async requiredBody() {
      const body = await read();
      if (body === undefined) throw new BodyError('missing');
      if (!isObject(body)) throw new BodyError('dict_type');
      return body as Record<string, unknown>;
    },
    async optionalBody() {
      const body = await read();
      return isObject(body) ? (body as Record<string, unknown>) : {};
    },
  };
}

/** Runs a handler; a body error is FastAPI's 422, anything else uvicorn's plain 500. */
export async function runRoute(ctx: RequestContext, handler: (c: RequestContext) => Response | Promise<Response>): Promise<Response> {
  try {
    return await handler(ctx);
  } catch (error) {
    if (error instanceof BodyError) {
      return error.kind === 'missing' ? missingBody() : error.kind === 'dict_type' ? notAnObject() : invalidJson();
    }
    // uvicorn's answer to an unhandled exception.
    return text('Internal Server Error', 500);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function text(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
}

export function html(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
}

export function redirect(location: string, status = 303): Response {
  return new Response(null, { status, headers: { location } });
}

/** FastAPI's answer to a POST whose required JSON body is missing. */
export const missingBody = (): Response =>
  json({ detail: [{ loc: ['body'], msg: 'field required', type: 'missing' }] }, 422);

/** FastAPI's answer to a body that is not valid JSON. */
export const invalidJson = (): Response =>
  json({ detail: [{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }] }, 422);

/** FastAPI's answer when a `Dict` body is some other JSON value. */
export const notAnObject = (): Response =>
  json({ detail: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }] }, 422);

export const notFound = (): Response => json({ detail: 'Not Found' }, 404);
export const methodNotAllowed = (): Response => json({ detail: 'Method Not Allowed' }, 405);

/** Reads the body once; shared by the gate-free helpers on RequestContext. */
export function bodyReader(request: Request): () => Promise<unknown> {
  let cached: Promise<unknown> | undefined;
  return () =>
    (cached ??= (async () => {
      const raw = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      if (raw.trim() === '') return undefined;
      const type = request.headers.get('content-type') ?? '';
      if (type.includes('application/x-www-form-urlencoded')) {
        return Object.fromEntries(new URLSearchParams(raw));
      }
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        throw new BodyError('json_invalid');
      }
    })());
}

/** Minimal HTML escaping for the mock's own pages: every interpolated value goes through it. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    const name = part.slice(0, i).trim();
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[name] = part.slice(i + 1).trim();
    }
  }
  return out;
}
