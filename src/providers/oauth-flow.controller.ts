/**
 * OAuth through the backend (it builds the authorize URL, owns the secrets and the exchange).
 *
 * Popup mode: the popup is opened blank inside the click, then navigated to the validated
 * authorize URL. Completion is read from the backend (status route or token in config) with
 * bounded, backing-off polling; a postMessage from the callback page only speeds that up, and is
 * accepted only from the backend's origin, from our popup, with this flow's nonce.
 * Redirect mode: the page itself goes to the authorize URL; on return the result is read from the
 * backend.
 */
import type { AuthApi } from '../api-client/api.js';
import type { CallOptions, ProviderStatus } from '../api-client/types.js';
import { ApiError, ErrorCodes } from '../api-client/errors.js';
import { canCheckConnection, checkConnected } from './check-connected.js';
import { missingKeys } from './describe.js';
import { closePopup, navigatePopup, openBlankPopup } from './popup.js';
import type { ResolvedProvider } from './types.js';
import { originOf, safeHttpUrl } from './urls.js';
import { connectedState, randomNonce, toApiError, type FlowContext, type OAuthFlowState } from './flow-state.js';
import { RunController, type FlowRun, type RunControllerOptions } from './flow-run.js';
import { markerStorage, rememberRedirect, takeRedirectMarker } from './oauth-redirect-marker.js';

export { REDIRECT_MARKER_TTL_MS } from './oauth-redirect-marker.js';

export type OAuthMode = 'popup' | 'redirect';

export interface OAuthFlowOptions extends FlowContext, RunControllerOptions<OAuthFlowState> {
  getMode?(): OAuthMode;
  /** Full-page navigation (redirect mode); injectable for tests. */
  navigate?(url: string): void;
  /** Where redirect mode remembers a pending flow across the page load. */
  storage?(): Storage | undefined;
}

/** The message a callback page may post to its opener. */
export const OAUTH_MESSAGE_TYPE = 'cw-auth:oauth';
/** Status checks: first after 2 s, growing ×1.5 up to 10 s, giving up after 5 minutes. */
export const STATUS_FIRST_MS = 2000;
export const STATUS_MAX_MS = 10000;
export const STATUS_GROWTH = 1.5;
export const OAUTH_GIVE_UP_MS = 5 * 60 * 1000;
/** How often we look whether the user closed the popup. */
export const POPUP_WATCH_MS = 1000;
const MAX_TRANSIENT_FAILURES = 8;
/** At most one status check a second per flow, whatever a callback page posts (issue 11). */
export const MIN_CHECK_GAP_MS = 1000;

interface Run extends FlowRun {
  api: AuthApi;
  provider: ResolvedProvider;
  instance: string | undefined;
  nonce: string;
  popup: Window | null;
  /** Where the callback's postMessage must come from. */
  backendOrigin: string | undefined;
  statusTimer?: ReturnType<typeof setTimeout>;
  popupTimer?: ReturnType<typeof setTimeout>;
  /** Ends the wait at `giveUpAt` whatever else happens (no status route, checks pending). */
  giveUpTimer?: ReturnType<typeof setTimeout>;
  statusDelay: number;
  giveUpAt: number;
  checking: boolean;
  /** Date.now() when the last status check started. */
  lastCheckAt: number;
  /** A verification that waits for the one-check-a-second gap, and whether a message asked for it. */
  verifyTimer?: ReturnType<typeof setTimeout>;
  verifyTrusted: boolean;
  failures: number;
  /** Date.now() before which the server asked not to be asked again (Retry-After). */
  notBefore: number;
}

const newRun = (
  api: AuthApi,
  provider: ResolvedProvider,
  instance: string | undefined,
  popup: Window | null,
  nonce: string,
  backendOrigin: string | undefined,
): Run => ({ abort: new AbortController(), api, provider, instance, nonce, popup, backendOrigin, statusDelay: STATUS_FIRST_MS, giveUpAt: 0, checking: false, lastCheckAt: -Infinity, verifyTrusted: false, failures: 0, notBefore: 0 });

export class OAuthFlowController extends RunController<OAuthFlowState, Run, OAuthFlowOptions> {
  private resumeChecked = false;

  hostUpdated(): void {
    // Redirect mode: after the page came back, read the result once the provider is known.
    if (!this.resumeChecked && this.options.getProvider() && this.options.getApi()) {
      this.resumeChecked = true;
      queueMicrotask(() => this.resumeAfterRedirect());
    }
  }

  override hostDisconnected(): void {
    // Our popup still has `opener` pointing at this page: close it, never leave it behind.
    const popup = this.run?.popup;
    super.hostDisconnected();
    closePopup(popup);
    this.resumeChecked = false;
  }

  get busy(): boolean {
    const k = this.state.kind;
    return k === 'starting' || k === 'awaiting_callback' || k === 'verifying';
  }

  private get mode(): OAuthMode {
    return this.options.getMode?.() ?? 'popup';
  }

