import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { consume, ContextProvider } from '@lit/context';
import { CwElement } from '../base.js';
import { apiContext, configStoreContext, stringsContext } from '../context.js';
import type { AuthApi } from '../../api-client/api.js';
import type { ApiError } from '../../api-client/errors.js';
import type { ProviderManifest } from '../../api-client/types.js';
import { ConnectionStatusController } from '../../providers/connection-status.controller.js';
import { VisibleRequestsController } from '../visible-requests.js';
import { describeError } from '../../providers/error-text.js';
import type { ProfilesMode } from '../../providers/profile-choice.js';
import type { ResolvedProvider } from '../../providers/types.js';
import type { ConfigStore } from '../../state/config-store.js';
import type { Strings } from '../../strings/en.js';
import { format } from '../../strings/format.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import { themeStyles, type Theme } from '../../styles/theme.js';
import { CardFields } from './card-fields.js';
import { CardData } from './card-data.js';
import type { FlowEvents } from './flow-events.js';
import { renderHint } from './card-hint.js';
import { ManifestResolution } from './card-manifest.js';
import { CardProfiles } from './card-profiles.js';
import { badgeFor, ExpiryTicks, keysSaved, renderBadge } from './card-status.js';
import { renderProblem } from './card-view.js';
import { CardStrings } from './card-strings.js';
import { LazyParts } from './lazy-parts.js';
import { CardBodyGate, renderCardBody } from './card-body.js';
import styles from './provider-card.styles.js';

export { CARD_PARTS } from './card-parts.js';
export { expiringThreshold, nextExpiryTick, relativeTime, type BadgeKind } from './card-status.js';

