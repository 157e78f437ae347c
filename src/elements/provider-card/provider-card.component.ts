import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { consume, ContextProvider } from '@lit/context';
import { CwElement } from '../base.js';
import { apiContext, configStoreContext, stringsContext } from '../context.js';
import type { AuthApi } from '../../api-client/api.js';
import { createApiClient } from '../../api-client/client.js';
import type { ApiError } from '../../api-client/errors.js';
import { lastSegment } from '../../api-client/config-paths.js';
import type { ProviderManifest } from '../../api-client/types.js';
import { ConnectionController } from '../../providers/connection.controller.js';
import { describeError } from '../../providers/error-text.js';
import { toApiError } from '../../providers/flow-state.js';
import { DEFAULT_PROFILE, ProfilesController, shouldAskForProfiles, type ProfilesMode } from '../../providers/profiles.controller.js';
import type { ResolvedProvider } from '../../providers/types.js';
import type { ConfigStore } from '../../state/config-store.js';
import { createConfigStore } from '../../state/create-config-store.js';
import { isReadonlyField, valuesForConnect, type FieldState } from '../../state/field-state.js';
import type { Strings } from '../../strings/en.js';
import { format } from '../../strings/format.js';
import { applyOverrides, LocaleStrings, stringsForLocale } from '../../strings/locale.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import { themeStyles, type Theme } from '../../styles/theme.js';
import type { ProfileRenameDetail, ProfileSelectDetail } from '../profile-switcher/profile-switcher.component.js';
import { loadProfileSwitcher } from '../profile-switcher/load-profile-switcher.js';
import { CardFields } from './card-fields.js';
import { renderFlowSlot } from './card-flow.js';
import { renderHint } from './card-hint.js';
import { resolveManifest } from './card-manifest.js';
import { PROFILE_PARTS } from './card-parts.js';
import { badgeFor, ExpiryTicks, renderBadge } from './card-status.js';
import { LazyParts } from './lazy-parts.js';
import styles from './provider-card.styles.js';

export { CARD_PARTS } from './card-parts.js';
export { expiringThreshold, nextExpiryTick, relativeTime, type BadgeKind } from './card-status.js';