  /** Call synchronously from the click: the popup must open before anything is awaited. */
  start(): void {
    if (this.busy) return;
    const target = this.target(
      (p) => p.routes.authorize,
      (p, config, instance) => missingKeys(p, config, instance, 'oauth'),
    );
    if (!target) return;
    const { api, provider, route, instance } = target;
    const mode = this.mode;
    // Keep `opener`: the callback page posts back through it.
    const popup = mode === 'popup' ? openBlankPopup(`cw-oauth-${provider.id}`, false) : null;
    const run = newRun(api, provider, instance, popup, randomNonce(), originOf(api.resolveUrl('/')));
    this.beginRun(run, { kind: 'starting' });
    void this.authorize(run, route, mode);
  }

  /** Stops waiting and closes our popup. The backend's state simply expires. */
  cancel(): void {
    this.cancelRun();
  }

  private async authorize(run: Run, route: string, mode: OAuthMode): Promise<void> {
    let authorizeUrl: string | undefined;
    try {
      // The nonce travels with the origin; the backend echoes it in the callback's message.
      const opts: CallOptions & { nonce: string } = { signal: run.abort.signal, instance: run.instance, nonce: run.nonce };
      const result = await run.api.authorize(route, location.origin, opts);
      authorizeUrl = safeHttpUrl(result.authorizeUrl);
    } catch (error) {
      this.failWith(run, error);
      return;
    }
    if (this.run !== run) return;
    if (!authorizeUrl) {
      this.fail(run, new ApiError({ code: ErrorCodes.badResponse, message: 'The server sent no usable authorization address.' }));
      return;
    }
    if (mode === 'redirect') {
      rememberRedirect(markerStorage(this.options), run.provider, run.instance);
      this.finish(run, { kind: 'awaiting_callback', authorizeUrl, popupBlocked: false });
      (this.options.navigate ?? ((url: string) => location.assign(url)))(authorizeUrl);
      return;
    }
    if (run.popup && run.popup.closed) {
      // Closed while we were asking the server.
      this.finish(run, { kind: 'idle', notice: 'popup_closed' });
      return;
    }
    const opened = navigatePopup(run.popup, authorizeUrl);
    this.setState({ kind: 'awaiting_callback', authorizeUrl, popupBlocked: !opened });
    run.giveUpAt = Date.now() + OAUTH_GIVE_UP_MS;
    run.giveUpTimer = setTimeout(() => this.giveUp(run), OAUTH_GIVE_UP_MS);
    this.armWaiting(run, opened, run.statusDelay);
  }

  /** Everything that can end the wait: the callback message, the popup closing, status checks. */
  private armWaiting(run: Run, popupOpened: boolean, statusDelayMs: number): void {
    if (popupOpened) {
      window.addEventListener('message', this.onMessage);
      this.watchPopup(run);
    }
    this.scheduleStatus(run, statusDelayMs);
  }

  private giveUp(run: Run): void {
    if (this.run !== run) return;
    closePopup(run.popup);
    this.fail(run, new ApiError({ code: 'oauth_timeout', message: 'oauth_timeout' }));
  }

