/**
 * A connection's status: load it (status route, else the token in the config), follow the config
 * store, learn a token's lifetime. What a card needs before any click; the actions on an existing
 * connection (refresh, disconnect) are ConnectionController's (connection.controller.ts), which
 * only the connection parts use (the flows chunk).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConfigObject, ProviderStatus } from '../api-client/types.js';
import type { ApiError } from '../api-client/errors.js';
import type { ConfigStore } from '../state/config-store.js';
import type { AuthApi } from '../api-client/api.js';
import type { ResolvedProvider } from './types.js';
import { checkConnected, connectedFromConfig } from './check-connected.js';
import { isAbort, notReady, toApiError, type FlowContext } from './flow-state.js';

export type ConnectionStatus =
  | { kind: 'unknown' }
  | { kind: 'loading' }
  | {
      kind: 'connected';
      account?: string;
      /** epoch ms */
      expiresAt?: number;
      /**
       * How long the token lives (ms), when this controller saw it issued: a flow finished, or a
       * refresh renewed it. Unknown for a token that was already there.
       */
      lifetimeMs?: number;
    }
  | { kind: 'disconnected'; reason?: string }
  | { kind: 'error'; error: ApiError };

export type ConnectionAction =
  | { kind: 'idle'; notice?: 'refreshed' | 'disconnected' }
  | { kind: 'refreshing' }
  /** Disconnect asked; waiting for the user to confirm. */
  | { kind: 'confirming' }
  | { kind: 'disconnecting' }
  /** 409: something still uses this connection (`error.usages`). */
  | { kind: 'in_use'; error: ApiError }
  | { kind: 'error'; action: 'refresh' | 'disconnect'; error: ApiError };

/**
 * Answers a status read: `ask` reads the card's own route (or token paths) under `signal`;
 * `early` shows an answer that a later, more detailed one replaces.
 */
export type StatusVia = (
  ask: (signal: AbortSignal) => Promise<ProviderStatus | undefined>,
  signal: AbortSignal,
  early: (status: ProviderStatus) => void,
) => Promise<ProviderStatus | undefined>;

export interface ConnectionOptions extends FlowContext {
  /** The shared config store: token-path status follows it, and it is reloaded after a disconnect. */
  getConfigStore?(): ConfigStore | undefined;
  onStatusChange?(next: ConnectionStatus, prev: ConnectionStatus): void;
  onActionChange?(next: ConnectionAction, prev: ConnectionAction): void;
  /** A refresh succeeded; `status` is what it answered (the expiry may have moved). */
  onRefreshed?(status: ConnectionStatus): void;
}

export class ConnectionStatusController implements ReactiveController {
  status: ConnectionStatus = { kind: 'unknown' };
  action: ConnectionAction = { kind: 'idle' };
  private loadAbort: AbortController | undefined;
  /** The load running now, and whether another was asked meanwhile (see load()). */
  private loading: Promise<void> | undefined;
  private again: { via?: StatusVia } | undefined;
  protected actionAbort: AbortController | undefined;
  private store: ConfigStore | undefined;
  private unsubscribe: (() => void) | undefined;
  /** A token was issued about then (a flow finished, a refresh ran): the next expiry read tells its lifetime. */
  private issuedAt: number | undefined;
  /** The lifetime learnt for the token that expires at `expiresAt` (see `ConnectionStatus`). */
  private learnt: { expiresAt: number; lifetimeMs: number } | undefined;

  constructor(
    protected readonly host: ReactiveControllerHost,
    protected readonly options: ConnectionOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.syncStore();
  }

  hostUpdated(): void {
    this.syncStore();
  }

  hostDisconnected(): void {
    this.loadAbort?.abort();
    this.actionAbort?.abort();
    this.loadAbort = this.actionAbort = undefined;
    this.loading = this.again = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = undefined;
    if (this.status.kind === 'loading') this.setStatus({ kind: 'unknown' });
    if (this.action.kind === 'refreshing' || this.action.kind === 'disconnecting') this.setAction({ kind: 'idle' });
  }

  get busy(): boolean {
    return this.action.kind === 'refreshing' || this.action.kind === 'disconnecting';
  }

  /**
   * Reads the status from the backend (or from the config store, which is already loaded).
   * `via` decides how the read is answered (the list's all-providers answer, the visibility
   * gate); without it the card asks its own route at once.
   */
  async load(via?: StatusVia): Promise<void> {
    const api = this.options.getApi();
    const provider = this.options.getProvider();
    if (!api || !provider) {
      this.setStatus({ kind: 'error', error: notReady(!api) });
      return;
    }
    // One load at a time: an ask while one runs (events, Retry, a flow finishing) is answered by
    // one more load after it, however many asks came (the card's StatusGate spaces them 1 s).
    if (this.loading) {
      this.again = { via };
      return this.loading;
    }
    const done = this.loadNow(api, provider, via).finally(() => {
      if (this.loading !== done) return;
      this.loading = undefined;
      const again = this.again;
      this.again = undefined;
      if (again && this.loadAbort === undefined) void this.load(again.via);
    });
    this.loading = done;
    return done;
  }