/**
 * @summary One provider: status, app keys, the hint for missing keys, save, and its connect flow.
 *
 * Inside `<cw-auth-providers>` it takes the API client, the shared config store and the strings
 * from context. Standalone it needs a `manifest` and a `client` (or it talks to the same origin),
 * creates its own config store and loads the config itself.
 *
 * Fields are rendered from the manifest's schema. A saved secret shows as "Saved" with Replace and
 * Clear, never as a value; a save sends only changed keys, and Clear becomes an explicit unset.
 * The connect flow matching the provider's flow is hosted below the fields
 * (`<cw-device-flow>`, `<cw-oauth-flow>`, `<cw-credentials-flow>`), and
 * `<cw-connection-actions>` once connected (with `<cw-account-profile>` when the linked account has
 * profiles to choose from, CrossWatch's Nuvio). A device flow that also has an authorize route
 * (CrossWatch's SIMKL: PIN with a baked app id, or OAuth with the user's own keys) gets
 * `<cw-oauth-flow>` below it as the second way, disabled until its keys are saved.
 *
 * @fires {CwConfigSavedDetail} cw-config-saved - `{provider, keys}` after a save; keys are names only, never values.
 * @fires {CwErrorDetail} cw-save-error - `{provider, code, message}` when a save fails.
 * @fires {CwFlowStartDetail} cw-flow-start - Bubbles up from the hosted flow.
 * @fires {CwConnectedDetail} cw-connected - Bubbles up from the hosted flow.
 * @fires {CwDisconnectedDetail} cw-disconnected - Bubbles up from the connection actions.
 * @fires {CwFlowErrorDetail} cw-flow-error - Bubbles up from the hosted flow.
 * @fires {CwProfileChangeDetail} cw-profile-change - `{provider, instance}` after the user switched to another profile (CrossWatch).
 * @fires {CwAccountProfileChangeDetail} cw-account-profile-change - Bubbles up from `<cw-account-profile>`: another profile inside the linked account is synced.
 *
 * Profiles (CrossWatch "instances"): with `profiles="auto"` (default) or `"on"` the card asks
 * the backend once for the provider's profiles and, when it has them, shows
 * `<cw-profile-switcher>` (select, add, rename, delete). The choice is remembered per provider
 * in localStorage (`cw-auth.<provider>.instance`) and sent as `?instance=` on every call; config
 * fields read and write the profile's block (`<prov>.instances.<id>.<key>`). A backend without
 * profiles (404, 405) hides the switcher silently; `profiles="off"` makes no request at all.
 *
 * @slot - Nothing is slotted; the card renders everything from the manifest.
 *
 * @csspart card - The card box.
 * @csspart header - The header with the label and the status.
 * @csspart title - The provider label.
 * @csspart status - The status badge.
 * @csspart notes - The manifest's notes.
 * @csspart field - One field (label, control, messages).
 * @csspart label - A field label.
 * @csspart input - A field control.
 * @csspart button - Every button (Save, Replace, Clear, Copy, Retry, …).
 * @csspart error - A field's validation or server message.
 * @csspart help - A field's help text.
 * @csspart hint - The "keys needed" hint.
 * @csspart code - The redirect URL in the hint.
 * @csspart link - The developer-portal link in the hint.
 * @csspart footer - The row with the Save button.
 * @csspart message - The save confirmation or error.
 * @csspart unsaved - The "Unsaved changes" marker.
 * @csspart save - The Save button (also `button`).
 * @csspart flow-status - The hosted flow's progress line.
 * @csspart own-app - The second way below a device flow: OAuth with the user's own app (CrossWatch's SIMKL).
 * @csspart own-app-title - Its title.
 * @csspart quick-connect - The second way below a password sign-in: a code approved on the user's own server (CrossWatch's Jellyfin Quick Connect).
 * @csspart quick-connect-title - Its title.
 * @csspart account-profile - The "profile to sync" row of a connected account with several profiles (Nuvio).
 * @csspart account-profile-select - Its select.
 * @csspart start-button - The flow's main button (Get code, Connect, …); every flow button is also exposed as `button`.
 * @csspart alert - The flow's error box (and the profile switcher's).
 * @csspart profiles - The profile switcher.
 * @csspart profile-select - The profile select.
 * @csspart profile-add - Add profile.
 * @csspart profile-rename - Rename profile.
 * @csspart profile-delete - Delete profile.
 * @csspart profile-input - The profile name input while renaming.
 * @csspart profile-message - The profile switcher's result line.
 * @csspart profile-note - The switcher's note on profiles from the server that are not shown (an id that cannot be used).
 * @csspart discard-button - "Discard" in the switcher's "Discard unsaved changes?" box.
 * @csspart keep-editing-button - "Keep editing" in that box.
 *
 * @cssprop --cw-accent - Accent (links, focus rings, primary button).
 * @cssprop --cw-accent-contrast - Text on the accent.
 * @cssprop --cw-surface - Card background.
 * @cssprop --cw-surface-raised - Background of code and read-only values.
 * @cssprop --cw-text - Text colour.
 * @cssprop --cw-muted - Secondary text.
 * @cssprop --cw-border - Borders; also the accent stripe of providers without a brand colour.
 * @cssprop --cw-danger - Errors.
 * @cssprop --cw-success - Connected, saved.
 * @cssprop --cw-warning - Hints, unsaved changes, expiring soon.
 * @cssprop --cw-radius - Corner radius.
 * @cssprop --cw-font - Font family.
 * @cssprop --cw-space - Spacing unit.
 */
export class CwProviderCard extends CwElement {
  static override styles = [themeStyles, baseStyles, buttonStyles, styles];

  /** The provider manifest: normalised (from the client) or as the server sent it. */
  @property({ attribute: false }) manifest?: ProviderManifest | Record<string, unknown>;

  /** API client for standalone use; inside `<cw-auth-providers>` the context provides it. */
  @property({ attribute: false }) client?: AuthApi;

  /**
   * CrossWatch profile id (`default` when unset). Set by the host, restored from the remembered
   * choice, or set by the profile switcher.
   */
  @property({ reflect: true }) instance?: string;

  /**
   * Profile switcher: `auto` (default) asks the backend once when its manifest looks like
   * CrossWatch's (no `routes`, or a `routes.instances`), `on` always asks once, `off` never asks.
   */
  @property({ reflect: true }) profiles: ProfilesMode = 'auto';

  /** Save when a field loses focus instead of through a Save button. */
  @property({ type: Boolean, reflect: true }) autosave = false;

  /** `light` (default), `dark`, or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme?: Theme;

  /** Body (fields, flows, profiles) only once near the viewport: set by a long list (card-body.ts). */
  @property({ attribute: false }) deferBody = false;

