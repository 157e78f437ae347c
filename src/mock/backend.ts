/**
 * The mock backend's state and behaviour. Everything lives on the instance (no module state),
 * so each test can create a fresh one; time comes from options.now so fake timers work.
 */
import { HttpResponse, type RequestHandler } from 'msw';
import { getPath, isMasked } from '../api-client/config-paths.js';
import type {
  WireAuthorize,
  WireConfig,
  WireConnectResult,
  WireDevicePoll,
  WireDeviceStart,
  WireOk,
  WirePinNew,
  WireRefresh,
  WireStatus,
  WireStatusAll,
  WireUsage,
} from '../api-client/wire.js';
import { deletePath, hasValue, maskConfig, mergeConfig, readString, writePath } from './config.js';
import { NGINX_502, classifyApiPath, parseFaultSpec, parseRule, pickFaults, type RequestInfo } from './faults.js';
import { buildHandlers } from './handlers.js';
import { PASSWORD_FIELD_PATHS, PROVIDERS, findProvider, type MockManifest, type ProviderDef } from './providers.js';
import type {
  ActiveFault,
  DecisionResult,
  FaultControl,
  FaultRule,
  MockBackend,
  MockBackendOptions,
  MockSnapshot,
} from './types.js';
import {
  BadRequest,
  deepClone,
  fail,
  html,
  httpOrigin,
  isHttpUrl,
  normalizeCode,
  ok,
  randomCode,
  randomHex,
  sleep,
  str,
  type JsonObject,
} from './util.js';

/** The config a fresh backend starts with: nothing connected, nothing secret. */
export const INITIAL_CONFIG: JsonObject = {
  ui: { language: 'en', theme: 'auto' },
  sync: { interval_minutes: 60 },
};

/** A poll may arrive this much earlier than `interval` without counting as too fast (timer jitter). */
export const POLL_TOLERANCE_MS = 250;
/** How long an OAuth `state` stays valid (CrossWatch: 15 min). */
export const OAUTH_TTL_MS = 15 * 60 * 1000;

export interface DeviceFlow {
  provider: string;
  userCode: string;
  mode: 'poll' | 'server';
  createdAt: number;
  expiresAt: number;
  interval: number;
  lastPollAt?: number;
  state: 'pending' | 'approved' | 'denied' | 'expired' | 'authorized' | 'cancelled';
  account?: string;
}

export interface OAuthSession {
  provider: string;
  state: string;
  /** The page origin given at authorize: the callback posts its message to exactly this. */
  origin: string;
  nonce?: string;
  redirectUri: string;
  clientId: string;
  createdAt: number;
  expiresAt: number;
  code?: string;
  account?: string;
  decision?: 'allowed' | 'denied';
}

interface State {
  config: JsonObject;
  flows: Map<string, DeviceFlow>;
  oauth: Map<string, OAuthSession>;
  faults: ActiveFault[];
  inUse: Map<string, WireUsage[]>;
  clockOffsetMs: number;
  latencyMs: number;
  faultSeq: number;
}

const defaultUsages = (label: string): WireUsage[] => [
  { feature: 'sync_pair', label: `Sync pair Plex → ${label}`, role: 'target', pair_id: 'p1', enabled: true },
];

const isOldServer = (url: string) => /(^|[^a-z])old([^a-z]|$)/i.test(url);
const isUnreachable = (url: string) => /unreachable/i.test(url);

export class MockBackendImpl implements MockBackend {
  readonly handlers: RequestHandler[];
  readonly faults: FaultControl;
  private state!: State;
  private readonly clock: () => number;

  constructor(private readonly options: MockBackendOptions = {}) {
    this.clock = options.now ?? (() => Date.now());
    this.reset();
    this.faults = {
      add: (rule) => this.addFault(rule),
      remove: (id) => {
        const at = this.state.faults.findIndex((f) => f.id === id);
        if (at >= 0) this.state.faults.splice(at, 1);
        return at >= 0;
      },
      clear: () => void (this.state.faults.length = 0),
      list: () => deepClone(this.state.faults),
    };
    this.handlers = buildHandlers(this);
  }

  // ── public API ──────────────────────────────────────────────────────────────

  reset(): void {
    const config = deepClone(INITIAL_CONFIG);
    if (this.options.config) mergeConfig(config, deepClone(this.options.config), new Set());
    this.state = {
      config,
      flows: new Map(),
      oauth: new Map(),
      faults: [],
      inUse: new Map(),
      clockOffsetMs: 0,
      latencyMs: this.options.latencyMs ?? 0,
      faultSeq: 0,
    };
  }

