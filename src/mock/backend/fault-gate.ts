/**
 * The fault gate in front of every /api route: the global latency plus matching latency rules,
 * then at most one injected failure (rules added through the control route or `faults.add`, and
 * one-off `x-mock-fault` / `?mock_fault=` specs). Rule parsing and matching: ../faults.ts.
 */
import { HttpResponse } from 'msw';
import { NGINX_502, classifyApiPath, parseFaultSpec, pickFaults, type RequestInfo } from '../faults.js';
import { findProvider } from '../providers.js';
import type { FaultRule } from '../types.js';
import { fail, html, sleep } from '../util.js';
import { inUseResponse } from './connection.js';
import type { BackendCore } from './core.js';
import { slowDown } from './device-flow.js';
import { defaultUsages } from './state.js';

/**
 * Runs first for every /api request: waits for latency, then answers with a fault or returns
 * undefined so msw moves on to the real handler.
 */
export async function gate(core: BackendCore, request: Request): Promise<Response | undefined> {
  const url = new URL(request.url);
  const info = classifyApiPath(url.pathname);
  let oneOff: FaultRule[];
  try {
    oneOff = [...parseFaultSpec(request.headers.get('x-mock-fault')), ...parseFaultSpec(url.searchParams.get('mock_fault'))];
  } catch (error) {
    return fail(400, 'invalid_request', error instanceof Error ? error.message : String(error));
  }
  const pick = pickFaults(core.state.faults, oneOff, info);
  await sleep(core.state.latencyMs + pick.latencyMs, request.signal);
  return pick.fault ? faultResponse(core, pick.fault, info) : undefined;
}

function faultResponse(core: BackendCore, rule: FaultRule, info: RequestInfo): Response {
  const seconds = rule.ms !== undefined ? Math.max(1, Math.ceil(rule.ms / 1000)) : undefined;
  switch (rule.fault) {
    case 'http_500':
      return fail(500, 'internal', 'The server hit an unexpected error while handling this request (mock fault http_500).');
    case 'network':
      return HttpResponse.error();
    case 'malformed_json':
      return new HttpResponse('{"ok": true, "status": "pend', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    case 'html_error':
      return html(NGINX_502, 502);
    case 'unauthorized':
      return fail(401, 'unauthorized', 'Your dashboard session has expired. Sign in again, then retry.');
    case 'in_use': {
      const def = findProvider(info.provider);
      return inUseResponse(def, core.state.inUse.get(def?.id ?? '') ?? defaultUsages(def?.label ?? 'Trakt'));
    }
    case 'slow_down_storm':
      return slowDown(core, findProvider(info.provider));
    case 'rate_limited': {
      const wait = seconds ?? 30;
      return fail(429, 'rate_limited', `Too many requests. Try again in ${wait} seconds.`, { retry_after: wait });
    }
    case 'unavailable': {
      const wait = seconds ?? 10;
      return fail(503, 'unavailable', `The server is briefly down for maintenance. Try again in ${wait} seconds.`, {
        retry_after: wait,
      });
    }
    case 'latency':
      throw new Error('latency is not a response fault');
  }
}
