/**
 * CrossWatch profiles ("instances") of one provider: list, add, rename, delete, and the choice
 * remembered per provider. The card renders the state (`<cw-profile-switcher>`); this controller
 * owns every request. It comes with the switcher in the profiles chunk (src/registry.ts `profiles`),
 * loaded only by cards that ask for profiles.
 *
 * Whether to ask at all (`ProfilesMode`):
 * - `off`: never; the card uses only the `instance` its host gives it.
 * - `on`: always one GET of the profile list per card.
 * - `auto` (default): one GET when the backend may have profiles: the manifest declares an
 *   `instances` route, or it carries no `routes` at all (CrossWatch's own manifests never do).
 *   A manifest that speaks our contract without `instances` costs no request.
 * A backend without the profile routes (404, 405, 501, an HTML page, anything that is not a
 * profile list) is "unsupported": the switcher stays hidden and nothing is shown.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AuthApi } from '../api-client/api.js';
import { skippedOf, type SkippedProfile } from '../api-client/profile-ids.js';
import { ApiError, ErrorCodes } from '../api-client/errors.js';
import type { ProviderInstance } from '../api-client/types.js';
import { isAbort, toApiError } from './flow-state.js';
import { DEFAULT_PROFILE, defaultStorage, PROFILE_LABEL_MAX, rememberedProfile, rememberProfile, shouldAskForProfiles, type ProfilesMode } from './profile-choice.js';
import type { ResolvedProvider } from './types.js';

// What a card needs before the controller (its chunk) is there: profile-choice.ts.
export {
  DEFAULT_PROFILE,
  PROFILE_LABEL_MAX,
  rememberedProfile,
  rememberKey,
  rememberProfile,
  shouldAskForProfiles,
  type ProfilesMode,
} from './profile-choice.js';

export type ProfileAction = 'add' | 'rename' | 'delete';

export type ProfilesState =
  /** Not asked: mode `off`, no provider or client yet, or `auto` decided the backend has none. */
  | { kind: 'off' }
  | { kind: 'loading' }
  /** The backend has no profile routes. */
  | { kind: 'unsupported' }
  /** Listing failed for another reason (network, 5xx, sign-in). */
  | { kind: 'failed'; error: ApiError }
  /** `skipped`: entries of the server's list whose id cannot be used (shown as a note). */
  | { kind: 'ready'; profiles: readonly ProviderInstance[]; skipped?: readonly SkippedProfile[] };

export type ProfileActivity =
  | { kind: 'idle'; notice?: { action: ProfileAction; label: string } }
  | { kind: 'busy'; action: ProfileAction }
  | { kind: 'error'; action: ProfileAction; error: ApiError };

export interface ProfilesOptions {
  getApi(): AuthApi | undefined;
  getProvider(): ResolvedProvider | undefined;
  getMode(): ProfilesMode;
  /** The profile the host works on now (`undefined` = default). */
  getSelected(): string | undefined;
  /** The user picked another profile (already remembered). */
  onSelect(id: string): void;
  /**
   * The current profile cannot be used: `missing` (the server's list does not have it) or
   * `unsupported` (the backend has no profiles). The host goes back to the default profile
   * unless its own host chose this one.
   */
  onUnusable(reason: 'missing' | 'unsupported'): void;
  /** Where the choice is remembered; defaults to localStorage. */
  storage?(): Storage | undefined;
  /**
   * How a list read is answered (the list's all-providers answer, the visibility gate); `list`
   * asks the provider's own route under `signal`. Without it the route is asked at once.
   */
  listVia?(list: (signal: AbortSignal) => Promise<ProviderInstance[]>, signal: AbortSignal): Promise<ProviderInstance[]>;
}

/** Answers that mean "this backend has no profile routes", as opposed to a failure worth showing. */
export function meansUnsupported(error: ApiError): boolean {
  return [404, 405, 501].includes(error.status) || error.code === ErrorCodes.badResponse || error.code === 'not_found';
}

