/**
 * Jellyfin Quick Connect (state in memory per profile, 600 s): the code is entered in Jellyfin
 * itself; in `mock` mode the activation page stands in for that Jellyfin. Failures come from the
 * server URL (MockRules: unreachable, too old, Quick Connect off).
 */
import type { MockEnv } from '../env.js';
import { json, type RequestContext, type Router } from '../http.js';
import { randomHex, randomString } from '../state.js';
import { activateUrl, expired } from './common.js';

export function registerQuickConnectRoutes(router: Router, env: MockEnv): void {
  const { s } = env;
  const mock = env.verificationUrls === 'mock';

  const jfServer = (ctx: RequestContext, body: Record<string, unknown>): string =>
    (typeof body['server'] === 'string' && body['server'].trim()) ||
    ctx.query.get('server') ||
    s.str(s.block('jellyfin', ctx.instance), 'server');
  router.get('/api/jellyfin/quickconnect/available', (ctx) => {
    const server = jfServer(ctx, {});
    if (!server) return json({ ok: false, reason: 'missing_server', error: 'Jellyfin server URL is required.' }, 400);
    if (env.rules.unreachable(server)) {
      return json({ ok: false, reason: 'unreachable', error: 'Could not reach the Jellyfin server.' }, 502);
    }
    return json({ ok: true, supported: true, enabled: !env.rules.quickConnectOff(server), server_version: '10.10.3' });
  });
  router.post('/api/jellyfin/quickconnect/start', async (ctx) => {
    const body = await ctx.optionalBody();
    const server = jfServer(ctx, body);
    if (!server) return json({ ok: false, reason: 'missing_server', error: 'Jellyfin server URL is required.' }, 400);
    if (env.rules.unreachable(server)) {
      return json({ ok: false, reason: 'unreachable', error: 'Could not reach the Jellyfin server.' }, 502);
    }
    if (env.rules.tooOld(server)) {
      return json({ ok: false, reason: 'version_too_old', error: 'Jellyfin 10.9 or newer is required.' }, 400);
    }
    if (env.rules.quickConnectOff(server)) {
      return json({ ok: false, reason: 'disabled', error: 'Quick Connect is disabled on this Jellyfin server.' }, 409);
    }
    const code = randomString(6, '0123456789');
    s.addGrant({
      provider: 'jellyfin',
      instance: ctx.instance,
      code,
      expiresAt: s.now() + 600_000,
      data: { server: server.replace(/\/+$/, '') },
    });
    // CrossWatch sends no page: the code is entered in Jellyfin itself (<server>/web/#/quickconnect).
    // In `mock` mode this server's activation page stands in for that Jellyfin, so a person can finish.
    return json({
      ok: true,
      code,
      method: 'quick_connect',
      expires_in: 600,
      instance: ctx.instance,
      ...(mock ? { verification_url: activateUrl(ctx, 'jellyfin', code) } : {}),
    });
  });
  router.get('/api/jellyfin/quickconnect/poll', (ctx) => {
    const grant = s.findGrant('jellyfin', ctx.instance);
    if (!grant || grant.status === 'cancelled') {
      return json({ ok: false, reason: 'not_authorized', error: 'No Quick Connect request is pending.' }, 400);
    }
    if (grant.status === 'denied') {
      return json({ ok: false, reason: 'unauthorized', error: 'The Quick Connect request was rejected.' }, 401);
    }
    if (grant.status === 'pending' && expired(s, grant)) {
      return json({ ok: false, state: 'expired', reason: 'expired', error: 'The Quick Connect code expired.' }, 410);
    }
    if (grant.status === 'pending') return json({ ok: true, state: 'waiting' });
    const b = s.writable('jellyfin', ctx.instance);
    if (grant.status === 'approved') {
      grant.status = 'consumed';
      Object.assign(b, {
        server: grant.data?.['server'] ?? s.str(b, 'server'),
        access_token: `jf-${randomHex(32)}`,
        user_id: randomHex(32),
        username: grant.account || 'jellyuser',
        user: grant.account || 'jellyuser',
        auth_method: 'quick_connect',
        server_version: '10.10.3',
      });
    }
    return json({
      ok: true,
      state: 'authorized',
      user_id: s.str(b, 'user_id'),
      username: s.str(b, 'username'),
      server: s.str(b, 'server'),
      server_version: s.str(b, 'server_version'),
      auth_method: 'quick_connect',
    });
  });
  router.post('/api/jellyfin/quickconnect/cancel', (ctx) => {
    const grant = s.findGrant('jellyfin', ctx.instance);
    if (grant?.status === 'pending') grant.status = 'cancelled';
    return json({ ok: true, cancelled: true });
  });
}
