/**
 * The PIN routes (crosswatch-api.md §3.5): Plex and Trakt start a server-side waiter (the token
 * appears in the config the moment the code is approved; the UI watches /api/config), SIMKL's PIN
 * is polled through CrossWatch. Codes are approved on /mock/activate.
 */
import { isBlankSecret, isObject, type JsonObject } from '../config.js';
import type { MockEnv } from '../env.js';
import { json, type Router } from '../http.js';
import { randomHex, randomString } from '../state.js';
import { activateUrl, expired } from './common.js';

export function registerPinRoutes(router: Router, env: MockEnv): void {
  const { s } = env;
  const mock = env.verificationUrls === 'mock';

  // ---- Plex: 4-char PIN, server-side waiter; the UI watches plex.account_token in /api/config.
  router.post('/api/plex/pin/new', (ctx) => {
    const instance = ctx.instance;
    const block = s.writable('plex', instance);
    if (!s.str(block, 'client_id')) block['client_id'] = randomHex(24);
    const code = randomString(4);
    const id = s.nextPinId();
    const created = s.epoch();
    block['_pending_pin'] = { id, code, created };
    s.addGrant({
      provider: 'plex',
      instance,
      code,
      expiresAt: s.now() + 300_000,
      onApprove: (account) => {
        const b = s.writable('plex', instance);
        b['account_token'] = `plex-${randomHex(20)}`;
        // CrossWatch "inspects" plex.tv after linking and fills in the account and server.
        b['username'] = account || b['username'] || 'plexuser';
        b['account_id'] = b['account_id'] || '12345678';
        b['pms_token'] = `pms-${randomHex(20)}`;
        b['machine_id'] = b['machine_id'] || randomHex(40);
        b['server_url'] = b['server_url'] || 'http://192.168.1.10:32400';
        delete b['_pending_pin'];
      },
    });
    return json({ ok: true, code, pin_id: id, id, expiresIn: 300, expires_epoch: created + 300, instance });
  });

  // ---- Trakt: device code with the user's own app keys; failures collapse to "internal".
  router.post('/api/trakt/pin/new', async (ctx) => {
    const instance = ctx.instance;
    const body = await ctx.optionalBody();
    const block = s.writable('trakt', instance);
    for (const key of ['client_id', 'client_secret'] as const) {
      const v = body[key];
      if (typeof v === 'string' && !isBlankSecret(v)) block[key] = v.trim();
    }
    if (!s.str(block, 'client_id') || !s.str(block, 'client_secret')) {
      return json({ ok: false, error: 'internal' });
    }
    const userCode = randomString(8);
    const verificationUrl = mock ? activateUrl(ctx, 'trakt') : 'https://trakt.tv/activate';
    const now = s.epoch();
    block['_pending_device'] = {
      user_code: userCode,
      device_code: randomHex(64),
      verification_url: 'https://trakt.tv/activate',
      interval: 5,
      expires_at: now + 600,
      created_at: now,
    };
    s.addGrant({
      provider: 'trakt',
      instance,
      code: userCode,
      expiresAt: s.now() + 600_000,
      onApprove: () => {
        const b = s.writable('trakt', instance);
        b['access_token'] = `trakt-${randomHex(32)}`;
        b['refresh_token'] = `trakt-r-${randomHex(32)}`;
        b['expires_at'] = s.epoch() + 86_400;
        b['scope'] = 'public';
        b['token_type'] = 'Bearer';
        b['_pending_device'] = { ...(s.template('trakt')['_pending_device'] as JsonObject) };
      },
    });
    return json({ ok: true, user_code: userCode, verification_url: verificationUrl, verificationUrl, expiresIn: 600 });
  });

  // ---- SIMKL PIN (baked app id, no keys needed).
  router.post('/api/simkl/pin/start', (ctx) => {
    const code = randomString(6);
    s.writable('simkl', ctx.instance)['_pending_pin'] = { user_code: code, expires_at: s.epoch() + 900 };
    s.addGrant({ provider: 'simkl', instance: ctx.instance, code, expiresAt: s.now() + 900_000 });
    return json({
      ok: true,
      user_code: code,
      verification_url: mock ? activateUrl(ctx, 'simkl') : 'https://simkl.com/pin',
      interval: 5,
      expires_in: 900,
      instance: ctx.instance,
    });
  });
  router.post('/api/simkl/pin/poll', (ctx) => {
    const block = s.block('simkl', ctx.instance);
    const pending = block?.['_pending_pin'];
    const grant = isObject(pending) ? s.findGrant('simkl', ctx.instance, String(pending['user_code'] ?? '')) : undefined;
    if (!block || !grant) return json({ ok: false, status: 'no_pin' });
    // SIMKL has no "deny": a refused PIN simply never authorizes and runs out.
    if (grant.status === 'denied' || grant.status === 'cancelled' || expired(s, grant)) {
      delete block['_pending_pin'];
      return json({ ok: false, status: 'expired' });
    }
    if (grant.status !== 'approved') return json({ ok: true, status: 'pending' });
    grant.status = 'consumed';
    delete block['_pending_pin'];
    block['access_token'] = `simkl-${randomHex(32)}`;
    block['auth_method'] = 'pin';
    return json({ ok: true, status: 'authorized', auth_method: 'pin' });
  });
  router.post('/api/simkl/pin/cancel', (ctx) => {
    const block = s.block('simkl', ctx.instance);
    const pending = block?.['_pending_pin'];
    if (isObject(pending)) {
      const g = s.findGrant('simkl', ctx.instance, String(pending['user_code'] ?? ''));
      if (g?.status === 'pending') g.status = 'cancelled';
      delete block!['_pending_pin'];
    }
    return json({ ok: true, cancelled: true });
  });
}