  private async loadNow(api: AuthApi, provider: ResolvedProvider, via: StatusVia | undefined): Promise<void> {
    const abort = new AbortController();
    this.loadAbort = abort;
    const instance = this.options.getInstance?.();
    const storeConfig = provider.routes.status ? undefined : this.options.getConfigStore?.()?.config ?? this.options.getConfig?.();
    if (this.status.kind !== 'connected' && this.status.kind !== 'disconnected') this.setStatus({ kind: 'loading' });
    const ask = (signal: AbortSignal) => checkConnected(api, provider, { signal, instance, ...(storeConfig ? { config: storeConfig } : {}) });
    try {
      const early = (status: ProviderStatus) => this.loadAbort === abort && this.applyStatus(status);
      const status = await (via ? via(ask, abort.signal, early) : ask(abort.signal));
      if (this.loadAbort !== abort) return;
      this.loadAbort = undefined;
      this.applyStatus(status);
    } catch (error) {
      if (this.loadAbort !== abort || isAbort(error, abort.signal)) return;
      this.loadAbort = undefined;
      this.setStatus({ kind: 'error', error: toApiError(error) });
    }
  }

  private applyStatus(status: ProviderStatus | undefined): void {
    if (!status) this.setStatus({ kind: 'unknown' });
    else if (status.connected) this.setConnected(status.account, status.expiresAt);
    else this.setStatus(status.reason ? { kind: 'disconnected', reason: status.reason } : { kind: 'disconnected' });
  }

  /** The flow finished elsewhere (device, OAuth, credentials): take its word, then confirm. */
  markConnected(account?: string): void {
    this.setStatus(connectedStatus(account, undefined));
    // The token was issued just now: the expiry the next status read reports tells its lifetime.
    this.issuedAt = Date.now();
    this.setAction({ kind: 'idle' });
  }

  /**
   * A refresh ran elsewhere (the connection actions): read the status again. A later expiry than
   * before means the token was renewed just now, which tells its lifetime.
   */
  reloadAfterRefresh(): Promise<void> {
    if (this.status.kind === 'connected' && this.status.expiresAt !== undefined) this.issuedAt = Date.now();
    return this.load();
  }

  /** Forgets the status (another profile or provider): nothing of the old one may show. */
  reset(): void {
    this.loadAbort?.abort();
    this.loadAbort = undefined;
    this.loading = this.again = undefined;
    this.issuedAt = this.learnt = undefined;
    this.status = { kind: 'unknown' };
    this.host.requestUpdate();
  }

  /** Follows the config store while the status comes from token paths (no status route). */
  private syncStore(): void {
    const store = this.options.getConfigStore?.();
    if (store === this.store) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = store;
    // A store that calls back while subscribing must not change state inside the host's update.
    let subscribing = true;
    if (store) this.unsubscribe = store.subscribe((config) => !subscribing && this.onConfig(config));
    subscribing = false;
  }

  private onConfig(config: ConfigObject | undefined): void {
    const provider = this.options.getProvider();
    if (!config || !provider || provider.routes.status || !provider.routes.tokenPaths?.length) return;
    if (this.status.kind === 'loading') return; // load() answers itself
    const connected = connectedFromConfig(provider, config, this.options.getInstance?.());
    if (connected && this.status.kind !== 'connected') this.setStatus({ kind: 'connected' });
    if (!connected && this.status.kind !== 'disconnected') this.setStatus({ kind: 'disconnected' });
  }

  /**
   * A connected status. A token issued at a known time (`issuedAt`) whose expiry differs from the
   * one shown before is a new token: the difference is its lifetime. An unchanged expiry is the
   * same token (a "fresh" refresh) and keeps what was learnt; another expiry without a known issue
   * time is a token of unknown lifetime.
   */
  protected setConnected(account: string | undefined, expiresAt: number | undefined, issuedAt: number | undefined = this.issuedAt): void {
    const prevExpiry = this.status.kind === 'connected' ? this.status.expiresAt : undefined;
    if (expiresAt !== undefined && issuedAt !== undefined && expiresAt !== prevExpiry && expiresAt > issuedAt) {
      this.learnt = { expiresAt, lifetimeMs: expiresAt - issuedAt };
    }
    // Answered: a later read must not pair another expiry with this issue time.
    this.issuedAt = undefined;
    const status = connectedStatus(account, expiresAt);
    if (status.kind === 'connected' && expiresAt !== undefined && this.learnt?.expiresAt === expiresAt) {
      status.lifetimeMs = this.learnt.lifetimeMs;
    }
    this.setStatus(status);
  }

  protected setStatus(next: ConnectionStatus): void {
    if (next.kind === 'disconnected') this.issuedAt = this.learnt = undefined;
    const prev = this.status;
    this.status = next;
    this.host.requestUpdate();
    this.options.onStatusChange?.(next, prev);
  }

  protected setAction(next: ConnectionAction): void {
    const prev = this.action;
    this.action = next;
    this.host.requestUpdate();
    this.options.onActionChange?.(next, prev);
  }
}

export function connectedStatus(account: string | undefined, expiresAt: number | undefined): ConnectionStatus {
  return { kind: 'connected', ...(account ? { account } : {}), ...(expiresAt ? { expiresAt } : {}) };
}

