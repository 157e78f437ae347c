/**
 * Device code / PIN flow (RFC 8628 on the client side of our backend).
 *
 * Mode `poll`: the backend proxies one upstream poll per request, so this controller paces the
 * polls: a setTimeout chain with one request in flight, the server's interval (default 5 s),
 * +5 s for every later poll after `slow_down`, Retry-After honoured, exponential backoff on
 * network errors (cap 60 s), stop on authorized / denied / expired / deadline.
 * Mode `server` (CrossWatch's `pin/new`): the server polls upstream; we only watch the status
 * route, or the token in a fresh config, at the same interval but never faster than every 2 s.
 */
import type { AuthApi } from '../api-client/api.js';
import type { ConfigObject, DevicePoll, DeviceStart } from '../api-client/types.js';
import { lastSegment } from '../api-client/config-paths.js';
import { ApiError, ErrorCodes } from '../api-client/errors.js';
import { checkConnected } from './check-connected.js';
import { missingKeys } from './describe.js';
import { missingRequired, toConnectBody } from './credentials-flow.controller.js';
import { closePopup, navigatePopup, openBlankPopup } from './popup.js';
import type { DeviceRoutes, ResolvedProvider } from './types.js';
import { safeHttpUrl } from './urls.js';
import { connectedState, toApiError, type DeviceFlowState, type FlowContext } from './flow-state.js';
import { RunController, type FlowRun, type RunControllerOptions } from './flow-run.js';
import { LONG_WAIT_S, SERVER_BOUNDS, serverSeconds } from '../api-client/server-numbers.js';
import { safeTimeout, type CancelTimer } from '../state/safe-timer.js';

export interface DeviceFlowOptions extends FlowContext, RunControllerOptions<DeviceFlowState> {
  /** Open the verification page in a popup on start (default true). */
  openWindow?(): boolean;
  /** What the user has typed, keyed by field key: the start sends the route's `send` fields from it. */
  getValues?(): Record<string, unknown>;
}

/** The start's body: the route's `send` fields, typed or saved, by the last segment of their key. */
function startBody(
  provider: ResolvedProvider,
  routes: DeviceRoutes,
  values: Record<string, unknown>,
  config: ConfigObject | undefined,
  instance: string | undefined,
): Record<string, unknown> {
  const send = routes.mode === 'poll' ? routes.send : undefined;
  if (!send) return {};
  const all = toConnectBody(provider, values, config, instance);
  return Object.fromEntries(Object.entries(all).filter(([name]) => send.includes(name)));
}

/**
 * The page on the user's own server where the code is entered (Jellyfin Quick Connect), if known.
 * The server URL is the one people type: `jf.lan:8096` means http; a pasted page
 * (`…/web/#/home.html`) or `…/web` means its server; sign-in details, query and hash are dropped
 * (the link is shown, opened and drawn as a QR code).
 */
