/**
 * The list's all-providers answers, asked once for every card: the connection status
 * (`GET /api/auth/status`, or CrossWatch's `GET /api/status`) and, on CrossWatch, every
 * provider's profiles (`GET /api/provider-instances`). Each is asked when the first card needs it
 * and shared by all; a backend without the route (404/405), or any failure, answers `undefined`,
 * and each card then asks its own route (see VisibleRequestsController).
 *
 * `dispose()` (the list left the page) aborts what is still in flight.
 */
import type { AuthApi } from '../api-client/api.js';
import type { AggregateStatus, CallOptions, ProviderInstance, StatusByName } from '../api-client/types.js';
import { StatusGate } from './status-gate.js';

/** Which all-providers routes the backend has: ours, or CrossWatch's (manifests without routes). */
export type BackendShape = 'contract' | 'crosswatch';

/** Resolves like `answer`, or rejects with the signal's reason once it aborts. */
function untilAborted<T>(answer: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class StatusHub {
  private readonly lifetime = new AbortController();
  private statusAnswer: Promise<StatusByName | undefined> | undefined;
  private instancesAnswer: Promise<ReadonlyMap<string, ProviderInstance[]> | undefined> | undefined;

  /**
   * `gates`: the list's turn per all-providers route, kept across hubs, so a list moved in the
   * page again and again asks each route at most once a second (see StatusGate).
   */
  constructor(
    private readonly api: AuthApi,
    readonly shape: BackendShape,
    private readonly gates?: (route: string) => StatusGate,
  ) {}

  /** The provider's entry (by manifest name) in the all-providers status, if the backend gave one. */
  async status(name: string, signal: AbortSignal): Promise<AggregateStatus | undefined> {
    this.statusAnswer ??= this.ask('status', this.shape === 'crosswatch' ? this.api.crossWatchStatus : this.api.statusAll);
    return (await untilAborted(this.statusAnswer, signal))?.get(name.toUpperCase());
  }

  /** The provider's profiles from CrossWatch's all-providers list; `undefined` elsewhere. */
  async instances(name: string, signal: AbortSignal): Promise<ProviderInstance[] | undefined> {
    if (this.shape !== 'crosswatch') return undefined;
    this.instancesAnswer ??= this.ask('instances', this.api.listAllInstances);
    return (await untilAborted(this.instancesAnswer, signal))?.get(name.toUpperCase());
  }

  dispose(): void {
    this.lifetime.abort();
  }

  private ask<T>(name: string, route: ((opts?: CallOptions) => Promise<T>) | undefined): Promise<T | undefined> {
    if (!route || this.lifetime.signal.aborted) return Promise.resolve(undefined);
    const lifetime = this.lifetime.signal;
    const read = (signal: AbortSignal) => route.call(this.api, { signal });
    // Any failure means "ask per card": the cards' own answers then say what is wrong.
    return (this.gates ? this.gates(name).run(name, read, lifetime) : read(lifetime)).catch(() => undefined);
  }
}
