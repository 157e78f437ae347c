/**
 * The OAuth flow (SIMKL): authorize hands out a single-use `state` and the consent page's URL,
 * the callback exchanges the code and tells the opener, and decideOAuth() plays consent plus
 * callback for tests and the demo. The consent page itself is in ../handlers/pages.ts.
 */
import type { WireAuthorize } from '../../api-client/wire.js';
import { readString } from '../config.js';
import { callbackPage } from '../pages.js';
import type { ProviderDef } from '../providers.js';
import type { DecisionResult } from '../types.js';
import { fail, httpOrigin, ok, randomHex, str, type JsonObject } from '../util.js';
import { hasClientKeys, missingKeys } from './config-store.js';
import type { BackendCore } from './core.js';
import type { OAuthSession } from './state.js';

/** How long an OAuth `state` stays valid (CrossWatch: 15 min). */
export const OAUTH_TTL_MS = 15 * 60 * 1000;

export function authorize(core: BackendCore, def: ProviderDef, body: JsonObject, origin: string): Response {
  if (!hasClientKeys(core.config, def)) return missingKeys(core.config, def);
  const target = httpOrigin(body.origin);
  if (!target) {
    return fail(400, 'invalid_request', 'origin must be the http(s) origin of the page, e.g. https://dashboard.example.com.', {
      field: 'origin',
    });
  }
  const nonce = str(body.nonce)?.slice(0, 200);
  const now = core.now();
  const state = randomHex(32);
  const clientId = readString(core.state.config, `${def.id}.client_id`)!;
  const redirectUri = `${origin}/api/${def.id}/callback`;
  core.state.oauth.set(state, {
    provider: def.id,
    state,
    origin: target,
    ...(nonce ? { nonce } : {}),
    redirectUri,
    clientId,
    createdAt: now,
    expiresAt: now + OAUTH_TTL_MS,
  });
  const query = { response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'public write', state };
  const answer: WireAuthorize = { authorize_url: core.pageUrl('consent', origin, query) };
  return ok(answer);
}

/** The pending attempt for `state`; an expired one is forgotten on the way. */
export function oauthSession(core: BackendCore, state: string | null): OAuthSession | undefined {
  const session = state ? core.state.oauth.get(state) : undefined;
  if (session && session.expiresAt <= core.now()) {
    core.state.oauth.delete(session.state);
    return undefined;
  }
  return session;
}

/** MockBackend.decideOAuth: the newest (or `opts.state`'s) pending attempt, as if consent and callback ran. */
export function decideOAuth(
  core: BackendCore,
  provider: string,
  decision: 'allow' | 'deny',
  opts: { account?: string; state?: string } = {},
): DecisionResult {
  const def = core.requireProvider(provider);
  const now = core.now();
  const session = [...core.state.oauth.values()]
    .filter((s) => s.provider === def.id && !s.decision && s.expiresAt > now && (!opts.state || s.state === opts.state))
    .sort((a, b) => b.createdAt - a.createdAt)[0];
  if (!session) return { ok: false, provider: def.id, message: `No ${def.label} authorization is waiting.` };
  core.state.oauth.delete(session.state);
  const callback = (status: 'authorized' | 'denied'): DecisionResult['callback'] => ({
    targetOrigin: session.origin,
    data: { type: 'cw-auth:oauth', provider: def.id, status, ...(session.nonce ? { nonce: session.nonce } : {}) },
  });
  if (decision === 'deny') return { ok: true, provider: def.id, message: `${def.label} access denied.`, callback: callback('denied') };
  const account = opts.account?.trim() || def.defaultAccount;
  core.issueToken(def, account);
  return { ok: true, provider: def.id, account, message: `${def.label} connected as ${account}.`, callback: callback('authorized') };
}

/** GET /api/<prov>/callback: finishes the OAuth exchange and tells the opener. */
export function oauthCallback(core: BackendCore, def: ProviderDef, url: URL): Response {
  const session = oauthSession(core, url.searchParams.get('state'));
  if (!session || session.provider !== def.id) {
    return callbackPage({
      providerLabel: def.label,
      title: 'Sign-in link not valid',
      text: `State mismatch: this ${def.label} sign-in is unknown or expired. Start again in the app.`,
      kind: 'error',
      status: 400,
    });
  }
  const message = (status: 'authorized' | 'denied') => ({
    data: { type: 'cw-auth:oauth', provider: def.id, status, ...(session.nonce ? { nonce: session.nonce } : {}) },
    targetOrigin: session.origin,
  });
  if (url.searchParams.get('error')) {
    core.state.oauth.delete(session.state);
    return callbackPage({
      providerLabel: def.label,
      title: `${def.label} access denied`,
      text: `You declined access, so ${def.label} was not connected.`,
      kind: 'info',
      post: message('denied'),
    });
  }
  const code = url.searchParams.get('code');
  if (!code || code !== session.code) {
    return callbackPage({
      providerLabel: def.label,
      title: 'Sign-in failed',
      text: `${def.label} did not accept the authorization code. Start again in the app.`,
      kind: 'error',
      status: 400,
    });
  }
  core.state.oauth.delete(session.state);
  const account = session.account ?? def.defaultAccount;
  core.issueToken(def, account);
  return callbackPage({
    providerLabel: def.label,
    title: `${def.label} connected`,
    text: `${def.label} is now linked to ${account}.`,
    kind: 'ok',
    post: message('authorized'),
  });
}
