/**
 * The card's profiles part (CrossWatch "instances"): restoring the remembered profile, switching,
 * and `<cw-profile-switcher>` with the ProfilesController behind it: the registry's `profiles`
 * part, a lazy chunk loaded only by cards that ask for profiles (its failure: a message with Retry).
 */
import { html, nothing, type PropertyValues, type ReactiveControllerHost } from 'lit';
import type { AuthApi } from '../../api-client/api.js';
import { isUsableProfileId, PROFILE_ID_MAX, shownId } from '../../api-client/profile-ids.js';
import { DEFAULT_PROFILE, rememberedProfile, shouldAskForProfiles, type ProfilesMode } from '../../providers/profile-choice.js';
import type { ProfilesController, ProfilesOptions } from '../../providers/profiles.controller.js';
import type { ResolvedProvider } from '../../providers/types.js';
import type { CoreStrings } from '../../strings/en-core.js';
import { format } from '../../strings/format.js';
import type { ProfileRenameDetail, ProfileSelectDetail } from '../profile-switcher/profile-switcher.component.js';
import { PROFILE_PARTS } from './card-parts.js';
import { renderProblem } from './card-view.js';
import type { LazyParts } from './lazy-parts.js';

export interface ProfilesHost extends ReactiveControllerHost {
  instance?: string;
  profiles: ProfilesMode;
}

export interface CardProfilesOptions extends Pick<ProfilesOptions, 'listVia'> {
  getApi(): AuthApi | undefined;
  getProvider(): ResolvedProvider | undefined;
  /** The user switched to profile `id`. */
  onChange(id: string): void;
  /** The card's lazy parts (the `profiles` one is the switcher and its controller). */
  parts: LazyParts;
}

export class CardProfiles {
  /** The profile requests, once the profiles chunk is there. */
  private control: ProfilesController | undefined;
  /** The profile the card itself chose (restored or picked); a host-given `instance` is left alone. */
  private ownInstance: string | undefined;
  /** A host-given `instance` that cannot be a profile id (`__proto__`, empty, huge): ignored, and said so. */
  private ignored: string | undefined;

  constructor(
    private readonly host: ProfilesHost,
    private readonly options: CardProfilesOptions,
  ) {}

  /** Whether this card asks for profiles at all (then it needs the profiles chunk). */
  private get asks(): boolean {
    return shouldAskForProfiles(this.options.getProvider(), this.mode);
  }

  /** The controller, created the first time the chunk is there for a card that asks. */
  private controller(): ProfilesController | undefined {
    if (this.control || !this.asks || this.options.parts.state('profiles') !== 'ready') return this.control;
    const { ProfilesController } = this.options.parts.module('profiles')!;
    const { host, options } = this;
    return (this.control = new ProfilesController(host, {
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
    }));
  }

  private get mode(): ProfilesMode {
    const mode = (this.host.profiles ?? 'auto').toLowerCase();
    return mode === 'on' || mode === 'off' ? mode : 'auto';
  }

  /** First in each update: a host-given `instance` that cannot be a profile id is dropped. */
  checkInstance(changed: PropertyValues): void {
    if (!changed.has('instance')) return;
    // Ignored before anything reads it: it would be a config key, a query value, a stored choice.
    const id = this.host.instance;
    this.ignored = id !== undefined && !isUsableProfileId(id) ? shownId(id) : undefined;
    if (this.ignored !== undefined) this.host.instance = undefined;
  }

  /**
   * Before each render. A new provider (or profiles turned on): use the remembered profile before
   * the first request, unless the host chose one. The profile list confirms it later (or sends us
   * back to default).
   */
  sync(changed: PropertyValues): void {
    this.restore(changed);
    this.controller()?.sync();
  }

  private restore(changed: PropertyValues): void {
    if (!changed.has('manifest') && !changed.has('profiles')) return;
    const host = this.host;
    if (!this.asks) {
      // Profiles off: a profile the card picked itself no longer applies.
      if (this.ownInstance !== undefined && host.instance === this.ownInstance) host.instance = undefined;
      this.ownInstance = undefined;
      return;
    }
    if (host.instance !== undefined) return;
    const provider = this.options.getProvider();
    const remembered = provider && rememberedProfile(provider.id);
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

  /** The ignored-profile line and the switcher (or why its chunk is missing). */
  render(provider: ResolvedProvider, saving: boolean, unsaved: boolean, t: CoreStrings) {
    const ignored = this.ignored === undefined ? nothing : html`<p class="message error" role="status">${format(t['card.instanceIgnored'], { id: this.ignored, max: PROFILE_ID_MAX })}</p>`;
    return html`${ignored}${this.renderSwitcher(provider, saving, unsaved, t)}`;
  }

  private renderSwitcher(provider: ResolvedProvider, saving: boolean, unsaved: boolean, t: CoreStrings) {
    if (this.asks && this.options.parts.state('profiles') === 'failed') return renderProblem(t['card.profilesLoadFailed'], () => this.options.parts.retry(), t);
    const control = this.control;
    const kind = control?.state.kind;
    if (!control || (kind !== 'ready' && kind !== 'failed')) return nothing;
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
