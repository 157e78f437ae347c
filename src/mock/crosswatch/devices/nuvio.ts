/**
 * Nuvio's TV login (Supabase): poll says "approved", then /device/finish exchanges the tokens and
 * lists the account's profiles; the profile routes pick one (the card's account profile picker).
 */
import { isObject } from '../config.js';
import type { MockEnv } from '../env.js';
import { json, type Router } from '../http.js';
import { type Grant, randomHex, randomString } from '../state.js';
import { activateUrl, expired } from './common.js';

/** The account's profiles, as /device/finish and /profiles list them. */
export const NUVIO_PROFILES = [
  { profile_id: 1, name: 'Profile 1', is_primary: true, avatar: '' },
  { profile_id: 2, name: 'Kids', is_primary: false, avatar: '' },
];

export function registerNuvioRoutes(router: Router, env: MockEnv): void {
  const { s } = env;
  const mock = env.verificationUrls === 'mock';

  router.post('/api/nuvio/device/start', async (ctx) => {
    const body = await ctx.optionalBody();
    const code = randomString(6);
    const expiresAt = s.epoch() + 600;
    const redirectBase = typeof body['redirect_base_url'] === 'string' && body['redirect_base_url']
      ? body['redirect_base_url']
      : 'https://nuvio.tv/tv-login';
    s.writable('nuvio', ctx.instance)['_pending_tv_login'] = { code, expires_at: expiresAt, interval: 3 };
    s.addGrant({ provider: 'nuvio', instance: ctx.instance, code, expiresAt: s.now() + 600_000 });
    const loginUrl = mock ? activateUrl(ctx, 'nuvio', code) : `${redirectBase}?code=${encodeURIComponent(code)}`;
    return json({ ok: true, code, login_url: loginUrl, expires_at: expiresAt, interval: 3, instance: ctx.instance });
  });
  const nuvioGrant = (instance: string): Grant | undefined => {
    const pending = s.block('nuvio', instance)?.['_pending_tv_login'];
    return isObject(pending) ? s.findGrant('nuvio', instance, String(pending['code'] ?? '')) : undefined;
  };
  router.post('/api/nuvio/device/poll', async (ctx) => {
    await ctx.optionalBody();
    const grant = nuvioGrant(ctx.instance);
    if (!grant || grant.status === 'consumed' || grant.status === 'cancelled') {
      return json({ ok: false, status: 'no_pending_login' });
    }
    if (grant.status === 'denied') return json({ ok: false, error: 'nuvio_request_failed' });
    if (grant.status === 'approved') return json({ ok: true, status: 'approved', interval: 3 });
    if (expired(s, grant)) {
      delete s.block('nuvio', ctx.instance)!['_pending_tv_login'];
      return json({ ok: false, status: 'expired' });
    }
    return json({ ok: true, status: 'pending', interval: 3 });
  });
  router.post('/api/nuvio/device/finish', async (ctx) => {
    await ctx.optionalBody();
    const grant = nuvioGrant(ctx.instance);
    if (!grant || grant.status !== 'approved') return json({ ok: false, error: 'nuvio_request_failed' });
    grant.status = 'consumed';
    const b = s.writable('nuvio', ctx.instance);
    delete b['_pending_tv_login'];
    b['access_token'] = `nuvio-${randomHex(32)}`;
    b['refresh_token'] = `nuvio-r-${randomHex(32)}`;
    b['expires_at'] = s.epoch() + 3600;
    // The first (primary) profile is selected until the user picks another one.
    b['profile_id'] = NUVIO_PROFILES[0]!.profile_id;
    b['profile_name'] = NUVIO_PROFILES[0]!.name;
    return json({ ok: true, status: 'ok', profiles: NUVIO_PROFILES, instance: ctx.instance });
  });
  router.post('/api/nuvio/device/cancel', (ctx) => {
    const grant = nuvioGrant(ctx.instance);
    if (grant?.status === 'pending') grant.status = 'cancelled';
    const b = s.block('nuvio', ctx.instance);
    if (b) delete b['_pending_tv_login'];
    return json({ ok: true, cancelled: true });
  });
  router.get('/api/nuvio/profiles', (ctx) => {
    const b = s.block('nuvio', ctx.instance);
    if (!s.str(b, 'access_token')) return json({ ok: false, error: 'nuvio_request_failed' });
    return json({ ok: true, profiles: NUVIO_PROFILES, profile_id: b?.['profile_id'] ?? '' });
  });
  router.post('/api/nuvio/profile/select', async (ctx) => {
    const body = await ctx.requiredBody();
    const b = s.block('nuvio', ctx.instance);
    const profile = NUVIO_PROFILES.find((p) => String(p.profile_id) === String(body['profile_id']));
    if (!b || !s.str(b, 'access_token') || !profile) return json({ ok: false, error: 'nuvio_request_failed' });
    b['profile_id'] = profile.profile_id;
    b['profile_name'] = profile.name;
    return json({ ok: true, profile_id: profile.profile_id, profile_name: profile.name });
  });
}