  now(): number {
    return this.clock() + this.state.clockOffsetMs;
  }

  advanceClock(ms: number): void {
    this.state.clockOffsetMs += ms;
  }

  setLatency(ms: number): void {
    this.state.latencyMs = Math.max(0, ms);
  }

  rawConfig(): JsonObject {
    return deepClone(this.state.config);
  }

  setInUse(provider: string, usages?: WireUsage[] | false): void {
    const def = this.requireProvider(provider);
    if (usages === false) this.state.inUse.delete(def.id);
    else this.state.inUse.set(def.id, usages && usages.length ? deepClone(usages) : defaultUsages(def.label));
  }

  approveDevice(provider: string, opts: { code?: string; account?: string } = {}): DecisionResult {
    return this.decideDevice('approve', { provider, ...opts }).result;
  }

  denyDevice(provider: string, opts: { code?: string } = {}): DecisionResult {
    return this.decideDevice('deny', { provider, ...opts }).result;
  }

  decideOAuth(provider: string, decision: 'allow' | 'deny', opts: { account?: string; state?: string } = {}): DecisionResult {
    const def = this.requireProvider(provider);
    const now = this.now();
    const session = [...this.state.oauth.values()]
      .filter((s) => s.provider === def.id && !s.decision && s.expiresAt > now && (!opts.state || s.state === opts.state))
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    if (!session) return { ok: false, provider: def.id, message: `No ${def.label} authorization is waiting.` };
    this.state.oauth.delete(session.state);
    const callback = (status: 'authorized' | 'denied'): DecisionResult['callback'] => ({
      targetOrigin: session.origin,
      data: { type: 'cw-auth:oauth', provider: def.id, status, ...(session.nonce ? { nonce: session.nonce } : {}) },
    });
    if (decision === 'deny') return { ok: true, provider: def.id, message: `${def.label} access denied.`, callback: callback('denied') };
    const account = opts.account?.trim() || def.defaultAccount;
    this.issueToken(def, account);
    return { ok: true, provider: def.id, account, message: `${def.label} connected as ${account}.`, callback: callback('authorized') };
  }

  /** A provider's manifest for `origin`; with `pageUrls.activate`, its verify_url points there too. */
  manifestFor(def: ProviderDef, origin: string): MockManifest {
    const manifest = def.manifest(origin);
    if (this.options.pageUrls?.activate && typeof manifest.verify_url === 'string') {
      manifest.verify_url = this.pageUrl('activate', origin, { provider: def.id });
    }
    return manifest;
  }

  /** A person-facing page's URL: the configured one (`pageUrls`) or the mock's own. */
  pageUrl(page: 'activate' | 'consent', origin: string, query: Record<string, string>): string {
    const configured = this.options.pageUrls?.[page];
    const url = new URL(configured ?? `${origin}${page === 'activate' ? '/mock/activate' : '/mock/oauth/authorize'}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.href;
  }

  connect(provider: string, account?: string): void {
    const def = this.requireProvider(provider);
    const name = account?.trim() || def.defaultAccount;
    const cfg = this.state.config;
    if (def.requiresClientKeys) {
      // A real connection implies the app keys were saved (refresh needs them).
      if (!hasValue(cfg, `${def.id}.client_id`)) writePath(cfg, `${def.id}.client_id`, `mock-${def.id}-client-id`);
      if (!hasValue(cfg, `${def.id}.client_secret`)) writePath(cfg, `${def.id}.client_secret`, randomHex(40));
    }
    if (def.id === 'tautulli') {
      if (!hasValue(cfg, 'tautulli.server_url')) writePath(cfg, 'tautulli.server_url', 'http://tautulli.local:8181');
      writePath(cfg, 'tautulli.api_key', randomHex(32));
      writePath(cfg, 'tautulli.server_name', 'Mock Tautulli');
      writePath(cfg, 'tautulli.account', name);
      return;
    }
    if (def.id === 'jellyfin' || def.id === 'emby') {
      if (!hasValue(cfg, `${def.id}.server`)) writePath(cfg, `${def.id}.server`, `http://${def.id}.local:8096`);
      writePath(cfg, `${def.id}.username`, name);
      writePath(cfg, `${def.id}.user_id`, randomHex(32));
      if (def.id === 'jellyfin') writePath(cfg, 'jellyfin.server_version', '10.10.3');
      else writePath(cfg, 'emby.user', name);
    }
    this.issueToken(def, name);
  }

