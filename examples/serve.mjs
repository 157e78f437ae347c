#!/usr/bin/env node
// A tiny static file server for the examples (no dependencies): serves the repository root, so
// /examples/… pages can load /dist/… bundles and /node_modules/lit/… modules.
//
//   node examples/serve.mjs                      http://127.0.0.1:8080/examples/script-tag/
//   node examples/serve.mjs --port 9000
//   node examples/serve.mjs --mock contract      also answer /api/… and /mock/… on the SAME origin
//   node examples/serve.mjs --mock crosswatch    (the built mock from dist/lib/mock; run `npm run build`)
//
// `--mock` shows the reverse-proxy setup CrossWatch needs (it sends no CORS headers): page and
// API on one origin. Without it, start `npm run mock` and the pages call it cross-origin.
//
// Also used by test/e2e/run.mjs and scripts/bench/*.mjs through startStaticServer().
import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The file for a URL path inside `root`, or undefined (also for `..` escapes). */
function fileFor(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return undefined;
  }
  const full = normalize(join(root, path));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  try {
    const stat = statSync(full);
    if (stat.isDirectory()) {
      const index = join(full, 'index.html');
      return statSync(index).isFile() ? index : undefined;
    }
    return stat.isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts the server. Options:
 *   root        directory to serve (default: the repository)
 *   port        0 (default) = a free port
 *   transform   (urlPath, text) => text | undefined: rewrite an HTML answer (tests use it)
 *   before      (req, res, next) middleware run first (e.g. the mock's createMockMiddleware)
 *   onRequest   (req) => void, called for every request (benchmarks count them)
 * Resolves to { url, port, close() }.
 */
export function startStaticServer({ root = repoRoot, port = 0, host = '127.0.0.1', transform, before, onRequest } = {}) {
  const base = resolve(root);
  const serveFile = (req, res) => {
    const urlPath = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain' }).end('Method not allowed');
      return;
    }
    if (!urlPath.endsWith('/') && !extname(urlPath)) {
      // A directory without a trailing slash: redirect so relative URLs in its page resolve.
      const dir = fileFor(base, urlPath + '/');
      if (dir) {
        res.writeHead(301, { location: urlPath + '/' }).end();
        return;
      }
    }
    const file = fileFor(base, urlPath);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${urlPath}`);
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'no-store' };
    if (transform && type.startsWith('text/html')) {
      const text = readFileSync(file, 'utf8');
      const out = transform(urlPath, text) ?? text;
      res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(out) }).end(req.method === 'HEAD' ? undefined : out);
      return;
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
  const server = createServer((req, res) => {
    onRequest?.(req);
    if (before) before(req, res, (error) => (error ? res.writeHead(500).end(String(error)) : serveFile(req, res)));
    else serveFile(req, res);
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolveStart({
        url: `http://${host}:${actual}`,
        port: actual,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Connect-style middleware answering /api/…, /mock… and /callback (CrossWatch's OAuth return) from the built mock (dist/lib/mock). */
export async function builtMockMiddleware(flavor = 'contract') {
  const lib = (p) => pathToFileURL(join(repoRoot, 'dist/lib/mock', p)).href;
  let server;
  try {
    server = await import(lib('server.js'));
  } catch {
    throw new Error('dist/lib/mock is missing: run `npm run build` first.');
  }
  const backend =
    flavor === 'crosswatch'
      ? (await import(lib('crosswatch/index.js'))).createCrossWatchBackend()
      : (await import(lib('index.js'))).createMockBackend();
  return { backend, middleware: server.createMockMiddleware(backend, ['/api/', '/mock', '/callback']) };
}

// CLI
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag, fallback) => {
    const i = args.indexOf(flag);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const port = Number(value('--port', process.env.PORT ?? 8080));
  const flavor = value('--mock', undefined);
  if (flavor && flavor !== 'contract' && flavor !== 'crosswatch') {
    console.error('--mock must be "contract" or "crosswatch"');
    process.exit(2);
  }
  const before = flavor ? (await builtMockMiddleware(flavor)).middleware : undefined;
  const { url } = await startStaticServer({ port, before });
  console.log(`examples served at ${url}/examples/script-tag/ and ${url}/examples/dashboard/`);
  if (flavor) console.log(`the ${flavor} mock answers ${url}/api/… on the same origin (use base-url="" or remove base-url)`);
  else console.log('start the mock with `npm run mock` (http://127.0.0.1:8787) in another terminal');
}
