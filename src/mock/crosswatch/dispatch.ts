/**
 * How a request reaches a CrossWatch route: msw hands every /api, /callback and /mock request to
 * dispatch(), which sends /mock/* to the mock's own routes, runs the auth gate, then the fault
 * gate (latency, injected failures), then the router, with FastAPI's 404/405 for the rest.
 */
import { http, type RequestHandler } from 'msw';
import { sleep } from '../util.js';
import { authGate } from './auth-gate.js';
import { classify, faultResponse, parseFaultSpec, type CrossWatchFaultRule } from './faults.js';
import { json, methodNotAllowed, notFound, parseCookies, requestContext, runRoute } from './http.js';
import { mockRoute } from './mock-routes.js';
import type { CrossWatchRuntime } from './runtime.js';

async function dispatch(rt: CrossWatchRuntime, request: Request, mswCookies: Record<string, string>): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname;
  const method = request.method.toUpperCase();
  const cookies = { ...parseCookies(request.headers.get('cookie')), ...mswCookies };

  if (path === '/mock' || path.startsWith('/mock/')) return mockRoute(rt, request, url, cookies);

  const isApi = path === '/api' || path.startsWith('/api/');
  if (isApi) {
    const refused = authGate(rt, request, url, method, cookies);
    if (refused) return refused;
  }

  const info = classify(method, path);
  let oneOff: CrossWatchFaultRule[];
  try {
    oneOff = parseFaultSpec(request.headers.get('x-mock-fault') ?? url.searchParams.get('mock_fault'));
  } catch (error) {
    return json({ detail: error instanceof Error ? error.message : String(error) }, 400);
  }
  const picked = rt.faults.pick(oneOff, info);
  await sleep(rt.latencyMs + picked.latencyMs, request.signal);
  const instance = url.searchParams.get('instance')?.trim() || 'default';
  if (picked.fault) return faultResponse(picked.fault, info, instance);

  const match = rt.router.match(method, path);
  if (match === 'method') return methodNotAllowed();
  if (!match) return notFound();
  return runRoute(requestContext(request, url, cookies, match.params), match.handler);
}

/** The msw handlers: every path CrossWatch serves goes through dispatch(). */
export function dispatchHandlers(rt: CrossWatchRuntime): RequestHandler[] {
  const resolver = async ({ request, cookies }: { request: Request; cookies: Record<string, string> }) =>
    dispatch(rt, request, cookies);
  return [
    http.all('*/api/*', resolver),
    http.all('*/callback', resolver),
    http.all('*/callback/*', resolver),
    http.all('*/mock', resolver),
    http.all('*/mock/*', resolver),
  ];
}