  snapshot(): MockSnapshot {
    const providers: MockSnapshot['providers'] = {};
    for (const def of PROVIDERS) {
      providers[def.id] = { ...this.statusOf(def), in_use: this.state.inUse.has(def.id) };
    }
    return {
      now: this.now(),
      clockOffsetMs: this.state.clockOffsetMs,
      latencyMs: this.state.latencyMs,
      config: this.maskedConfig(),
      providers,
      deviceFlows: [...this.state.flows.values()].map((f) => ({
        provider: f.provider,
        user_code: f.userCode,
        mode: f.mode,
        state: f.expiresAt <= this.now() && f.state === 'pending' ? 'expired' : f.state,
        interval: f.interval,
        expires_at: Math.floor(f.expiresAt / 1000),
      })),
      oauthSessions: [...this.state.oauth.values()].map((s) => ({
        provider: s.provider,
        state: s.state,
        origin: s.origin,
        ...(s.decision ? { decision: s.decision } : {}),
        expires_at: Math.floor(s.expiresAt / 1000),
      })),
      faults: this.faults.list(),
    };
  }

  // ── faults ──────────────────────────────────────────────────────────────────

  addFault(input: FaultRule): string {
    const rule = parseRule(input);
    const id = `f${++this.state.faultSeq}`;
    this.state.faults.push({ ...rule, id, hits: 0 });
    return id;
  }

  /**
   * Runs first for every /api request: waits for latency, then answers with a fault or returns
   * undefined so msw moves on to the real handler.
   */
  async gate(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    const info = classifyApiPath(url.pathname);
    let oneOff: FaultRule[];
    try {
      oneOff = [...parseFaultSpec(request.headers.get('x-mock-fault')), ...parseFaultSpec(url.searchParams.get('mock_fault'))];
    } catch (error) {
      return fail(400, 'invalid_request', error instanceof Error ? error.message : String(error));
    }
    const pick = pickFaults(this.state.faults, oneOff, info);
    await sleep(this.state.latencyMs + pick.latencyMs, request.signal);
    return pick.fault ? this.faultResponse(pick.fault, info) : undefined;
  }

  private faultResponse(rule: FaultRule, info: RequestInfo): Response {
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
        return this.inUseResponse(def, this.state.inUse.get(def?.id ?? '') ?? defaultUsages(def?.label ?? 'Trakt'));
      }
      case 'slow_down_storm':
        return this.slowDown(findProvider(info.provider));
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

  // ── helpers ─────────────────────────────────────────────────────────────────

  requireProvider(id: string): ProviderDef {
    const def = findProvider(id);
    if (!def) throw new BadRequest(`There is no provider "${id}". Known: ${PROVIDERS.map((p) => p.id).join(', ')}.`, 'provider');
    return def;
  }

  maskedConfig(): WireConfig {
    return maskConfig(this.state.config, PASSWORD_FIELD_PATHS);
  }

  hasClientKeys(def: ProviderDef): boolean {
    return hasValue(this.state.config, `${def.id}.client_id`) && hasValue(this.state.config, `${def.id}.client_secret`);
  }

  missingKeys(def: ProviderDef): Response {
    return fail(
      400,
      'missing_client_credentials',
      `${def.label} needs your own API app: save its Client ID and Client Secret first, then connect.`,
      { field: hasValue(this.state.config, `${def.id}.client_id`) ? 'client_secret' : 'client_id' },
    );
  }

  /** Stores a fresh token set for `def` as its provider would issue it. */
  issueToken(def: ProviderDef, account: string): void {
    const cfg = this.state.config;
    writePath(cfg, `${def.id}.access_token`, `mock_${def.id}_${randomHex(32)}`);
    if (def.refresh) writePath(cfg, `${def.id}.refresh_token`, `mock_refresh_${randomHex(32)}`);
    if (def.tokenLifetimeS) writePath(cfg, `${def.id}.expires_at`, Math.floor(this.now() / 1000) + def.tokenLifetimeS);
    writePath(cfg, `${def.id}.account`, account);
  }