/** The label people see for a profile (the default one without a name reads as `defaultLabel`). */
export function profileLabel(profile: ProviderInstance | undefined, id: string, defaultLabel: string): string {
  if (id === DEFAULT_PROFILE && (!profile || !profile.label || profile.label === id || profile.label === 'Default')) return defaultLabel;
  return profile?.label || id;
}

export class ProfilesController implements ReactiveController {
  state: ProfilesState = { kind: 'off' };
  activity: ProfileActivity = { kind: 'idle' };

  /** What the list was loaded for; a change loads again. */
  private loadedFor: unknown[] = [];
  private listAbort: AbortController | undefined;
  private actionAbort: AbortController | undefined;
  /** No requests start while the host is out of the document (a late update must not fetch). */
  private attached = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ProfilesOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.attached = true;
    // Catch up (sync runs in the host's next update).
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.attached = false;
    this.listAbort?.abort();
    this.actionAbort?.abort();
    this.listAbort = this.actionAbort = undefined;
    // Re-attached later: load again (the list may have changed meanwhile).
    this.loadedFor = [];
    if (this.state.kind === 'loading') this.state = { kind: 'off' };
    if (this.activity.kind === 'busy') this.activity = { kind: 'idle' };
  }

  /** The profile in use, `default` when none is chosen. */
  get selected(): string {
    return this.options.getSelected() || DEFAULT_PROFILE;
  }

  get busy(): boolean {
    return this.activity.kind === 'busy';
  }

  private storage(): Storage | undefined {
    try {
      return this.options.storage ? this.options.storage() : defaultStorage();
    } catch {
      return undefined;
    }
  }

  /** The remembered profile for the current provider (read by the host before its first request). */
  remembered(): string | undefined {
    const provider = this.options.getProvider();
    return provider ? rememberedProfile(provider.id, this.storage()) : undefined;
  }

  /**
   * Call from the host's `willUpdate`: loads the list once per (client, provider) while the mode
   * allows it, and drops it when the mode turns `off`.
   */
  sync(): void {
    if (!this.attached) return;
    const api = this.options.getApi();
    const provider = this.options.getProvider();
    const ask = Boolean(api && provider && shouldAskForProfiles(provider, this.options.getMode()));
    const key = ask ? [api, provider!.id] : [];
    if (key.length === this.loadedFor.length && key.every((v, i) => v === this.loadedFor[i])) return;
    this.loadedFor = key;
    this.listAbort?.abort();
    this.actionAbort?.abort();
    this.listAbort = this.actionAbort = undefined;
    this.activity = { kind: 'idle' };
    if (!ask) {
      this.state = { kind: 'off' };
      return;
    }
    void this.load();
  }

  /** Loads the profile list (again). Resolves when it settled. */
  async load(): Promise<void> {
    const api = this.options.getApi();
    const provider = this.options.getProvider();
    if (!api || !provider || !this.attached) return;
    this.listAbort?.abort();
    const abort = new AbortController();
    this.listAbort = abort;
    if (this.state.kind !== 'ready') this.setState({ kind: 'loading' });
    try {
      const list = (signal: AbortSignal) => api.listInstances(provider.id, { signal });
      const profiles = await (this.options.listVia ? this.options.listVia(list, abort.signal) : list(abort.signal));
      if (this.listAbort !== abort) return;
      this.listAbort = undefined;
      this.setReady(profiles);
      if (!profiles.some((p) => p.id === this.selected) && this.selected !== DEFAULT_PROFILE) {
        rememberProfile(provider.id, undefined, this.storage());
        this.options.onUnusable('missing');
      }
    } catch (error) {
      if (this.listAbort !== abort || isAbort(error, abort.signal)) return;
      this.listAbort = undefined;
      const apiError = toApiError(error);
      if (meansUnsupported(apiError)) {
        this.setState({ kind: 'unsupported' });
        if (this.selected !== DEFAULT_PROFILE) this.options.onUnusable('unsupported');
      } else {
        this.setState({ kind: 'failed', error: apiError });
      }
    }
  }

  /** The user picked a profile: remember it and tell the host. */
  select(id: string): void {
    const provider = this.options.getProvider();
    if (!provider || this.busy || id === this.selected) return;
    rememberProfile(provider.id, id, this.storage());
    this.setActivity({ kind: 'idle' });
    this.options.onSelect(id);
  }

  /** Creates the next profile (POST …/next), then lists again and switches to it. */
  async add(): Promise<boolean> {
    return this.run('add', async (api, provider, signal) => {
      const id = await api.createInstance(provider.id, { signal });
      await this.reloadAfter(api, provider, signal);
      rememberProfile(provider.id, id, this.storage());
      this.options.onSelect(id);
      return this.labelOf(id);
    });
  }

  /** Renames a profile (PATCH, at most 12 characters; the server cuts longer labels too). */
  async rename(id: string, label: string): Promise<boolean> {
    const clean = label.trim().slice(0, PROFILE_LABEL_MAX).trim();
    return this.run('rename', async (api, provider, signal) => {
      await api.renameInstance(provider.id, id, clean, { signal });
      await this.reloadAfter(api, provider, signal);
      return this.labelOf(id);
    });
  }

  /**
   * Deletes a profile (DELETE). A 409 `provider_in_use` stays as the activity's error, with the
   * server's message and usages. Deleting the profile in use switches to the default one.
   */
  async remove(id: string): Promise<boolean> {
    const label = this.labelOf(id);
    return this.run('delete', async (api, provider, signal) => {
      await api.deleteInstance(provider.id, id, { signal });
      if (this.selected === id) {
        rememberProfile(provider.id, undefined, this.storage());
        this.options.onSelect(DEFAULT_PROFILE);
      }
      await this.reloadAfter(api, provider, signal);
      return label;
    });
  }

  /** Hides the last action's message. */
  dismiss(): void {
    if (!this.busy) this.setActivity({ kind: 'idle' });
  }

  private labelOf(id: string): string {
    const profiles = this.state.kind === 'ready' ? this.state.profiles : [];
    return profiles.find((p) => p.id === id)?.label || id;
  }

  /** The list after a change; a failure here does not undo the change, so it is only kept quiet. */
  private async reloadAfter(api: AuthApi, provider: ResolvedProvider, signal: AbortSignal): Promise<void> {
    try {
      const profiles = await api.listInstances(provider.id, { signal });
      this.setReady(profiles);
    } catch (error) {
      if (isAbort(error, signal)) throw error;
    }
  }

  private async run(
    action: ProfileAction,
    work: (api: AuthApi, provider: ResolvedProvider, signal: AbortSignal) => Promise<string>,
  ): Promise<boolean> {
    const api = this.options.getApi();
    const provider = this.options.getProvider();
    if (!api || !provider || !this.attached || this.busy || this.state.kind !== 'ready') return false;
    const abort = new AbortController();
    this.actionAbort = abort;
    this.setActivity({ kind: 'busy', action });
    try {
      const label = await work(api, provider, abort.signal);
      if (this.actionAbort !== abort) return false;
      this.actionAbort = undefined;
      this.setActivity({ kind: 'idle', notice: { action, label } });
      return true;
    } catch (error) {
      if (this.actionAbort !== abort || isAbort(error, abort.signal)) return false;
      this.actionAbort = undefined;
      this.setActivity({ kind: 'error', action, error: toApiError(error) });
      return false;
    }
  }

  private setReady(profiles: readonly ProviderInstance[]): void {
    const skipped = skippedOf(profiles);
    this.setState(skipped.length ? { kind: 'ready', profiles, skipped } : { kind: 'ready', profiles });
  }

  private setState(next: ProfilesState): void {
    this.state = next;
    this.host.requestUpdate();
  }

  private setActivity(next: ProfileActivity): void {
    this.activity = next;
    this.host.requestUpdate();
  }
}
