/**
 * The device-code flow (RFC 8628): start (also the seed's pin/new with its server-side waiter),
 * poll with slow_down, cancel, and the activation page's Approve/Deny. One pending flow per
 * provider; a new start replaces it.
 */
import type { WireDevicePoll, WireDeviceStart, WireOk, WirePinNew } from '../../api-client/wire.js';
import { findProvider, type ProviderDef } from '../providers.js';
import type { DecisionResult } from '../types.js';
import { fail, normalizeCode, ok, randomCode } from '../util.js';
import { hasClientKeys, missingKeys } from './config-store.js';
import type { BackendCore } from './core.js';

/** A poll may arrive this much earlier than `interval` without counting as too fast (timer jitter). */
export const POLL_TOLERANCE_MS = 250;

export function startDevice(core: BackendCore, def: ProviderDef, origin: string, mode: 'poll' | 'server'): Response {
  const spec = def.device!;
  if (def.requiresClientKeys && !hasClientKeys(core.config, def)) return missingKeys(core.config, def);
  const taken = new Set([...core.state.flows.values()].map((f) => normalizeCode(f.userCode)));
  let raw = randomCode(spec.codeLength);
  while (taken.has(raw)) raw = randomCode(spec.codeLength);
  const userCode = spec.dashAt ? `${raw.slice(0, spec.dashAt)}-${raw.slice(spec.dashAt)}` : raw;
  const now = core.now();
  // One pending flow per provider: a new start replaces the old one (its code stops working).
  core.state.flows.set(def.id, {
    provider: def.id,
    userCode,
    mode,
    createdAt: now,
    expiresAt: now + spec.expiresIn * 1000,
    interval: spec.interval,
    state: 'pending',
  });
  const verificationUrl = core.pageUrl('activate', origin, { provider: def.id });
  const start: WireDeviceStart = {
    user_code: userCode,
    verification_url: verificationUrl,
    verification_url_complete: `${verificationUrl}&code=${encodeURIComponent(userCode)}`,
    interval: spec.interval,
    expires_in: spec.expiresIn,
  };
  if (mode === 'poll') return ok(start);
  // The seed's pin/new: both providers' member names, so either client shape finds its own.
  const pin: WirePinNew = {
    ok: true,
    user_code: userCode,
    ...(def.id === 'plex' ? { code: userCode, pin_id: Math.floor(now / 1000), id: Math.floor(now / 1000) } : {}),
    verification_url: verificationUrl,
    verificationUrl,
    expires_in: spec.expiresIn,
    expiresIn: spec.expiresIn,
    expires_epoch: Math.floor(now / 1000) + spec.expiresIn,
  };
  return ok({ ...pin, verification_url_complete: start.verification_url_complete, interval: spec.interval });
}

export function pollDevice(core: BackendCore, def: ProviderDef): Response {
  const flow = core.state.flows.get(def.id);
  if (!flow || flow.state === 'cancelled') {
    return fail(404, 'no_pending_flow', `No ${def.label} sign-in is in progress. Start again to get a new code.`);
  }
  const now = core.now();
  const poll = (body: WireDevicePoll) => ok(body);
  if (flow.state === 'authorized') return poll({ status: 'authorized', ...(flow.account ? { account: flow.account } : {}) });
  if (flow.state === 'denied') {
    return poll({ status: 'denied', message: 'The request was denied on the activation page. Start again if that was a mistake.' });
  }
  if (flow.state === 'expired' || now >= flow.expiresAt) {
    flow.state = 'expired';
    return poll({ status: 'expired', message: 'The code expired before it was approved. Start again to get a new code.' });
  }
  if (flow.state === 'approved') {
    core.issueToken(def, flow.account ?? def.defaultAccount);
    flow.state = 'authorized';
    return poll({ status: 'authorized', account: flow.account ?? def.defaultAccount });
  }
  // RFC 8628 §3.5: polling faster than `interval` earns slow_down and +5 s for every later poll.
  const tooFast = flow.lastPollAt !== undefined && now - flow.lastPollAt < flow.interval * 1000 - POLL_TOLERANCE_MS;
  flow.lastPollAt = now;
  if (tooFast) {
    flow.interval += 5;
    return poll({ status: 'slow_down', interval: flow.interval, message: `Polling too fast; wait ${flow.interval} seconds between polls.` });
  }
  return poll({ status: 'pending', interval: flow.interval });
}

/** `slow_down_storm`: every poll answers slow_down, and the required interval keeps growing. */
export function slowDown(core: BackendCore, def: ProviderDef | undefined): Response {
  const flow = def ? core.state.flows.get(def.id) : undefined;
  let interval = (def?.device?.interval ?? 5) + 5;
  if (flow && flow.state === 'pending') {
    flow.interval += 5;
    flow.lastPollAt = core.now();
    interval = flow.interval;
  }
  const body: WireDevicePoll = { status: 'slow_down', interval, message: `Polling too fast; wait ${interval} seconds between polls.` };
  return ok(body);
}

export function cancelDevice(core: BackendCore, def: ProviderDef): Response {
  const flow = core.state.flows.get(def.id);
  if (flow && flow.state !== 'authorized') flow.state = 'cancelled';
  const body: WireOk = { ok: true };
  return ok(body);
}

/**
 * The activation page's Approve/Deny (and the control route's). Finds the flow by code (within
 * `provider` when given) or, without a code, the provider's current flow.
 */
export function decideDevice(
  core: BackendCore,
  decision: 'approve' | 'deny',
  input: { provider?: string; code?: string; account?: string },
): { status: number; result: DecisionResult } {
  const def = findProvider(input.provider);
  const code = input.code ? normalizeCode(input.code) : '';
  const flow = code
    ? [...core.state.flows.values()].find((f) => normalizeCode(f.userCode) === code && (!def || f.provider === def.id))
    : def
      ? core.state.flows.get(def.id)
      : undefined;
  const label = findProvider(flow?.provider)?.label ?? def?.label ?? 'the provider';
  const no = (status: number, message: string) => ({ status, result: { ok: false, message, provider: flow?.provider ?? def?.id } });
  if (!flow) {
    return no(
      404,
      code
        ? `No pending sign-in uses the code ${input.code!.trim().toUpperCase()}. Check the code shown in the app, or start again there.`
        : `No ${label} sign-in is waiting. Start one in the app first.`,
    );
  }
  if (flow.state === 'cancelled') return no(410, 'This code was cancelled in the app. Start again there to get a new one.');
  if (flow.state === 'expired' || core.now() >= flow.expiresAt) {
    if (flow.state === 'pending') flow.state = 'expired';
    return no(410, 'This code has expired. Start again in the app to get a new one.');
  }
  if (flow.state !== 'pending') return no(409, 'This code was already used.');
  const providerDef = findProvider(flow.provider)!;
  const base = { ok: true, provider: flow.provider, userCode: flow.userCode };
  if (decision === 'deny') {
    flow.state = 'denied';
    return { status: 200, result: { ...base, message: `Denied. ${label} will not be linked; the app will say so.` } };
  }
  const account = input.account?.trim() || providerDef.defaultAccount;
  flow.account = account;
  if (flow.mode === 'server') {
    // The seed's server-side waiter would pick the token up on its next upstream poll.
    core.issueToken(providerDef, account);
    flow.state = 'authorized';
  } else {
    flow.state = 'approved';
  }
  return {
    status: 200,
    result: { ...base, account, message: `Approved. ${label} will be linked to ${account}. Return to the app; it finishes by itself.` },
  };
}
