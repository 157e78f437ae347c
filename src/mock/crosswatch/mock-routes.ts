/**
 * The mock's own routes under /mock/ (outside the auth gate, like /callback): the activation page
 * that stands in for every provider's code entry, the login page that hands out `cw_auth`
 * cookies, the overview at /mock, and (control-routes.ts) the test controls.
 */
import { alias } from './backend-api.js';
import { controlRoute } from './control-routes.js';
import { html, json, notFound, redirect, requestContext, runRoute } from './http.js';
import { activationPage, activationResultPage, DEVICE_PROVIDERS, loginPage } from './pages.js';
import type { CrossWatchRuntime } from './runtime.js';
import { randomHex } from './state.js';

/** /mock/*: the pages, login/logout, the controls, and the consent page (registered by oauth.ts). */
export async function mockRoute(rt: CrossWatchRuntime, request: Request, url: URL, cookies: Record<string, string>): Promise<Response> {
  const { s } = rt;
  const ctx = requestContext(request, url, cookies, {});
  const method = ctx.method;
  const path = url.pathname.replace(/\/+$/, '') || '/mock';
  return runRoute(ctx, async () => {
    if (path === '/mock' && method === 'GET') return html(indexHtml());
    if (path === '/mock/activate' && method === 'GET') {
      return html(activationPage(url.searchParams.get('provider') ?? '', url.searchParams.get('code') ?? ''));
    }
    if (path === '/mock/activate' && method === 'POST') {
      const body = await ctx.optionalBody();
      const decision = body['decision'] === 'deny' ? 'deny' : 'approve';
      const provider = typeof body['provider'] === 'string' && body['provider'] ? alias(body['provider']) : undefined;
      const code = typeof body['code'] === 'string' ? body['code'] : '';
      if (!code.trim()) return html(activationResultPage(false, decision, 'unknown_code'), 400);
      const account = typeof body['account'] === 'string' ? body['account'].trim() || undefined : undefined;
      const r = s.decide(provider, code, decision, account);
      const status = r.ok ? 200 : r.reason === 'unknown_code' ? 404 : r.reason === 'expired' ? 410 : 409;
      return html(activationResultPage(r.ok, decision, r.reason), status);
    }
    if (path === '/mock/login' && method === 'GET') return html(loginPage(safeNext(url.searchParams.get('next'))));
    if (path === '/mock/login' && method === 'POST') {
      const body = await ctx.optionalBody();
      const session = `sess-${randomHex(24)}`;
      s.sessions.add(session);
      const cookie = `cw_auth=${session}; Path=/; HttpOnly; SameSite=Lax`;
      const next = safeNext(typeof body['next'] === 'string' ? body['next'] : url.searchParams.get('next'));
      if ((request.headers.get('accept') ?? '').includes('application/json')) {
        return json({ ok: true }, 200, { 'set-cookie': cookie });
      }
      const res = redirect(next, 303);
      res.headers.set('set-cookie', cookie);
      return res;
    }
    if (path === '/mock/logout' && method === 'POST') {
      if (cookies['cw_auth']) s.sessions.delete(cookies['cw_auth']);
      return json({ ok: true }, 200, { 'set-cookie': 'cw_auth=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax' });
    }
    // Test controls: the contract mock's routes and bodies (docs/mock.md).
    if (path.startsWith('/mock/control/')) return controlRoute(rt, path.slice('/mock/control/'.length), method, ctx);
    // The consent page lives in the OAuth module's routes.
    const match = rt.router.match(method, path);
    if (match && match !== 'method') return match.handler({ ...ctx, params: match.params });
    return notFound();
  });
}

/** Only same-site relative paths: no open redirect from the login page. */
function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The overview at /mock: links to the main routes and every activation page. */
function indexHtml(): string {
  const links = Object.entries(DEVICE_PROVIDERS)
    .map(([id, label]) => `<li><a href="/mock/activate?provider=${id}">Activate: ${label.replace(/[<>&"]/g, '')}</a></li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CrossWatch mock</title></head><body><main>
<h1>CrossWatch-flavoured mock backend</h1>
<p>Behaves like CrossWatch v0.11.3's API. See docs/crosswatch.md.</p>
<ul><li><a href="/api/auth/providers">GET /api/auth/providers</a></li><li><a href="/api/config">GET /api/config</a></li>
<li><a href="/mock/control/state">GET /mock/control/state</a></li><li><a href="/mock/login">Sign in (cw_auth cookie)</a></li>${links}</ul>
</main></body></html>`;
}