export function ownServerPage(server: unknown, path: string): string | undefined {
  if (typeof server !== 'string' || !server.trim()) return undefined;
  const text = server.trim();
  const url = safeHttpUrl(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  if (!url) return undefined;
  const base = new URL(url);
  // Browsers percent-encode what no host name holds (`not a url` → `not%20a%20url`).
  if (!/^[a-z\d.-]+$|^\[[a-f\d:.]+\]$/i.test(base.hostname)) return undefined;
  base.username = base.password = base.search = base.hash = '';
  base.pathname = base.pathname.replace(/\/web(\/[^/]*)?$/, '').replace(/\/+$/, '');
  return safeHttpUrl(`${base.href.replace(/\/+$/, '')}${path}`);
}

/** RFC 8628 §3.5: the default interval, and what `slow_down` adds. */
export const DEFAULT_INTERVAL_S = 5;
export const SLOW_DOWN_STEP_S = 5;
/** Network errors back off up to this. */
export const MAX_BACKOFF_S = 60;
/** Server mode never watches faster than this. */
export const MIN_WATCH_INTERVAL_S = 2;
/** When the server does not say how long a code lives. */
export const DEFAULT_EXPIRES_S = 900;
/** Consecutive transient failures before giving up with the last error. */
export const MAX_TRANSIENT_FAILURES = 8;

const interval = (v: unknown) => serverSeconds(v || undefined, SERVER_BOUNDS.interval);
const retryAfter = (v: unknown) => serverSeconds(v, SERVER_BOUNDS.retryAfter);

interface Run extends FlowRun {
  api: AuthApi;
  provider: ResolvedProvider;
  routes: DeviceRoutes;
  instance: string | undefined;
  popup: Window | null;
  cancelTimer?: CancelTimer;
  inFlight: boolean;
  /** Seconds. */
  interval: number;
  deadline: number;
  /** Date.now() of the last request (or of the code's arrival). */
  lastPollAt: number;
  /** Date.now() when the next poll is due (interval, slow_down, Retry-After, backoff). */
  dueAt: number;
  failures: number;
  /** What the start sends (the route's `send` fields). */
  body: Record<string, unknown>;
}

export class DeviceFlowController extends RunController<DeviceFlowState, Run, DeviceFlowOptions> {
  /** True while a code is being fetched or shown. */
  get busy(): boolean {
    return this.state.kind === 'starting' || this.state.kind === 'waiting';
  }

  /**
   * Starts a flow. Call it synchronously from the click handler: the verification window is
   * opened before anything is awaited. A second call while busy does nothing.
   */
  start(): void {
    if (this.busy) return;
    const values = this.options.getValues?.() ?? {};
    const target = this.target(
      (p) => p.routes.device,
      (p, config, instance) => {
        const send = p.routes.device?.mode === 'poll' ? p.routes.device.send : undefined;
        // Fields the start sends count when typed, not only when saved; with neither a config nor
        // typed values nothing is known, and the server decides (as for the other flows).
        if (!send) return missingKeys(p, config, instance, 'device_code');
        if (!config && Object.keys(values).length === 0) return undefined;
        return missingRequired(p, values, config, instance).filter((f) => send.includes(lastSegment(f.key)));
      },
    );
    if (!target) return;
    const { api, provider, route: routes, instance, config } = target;
    const wantsWindow = this.options.openWindow?.() ?? true;
    const popup = wantsWindow ? openBlankPopup(`cw-device-${provider.id}`, true) : null;
    const run: Run = {
      abort: new AbortController(),
      api,
      provider,
      routes,
      instance,
      popup,
      inFlight: false,
      interval: DEFAULT_INTERVAL_S,
      deadline: 0,
      lastPollAt: 0,
      dueAt: 0,
      failures: 0,
      body: startBody(provider, routes, values, config, instance),
    };
    this.beginRun(run, { kind: 'starting' });
    void this.begin(run, wantsWindow);
  }

  /** Stops the flow and tells the server (when it has a cancel route). */
  cancel(): void {
    const run = this.cancelRun();
    if (run) this.tellCancelled(run);
  }

  /**
   * Removal ends a pending flow like Cancel does, and tells the server (docs/api.md): `keepalive`,
   * so the request survives a page that is closing. Moving the element also ends the flow.
   */
  override hostDisconnected(): void {
    const run = this.run;
    const pending = run !== undefined && this.state.kind === 'waiting';
    super.hostDisconnected();
    if (pending) this.tellCancelled(run, true);
  }

  private tellCancelled(run: Run, keepalive = false): void {
    const cancelRoute = run.routes.cancel;
    if (!cancelRoute) return;
    // Best effort: the code dies on its own at expiry anyway.
    run.api.deviceCancel(cancelRoute, { instance: run.instance, ...(keepalive ? { keepalive } : {}) }).catch(() => undefined);
  }

  private async begin(run: Run, wantsWindow: boolean): Promise<void> {
    let start: DeviceStart;
    try {
      const relays = run.routes.mode === 'poll' && run.routes.relaysProvider ? { relaysProvider: true } : {};
      start = await run.api.deviceStart(run.routes.start, run.body, { signal: run.abort.signal, instance: run.instance, ...relays });
    } catch (error) {
      this.failWith(run, error);
      return;
    }
    if (this.run !== run) return;
    if (!start.userCode) {
      this.fail(run, new ApiError({ code: ErrorCodes.badResponse, message: 'The server sent no code.' }));
      return;
    }
    const at = run.routes.mode === 'poll' ? run.routes.verifyAt : undefined;
    const verificationUrl = safeHttpUrl(start.verificationUrl) ?? (at && ownServerPage(run.body[at.field], at.path)) ?? run.provider.verifyUrl;
    const openUrl = safeHttpUrl(start.verificationUrlComplete) ?? verificationUrl;
    const opened = navigatePopup(run.popup, openUrl);
    if (!opened) closePopup(run.popup);
    // Held to bounds again here: an AuthApi need not be ours (at least 1 s, at most a day).
    run.interval = interval(start.interval) ?? DEFAULT_INTERVAL_S;
    if (run.routes.mode === 'server') run.interval = Math.max(MIN_WATCH_INTERVAL_S, run.interval);
    const now = Date.now();
    const lifetime = start.expiresIn > 0 && start.expiresIn <= SERVER_BOUNDS.expiresIn.max ? start.expiresIn : DEFAULT_EXPIRES_S;
    run.deadline = now + lifetime * 1000;
    run.lastPollAt = now;
    this.setState({
      kind: 'waiting',
      userCode: start.userCode,
      ...(openUrl ? { openUrl } : {}),
      ...(verificationUrl ? { verificationUrl } : {}),
      deadline: run.deadline,
      interval: run.interval,
      // Blocked means the browser refused the window; with no page to open it is just closed.
      popupBlocked: wantsWindow && !run.popup && Boolean(openUrl),
    });
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    this.schedule(run, run.interval * 1000);
  }

  private schedule(run: Run, delayMs: number): void {
    run.cancelTimer?.();
    // Wake at the deadline at the latest, so an expired code is reported on time.
    const untilDeadline = Math.max(0, run.deadline - Date.now());
    const delay = Math.min(delayMs, untilDeadline);
    run.dueAt = Date.now() + delay;
    run.cancelTimer = safeTimeout(() => void this.tick(run), delay);
    if (this.state.kind === 'waiting') {
      // A long wait (slow_down, Retry-After) is shown, so the code does not look stuck.
      const nextCheckAt = delay >= LONG_WAIT_S * 1000 && delay < untilDeadline ? Date.now() + delay : undefined;
      if (nextCheckAt !== this.state.nextCheckAt) {
        const { nextCheckAt: _old, ...rest } = this.state;
        this.setState(nextCheckAt ? { ...rest, nextCheckAt } : rest);
      }
    }
  }

  /** The approval still has to be exchanged on the server (a finish route) before it counts. */
  private async exchange(run: Run, route: string, account: string | undefined): Promise<void> {
    run.inFlight = true;
    try {
      const result = await run.api.deviceFinish(route, { signal: run.abort.signal, instance: run.instance });
      run.inFlight = false;
      this.finish(run, connectedState(result.account ?? account));
    } catch (error) {
      run.inFlight = false;
      if (this.isStale(run, error)) return;
      this.fail(run, toApiError(error));
    }
  }

  private async tick(run: Run): Promise<void> {
    run.cancelTimer = undefined;
    if (this.run !== run || run.inFlight) return;
    if (Date.now() >= run.deadline) {
      this.finish(run, { kind: 'expired' });
      return;
    }
    run.inFlight = true;
    run.lastPollAt = Date.now();
    const opts = { signal: run.abort.signal, instance: run.instance };
    try {
      if (run.routes.mode === 'poll') {
        const { pollMethod: method, relaysProvider } = run.routes;
        const poll = await run.api.devicePoll(run.routes.poll, { ...opts, ...(method ? { method } : {}), ...(relaysProvider ? { relaysProvider } : {}) });
        run.inFlight = false;
        if (this.run === run) this.onPoll(run, poll);
      } else {
        const status = await checkConnected(run.api, run.provider, opts);
        run.inFlight = false;
        if (this.run !== run) return;
        run.failures = 0;
        if (status?.connected) this.finish(run, connectedState(status.account));
        else this.schedule(run, run.interval * 1000);
      }
    } catch (error) {
      run.inFlight = false;
      if (this.isStale(run, error)) return;
      this.onPollError(run, toApiError(error));
    }
  }

  private onPoll(run: Run, poll: DevicePoll): void {
    run.failures = 0;
    switch (poll.status) {
      case 'authorized':
        if (run.routes.mode === 'poll' && run.routes.finish) void this.exchange(run, run.routes.finish, poll.account);
        else this.finish(run, connectedState(poll.account));
        return;
      case 'expired':
        this.finish(run, { kind: 'expired' });
        return;
      case 'denied':
        this.finish(run, { kind: 'denied' });
        return;
      case 'error':
        this.fail(run, new ApiError({ code: 'device_error', message: poll.message ?? '' }));
        return;
      case 'slow_down':
        // RFC 8628 §3.5: +5 s for this and every later poll; a larger server value wins.
        run.interval = Math.min(SERVER_BOUNDS.interval.max, Math.max(run.interval + SLOW_DOWN_STEP_S, interval(poll.interval) ?? 0));
        break;
      case 'pending':
      default:
        // A server may raise the interval, never undo an earlier slow_down.
        run.interval = Math.max(run.interval, interval(poll.interval) ?? 0);
        break;
    }
    this.updateInterval(run);
    this.schedule(run, Math.max(run.interval, retryAfter(poll.retryAfter) ?? 0) * 1000);
  }

  private onPollError(run: Run, error: ApiError): void {
    if (error.code === 'denied') {
      this.finish(run, { kind: 'denied' });
      return;
    }
    if (!error.transient) {
      this.fail(run, error);
      return;
    }
    run.failures += 1;
    if (run.failures >= MAX_TRANSIENT_FAILURES) {
      this.fail(run, error);
      return;
    }
    const backoff = Math.min(MAX_BACKOFF_S, run.interval * 2 ** run.failures);
    const asked = retryAfter(error.retryAfter);
    const delay = asked ? Math.max(run.interval, asked) : backoff;
    this.schedule(run, delay * 1000);
  }

  /**
   * Tab visible again: background timers may have been throttled, so poll now if due: when the
   * wait the last answer asked for (interval, slow_down, Retry-After) has passed, never sooner.
   */
  private readonly onVisibilityChange = (): void => {
    const run = this.run;
    if (!run || document.visibilityState !== 'visible' || run.inFlight || this.state.kind !== 'waiting') return;
    if (Date.now() >= run.dueAt) {
      run.cancelTimer?.();
      void this.tick(run);
    }
  };

  private updateInterval(run: Run): void {
    if (this.state.kind === 'waiting' && this.state.interval !== run.interval) {
      this.setState({ ...this.state, interval: run.interval });
    }
  }

  protected override teardown(run: Run): void {
    run.cancelTimer?.();
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
  }
}

/** Kept for callers of the earlier location. */
export { notReady } from './flow-state.js';