  /** Only our callback page, from the backend's origin, through our popup, with our nonce. */
  private readonly onMessage = (event: MessageEvent): void => {
    const run = this.run;
    if (!run || this.state.kind !== 'awaiting_callback') return;
    if (!run.backendOrigin || event.origin !== run.backendOrigin) return;
    if (!run.popup || event.source !== run.popup) return;
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null) return;
    const msg = data as Record<string, unknown>;
    if (msg['type'] !== OAUTH_MESSAGE_TYPE || typeof msg['nonce'] !== 'string' || msg['nonce'] !== run.nonce) return;
    const provider = msg['provider'];
    if (typeof provider === 'string' && provider.toLowerCase() !== run.provider.id && provider !== run.provider.manifest.name) return;
    if (msg['status'] === 'denied') {
      closePopup(run.popup);
      this.finish(run, { kind: 'denied' });
    } else if (msg['status'] === 'authorized') {
      void this.verifyNow(run, true);
    }
  };

  private watchPopup(run: Run): void {
    run.popupTimer = setTimeout(() => {
      if (this.run !== run) return;
      let closed = false;
      try {
        closed = !run.popup || run.popup.closed;
      } catch {
        closed = false;
      }
      if (closed) void this.verifyNow(run, false);
      else this.watchPopup(run);
    }, POPUP_WATCH_MS);
  }

  private scheduleStatus(run: Run, delayMs: number): void {
    clearTimeout(run.statusTimer);
    run.statusTimer = setTimeout(() => void this.pollStatus(run), delayMs);
  }

  private async pollStatus(run: Run): Promise<void> {
    if (this.run !== run || run.checking) return;
    if (Date.now() >= run.giveUpAt) {
      this.giveUp(run);
      return;
    }
    // Only the callback message or the popup closing can tell us; the give-up timer still runs.
    if (!canCheckConnection(run.provider)) return;
    const gap = run.lastCheckAt + MIN_CHECK_GAP_MS - Date.now();
    if (gap > 0) {
      this.scheduleStatus(run, gap);
      return;
    }
    try {
      const status = await this.check(run);
      if (this.run !== run) return;
      run.failures = 0;
      if (status?.connected) {
        closePopup(run.popup);
        this.finish(run, connectedState(status.account));
        return;
      }
    } catch (error) {
      if (this.isStale(run, error)) return;
      const apiError = toApiError(error);
      run.failures += 1;
      if (!apiError.transient || run.failures >= MAX_TRANSIENT_FAILURES) {
        this.fail(run, apiError);
        return;
      }
      // Never sooner than the server asked (429/503 Retry-After, held to a day when parsed); the
      // give-up timer still ends the wait at 5 minutes.
      const asked = (apiError.retryAfter ?? 0) * 1000;
      run.notBefore = Date.now() + asked;
      if (asked > run.statusDelay) {
        run.statusDelay = Math.min(STATUS_MAX_MS, run.statusDelay * STATUS_GROWTH);
        this.scheduleStatus(run, Math.min(asked, Math.max(0, run.giveUpAt - Date.now())));
        return;
      }
    }
    run.statusDelay = Math.min(STATUS_MAX_MS, run.statusDelay * STATUS_GROWTH);
    this.scheduleStatus(run, run.statusDelay);
  }

  /**
   * The callback said "authorized" (trusted = true) or the popup closed: ask the backend once.
   * Connected → done. Otherwise: after a message keep polling; after a close go back to idle.
   */
  private async verifyNow(run: Run, trusted: boolean): Promise<void> {
    if (this.run !== run) return;
    if (canCheckConnection(run.provider) && this.deferVerify(run, trusted)) return;
    clearTimeout(run.statusTimer);
    clearTimeout(run.popupTimer);
    window.removeEventListener('message', this.onMessage);
    const awaiting = this.state;
    this.setState({ kind: 'verifying' });
    try {
      const status = canCheckConnection(run.provider) ? await this.check(run) : undefined;
      if (this.run !== run) return;
      if (status?.connected || (trusted && !status)) {
        closePopup(run.popup);
        this.finish(run, connectedState(status?.account));
      } else if (trusted && awaiting.kind === 'awaiting_callback') {
        // The backend has not caught up yet: keep waiting for it, as before the message.
        this.setState(awaiting);
        this.armWaiting(run, !awaiting.popupBlocked, STATUS_FIRST_MS);
      } else {
        this.finish(run, { kind: 'idle', notice: 'popup_closed' });
      }
    } catch (error) {
      this.failWith(run, error);
    }
  }

  /**
   * While a check is in flight, or the last one started less than a second ago, the verification
   * waits for the gap (one timer, however many messages arrive) and says true.
   */
  private deferVerify(run: Run, trusted: boolean): boolean {
    const gap = Math.max(run.checking ? MIN_CHECK_GAP_MS : run.lastCheckAt + MIN_CHECK_GAP_MS - Date.now(), run.notBefore - Date.now());
    if (gap <= 0) return false;
    run.verifyTrusted ||= trusted;
    run.verifyTimer ??= setTimeout(() => {
      run.verifyTimer = undefined;
      const wasTrusted = run.verifyTrusted;
      run.verifyTrusted = false;
      void this.verifyNow(run, wasTrusted);
    }, gap);
    return true;
  }

  /** Asks the backend whether the run's provider is connected now (one request at a time). */
  private async check(run: Run): Promise<ProviderStatus | undefined> {
    run.checking = true;
    run.lastCheckAt = Date.now();
    try {
      return await checkConnected(run.api, run.provider, { signal: run.abort.signal, instance: run.instance });
    } finally {
      run.checking = false;
    }
  }

  /** Back from a redirect: read the result from the backend, never from the URL. */
  private async resumeAfterRedirect(): Promise<void> {
    const api = this.options.getApi();
    const provider = this.options.getProvider();
    if (!api || !provider || this.run || this.mode !== 'redirect') return;
    const instance = this.options.getInstance?.();
    if (!takeRedirectMarker(markerStorage(this.options), provider, instance)) return;
    const run = newRun(api, provider, instance, null, '', undefined);
    this.beginRun(run, { kind: 'verifying' });
    try {
      const status = await this.check(run);
      if (this.run !== run) return;
      this.finish(run, status?.connected ? connectedState(status.account) : { kind: 'idle', notice: 'redirect_unfinished' });
    } catch (error) {
      this.failWith(run, error);
    }
  }

  protected override teardown(run: Run): void {
    clearTimeout(run.statusTimer);
    clearTimeout(run.popupTimer);
    clearTimeout(run.giveUpTimer);
    clearTimeout(run.verifyTimer);
    window.removeEventListener('message', this.onMessage);
  }
}
