/**
 * Which API client and config store a card works with: the list's (from context), or its own
 * when standalone or given a `client` (then it reads the config itself, with Retry on failure).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AuthApi } from '../../api-client/api.js';
import { createApiClient } from '../../api-client/client.js';
import type { ApiError } from '../../api-client/errors.js';
import type { ConfigObject } from '../../api-client/types.js';
import { toApiError } from '../../providers/flow-state.js';
import type { ConfigStore } from '../../state/config-store.js';
import { createConfigStore } from '../../state/create-config-store.js';
import { gatedStatus, StatusGate } from '../../state/status-gate.js';

export type OwnConfigLoad = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; error: ApiError };

export interface CardDataOptions {
  /** The card's `client` property, and what the context gives. */
  sources(): { client?: AuthApi; contextApi?: AuthApi; contextStore?: ConfigStore };
  onApi(api: AuthApi): void;
  onStore(store: ConfigStore): void;
  onConfig(config: ConfigObject | undefined): void;
}

export class CardData implements ReactiveController {
  api?: AuthApi;
  store?: ConfigStore;
  ownLoad: OwnConfigLoad = { kind: 'idle' };
  private ownClient?: AuthApi;
  private ownStore?: ConfigStore;
  private ownStoreApi?: AuthApi;
  private unsubscribe?: () => void;
  private ownLoadAbort?: AbortController;
  private synced = false;
  /** What the status was last loaded for; a change means load again. */
  private statusKey: unknown[] = [];
  /**
   * Every status read of the card and its flows, and its config re-reads after a connection, go
   * through it (one at a time, one a second).
   */
  readonly gate = new StatusGate();
  private gatedFor?: { raw: AuthApi; api: AuthApi };

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly options: CardDataOptions,
  ) {
    host.addController(this);
  }

  /** The config this card works from is there (shared store loaded, or own store loaded). */
  get ready(): boolean {
    return this.store?.config !== undefined;
  }

  hostConnected(): void {
    if (this.store) this.subscribe(this.store);
    // Re-attached: catch up on what was aborted at removal.
    if (this.synced && this.ownStore && this.ownLoad.kind !== 'ready') this.loadOwn();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.ownLoadAbort?.abort();
    this.ownLoadAbort = undefined;
    if (this.ownLoad.kind === 'loading') this.ownLoad = { kind: 'idle' };
    this.statusKey = [];
    this.gate.dispose();
  }

  /** Whether the status must be loaded (again): once per (client, provider, profile, store), once the config is there. */
  statusDue(provider: unknown, instance: string | undefined): boolean {
    if (!this.api || !provider || !this.ready) return false;
    const key = [this.api, provider, instance, this.store];
    if (key.length === this.statusKey.length && key.every((v, i) => v === this.statusKey[i])) return false;
    this.statusKey = key;
    return true;
  }

  /** Decides which client and store the card uses (before each render). */
  sync(): void {
    this.synced = true;
    const { client, contextApi, contextStore } = this.options.sources();
    const useOwn = client !== undefined || contextStore === undefined;
    const raw = client ?? contextApi ?? (this.ownClient ??= createApiClient());
    if (useOwn && (!this.ownStore || this.ownStoreApi !== raw)) {
      this.ownLoadAbort?.abort();
      this.ownStore = createConfigStore(raw);
      this.ownStoreApi = raw;
      this.ownLoad = { kind: 'idle' };
    }
    const store = useOwn ? this.ownStore! : contextStore!;
    if (this.gatedFor?.raw !== raw) this.gatedFor = { raw, api: gatedStatus(raw, this.gate) };
    const api = this.gatedFor.api;
    if (api !== this.api) {
      this.api = api;
      this.options.onApi(api);
    }
    if (store !== this.store) {
      this.store = store;
      if (this.host.isConnected) this.subscribe(store);
      this.options.onStore(store);
    }
    if (useOwn && this.ownLoad.kind === 'idle' && this.host.isConnected) this.loadOwn();
  }

  private subscribe(store: ConfigStore): void {
    this.unsubscribe?.();
    this.unsubscribe = store.subscribe((config) => this.options.onConfig(config));
  }

  /** Standalone: read the config once (and again on Retry). */
  loadOwn(): void {
    const store = this.ownStore;
    if (!store) return;
    this.ownLoadAbort?.abort();
    const abort = new AbortController();
    this.ownLoadAbort = abort;
    this.setOwnLoad({ kind: 'loading' });
    store.reload({ signal: abort.signal }).then(
      () => {
        if (this.ownLoadAbort !== abort) return;
        this.ownLoadAbort = undefined;
        this.setOwnLoad({ kind: 'ready' });
      },
      (error: unknown) => {
        if (this.ownLoadAbort !== abort || abort.signal.aborted) return;
        this.ownLoadAbort = undefined;
        this.setOwnLoad({ kind: 'error', error: toApiError(error) });
      },
    );
  }

  private setOwnLoad(load: OwnConfigLoad): void {
    this.ownLoad = load;
    this.host.requestUpdate();
  }
}