  /** Whether `GET /api/auth/status` exists (MockBackendOptions.statusAll). */
  get answersStatusAll(): boolean {
    return this.options.statusAll !== false;
  }

  /**
   * What `GET /api/auth/providers` lists: every provider, then (MockBackendOptions.providerCount)
   * numbered copies of those that declare routes, answering through the original's routes.
   */
  listed(origin: string): Array<{ def: ProviderDef; manifest: MockManifest }> {
    const out = PROVIDERS.map((def) => ({ def, manifest: this.manifestFor(def, origin) }));
    const copyable = out.filter((e) => 'routes' in e.manifest && e.manifest.routes);
    const count = Math.min(Math.max(0, Math.floor(this.options.providerCount ?? 0)), 10_000);
    for (let n = out.length + 1; n <= count && copyable.length; n++) {
      const { def, manifest } = copyable[(n - 1) % copyable.length]!;
      out.push({ def, manifest: { ...manifest, name: `${manifest.name}_${n}`, label: `${manifest.label} ${n}` } });
    }
    return out;
  }

  /** `GET /api/auth/status`: every listed provider's status, keyed by manifest name. */
  statusAll(origin: string): WireStatusAll {
    const providers: WireStatusAll['providers'] = {};
    for (const { def, manifest } of this.listed(origin)) providers[manifest.name] = this.statusOf(def);
    return { providers };
  }

  statusOf(def: ProviderDef): WireStatus {
    const cfg = this.state.config;
    const connectedBy = def.connectedPaths.find((p) => hasValue(cfg, p));
    const account = readString(cfg, `${def.id}.account`) ?? readString(cfg, `auth.${def.id}.account`);
    if (!connectedBy) {
      const reason =
        def.requiresClientKeys && !this.hasClientKeys(def)
          ? 'Save the Client ID and Client Secret, then connect.'
          : 'Not connected.';
      return { connected: false, reason };
    }
    if (def.id === 'tautulli') return this.tautulliLiveStatus(account);
    const expires = getPath(cfg, `${def.id}.expires_at`);
    const base: WireStatus = {
      connected: true,
      ...(account ? { account } : connectedBy.endsWith('api_key') ? { account: 'API key (legacy)' } : {}),
      ...(typeof expires === 'number' && connectedBy.endsWith('access_token') ? { expires_at: expires } : {}),
    };
    if (base.expires_at !== undefined && base.expires_at * 1000 <= this.now()) {
      return { ...base, connected: false, reason: 'The access token expired. Refresh it or connect again.' };
    }
    return base;
  }

  /** Tautulli's status is a live probe in CrossWatch (`?verify=1`); the mock imitates its outcomes. */
  private tautulliLiveStatus(account: string | undefined): WireStatus {
    const cfg = this.state.config;
    const server = readString(cfg, 'tautulli.server_url') ?? '';
    const key = readString(cfg, 'tautulli.api_key') ?? '';
    const name = account ?? 'Tautulli';
    if (!server) return { connected: false, account: name, reason: 'The server URL is missing.' };
    if (isUnreachable(server)) return { connected: false, account: name, reason: `Tautulli at ${server} is unreachable.` };
    if (!/^[0-9a-f]{32}$/i.test(key) || /^0{32}$/.test(key)) {
      return { connected: false, account: name, reason: 'Tautulli rejects the stored API key.' };
    }
    return { connected: true, account: name };
  }

  inUseResponse(def: ProviderDef | undefined, usages: WireUsage[]): Response {
    const label = def?.label ?? 'This provider';
    const where = usages.map((u) => (u.role ? `${u.label} (${u.role})` : u.label)).join(', ');
    const message = `Cannot disconnect ${label} because it is used by ${where}. Remove it from Sync pairs, Watcher or Webhooks first.`;
    if (def?.kind === 'crosswatch_login') {
      // CrossWatch's own 409 shape (top-level members), as its delete routes send it.
      return HttpResponse.json(
        { ok: false, error: 'provider_in_use', provider: def.id, instance: 'default', usages, message },
        { status: 409 },
      );
    }
    return fail(409, 'provider_in_use', message, { usages });
  }

  // ── device code ─────────────────────────────────────────────────────────────

