/**
 * The run bookkeeping every flow controller shares. A flow's work (requests, timers, listeners)
 * belongs to one run; starting, cancelling, finishing or failing replaces or ends the run, and
 * anything that answers for a run that is no longer the current one is dropped. Subclasses keep
 * only what differs: what a run holds, how it is started, and what `teardown()` must undo.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AuthApi } from '../api-client/api.js';
import type { ApiError } from '../api-client/errors.js';
import type { ConfigObject, FieldSchema } from '../api-client/types.js';
import { closePopup } from './popup.js';
import type { ResolvedProvider } from './types.js';
import { isAbort, notReady, toApiError, type FlowContext, type FlowState } from './flow-state.js';
// Loaded with the flow controllers, so the client's import() of the flow answers' validators
// finds them there (no fetch between a flow's answer and its screen).
import '../api-client/flow-responses.js';

/** What every run holds. */
export interface FlowRun {
  abort: AbortController;
  /** The window the flow opened, if any: closed on cancel, and on a failure while starting. */
  popup?: Window | null;
}

export interface RunControllerOptions<State extends FlowState> {
  /** Called after every state change. */
  onChange?(next: State, prev: State): void;
}

/** Everything a new run is for, read from the host when it starts. */
export interface RunTarget<Route> {
  api: AuthApi;
  provider: ResolvedProvider;
  route: Route;
  instance: string | undefined;
  config: ConfigObject | undefined;
}

export abstract class RunController<
  State extends FlowState,
  Run extends FlowRun,
  Options extends FlowContext & RunControllerOptions<State> = FlowContext & RunControllerOptions<State>,
> implements ReactiveController
{
  state = { kind: 'idle' } as State;
  /** The current run; undefined when nothing is in flight. */
  protected run: Run | undefined;

  constructor(
    protected readonly host: ReactiveControllerHost,
    protected readonly options: Options,
  ) {
    host.addController(this);
  }

  /** True while the flow is working (a second start does nothing, reset is refused). */
  abstract get busy(): boolean;

  hostConnected(): void {}

  /** Removal aborts everything: no request, timer or listener survives the element. */
  hostDisconnected(): void {
    if (this.run) {
      this.stopRun();
      this.setState({ kind: 'idle' } as State);
    }
  }

  /** Back to idle from a final state (connected, expired, denied, error, needs keys). */
  reset(): void {
    if (this.busy) return;
    this.setState({ kind: 'idle' } as State);
  }

  /**
   * What a new run needs, or undefined after showing why it cannot start: an error when there is
   * no client or no route for this flow, `needs_keys` when `missing` names required keys.
   */
  protected target<Route>(
    routeOf: (provider: ResolvedProvider) => Route | undefined,
    missing: (provider: ResolvedProvider, config: ConfigObject | undefined, instance: string | undefined) => FieldSchema[] | undefined,
  ): RunTarget<Route> | undefined {
    const api = this.options.getApi();
    const provider = this.options.getProvider();
    const route = provider ? routeOf(provider) : undefined;
    if (!api || !provider || !route) {
      this.setState({ kind: 'error', error: notReady(!api) } as State);
      return undefined;
    }
    const instance = this.options.getInstance?.();
    const config = this.options.getConfig?.();
    const keys = missing(provider, config, instance);
    if (keys && keys.length > 0) {
      this.setState({ kind: 'needs_keys', missing: keys } as State);
      return undefined;
    }
    return { api, provider, route, instance, config };
  }

  /** What a run leaves behind besides its requests: timers, listeners. Called once per run. */
  protected teardown(_run: Run): void {}

  /** Makes `run` the current run and shows its first state. */
  protected beginRun(run: Run, first: State): void {
    this.run = run;
    this.setState(first);
  }

  /** A result for `run` that arrived after it was replaced or stopped, or is its own abort. */
  protected isStale(run: Run, error: unknown): boolean {
    return this.run !== run || isAbort(error, run.abort.signal);
  }

  /** Ends the current run with a final state (ignored when `run` is no longer current). */
  protected finish(run: Run, next: State): void {
    if (this.run !== run) return;
    this.stopRun();
    this.setState(next);
  }

  /** Ends the current run with an error (ignored when `run` is no longer current). */
  protected fail(run: Run, error: ApiError): void {
    if (this.run !== run) return;
    this.stopRun();
    if (this.state.kind === 'starting') closePopup(run.popup);
    this.setState({ kind: 'error', error } as State);
  }

  /** The user stopped the flow: ends the current run, closes its popup, idle with a note. */
  protected cancelRun(): Run | undefined {
    const run = this.run;
    if (!run) return undefined;
    this.stopRun();
    closePopup(run.popup);
    this.setState({ kind: 'idle', notice: 'cancelled' } as State);
    return run;
  }

  /** A thrown value ends the run as an error, unless the run is stale or it is the run's abort. */
  protected failWith(run: Run, error: unknown): void {
    if (this.isStale(run, error)) return;
    this.fail(run, toApiError(error));
  }

  /** Drops the current run: its answers are ignored, its requests aborted, `teardown()` run. */
  protected stopRun(): void {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    this.teardown(run);
    run.abort.abort();
  }

  protected setState(next: State): void {
    const prev = this.state;
    this.state = next;
    this.host.requestUpdate();
    this.options.onChange?.(next, prev);
  }
}
