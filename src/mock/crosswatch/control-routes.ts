/**
 * Test controls under /mock/control/: the contract mock's routes and bodies (docs/mock.md), plus
 * `POST auth` (switch the gate) and `DELETE faults/<id>`. Errors use the contract's envelope.
 */
import { alias, decideDevice, decideOAuth, setInUse, snapshot } from './backend-api.js';
import type { CrossWatchFaultRule } from './faults.js';
import { json, notFound, type RequestContext } from './http.js';
import type { CrossWatchRuntime } from './runtime.js';
import { connect } from './seeds.js';
import type { Usage } from './state.js';

export async function controlRoute(rt: CrossWatchRuntime, name: string, method: string, ctx: RequestContext): Promise<Response> {
  const { faults } = rt;
  const bad = (message: string, status = 400) =>
    json({ ok: false, error: { code: status === 404 ? 'no_pending_flow' : 'invalid_request', message } }, status);
  const body = method === 'POST' ? await ctx.optionalBody() : {};
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  switch (`${method} ${name}`) {
    case 'GET state':
      return json(snapshot(rt));
    case 'POST reset':
      rt.reset();
      return json({ ok: true });
    case 'GET faults':
      return json(faults.list());
    case 'POST faults': {
      const raw = await ctx.body();
      try {
        const ids = (Array.isArray(raw) ? raw : [raw]).map((rule) => faults.add(rule as CrossWatchFaultRule));
        return json({ ok: true, id: ids[0], ids, faults: faults.list() });
      } catch (error) {
        return bad((error as Error).message);
      }
    }
    case 'DELETE faults':
    case 'POST faults/clear': {
      const cleared = faults.list().length;
      faults.clear();
      return json({ ok: true, cleared });
    }
    case 'POST in-use': {
      const provider = str(body['provider']);
      if (!provider) return bad('provider required');
      const inUse = body['in_use'] !== false && body['usages'] !== false;
      setInUse(rt.s, provider, inUse ? (Array.isArray(body['usages']) ? (body['usages'] as Usage[]) : undefined) : false, str(body['instance']));
      return json({ ok: true, provider: alias(provider), in_use: inUse });
    }
    case 'POST device': {
      const provider = str(body['provider']);
      if (!provider) return bad('provider required');
      if (body['decision'] !== 'approve' && body['decision'] !== 'deny') return bad('decision must be "approve" or "deny".');
      const r = decideDevice(rt.s, provider, body['decision'], { code: str(body['code']), account: str(body['account']) });
      return r.ok ? json(r) : bad(r.message, 404);
    }
    case 'POST oauth': {
      if (body['decision'] !== 'allow' && body['decision'] !== 'deny') return bad('decision must be "allow" or "deny".');
      const r = decideOAuth(rt, String(body['provider'] ?? ''), body['decision'], { account: str(body['account']) });
      return r.ok ? json(r) : bad(r.message, 404);
    }
    case 'POST connect': {
      const provider = str(body['provider']);
      if (!provider) return bad('provider required');
      connect(rt.s, provider, str(body['account']), str(body['instance']));
      return json({ ok: true, provider: alias(provider) });
    }
    case 'POST clock': {
      const ms = typeof body['advance_ms'] === 'number' ? body['advance_ms'] : typeof body['advance_s'] === 'number' ? body['advance_s'] * 1000 : NaN;
      if (!Number.isFinite(ms)) return bad('Send {"advance_s": n} or {"advance_ms": n}.');
      rt.clockOffsetMs += ms;
      return json({ ok: true, now: rt.now() });
    }
    case 'POST latency': {
      const ms = body['ms'];
      if (typeof ms !== 'number' || !(ms >= 0)) return bad('Send {"ms": n} with n ≥ 0.');
      rt.latencyMs = ms;
      return json({ ok: true, latency_ms: ms });
    }
    case 'POST auth': {
      const mode = body['require_auth'];
      if (mode !== 'none' && mode !== 'cookie' && mode !== 'token') return bad('require_auth must be "none", "cookie" or "token".');
      rt.requireAuth = mode;
      return json({ ok: true, require_auth: mode });
    }
  }
  const faultId = /^faults\/([^/]+)$/.exec(name)?.[1];
  if (faultId && method === 'DELETE') {
    return faults.remove(decodeURIComponent(faultId)) ? json({ ok: true }) : bad('No such fault.', 404);
  }
  return notFound();
}