  /** Heading level of the provider label (1–6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  /** Overrides any UI string. */
  @property({ attribute: false }) strings?: Partial<Strings>;

  /** Language of the UI strings when standalone (`de` for German); inherited from the list otherwise. */
  @property() locale?: string;

  /** Observed so that `lang="de"` on the element switches the strings too. */
  @property({ reflect: true }) override lang!: string;

  @consume({ context: apiContext, subscribe: true })
  @state()
  private contextApi?: AuthApi;

  @consume({ context: configStoreContext, subscribe: true })
  @state()
  private contextStore?: ConfigStore;

  @consume({ context: stringsContext, subscribe: true })
  @state()
  private contextStrings?: Strings;

  // Everything inside the card (flows, fields, copy buttons) gets the card's effective values.
  private readonly texts = new CardStrings(this);
  private readonly apiProvider = new ContextProvider(this, { context: apiContext });
  private readonly storeProvider = new ContextProvider(this, { context: configStoreContext });

  // The card's parts: the field set + save, the lazy flow parts, the badge's expiry ticks.
  private readonly form = new CardFields(this, {
    getProvider: () => this.resolved,
    getStore: () => this.store,
    getInstance: () => this.instance,
    getStrings: () => this.t,
    autosave: () => this.autosave,
    onSaved: (detail) => this.emit('cw-config-saved', detail),
    onSaveError: (detail) => this.emit('cw-save-error', detail),
  });
  private readonly data = new CardData(this, {
    sources: () => ({ client: this.client, contextApi: this.contextApi, contextStore: this.contextStore }),
    onApi: (api) => this.apiProvider.setValue(api),
    onStore: (store) => {
      this.storeProvider.setValue(store);
      this.form.rehydrate(store.config);
    },
    onConfig: (config) => this.resolved && this.form.rehydrate(config),
  });
  private readonly parts = new LazyParts(this);
  /** The resolved provider (manifest + presets + routes), or why not, or the adapter it waits for. */
  private readonly resolution = new ManifestResolution(this.parts);
  private readonly connection = new ConnectionStatusController(this, {
    getApi: () => this.api,
    getProvider: () => this.resolved,
    getInstance: () => this.instance,
    getConfig: () => this.store?.config,
    getConfigStore: () => this.store,
  });
  /** The card's requests on mount: from the list's all-providers answers, or once in view. */
  private readonly visibleRequests = new VisibleRequestsController(this);
  private readonly body = new CardBodyGate(this, (signal) => this.visibleRequests.whenNear(signal));
  /** What the card does when its flows report: made with them (the flow slot asks, see card-flow.ts). */
  private flowEvents?: FlowEvents;
  private readonly flowEventsOnce = (): FlowEvents =>
    (this.flowEvents ??= new (this.parts.module('flow_events')!.FlowEvents)(this, {
      getProvider: () => this.resolved,
      getStore: () => this.store,
      connection: this.connection,
      form: this.form,
      gate: this.data.gate,
    }));
  private readonly cardProfiles = new CardProfiles(this, {
    listVia: (list, signal) => this.visibleRequests.profilesVia(this.resolved)(list, signal),
    getApi: () => this.api,
    getProvider: () => this.resolved,
    onChange: (id) => this.resolved && this.emit('cw-profile-change', { provider: this.resolved.manifest.name, instance: id }),
    parts: this.parts,
  });

  constructor() {
    super();
    new ExpiryTicks(this, () => this.connection.status);
    // The card's providers serve only its own subtree. Letting their `context-provider` announcements
    // bubble makes the list re-dispatch every earlier card's requests: quadratic in the card count
    // (1000 cards: 7.6 s → 1.4 s with this, see docs/benchmarks.md).
    this.addEventListener('context-provider', (e) => {
      if ((e as Event & { contextTarget?: Element }).contextTarget === this) e.stopPropagation();
    });
  }

  /** The provider as the card understands it (manifest + presets), once a valid manifest is set. */
  get provider(): ResolvedProvider | undefined {
    return this.resolved;
  }

  private get resolved(): ResolvedProvider | undefined {
    return this.resolution.provider;
  }

  private get t(): Strings {
    return this.texts.t;
  }