  startDevice(def: ProviderDef, origin: string, mode: 'poll' | 'server'): Response {
    const spec = def.device!;
    if (def.requiresClientKeys && !this.hasClientKeys(def)) return this.missingKeys(def);
    const taken = new Set([...this.state.flows.values()].map((f) => normalizeCode(f.userCode)));
    let raw = randomCode(spec.codeLength);
    while (taken.has(raw)) raw = randomCode(spec.codeLength);
    const userCode = spec.dashAt ? `${raw.slice(0, spec.dashAt)}-${raw.slice(spec.dashAt)}` : raw;
    const now = this.now();
    // One pending flow per provider: a new start replaces the old one (its code stops working).
    this.state.flows.set(def.id, {
      provider: def.id,
      userCode,
      mode,
      createdAt: now,
      expiresAt: now + spec.expiresIn * 1000,
      interval: spec.interval,
      state: 'pending',
    });
    const verificationUrl = this.pageUrl('activate', origin, { provider: def.id });
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

  pollDevice(def: ProviderDef): Response {
    const flow = this.state.flows.get(def.id);
    if (!flow || flow.state === 'cancelled') {
      return fail(404, 'no_pending_flow', `No ${def.label} sign-in is in progress. Start again to get a new code.`);
    }
    const now = this.now();
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
      this.issueToken(def, flow.account ?? def.defaultAccount);
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
  private slowDown(def: ProviderDef | undefined): Response {
    const flow = def ? this.state.flows.get(def.id) : undefined;
    let interval = (def?.device?.interval ?? 5) + 5;
    if (flow && flow.state === 'pending') {
      flow.interval += 5;
      flow.lastPollAt = this.now();
      interval = flow.interval;
    }
    const body: WireDevicePoll = { status: 'slow_down', interval, message: `Polling too fast; wait ${interval} seconds between polls.` };
    return ok(body);
  }

  cancelDevice(def: ProviderDef): Response {
    const flow = this.state.flows.get(def.id);
    if (flow && flow.state !== 'authorized') flow.state = 'cancelled';
    const body: WireOk = { ok: true };
    return ok(body);
  }

  /**
   * The activation page's Approve/Deny (and the control route's). Finds the flow by code (within
   * `provider` when given) or, without a code, the provider's current flow.
   */
  decideDevice(
    decision: 'approve' | 'deny',
    input: { provider?: string; code?: string; account?: string },
  ): { status: number; result: DecisionResult } {
    const def = findProvider(input.provider);
    const code = input.code ? normalizeCode(input.code) : '';
    const flow = code
      ? [...this.state.flows.values()].find((f) => normalizeCode(f.userCode) === code && (!def || f.provider === def.id))
      : def
        ? this.state.flows.get(def.id)
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
    if (flow.state === 'expired' || this.now() >= flow.expiresAt) {
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
      this.issueToken(providerDef, account);
      flow.state = 'authorized';
    } else {
      flow.state = 'approved';
    }
    return {
      status: 200,
      result: { ...base, account, message: `Approved. ${label} will be linked to ${account}. Return to the app; it finishes by itself.` },
    };
  }

  // ── OAuth ───────────────────────────────────────────────────────────────────

  authorize(def: ProviderDef, body: JsonObject, origin: string): Response {
    if (!this.hasClientKeys(def)) return this.missingKeys(def);
    const target = httpOrigin(body.origin);
    if (!target) {
      return fail(400, 'invalid_request', 'origin must be the http(s) origin of the page, e.g. https://dashboard.example.com.', {
        field: 'origin',
      });
    }
    const nonce = str(body.nonce)?.slice(0, 200);
    const now = this.now();
    const state = randomHex(32);
    const clientId = readString(this.state.config, `${def.id}.client_id`)!;
    const redirectUri = `${origin}/api/${def.id}/callback`;
    this.state.oauth.set(state, {
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
    const answer: WireAuthorize = { authorize_url: this.pageUrl('consent', origin, query) };
    return ok(answer);
  }

  oauthSession(state: string | null): OAuthSession | undefined {
    const session = state ? this.state.oauth.get(state) : undefined;
    if (session && session.expiresAt <= this.now()) {
      this.state.oauth.delete(session.state);
      return undefined;
    }
    return session;
  }

  dropOAuthSession(state: string): void {
    this.state.oauth.delete(state);
  }

  // ── credentials ─────────────────────────────────────────────────────────────

  /** A typed secret, or the stored one when the client omitted it or sent it masked. */
  private secretOrStored(value: unknown, path: string): string {
    if (typeof value === 'string' && value !== '' && !isMasked(value)) return value;
    return readString(this.state.config, path) ?? '';
  }

  private textOrStored(value: unknown, path: string): string {
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number') return String(value);
    return readString(this.state.config, path) ?? '';
  }

  connectJellyfin(body: JsonObject): Response {
    const server = this.textOrStored(body.server, 'jellyfin.server');
    const username = this.textOrStored(body.username, 'jellyfin.username');
    const password = this.secretOrStored(body.password, 'jellyfin.password');
    if (!server) return fail(400, 'invalid_request', 'Enter the Jellyfin server URL.', { field: 'server' });
    if (!isHttpUrl(server)) {
      return fail(422, 'invalid_url', 'The server URL must start with http:// or https://, e.g. http://jellyfin.local:8096.', {
        field: 'server',
      });
    }
    if (!username) return fail(400, 'invalid_request', 'Enter your Jellyfin username.', { field: 'username' });
    if (isUnreachable(server)) {
      return fail(502, 'unreachable', `Could not reach ${server} (connection refused). Check the URL and that Jellyfin is running.`, {
        field: 'server',
      });
    }
    if (isOldServer(server)) {
      return fail(422, 'version_too_old', 'This Jellyfin server runs 10.8.13; version 10.9 or newer is required. Update it, then connect again.', {
        field: 'server',
      });
    }
    if (password === 'wrong') {
      return fail(401, 'invalid_credentials', 'Jellyfin rejected the username or password.', { field: 'password' });
    }
    const cfg = this.state.config;
    writePath(cfg, 'jellyfin.server', server);
    writePath(cfg, 'jellyfin.username', username);
    // Like CrossWatch's Emby login: keep the token, not the password.
    deletePath(cfg, 'jellyfin.password');
    writePath(cfg, 'jellyfin.user_id', randomHex(32));
    writePath(cfg, 'jellyfin.server_version', '10.10.3');
    this.issueToken(findProvider('jellyfin')!, username);
    const result: WireConnectResult = { ok: true, account: username };
    return ok(result);
  }

  connectTautulli(body: JsonObject): Response {
    const server = this.textOrStored(body.server_url, 'tautulli.server_url');
    const apiKey = this.secretOrStored(body.api_key, 'tautulli.api_key').trim();
    if (!server) return fail(400, 'invalid_request', 'Enter the Tautulli server URL.', { field: 'server_url' });
    if (!isHttpUrl(server)) {
      return fail(422, 'invalid_url', 'The server URL must start with http:// or https://, e.g. http://localhost:8181.', {
        field: 'server_url',
      });
    }
    if (!apiKey) return fail(400, 'invalid_request', 'Enter the Tautulli API key.', { field: 'api_key' });
    if (!/^[0-9a-f]{32}$/i.test(apiKey)) {
      return fail(
        400,
        'invalid_api_key',
        'That is not a Tautulli API key: it has 32 characters 0-9 and a-f. Copy it from Tautulli › Settings › Web Interface › API.',
        { field: 'api_key' },
      );
    }
    const verifySsl = typeof body.verify_ssl === 'boolean' ? body.verify_ssl : body.verify_ssl !== 'false';
    const mediaType = body.media_type ?? 'all';
    if (!['all', 'movie', 'episode'].includes(String(mediaType))) {
      return fail(400, 'invalid_request', 'Choose movies and episodes, movies only, or episodes only.', { field: 'media_type' });
    }
    const days = body.days === undefined || body.days === '' ? undefined : Number(body.days);
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) {
      return fail(400, 'invalid_request', 'Days of history must be a whole number from 1 to 3650.', { field: 'days' });
    }
    if (isUnreachable(server)) {
      return fail(502, 'unreachable', `Could not reach Tautulli at ${server} (timed out). Check the URL and that Tautulli is running.`, {
        field: 'server_url',
      });
    }
    if (verifySsl && server.startsWith('https:') && /self-?signed/i.test(server)) {
      return fail(502, 'invalid_ssl', "The server's TLS certificate is self-signed. Install a trusted certificate or turn off Verify SSL.", {
        field: 'verify_ssl',
      });
    }
    if (isOldServer(server)) {
      return fail(422, 'version_too_old', 'This Tautulli runs v2.11.1; v2.12 or newer is required. Update it, then connect again.', {
        field: 'server_url',
      });
    }
    if (/^0{32}$/.test(apiKey)) {
      return fail(401, 'invalid_api_key', 'Tautulli rejected the API key. Copy it again from Settings › Web Interface › API.', {
        field: 'api_key',
      });
    }
    const cfg = this.state.config;
    const host = new URL(server).host;
    const account = `Tautulli (${host})`;
    writePath(cfg, 'tautulli.server_url', server);
    writePath(cfg, 'tautulli.api_key', apiKey);
    writePath(cfg, 'tautulli.verify_ssl', verifySsl);
    if (body.user_id !== undefined && body.user_id !== '') writePath(cfg, 'tautulli.history.user_id', String(body.user_id));
    writePath(cfg, 'tautulli.history.media_type', String(mediaType));
    if (days !== undefined) writePath(cfg, 'tautulli.history.days', days);
    writePath(cfg, 'tautulli.server_name', 'Mock Tautulli');
    writePath(cfg, 'tautulli.account', account);
    const result: WireConnectResult = { ok: true, account };
    return ok(result);
  }

  /** CrossWatch's `POST /api/emby/login`, with its shapes: 400 "Missing: …", every failure 500 "Login failed". */
  embyLogin(body: JsonObject): Response {
    const server = this.textOrStored(body.server, 'emby.server');
    const username = this.textOrStored(body.username, 'emby.username');
    const password = this.secretOrStored(body.password, 'emby.password');
    if (!server || !username) return HttpResponse.json({ ok: false, error: 'Missing: server/username' }, { status: 400 });
    if (!isHttpUrl(server) || isUnreachable(server) || isOldServer(server) || password === 'wrong') {
      return HttpResponse.json({ ok: false, error: 'Login failed' }, { status: 500 });
    }
    const cfg = this.state.config;
    const userId = randomHex(32);
    writePath(cfg, 'emby.server', server);
    writePath(cfg, 'emby.username', username);
    deletePath(cfg, 'emby.password');
    writePath(cfg, 'emby.user_id', userId);
    writePath(cfg, 'emby.user', username);
    this.issueToken(findProvider('emby')!, username);
    return HttpResponse.json({ ok: true, user_id: userId, username, server });
  }

  embyStatus(): Response {
    const status = this.statusOf(findProvider('emby')!);
    const user = readString(this.state.config, 'emby.user') ?? status.account ?? null;
    return HttpResponse.json({ connected: status.connected, user: status.connected ? user : null, instance: 'default' });
  }

  // ── connection ──────────────────────────────────────────────────────────────

  refresh(def: ProviderDef): Response {
    if (def.requiresClientKeys && !this.hasClientKeys(def)) return this.missingKeys(def);
    const cfg = this.state.config;
    if (!hasValue(cfg, `${def.id}.access_token`)) {
      if (def.connectedPaths.some((p) => p.endsWith('api_key') && hasValue(cfg, p))) {
        const fresh: WireRefresh = { ok: true, status: 'fresh' }; // an API key does not expire
        return ok(fresh);
      }
      return fail(409, 'not_connected', `${def.label} is not connected, so there is no token to refresh. Connect it first.`);
    }
    const expires = getPath(cfg, `${def.id}.expires_at`);
    const lifetime = def.tokenLifetimeS ?? 0;
    if (typeof expires === 'number' && expires * 1000 - this.now() > (lifetime * 1000) / 2) {
      const fresh: WireRefresh = { ok: true, status: 'fresh', expires_at: expires };
      return ok(fresh);
    }
    this.issueToken(def, readString(cfg, `${def.id}.account`) ?? def.defaultAccount);
    const refreshed: WireRefresh = { ok: true, status: 'ok', expires_at: getPath(cfg, `${def.id}.expires_at`) as number };
    return ok(refreshed);
  }

  /** Forgets the tokens; refused while the provider is marked in use. */
  disconnect(def: ProviderDef): Response | undefined {
    const usages = this.state.inUse.get(def.id);
    if (usages) return this.inUseResponse(def, usages);
    for (const path of def.tokenPaths) deletePath(this.state.config, path);
    this.state.flows.delete(def.id);
    for (const session of [...this.state.oauth.values()]) if (session.provider === def.id) this.state.oauth.delete(session.state);
    return undefined;
  }

  saveConfig(partial: JsonObject): void {
    mergeConfig(this.state.config, partial, PASSWORD_FIELD_PATHS);
  }

  get config(): JsonObject {
    return this.state.config;
  }
}

export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  return new MockBackendImpl(options);
}
