/**
 * RFC 8628-style device codes for MDBList, PunchPlay and BingeBase: CrossWatch proxies one
 * upstream poll per call, so each poll answers the provider's own status words. What differs per
 * provider (start extras, expiry word, what authorizing stores) is one DeviceSpec each.
 */
import { isObject, type JsonObject } from '../config.js';
import type { MockEnv } from '../env.js';
import { json, type RequestContext, type Router } from '../http.js';
import { randomHex, randomString } from '../state.js';
import { activateUrl, expired } from './common.js';

interface DeviceSpec {
  prov: 'mdblist' | 'punchplay' | 'bingebase';
  realUrl: string;
  expiredStatus: string;
  start: (ctx: RequestContext, base: JsonObject) => JsonObject;
  authorize: (block: JsonObject, account: string | undefined) => JsonObject;
}

export function registerDeviceCodeRoutes(router: Router, env: MockEnv): void {
  const { s } = env;
  const mock = env.verificationUrls === 'mock';

  const deviceSpecs: DeviceSpec[] = [
    {
      prov: 'mdblist',
      realUrl: 'https://mdblist.com/oauth/device/',
      expiredStatus: 'expired_token',
      start: (_ctx, base) => base,
      authorize: (b, account) => {
        b['access_token'] = `mdb-${randomHex(32)}`;
        b['refresh_token'] = `mdb-r-${randomHex(32)}`;
        b['expires_at'] = s.epoch() + 86_400;
        b['auth_method'] = 'device_code';
        b['username'] = account || 'mdbuser';
        return { ok: true, status: 'ok', expires_at: b['expires_at'] };
      },
    },
    {
      prov: 'punchplay',
      realUrl: 'https://punchplay.tv/link',
      expiredStatus: 'expired',
      start: (ctx, base) => {
        const complete = mock
          ? activateUrl(ctx, 'punchplay', String(base['user_code']))
          : `https://punchplay.tv/link?code=${encodeURIComponent(String(base['user_code']))}`;
        return {
          ...base,
          verification_uri_complete: complete,
          verification_uri_qr: complete,
          expires_in: 600,
          scope: 'read write',
        };
      },
      authorize: (b, account) => {
        const username = account || 'punchfan';
        b['access_token'] = `pp-${randomHex(32)}`;
        b['refresh_token'] = `pp-r-${randomHex(32)}`;
        b['expires_at'] = s.epoch() + 86_400;
        b['refresh_expires_at'] = s.epoch() + 30 * 86_400;
        b['username'] = username;
        b['user_id'] = '4711';
        b['scope'] = 'read write';
        b['auth_method'] = 'device_code';
        return { ok: true, status: 'authorized', username, expires_at: b['expires_at'] };
      },
    },
    {
      prov: 'bingebase',
      realUrl: 'https://bingebase.com/activate',
      expiredStatus: 'expired',
      start: (ctx, base) => ({
        ...base,
        verification_uri_complete: mock
          ? activateUrl(ctx, 'bingebase', String(base['user_code']))
          : `https://bingebase.com/activate?code=${encodeURIComponent(String(base['user_code']))}`,
        expires_in: 600,
      }),
      authorize: (b, account) => {
        const username = account || 'bingeuser';
        const token = `bb-${randomHex(32)}`;
        const webhook = `https://bingebase.com/webhooks/kodi/${token}`;
        b['access_token'] = token;
        b['webhook_url'] = webhook;
        b['username'] = username;
        b['user_id'] = '99';
        b['auth_method'] = 'device_code';
        // CrossWatch really sends the token-bearing webhook URL to the browser.
        return { ok: true, status: 'authorized', username, generated_webhook_url: webhook };
      },
    },
  ];

  for (const spec of deviceSpecs) {
    const { prov } = spec;
    router.post(`/api/${prov}/device/start`, async (ctx) => {
      await ctx.optionalBody();
      if (prov === 'punchplay') {
        // PunchPlay's client-side guard: at most 10 device codes per hour.
        const hourAgo = s.now() - 3_600_000;
        s.punchplayStarts = s.punchplayStarts.filter((t) => t > hourAgo);
        if (s.punchplayStarts.length >= 10) {
          const retry = Math.ceil((s.punchplayStarts[0]! + 3_600_000 - s.now()) / 1000);
          return json({ ok: false, error: 'rate_limited', retry_after: retry, local: true });
        }
        s.punchplayStarts.push(s.now());
      }
      const userCode = `${randomString(4)}-${randomString(4)}`;
      const deviceCode = randomHex(40);
      const expiresAt = s.epoch() + 600;
      const verificationUri = mock ? activateUrl(ctx, prov) : spec.realUrl;
      s.writable(prov, ctx.instance)['_pending_device'] = {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: verificationUri,
        interval: 5,
        expires_at: expiresAt,
      };
      s.addGrant({ provider: prov, instance: ctx.instance, code: userCode, deviceCode, expiresAt: s.now() + 600_000 });
      const base: JsonObject = {
        ok: true,
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: verificationUri,
        interval: 5,
        expires_at: expiresAt,
        instance: ctx.instance,
      };
      return json(spec.start(ctx, base));
    });

    router.post(`/api/${prov}/device/poll`, async (ctx) => {
      const body = await ctx.optionalBody();
      const block = s.block(prov, ctx.instance);
      const pending = block?.['_pending_device'];
      const deviceCode =
        typeof body['device_code'] === 'string' && body['device_code']
          ? body['device_code']
          : isObject(pending)
            ? String(pending['device_code'] ?? '')
            : '';
      const grant = deviceCode
        ? s.grants.find((g) => g.provider === prov && g.instance === ctx.instance && g.deviceCode === deviceCode)
        : undefined;
      if (!block || !grant || grant.status === 'consumed' || grant.status === 'cancelled') {
        return json({ ok: false, status: 'no_device_code' });
      }
      if (grant.status === 'denied') {
        delete block['_pending_device'];
        return json({ ok: false, status: 'access_denied' });
      }
      if (expired(s, grant) && grant.status !== 'approved') {
        delete block['_pending_device'];
        return json({ ok: false, status: spec.expiredStatus });
      }
      if (grant.status === 'pending') return json({ ok: false, status: 'authorization_pending' });
      grant.status = 'consumed';
      delete block['_pending_device'];
      return json(spec.authorize(block, grant.account));
    });

    if (prov !== 'mdblist') {
      router.post(`/api/${prov}/device/cancel`, (ctx) => {
        const block = s.block(prov, ctx.instance);
        const pending = block?.['_pending_device'];
        if (isObject(pending)) {
          const g = s.grants.find((x) => x.provider === prov && x.deviceCode === pending['device_code']);
          if (g?.status === 'pending') g.status = 'cancelled';
          delete block!['_pending_device'];
        }
        return json({ ok: true, cancelled: true });
      });
    }
  }
}
