/**
 * The person-facing pages a real provider would show: the activation page (device codes), the
 * OAuth consent page and the overview at /mock. Markup lives in ../pages.ts; what Approve, Deny
 * and Allow do lives in ../backend/. The OAuth callback page is an /api route (api-routes.ts).
 */
import { HttpResponse, http, type RequestHandler } from 'msw';
import type { MockBackendImpl } from '../backend.js';
import { decideDevice } from '../backend/device-flow.js';
import { oauthSession } from '../backend/oauth-flow.js';
import { activationPage, consentPage, indexPage, resultPage } from '../pages.js';
import { PROVIDERS, findProvider } from '../providers.js';
import { originOf, randomHex, readForm } from '../util.js';

export function pageHandlers(backend: MockBackendImpl): RequestHandler[] {
  return [
    http.get('*/mock/activate', ({ request }) => {
      const url = new URL(request.url);
      const def = findProvider(url.searchParams.get('provider') ?? undefined);
      return activationPage({
        providerId: def?.id,
        providerLabel: def?.label,
        code: url.searchParams.get('code') ?? undefined,
        account: def?.defaultAccount ?? 'demo-user',
      });
    }),
    http.post('*/mock/activate', async ({ request }) => {
      const form = await readForm(request);
      const def = findProvider(form.get('provider') ?? undefined);
      const code = (form.get('code') ?? '').trim();
      const account = form.get('account') ?? undefined;
      const decision = form.get('decision') === 'deny' ? 'deny' : form.get('decision') === 'approve' ? 'approve' : undefined;
      const again = (message: string, status: number) =>
        activationPage({
          providerId: def?.id,
          providerLabel: def?.label,
          code,
          account: account ?? def?.defaultAccount ?? 'demo-user',
          message,
          kind: 'error',
          status,
        });
      if (!code) return again('Enter the code shown in the app.', 400);
      if (!decision) return again('Choose Approve or Deny.', 400);
      const { status, result } = decideDevice(backend, decision, { provider: def?.id, code, account });
      if (status === 404) return again(result.message, 404);
      const label = findProvider(result.provider)?.label ?? 'Account';
      if (!result.ok) return resultPage(`${label}: code not accepted`, result.message, 'error', status);
      return decision === 'approve'
        ? resultPage(`${label} approved`, result.message, 'ok')
        : resultPage(`${label} access denied`, result.message, 'info');
    }),
    http.get('*/mock/oauth/authorize', ({ request }) => {
      const url = new URL(request.url);
      const session = oauthSession(backend, url.searchParams.get('state'));
      if (!session || session.decision) {
        return resultPage(
          'Authorization link not valid',
          session ? 'This authorization was already answered. Start again in the app.' : 'This authorization request is unknown or has expired. Start again in the app.',
          'error',
          400,
        );
      }
      const def = findProvider(session.provider)!;
      return consentPage({
        providerLabel: def.label,
        clientId: session.clientId,
        scope: url.searchParams.get('scope') ?? 'public write',
        redirectUri: session.redirectUri,
        state: session.state,
        account: def.defaultAccount,
      });
    }),
    http.post('*/mock/oauth/authorize', async ({ request }) => {
      const form = await readForm(request);
      const session = oauthSession(backend, form.get('state'));
      if (!session || session.decision) {
        return resultPage('Authorization link not valid', 'This authorization request is unknown, expired or already answered. Start again in the app.', 'error', 400);
      }
      const target = new URL(session.redirectUri);
      target.searchParams.set('state', session.state);
      if (form.get('decision') === 'allow') {
        session.decision = 'allowed';
        session.code = `code_${randomHex(24)}`;
        session.account = (form.get('account') ?? '').trim() || findProvider(session.provider)!.defaultAccount;
        target.searchParams.set('code', session.code);
      } else {
        session.decision = 'denied';
        target.searchParams.set('error', 'access_denied');
      }
      return new HttpResponse(null, { status: 303, headers: { location: target.href, 'cache-control': 'no-store' } });
    }),
    http.get('*/mock', ({ request }) => indexPage(originOf(request), PROVIDERS.map((p) => ({ id: p.id, label: p.label, device: p.kind === 'device' })))),
    http.get('*/mock/', ({ request }) => indexPage(originOf(request), PROVIDERS.map((p) => ({ id: p.id, label: p.label, device: p.kind === 'device' })))),
  ];
}
