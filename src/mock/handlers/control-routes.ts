/**
 * The control routes under /mock/control/ (docs/mock.md, "Control routes"): what a test or a
 * person outside the page uses to reset, inject faults, decide flows, seed connections and move
 * the clock. They wrap the MockBackend API one to one and are never behind the fault gate.
 */
import { http, type RequestHandler } from 'msw';
import type { MockBackendImpl } from '../backend.js';
import { statusOf } from '../backend/connection.js';
import { decideDevice } from '../backend/device-flow.js';
import type { FaultRule } from '../types.js';
import { BadRequest, fail, guard, ok, parseJsonObject, str, type JsonObject } from '../util.js';

/** Control bodies may be empty (curl -X POST); anything present must be a JSON object. */
async function readControlBody(request: Request): Promise<JsonObject> {
  const text = await request.text();
  return text.trim() ? parseJsonObject(text, 'control') : {};
}

export function controlHandlers(backend: MockBackendImpl): RequestHandler[] {
  return [
    http.get('*/mock/control/state', () => ok(backend.snapshot())),
    http.post('*/mock/control/reset', () => {
      backend.reset();
      return ok({ ok: true });
    }),
    http.post('*/mock/control/faults', ({ request }) =>
      guard(async () => {
        const rule = (await readControlBody(request)) as unknown as FaultRule;
        const id = backend.addFault(rule);
        return ok({ ok: true, id, faults: backend.faults.list() });
      }),
    ),
    http.delete('*/mock/control/faults', () => {
      const cleared = backend.faults.list().length;
      backend.faults.clear();
      return ok({ ok: true, cleared });
    }),
    http.post('*/mock/control/faults/clear', () => {
      const cleared = backend.faults.list().length;
      backend.faults.clear();
      return ok({ ok: true, cleared });
    }),
    http.post('*/mock/control/in-use', ({ request }) =>
      guard(async () => {
        const body = await readControlBody(request);
        const inUse = body.in_use !== false;
        backend.setInUse(String(body.provider ?? ''), inUse ? (Array.isArray(body.usages) ? body.usages : undefined) : false);
        return ok({ ok: true, provider: String(body.provider).toLowerCase(), in_use: inUse });
      }),
    ),
    http.post('*/mock/control/device', ({ request }) =>
      guard(async () => {
        const body = await readControlBody(request);
        const def = backend.requireProvider(String(body.provider ?? ''));
        if (body.decision !== 'approve' && body.decision !== 'deny') {
          throw new BadRequest('decision must be "approve" or "deny".', 'decision');
        }
        const { status, result } = decideDevice(backend, body.decision, {
          provider: def.id,
          code: str(body.code),
          account: str(body.account),
        });
        return result.ok ? ok(result) : fail(status, status === 404 ? 'no_pending_flow' : 'conflict', result.message);
      }),
    ),
    http.post('*/mock/control/oauth', ({ request }) =>
      guard(async () => {
        const body = await readControlBody(request);
        if (body.decision !== 'allow' && body.decision !== 'deny') {
          throw new BadRequest('decision must be "allow" or "deny".', 'decision');
        }
        const result = backend.decideOAuth(String(body.provider ?? ''), body.decision, { account: str(body.account) });
        return result.ok ? ok(result) : fail(404, 'no_pending_flow', result.message);
      }),
    ),
    http.post('*/mock/control/connect', ({ request }) =>
      guard(async () => {
        const body = await readControlBody(request);
        backend.connect(String(body.provider ?? ''), str(body.account));
        return ok({ ok: true, status: statusOf(backend, backend.requireProvider(String(body.provider))) });
      }),
    ),
    http.post('*/mock/control/clock', ({ request }) =>
      guard(async () => {
        const body = await readControlBody(request);
        const ms = typeof body.advance_ms === 'number' ? body.advance_ms : typeof body.advance_s === 'number' ? body.advance_s * 1000 : NaN;
        if (!Number.isFinite(ms)) throw new BadRequest('Send {"advance_s": n} or {"advance_ms": n}.', 'advance_s');
        backend.advanceClock(ms);
        return ok({ ok: true, now: backend.now() });
      }),
    ),
    http.post('*/mock/control/latency', ({ request }) =>
      guard(async () => {
        const body = await readControlBody(request);
        if (typeof body.ms !== 'number' || !(body.ms >= 0)) throw new BadRequest('Send {"ms": n} with n ≥ 0.', 'ms');
        backend.setLatency(body.ms);
        return ok({ ok: true, latency_ms: body.ms });
      }),
    ),
  ];
}
