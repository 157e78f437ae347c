/**
 * The mock as a real HTTP server: node:http in front of the same msw handlers, answered through
 * msw's getResponse() (no extra dependencies). CORS reflects the calling Origin with credentials,
 * so a page on another origin can embed the widget against it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type RequestHandler } from 'msw';

/** Anything with msw handlers: the contract backend, the CrossWatch flavour, a test's own. */
export interface MockServerBackend {
  readonly handlers: RequestHandler[];
  /** `false`: send no CORS headers and pass OPTIONS to the handlers (CrossWatch sends none). */
  readonly cors?: boolean;
}

/** CORS headers unless the backend opted out. */
const corsFor = (backend: MockServerBackend, req: IncomingMessage, preflight = false): Record<string, string> =>
  backend.cors === false ? {} : corsHeaders(req, preflight);

export interface StartMockServerOptions {
  backend: MockServerBackend;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface MockServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'X-Mock-Fault', 'X-CW-Token', 'X-Requested-With'];
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/** CORS headers for `req`: the calling origin is reflected and may send credentials. */
export function corsHeaders(req: IncomingMessage, preflight = false): Record<string, string> {
  const headers: Record<string, string> = { vary: 'Origin, Access-Control-Request-Headers' };
  const origin = req.headers.origin;
  if (origin) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-allow-credentials'] = 'true';
  }
  headers['access-control-expose-headers'] = 'Retry-After, Location, Content-Type';
  if (preflight) {
    const requested = String(req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const known = new Set(ALLOWED_HEADERS.map((h) => h.toLowerCase()));
    headers['access-control-allow-headers'] = [...ALLOWED_HEADERS, ...requested.filter((h) => !known.has(h.toLowerCase()))].join(', ');
    headers['access-control-allow-methods'] = ALLOWED_METHODS;
    headers['access-control-max-age'] = '600';
    // Chrome's Private Network Access: a public https page calling this loopback server.
    if (req.headers['access-control-request-private-network'] === 'true') {
      headers['access-control-allow-private-network'] = 'true';
    }
  }
  return headers;
}

/** The origin the client used, so the mock's absolute URLs (activation, consent) point back at it. */
function requestOrigin(req: IncomingMessage, fallbackHost: string): string {
  const forwardedHost = String(req.headers['x-forwarded-host'] ?? '').split(',')[0]?.trim();
  const forwardedProto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim();
  const host = forwardedHost || req.headers.host || fallbackHost;
  const proto = forwardedProto === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...extra, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Answers one Node request from the backend's handlers. Returns false when no handler matched
 * and nothing was written (so a middleware can call next()).
 */
export async function answerFromHandlers(
  backend: MockServerBackend,
  req: IncomingMessage,
  res: ServerResponse,
  fallbackHost = '127.0.0.1',
): Promise<boolean> {
  if (req.method === 'OPTIONS' && backend.cors !== false) {
    res.writeHead(204, corsHeaders(req, true)).end();
    return true;
  }
  const cors = corsFor(backend, req);
  const origin = requestOrigin(req, fallbackHost);
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // Aborts handler waits (latency faults) when the client goes away.
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const request = new Request(new URL(req.url ?? '/', origin), {
    method,
    headers: toHeaders(req),
    body: hasBody ? new Uint8Array(await readBody(req)) : undefined,
    signal: abort.signal,
  });
  const response = await getResponse(backend.handlers, request, { baseUrl: origin });
  if (!response) return false;
  if (response.type === 'error') {
    // msw's HttpResponse.error(): a network failure, so drop the connection without an answer.
    res.destroy();
    return true;
  }
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie' || name === 'content-length' || name === 'transfer-encoding') return;
    res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
  res.setHeader('content-length', body.length);
  res.end(method === 'HEAD' ? undefined : body);
  return true;
}

/** A Node request listener serving the backend; unknown paths get a 404 envelope. */
export function createMockRequestListener(backend: MockServerBackend, fallbackHost = '127.0.0.1') {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      if (req.method === 'GET' && (req.url === '/' || req.url === '')) {
        res.writeHead(302, { location: '/mock', ...corsFor(backend, req) }).end();
        return;
      }
      const answered = await answerFromHandlers(backend, req, res, fallbackHost);
      if (!answered) {
        sendJson(
          res,
          404,
          { ok: false, error: { code: 'not_found', message: `The mock has no route ${req.method} ${req.url?.split('?')[0]}.` } },
          corsFor(backend, req),
        );
      }
    })().catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(res, 500, { ok: false, error: { code: 'internal', message: `The mock server failed: ${detail}` } }, corsFor(backend, req));
    });
  };
}

/**
 * Connect-style middleware (Vite's `configureServer`) answering `/api/…` and `/mock…` from the
 * backend, so a dev server can serve the mock on its own origin, person-facing pages included
 * (msw's service worker does not intercept page navigations).
 */
export function createMockMiddleware(backend: MockServerBackend, prefixes: string[] = ['/api/', '/mock']) {
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!prefixes.some((p) => path.startsWith(p))) {
      next();
      return;
    }
    answerFromHandlers(backend, req, res)
      .then((answered) => {
        if (!answered) next();
      })
      .catch(next);
  };
}

export function startMockServer({ backend, port = 0, host = '127.0.0.1' }: StartMockServerOptions): Promise<MockServer> {
  const server = createServer(createMockRequestListener(backend, host));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = (server.address() as AddressInfo).port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${actual}`,
        port: actual,
        close: () =>
          new Promise<void>((done, failed) => {
            server.close((error) => (error ? failed(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