type OwnConfigLoad = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; error: ApiError };

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
 * @fires cw-config-saved - `{provider, keys}` after a save; keys are names only, never values.
 * @fires cw-save-error - `{provider, code, message}` when a save fails.
 * @fires cw-flow-start - Bubbles up from the hosted flow.
 * @fires cw-connected - Bubbles up from the hosted flow.
 * @fires cw-disconnected - Bubbles up from the connection actions.
 * @fires cw-flow-error - Bubbles up from the hosted flow.
 * @fires cw-profile-change - `{provider, instance}` after the user switched to another profile (CrossWatch).
 * @fires cw-account-profile-change - Bubbles up from `<cw-account-profile>`: another profile inside the linked account is synced.
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

  @state() private ownLoad: OwnConfigLoad = { kind: 'idle' };

  /** The resolved provider (manifest + presets + routes), or why the manifest cannot be used. */
  private resolved?: ResolvedProvider;
  private manifestError?: ApiError;

  private api?: AuthApi;
  private store?: ConfigStore;
  private t: Strings = stringsForLocale(undefined);
  /** German arrives after the first render when standalone (a lazy chunk); updateComplete waits for it. */
  private readonly locales = new LocaleStrings(this);
  private ownClient?: AuthApi;
  private ownStore?: ConfigStore;
  private ownStoreApi?: AuthApi;
  private unsubscribeStore?: () => void;
  private ownLoadAbort?: AbortController;
  /** Aborted on disconnect: follow-up work (re-reads after a flow) must not outlive the card. */
  private lifetime = new AbortController();
  /** What the status was last loaded for; a change means load again. */
  private statusKey: unknown[] = [];
  /** Focus was in the connection actions that this render replaces by the flow (after a disconnect). */
  private refocusFlow = false;
  /** The profile the card itself chose (restored or picked); a host-given `instance` is left alone. */
  private ownInstance: string | undefined;
  /** The fields a code way's start sent (see onFlowStart), settled once it connects. */
  private codeWaySent: FieldState[] = [];

  // Everything inside the card (flows, fields, copy buttons) gets the card's effective values.
  private readonly apiProvider = new ContextProvider(this, { context: apiContext });
  private readonly storeProvider = new ContextProvider(this, { context: configStoreContext });
  private readonly stringsProvider = new ContextProvider(this, { context: stringsContext, initialValue: this.t });

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
  private readonly parts = new LazyParts(this);
  private readonly connection = new ConnectionController(this, {
    getApi: () => this.api,
    getProvider: () => this.resolved,
    getInstance: () => this.instance,
    getConfig: () => this.store?.config,
    getConfigStore: () => this.store,
  });
  private readonly profileControl = new ProfilesController(this, {
    getApi: () => this.api,
    getProvider: () => this.resolved,
    getMode: () => this.profilesMode,
    getSelected: () => this.instance,
    onSelect: (id) => this.switchProfile(id),
    onUnusable: () => {
      // A remembered or picked profile the backend does not have: back to the default one.
      if (this.instance !== undefined && this.instance === this.ownInstance) this.switchProfile(DEFAULT_PROFILE, false);
    },
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
    if (this.lifetime.signal.aborted) this.lifetime = new AbortController();
    this.addEventListener('cw-connected', this.onConnected);
    this.addEventListener('cw-flow-start', this.onFlowStart);
    this.addEventListener('cw-disconnected', this.onDisconnected);
    if (this.store) this.subscribeStore(this.store);
    if (this.hasUpdated) {
      // Re-attached: catch up on what was aborted at removal (config, status).
      if (this.ownStore && this.ownLoad.kind !== 'ready') this.loadOwnConfig();
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('cw-connected', this.onConnected);
    this.removeEventListener('cw-flow-start', this.onFlowStart);
    this.removeEventListener('cw-disconnected', this.onDisconnected);
    this.lifetime.abort();
    this.unsubscribeStore?.();
    this.unsubscribeStore = undefined;
    this.ownLoadAbort?.abort();
    this.ownLoadAbort = undefined;
    if (this.ownLoad.kind === 'loading') this.ownLoad = { kind: 'idle' };
    this.statusKey = [];
  }

  protected override getUpdateComplete(): Promise<boolean> {
    return this.locales.settle(() => this.parts.settle(() => super.getUpdateComplete()));
  }

  protected override willUpdate(changedProps: PropertyValues<this>): void {
    // Private reactive state is not in PropertyValues<this>; look it up by name.
    const changed = changedProps as PropertyValues;
    if (changed.has('manifest')) ({ provider: this.resolved, error: this.manifestError } = resolveManifest(this.manifest));

    if (changed.has('contextStrings') || changed.has('strings') || changed.has('locale') || changed.has('lang') || !this.hasUpdated) {
      const base = this.contextStrings ?? this.locales.get(this.locale || this.lang || document.documentElement.lang);
      this.t = applyOverrides(base, this.strings);
      this.stringsProvider.setValue(this.t);
    }

    this.syncApiAndStore();
    this.restoreProfile(changed);
    this.profileControl.sync();

    // The old profile's status must not show under the new one while it loads.
    if (changed.has('instance') && this.hasUpdated) this.connection.reset();
    // A new profile starts afresh; the same provider again (a list reload) keeps edits in progress.
    if (changed.has('instance')) this.form.hydrate(this.store?.config);
    else if (changed.has('manifest')) this.form.rehydrate(this.store?.config);

    this.maybeLoadStatus();
  }

  protected override update(changed: PropertyValues<this>): void {
    // A disconnect replaces the actions (where focus is) by the flow: keep keyboard users in the card.
    const actions = this.shadowRoot?.querySelector('cw-connection-actions');
    this.refocusFlow = Boolean(actions) && this.shadowRoot?.activeElement === actions && this.connection.status.kind !== 'connected';
    super.update(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.refocusFlow) {
      const flow = this.shadowRoot?.querySelector<CwElement>('cw-device-flow, cw-oauth-flow, cw-credentials-flow');
      if (flow) this.refocusFlow = false; // else the flow's chunk is still loading: on a later render
      void flow?.updateComplete.then(() => flow.shadowRoot?.querySelector<HTMLElement>('[part~="start-button"]')?.focus());
    }
  }

  private get profilesMode(): ProfilesMode {
    const mode = (this.profiles ?? 'auto').toLowerCase();
    return mode === 'on' || mode === 'off' ? mode : 'auto';
  }

  /**
   * A new provider (or profiles turned on): use the remembered profile before the first request,
   * unless the host chose one. The profile list confirms it later (or sends us back to default).
   */
  private restoreProfile(changed: PropertyValues): void {
    if (!changed.has('manifest') && !changed.has('profiles')) return;
    if (!shouldAskForProfiles(this.resolved, this.profilesMode)) {
      // Profiles off: a profile the card picked itself no longer applies.
      if (this.ownInstance !== undefined && this.instance === this.ownInstance) this.instance = undefined;
      this.ownInstance = undefined;
      return;
    }
    if (this.instance !== undefined) return;
    const remembered = this.profileControl.remembered();
    if (remembered && remembered !== DEFAULT_PROFILE) this.ownInstance = this.instance = remembered;
  }

  /** Switches the card to another profile (fields, status, flows follow `instance`). */
  private switchProfile(id: string, announce = true): void {
    const next = id === DEFAULT_PROFILE ? undefined : id;
    if (next === this.instance) return;
    this.ownInstance = next;
    this.instance = next;
    if (announce && this.resolved) this.emit('cw-profile-change', { provider: this.resolved.manifest.name, instance: id });
  }

  /** Decides which client and store this card uses, and serves them to its children. */
  private syncApiAndStore(): void {
    const useOwn = this.client !== undefined || this.contextStore === undefined;
    const api = this.client ?? this.contextApi ?? (this.ownClient ??= createApiClient());
    if (useOwn && (!this.ownStore || this.ownStoreApi !== api)) {
      this.ownLoadAbort?.abort();
      this.ownStore = createConfigStore(api);
      this.ownStoreApi = api;
      this.ownLoad = { kind: 'idle' };
    }
    const store = useOwn ? this.ownStore! : this.contextStore!;
    if (api !== this.api) {
      this.api = api;
      this.apiProvider.setValue(api);
    }
    if (store !== this.store) {
      this.store = store;
      this.storeProvider.setValue(store);
      if (this.isConnected) this.subscribeStore(store);
      this.form.rehydrate(store.config);
    }
    if (useOwn && this.ownLoad.kind === 'idle' && this.isConnected) this.loadOwnConfig();
  }

  private subscribeStore(store: ConfigStore): void {
    this.unsubscribeStore?.();
    this.unsubscribeStore = store.subscribe((config) => this.resolved && this.form.rehydrate(config));
  }

  /** Standalone: read the config once (and again on Retry). */
  private loadOwnConfig(): void {
    const store = this.ownStore;
    if (!store) return;
    this.ownLoadAbort?.abort();
    const abort = new AbortController();
    this.ownLoadAbort = abort;
    this.ownLoad = { kind: 'loading' };
    store.reload({ signal: abort.signal }).then(
      () => {
        if (this.ownLoadAbort !== abort) return;
        this.ownLoadAbort = undefined;
        this.ownLoad = { kind: 'ready' };
      },
      (error: unknown) => {
        if (this.ownLoadAbort !== abort || abort.signal.aborted) return;
        this.ownLoadAbort = undefined;
        this.ownLoad = { kind: 'error', error: toApiError(error) };
      },
    );
  }

  /** Loads the connection status once per (client, provider, profile, store), when config is there. */
  private maybeLoadStatus(): void {
    if (!this.isConnected || !this.api || !this.resolved || this.store?.config === undefined) return;
    const key = [this.api, this.resolved, this.instance, this.store];
    if (key.length === this.statusKey.length && key.every((v, i) => v === this.statusKey[i])) return;
    this.statusKey = key;
    void this.connection.load();
  }

  // ---------------------------------------------------------------- flow events

  /** The event comes from the code way below a sign-in (Quick Connect). */
  private isCodeWay(event: Event): boolean {
    return Boolean((event.composedPath()[0] as Element | undefined)?.closest?.('[part~="quick-connect"]'));
  }

  private onFlowStart = (event: Event): void => {
    if (!this.isCodeWay(event)) return;
    const device = this.resolved?.routes.device;
    const sends = device?.mode === 'poll' ? device.send ?? [] : [];
    this.codeWaySent = this.form.states.filter((s) => sends.includes(lastSegment(s.field.key)));
  };

  private onConnected = (event: Event): void => {
    const detail = (event as CustomEvent<{ account?: string }>).detail;
    this.connection.markConnected(detail?.account);
    // Confirm with the status route: it also tells the new token's expiry (and so its lifetime).
    // Without one, the token paths in the config re-read below decide.
    if (this.resolved?.routes.status) void this.connection.load();
    const store = this.store;
    if (!store) return;
    // The flow wrote tokens (and a credentials flow the typed values): re-read, then the
    // fields that were sent are clean again. A code way (Quick Connect) sent only its start's
    // fields, as they were when the code was asked for: a password typed for the other way, or
    // a server URL edited while the code was shown, stays as typed.
    const sent = this.isCodeWay(event) ? this.codeWaySent : this.form.states;
    this.codeWaySent = [];
    const lifetime = this.lifetime.signal;
    store.reload({ signal: lifetime }).then(
      (config) => {
        if (lifetime.aborted) return;
        if (this.resolved?.flow === 'credentials' || this.resolved?.flow === 'local') this.form.settle(sent, config);
      },
      () => undefined,
    );
  };

  /** The actions element reloads the config; the badge asks the server again. */
  private onDisconnected = (): void => void this.connection.load();

  /** Another profile of the linked account is synced now: the badge names it (CrossWatch's status says). */
  private onAccountProfileChange = (): void => {
    if (this.resolved?.routes.status) void this.connection.load();
  };

  /** A Refresh in the connection actions worked: the badge reads the new expiry from the server. */
  private onRefreshed = (): void => void this.connection.reloadAfterRefresh();

  // ---------------------------------------------------------------- rendering

  /** Every required field has a stored value (or, without required fields, any field does). */
  private keysSaved(): boolean {
    const stored = (s: FieldState) => s.sourcePath !== undefined && (s.saved || (s.initial !== '' && s.initial !== false));
    const required = this.form.states.filter((s) => s.field.required && !isReadonlyField(s.field));
    return required.length > 0 ? required.every(stored) : this.form.states.some(stored);
  }

  override render() {
    const t = this.t;
    const provider = this.resolved;
    if (!provider) {
      const error = this.manifestError;
      return html`
        <article part="card" class="card theme-scope" lang=${t['meta.locale']} aria-labelledby="title">
          <div part="title" class="title" id="title" role="heading" aria-level=${this.headingLevel}>
            ${error ? t['list.invalid.title'] : t['card.noManifest']}
          </div>
          ${error ? html`<p class="message error">${format(t['list.invalid.detail'], { message: error.message })}</p>` : nothing}
        </article>
      `;
    }
    const status = this.connection.status;
    const badge = badgeFor(status, t, provider.tokenLifetimeMs, this.keysSaved());
    const brand = provider.brandColor ? { '--_brand-color': provider.brandColor } : {};
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 3));
    return html`
      <article part="card" class="card theme-scope" style=${styleMap(brand)} lang=${t['meta.locale']} aria-labelledby="title">
        <header part="header" class="header">
          <span class="dot" aria-hidden="true"></span>
          <div part="title" class="title" id="title" role="heading" aria-level=${level}>${provider.label}</div>
          ${renderBadge(badge, t)}
        </header>
        ${this.renderProfiles(provider)}
        ${status.kind === 'error' ? this.renderProblem('card.status.errorDetail', status.error, () => void this.connection.load()) : nothing}
        ${provider.manifest.notes ? html`<p part="notes" class="notes">${provider.manifest.notes}</p>` : nothing}
        ${this.renderBody(provider)}
      </article>
    `;
  }

  private renderProfiles(provider: ResolvedProvider) {
    const control = this.profileControl;
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
      ?disabled=${this.form.saving}
      ?unsaved=${this.dirty}
      @cw-profile-select=${(e: CustomEvent<ProfileSelectDetail>) => control.select(e.detail.id)}
      @cw-profile-add=${() => void control.add()}
      @cw-profile-rename=${(e: CustomEvent<ProfileRenameDetail>) => void control.rename(e.detail.id, e.detail.label)}
      @cw-profile-delete=${(e: CustomEvent<ProfileSelectDetail>) => void control.remove(e.detail.id)}
      @cw-profile-retry=${() => void control.load()}
      @cw-profile-dismiss=${() => control.dismiss()}
    ></cw-profile-switcher>`;
  }

  /** A load that failed (status or config): what went wrong, and Retry. */
  private renderProblem(key: 'card.status.errorDetail' | 'card.loadFailed', error: ApiError, retry: () => void) {
    const t = this.t;
    const text = describeError(error, t, this.resolved!.label);
    return html`
      <div class="problem" role="alert">
        <p>${format(t[key], { message: text.message })}</p>
        <button part="button" class="button button--small" type="button" @click=${retry}>${t['card.retry']}</button>
      </div>
    `;
  }

  private renderBody(provider: ResolvedProvider) {
    const t = this.t;
    if (this.store?.config === undefined) {
      return this.ownLoad.kind === 'error'
        ? this.renderProblem('card.loadFailed', this.ownLoad.error, () => this.loadOwnConfig())
        : html`<p class="loading" role="status">${t['card.loading']}</p>`;
    }
    const form = this.form;
    return html`
      ${renderHint(provider, form.states, t)} ${form.renderFields()} ${form.renderFooter()}
      ${renderFlowSlot({
        provider,
        connected: this.connection.status.kind === 'connected',
        instance: this.instance,
        values: () => valuesForConnect(form.states),
        saving: form.saving,
        config: this.store.config,
        t,
        parts: this.parts,
        onRefreshed: this.onRefreshed,
        onAccountProfileChange: this.onAccountProfileChange,
      })}
    `;
  }
}
