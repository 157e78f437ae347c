/**
 * CrossWatch's auth gate on /api/* (crosswatch.py app_auth_gate + _unsafe_api_origin_blocked):
 * an API token, or (mode `cookie`) the `cw_auth` session cookie, and for cookie-authenticated
 * unsafe methods a same-origin Origin or Referer. /mock/* and /callback stay outside it.
 */
import { json } from './http.js';
import type { CrossWatchRuntime } from './runtime.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The gate's answer for an /api request: undefined lets it through, else CrossWatch's 401 or 403. */
export function authGate(rt: CrossWatchRuntime, request: Request, url: URL, method: string, cookies: Record<string, string>): Response | undefined {
  if (rt.requireAuth === 'none') return undefined;
  const via = authenticate(rt, request, cookies);
  if (!via) return json({ ok: false, error: 'Unauthorized' }, 401);
  if (via === 'cookie' && UNSAFE.has(method) && !sameOrigin(request, url)) {
    return json({ ok: false, error: 'Origin mismatch' }, 403);
  }
  return undefined;
}

function authenticate(rt: CrossWatchRuntime, request: Request, cookies: Record<string, string>): 'cookie' | 'token' | null {
  const auth = request.headers.get('authorization') ?? '';
  const bearer = /^bearer\s+(.+)$/i.exec(auth)?.[1]?.trim() ?? request.headers.get('x-cw-token')?.trim();
  if (bearer && bearer === rt.apiToken) return 'token';
  if (rt.requireAuth === 'token') return null;
  const session = cookies['cw_auth'];
  if (session && (session === rt.sessionCookie || rt.s.sessions.has(session))) return 'cookie';
  return null;
}

function sameOrigin(request: Request, url: URL): boolean {
  const host = (request.headers.get('host') || url.host).toLowerCase();
  const allowed = [`http://${host}`, `https://${host}`];
  const origin = request.headers.get('origin');
  if (origin) return allowed.includes(origin.toLowerCase());
  const referer = request.headers.get('referer') || request.referrer;
  if (!referer) return false;
  // A Request built in the page itself (msw's fetch interception) has the "current client" referrer.
  if (referer === 'about:client') {
    const loc = (globalThis as { location?: { host?: string } }).location;
    return typeof loc?.host === 'string' && loc.host.toLowerCase() === host;
  }
  try {
    return allowed.includes(new URL(referer).origin.toLowerCase());
  } catch {
    return false;
  }
}
