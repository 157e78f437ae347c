/**
 * Which profile inside the linked account is synced (CrossWatch's Nuvio: its TV login picks the
 * first viewer profile; the user may want another). Loads the list once connected, switches on
 * request, and keeps the previous choice when a switch fails.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AccountProfile } from '../api-client/types.js';
import type { ApiError } from '../api-client/errors.js';
import { isAbort, notReady, toApiError, type FlowContext } from './flow-state.js';
// Loaded with the flow controllers, so the client's import() of the flow answers' validators
// finds them there (no fetch between a flow's answer and its screen).
import '../api-client/flow-responses.js';

export type AccountProfileState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  /** The list could not be read; Retry loads again. */
  | { kind: 'load_error'; error: ApiError }
  | {
      kind: 'ready';
      profiles: AccountProfile[];
      /** Id of the synced profile, when the server said. */
      selected?: string;
      /** Id being switched to, while the request runs. */
      switching?: string;
      /** The last switch worked (a short note), or failed (the previous choice stays). */
      result?: { kind: 'switched'; name: string } | { kind: 'error'; error: ApiError; wanted: AccountProfile };
    };

export interface AccountProfileOptions extends FlowContext {
  onChange?(next: AccountProfileState, prev: AccountProfileState): void;
  /** A switch worked: the server now syncs `profile`. */
  onSwitched?(profile: AccountProfile): void;
  /** How the list read runs (the card's visibility gate); `read` asks under `signal`. Default: at once. */
  listVia?<T>(read: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T>;
}

export class AccountProfileController implements ReactiveController {
  state: AccountProfileState = { kind: 'idle' };
  private abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: AccountProfileOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Removal stops the request in flight; the list is read again when attached again. */
  hostDisconnected(): void {
    this.abort?.abort();
    this.abort = undefined;
    if (this.state.kind === 'loading' || (this.state.kind === 'ready' && this.state.switching)) this.set({ kind: 'idle' });
  }

  /** Reads the profiles (again). */
  load(): void {
    const run = this.begin();
    if (!run) return;
    const { api, routes, signal, instance } = run;
    this.set({ kind: 'loading' });
    const read = (s: AbortSignal) => api.accountProfiles(routes.list, { signal: s, instance });
    (this.options.listVia ? this.options.listVia(read, signal) : read(signal)).then(
      (answer) => {
        if (signal.aborted) return;
        this.abort = undefined;
        // A synced id the list does not hold reads as none chosen (the select asks), never blank.
        const selected = answer.profiles.some((p) => p.id === answer.selected) ? answer.selected : undefined;
        this.set({ kind: 'ready', profiles: answer.profiles, ...(selected ? { selected } : {}) });
      },
      (error: unknown) => {
        if (isAbort(error, signal)) return;
        this.abort = undefined;
        this.set({ kind: 'load_error', error: toApiError(error) });
      },
    );
  }

  /** Asks the server to sync profile `id` instead. Ignored while a switch runs or for the current one. */
  select(id: string): void {
    const state = this.state;
    if (state.kind !== 'ready' || state.switching || id === state.selected) return;
    const wanted = state.profiles.find((p) => p.id === id);
    if (!wanted) return;
    const run = this.begin();
    if (!run) return;
    const { api, routes, signal, instance } = run;
    const { result: _previous, ...rest } = state;
    this.set({ ...rest, switching: id });
    api.selectAccountProfile(routes.select, wanted, { signal, instance }).then(
      (now) => {
        if (signal.aborted) return;
        this.abort = undefined;
        const current = this.state.kind === 'ready' ? this.state : rest;
        const name = current.profiles.find((p) => p.id === now.id)?.name ?? now.name;
        const { switching: _s, ...settled } = current;
        this.set({ ...settled, selected: now.id, result: { kind: 'switched', name } });
        this.options.onSwitched?.({ ...now, name });
      },
      (error: unknown) => {
        if (isAbort(error, signal)) return;
        this.abort = undefined;
        const current = this.state.kind === 'ready' ? this.state : rest;
        const { switching: _s, ...settled } = current;
        this.set({ ...settled, result: { kind: 'error', error: toApiError(error), wanted } });
      },
    );
  }

  /** Forgets the list (another provider or CrossWatch profile); a running request is dropped. */
  reset(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.set({ kind: 'idle' });
  }

  /** A fresh abortable run on the current target, or undefined after showing why there is none. */
  private begin() {
    const api = this.options.getApi();
    const routes = this.options.getProvider()?.routes.accountProfiles;
    if (!api || !routes) {
      this.set({ kind: 'load_error', error: notReady(!api) });
      return undefined;
    }
    this.abort?.abort();
    this.abort = new AbortController();
    return { api, routes, signal: this.abort.signal, instance: this.options.getInstance?.() };
  }

  private set(next: AccountProfileState): void {
    const prev = this.state;
    this.state = next;
    this.options.onChange?.(next, prev);
    this.host.requestUpdate();
  }
}
