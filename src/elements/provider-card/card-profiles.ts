/**
 * The card's profiles part (CrossWatch "instances"): restoring the remembered profile, switching,
 * and `<cw-profile-switcher>` (a lazy chunk, loaded only once a backend has profiles to show).
 */
import { html, nothing, type PropertyValues, type ReactiveControllerHost } from 'lit';
import type { AuthApi } from '../../api-client/api.js';
import { DEFAULT_PROFILE, ProfilesController, shouldAskForProfiles, type ProfilesMode, type ProfilesOptions } from '../../providers/profiles.controller.js';
import type { ResolvedProvider } from '../../providers/types.js';
import type { ProfileRenameDetail, ProfileSelectDetail } from '../profile-switcher/profile-switcher.component.js';
import { loadProfileSwitcher } from '../profile-switcher/load-profile-switcher.js';
import { PROFILE_PARTS } from './card-parts.js';

export interface ProfilesHost extends ReactiveControllerHost {
  instance?: string;
  profiles: ProfilesMode;
}

export interface CardProfilesOptions extends Pick<ProfilesOptions, 'listVia'> {
  getApi(): AuthApi | undefined;
  getProvider(): ResolvedProvider | undefined;
  /** The user switched to profile `id`. */
  onChange(id: string): void;
}

export class CardProfiles {
  readonly control: ProfilesController;
  /** The profile the card itself chose (restored or picked); a host-given `instance` is left alone. */
  private ownInstance: string | undefined;

  constructor(
    private readonly host: ProfilesHost,
    private readonly options: CardProfilesOptions,
  ) {
    this.control = new ProfilesController(host, {
      ...(options.listVia ? { listVia: options.listVia } : {}),
      getApi: options.getApi,
      getProvider: options.getProvider,
      getMode: () => this.mode,
      getSelected: () => host.instance,
      onSelect: (id) => this.switchTo(id),
      onUnusable: () => {
        // A remembered or picked profile the backend does not have: back to the default one.
        if (host.instance !== undefined && host.instance === this.ownInstance) this.switchTo(DEFAULT_PROFILE, false);
      },
    });
  }

  private get mode(): ProfilesMode {
    const mode = (this.host.profiles ?? 'auto').toLowerCase();
    return mode === 'on' || mode === 'off' ? mode : 'auto';
  }

  /**
   * Before each render. A new provider (or profiles turned on): use the remembered profile before
   * the first request, unless the host chose one. The profile list confirms it later (or sends us
   * back to default).
   */
  sync(changed: PropertyValues): void {
    this.restore(changed);
    this.control.sync();
  }

  private restore(changed: PropertyValues): void {
    if (!changed.has('manifest') && !changed.has('profiles')) return;
    const host = this.host;
    if (!shouldAskForProfiles(this.options.getProvider(), this.mode)) {
      // Profiles off: a profile the card picked itself no longer applies.
      if (this.ownInstance !== undefined && host.instance === this.ownInstance) host.instance = undefined;
      this.ownInstance = undefined;
      return;
    }
    if (host.instance !== undefined) return;
    const remembered = this.control.remembered();
    if (remembered && remembered !== DEFAULT_PROFILE) this.ownInstance = host.instance = remembered;
  }

  /** Switches the card to another profile (fields, status, flows follow `instance`). */
  private switchTo(id: string, announce = true): void {
    const next = id === DEFAULT_PROFILE ? undefined : id;
    if (next === this.host.instance) return;
    this.ownInstance = next;
    this.host.instance = next;
    if (announce) this.options.onChange(id);
  }

  render(provider: ResolvedProvider, saving: boolean, unsaved: boolean) {
    const control = this.control;
    const kind = control.state.kind;
    if (kind !== 'ready' && kind !== 'failed') return nothing;
    // The switcher is a lazy chunk: only backends with profiles pay for it.
    void loadProfileSwitcher();
    return html`<cw-profile-switcher
      exportparts=${PROFILE_PARTS}
      .state=${control.state}
      .activity=${control.activity}
      .selected=${control.selected}
      provider-label=${provider.label}
      ?disabled=${saving}
      ?unsaved=${unsaved}
      @cw-profile-select=${(e: CustomEvent<ProfileSelectDetail>) => control.select(e.detail.id)}
      @cw-profile-add=${() => void control.add()}
      @cw-profile-rename=${(e: CustomEvent<ProfileRenameDetail>) => void control.rename(e.detail.id, e.detail.label)}
      @cw-profile-delete=${(e: CustomEvent<ProfileSelectDetail>) => void control.remove(e.detail.id)}
      @cw-profile-retry=${() => void control.load()}
      @cw-profile-dismiss=${() => control.dismiss()}
    ></cw-profile-switcher>`;
  }
}
