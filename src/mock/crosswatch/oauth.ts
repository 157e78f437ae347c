/**
 * OAuth redirect flows (SIMKL, AniList) as CrossWatch runs them (§3.6): the client sends its
 * origin, the redirect URI is `<origin>/callback` (`/callback/anilist`), the state lives in memory
 * for 15 minutes, and the callback answers plain text with no postMessage.
 */
import { isBlankSecret } from './config.js';
import type { MockEnv } from './env.js';
import { html, json, redirect, text, type RequestContext, type Router } from './http.js';
import { consentPage, errorPage } from './pages.js';
import { type CrossWatchState, type OAuthState, randomHex, randomString } from './state.js';

const STATE_TTL_MS = 15 * 60_000;

const PROVIDERS = {
  simkl: {
    label: 'SIMKL',
    callbackPath: '/callback',
    scope: 'public write',
    realAuthorize: 'https://simkl.com/oauth/authorize',
    missingKeys: 'SIMKL client_id and client_secret must be set in settings first',
  },
  anilist: {
    label: 'AniList',
    callbackPath: '/callback/anilist',
    scope: '',
    realAuthorize: 'https://anilist.co/api/v2/oauth/authorize',
    missingKeys: 'AniList client_id and client_secret must be set in settings first',
  },
} as const;
export type OAuthProvider = keyof typeof PROVIDERS;

/** What the provider's token exchange yields, stored where CrossWatch keeps it. */
export function storeOAuthToken(s: CrossWatchState, state: string, account?: string): OAuthState | undefined {
  const entry = s.oauth.get(state);
  if (!entry) return undefined;
  s.oauth.delete(state);
  const block = s.writable(entry.provider, entry.instance);
  block['access_token'] = `${entry.provider}-${randomHex(32)}`;
  if (entry.provider === 'simkl') block['auth_method'] = 'oauth';
  if (entry.provider === 'anilist') block['user'] = { id: 424242, name: account || 'AniFan' };
  return entry;
}

export const oauthLabel = (prov: OAuthProvider): string => PROVIDERS[prov].label;

export function registerOAuthRoutes(router: Router, env: MockEnv): void {
  const { s } = env;
  const codes = s.oauthCodes;

  const authorize = (prov: OAuthProvider) => async (ctx: RequestContext) => {
    const body = await ctx.requiredBody();
    const spec = PROVIDERS[prov];
    const block = s.block(prov, ctx.instance);
    const clientId = s.str(block, 'client_id');
    if (!clientId || !s.str(block, 'client_secret')) return json({ ok: false, error: spec.missingKeys });
    const origin = typeof body['origin'] === 'string' && body['origin'] ? body['origin'].replace(/\/+$/, '') : ctx.origin;
    const redirectUri = `${origin}${spec.callbackPath}`;
    const state = randomString(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
    s.oauth.set(state, { provider: prov, instance: ctx.instance, redirectUri, clientId, expiresAt: s.now() + STATE_TTL_MS });
    const params = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri });
    if (spec.scope) params.set('scope', spec.scope);
    params.set('state', state);
    const base = env.verificationUrls === 'mock' ? `${ctx.origin}/mock/oauth/authorize` : spec.realAuthorize;
    const query = env.verificationUrls === 'mock' ? `provider=${prov}&${params}` : String(params);
    return json({ ok: true, authorize_url: `${base}?${query}`, instance: ctx.instance });
  };
  router.post('/api/simkl/authorize', authorize('simkl'));
  router.post('/api/anilist/authorize', authorize('anilist'));

  // The mock's consent page (stands in for simkl.com / anilist.co).
  router.get('/mock/oauth/authorize', (ctx) => {
    const state = ctx.query.get('state') ?? '';
    const entry = s.oauth.get(state);
    if (!entry || s.now() > entry.expiresAt) {
      const [body, status] = errorPage('Unknown request', 'This authorization request is unknown or has expired. Start again in the app.');
      return html(body, status);
    }
    return html(
      consentPage({
        provider: entry.provider,
        clientId: entry.clientId,
        redirectUri: entry.redirectUri,
        state,
        scope: PROVIDERS[entry.provider].scope || 'default',
      }),
    );
  });
  router.post('/mock/oauth/authorize', async (ctx) => {
    const body = await ctx.optionalBody();
    const state = String(body['state'] ?? '');
    const entry = s.oauth.get(state);
    if (!entry || s.now() > entry.expiresAt) {
      const [page, status] = errorPage('Unknown request', 'This authorization request is unknown or has expired.');
      return html(page, status);
    }
    if (!/^https?:\/\//i.test(entry.redirectUri)) {
      const [page, status] = errorPage('Bad redirect', 'The redirect URI is not an http(s) URL.');
      return html(page, status);
    }
    const target = new URL(entry.redirectUri);
    if (body['decision'] === 'allow') {
      const code = randomHex(32);
      codes.set(code, state);
      if (typeof body['account'] === 'string' && body['account'].trim()) entry.account = body['account'].trim();
      target.searchParams.set('code', code);
    } else {
      target.searchParams.set('error', 'access_denied');
    }
    target.searchParams.set('state', state);
    return redirect(target.href, 302);
  });

  const callback = (prov: OAuthProvider) => (ctx: RequestContext) => {
    const code = ctx.query.get('code');
    const state = ctx.query.get('state');
    if (!code || !state) return text('Missing code or state.', 400);
    const entry = s.oauth.get(state);
    if (!entry || entry.provider !== prov || s.now() > entry.expiresAt) return text('State mismatch.', 400);
    if (codes.get(code) !== state) return text(`${PROVIDERS[prov].label} token exchange failed.`, 400);
    codes.delete(code);
    storeOAuthToken(s, state, entry.account);
    return text(`${PROVIDERS[prov].label} authorized. You can close this tab and return to the app.`);
  };
  router.get('/callback', callback('simkl'));
  router.get('/callback/anilist', callback('anilist'));

  // AniList keeps its keys through its own save route (masked values ignored).
  router.post('/api/anilist/save', async (ctx) => {
    const body = await ctx.requiredBody();
    const block = s.writable('anilist', ctx.instance);
    for (const key of ['client_id', 'client_secret'] as const) {
      const v = body[key];
      if (typeof v === 'string' && !isBlankSecret(v)) block[key] = v.trim();
    }
    return json({ ok: true, instance: ctx.instance });
  });
}