  /** The client and the config store the card works with (the list's, or its own). */
  private get api(): AuthApi | undefined {
    return this.data.api;
  }

  private get store(): ConfigStore | undefined {
    return this.data.store;
  }

  /** Whether any field has changes that are not saved yet. */
  get dirty(): boolean {
    return this.form.dirty;
  }

  /**
   * Saves the changed fields: changed values through POST /api/config, cleared ones through
   * /api/config/unset. Resolves to whether everything was saved. A second call while a save is
   * running does nothing.
   */
  save(): Promise<boolean> {
    return this.form.save();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached: catch up on the status aborted at removal.
    if (this.hasUpdated) this.requestUpdate();
  }

  protected override getUpdateComplete(): Promise<boolean> {
    return this.texts.settle(() => this.parts.settle(() => super.getUpdateComplete()));
  }

  protected override willUpdate(changedProps: PropertyValues<this>): void {
    // Private reactive state is not in PropertyValues<this>; look it up by name.
    const changed = changedProps as PropertyValues;
    const manifestChanged = this.resolution.sync(this.manifest, changed.has('manifest'));

    this.texts.sync(changed, () => ({ context: this.contextStrings, overrides: this.strings, locale: this.locale || this.lang || document.documentElement.lang }));

    this.cardProfiles.checkInstance(changed);
    this.data.sync();
    this.cardProfiles.sync(changed);

    // The old profile's status must not show under the new one while it loads.
    if (changed.has('instance') && this.hasUpdated) this.connection.reset();
    // A new profile starts afresh; the same provider again (a list reload) keeps edits in progress.
    if (changed.has('instance')) this.form.hydrate(this.store?.config);
    else if (manifestChanged) this.form.rehydrate(this.store?.config);

    // The status, once per (client, provider, profile, store), when the config is there.
    const provider = this.resolved;
    if (this.isConnected && provider && this.data.statusDue(provider, this.instance)) {
      void this.connection.load(this.visibleRequests.statusVia(provider, this.instance));
    }
  }

  override render() {
    const t = this.t;
    const provider = this.resolved;
    if (!provider) return this.resolution.renderMissing(this.headingLevel, t);
    const status = this.connection.status;
    const badge = badgeFor(status, t, provider.tokenLifetimeMs, keysSaved(this.form.states));
    const brand = provider.brandColor ? { '--_brand-color': provider.brandColor } : {};
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 3));
    return html`
      <article part="card" class="card theme-scope" style=${styleMap(brand)} lang=${t['meta.locale']} aria-labelledby="title">
        <header part="header" class="header">
          <span class="dot" aria-hidden="true"></span>
          <div part="title" class="title" id="title" role="heading" aria-level=${level}>${provider.label}</div>
          ${renderBadge(badge, t)}
        </header>
        ${this.body.open ? this.cardProfiles.render(provider, this.form.saving, this.dirty, this.t) : nothing}
        ${status.kind === 'error' ? this.renderProblem('card.status.errorDetail', status.error, () => void this.connection.load()) : nothing}
        ${provider.manifest.notes ? html`<p part="notes" class="notes">${provider.manifest.notes}</p>` : nothing}
        ${this.renderBody(provider)}
      </article>
    `;
  }

  /** A load that failed (status or config): what went wrong, and Retry. */
  private renderProblem(key: 'card.status.errorDetail' | 'card.loadFailed', error: ApiError, retry: () => void) {
    const t = this.t;
    return renderProblem(format(t[key], { message: describeError(error, t, this.resolved!.label).message }), retry, t);
  }

  private renderBody(provider: ResolvedProvider) {
    const t = this.t;
    const { ownLoad, store } = this.data;
    if (!store?.config) {
      return ownLoad.kind === 'error'
        ? this.renderProblem('card.loadFailed', ownLoad.error, () => this.data.loadOwn())
        : html`<p class="loading" role="status">${t['card.loading']}</p>`;
    }
    // A long list's far card: the hint now, the rest once it comes near.
    if (!this.body.open) return renderHint(provider, this.form.states, t);
    const connected = this.connection.status.kind === 'connected';
    return renderCardBody({ provider, form: this.form, config: store.config, connected, instance: this.instance, parts: this.parts, events: this.flowEventsOnce, t });
  }
}
