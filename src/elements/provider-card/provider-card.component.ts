import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { consume, ContextProvider } from '@lit/context';
import { CwElement } from '../base.js';
import { apiContext, configStoreContext, stringsContext } from '../context.js';
import type { AuthApi } from '../../api-client/api.js';
import { createApiClient } from '../../api-client/client.js';
import { ApiError, ErrorCodes } from '../../api-client/errors.js';
import { parseProviderList } from '../../api-client/manifest.js';
import { lastSegment } from '../../api-client/config-paths.js';
import type { ConfigObject, ProviderManifest } from '../../api-client/types.js';
import { ConnectionController, type ConnectionStatus } from '../../providers/connection.controller.js';
import { VisibleRequestsController } from '../visible-requests.js';
import { describeProvider, missingKeys, requiredFieldsFor } from '../../providers/describe.js';
import { describeError } from '../../providers/error-text.js';
import { toApiError } from '../../providers/flow-state.js';
import {
  DEFAULT_PROFILE,
  ProfilesController,
  shouldAskForProfiles,
  type ProfilesMode,
} from '../../providers/profiles.controller.js';
import type { ResolvedProvider } from '../../providers/types.js';
import type { ConfigStore } from '../../state/config-store.js';
import { createConfigStore } from '../../state/create-config-store.js';
import {
  blockingProblems,
  buildSavePlan,
  hydrateFields,
  isDirty,
  isEmpty,
  isReadonlyField,
  isSecretField,
  rehydrate,
  settleAfterSave,
  updateField,
  valuesForConnect,
  type FieldState,
} from '../../state/field-state.js';
import type { Strings } from '../../strings/en.js';
import { format } from '../../strings/format.js';
import { applyOverrides, LocaleStrings, stringsForLocale } from '../../strings/locale.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import { themeStyles, type Theme } from '../../styles/theme.js';
import type { CwProviderField, FieldIntentEvent } from '../provider-field/provider-field.component.js';
import type { ProfileRenameDetail, ProfileSelectDetail } from '../profile-switcher/profile-switcher.component.js';
import { loadProfileSwitcher } from '../profile-switcher/load-profile-switcher.js';
import styles from './provider-card.styles.js';

export type BadgeKind = 'not-configured' | 'keys-saved' | 'connected' | 'expiring' | 'expired' | 'error';

type OwnConfigLoad = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; error: ApiError };

type SaveResult = { kind: 'saved' } | { kind: 'invalid' } | { kind: 'error'; message: string };

/** Part names from a space-separated list (shorter than an array literal of strings). */
const partList = (names: string): string[] => names.split(' ');

/** Parts the card's sub-elements expose, re-exported so hosts can style them from outside. */
const FIELD_PART_LIST = partList('field label input button error help');
const PROFILE_PART_LIST = partList(
  'profiles profile-label profile-select profile-input button profile-add profile-rename profile-delete ' +
    'confirm profile-message alert usages discard-button keep-editing-button',
);
const FIELD_PARTS = FIELD_PART_LIST.join(', ');
const PROFILE_PARTS = PROFILE_PART_LIST.join(', ');
const COPY_PARTS = 'button, message';
const FLOW_BUTTONS = partList(
  'start-button cancel-button open-button qr-toggle refresh-button disconnect-button confirm-button keep-button dismiss-button retry-button',
);
const FLOW_OTHER_PARTS = partList(
  'instructions code copy-button qr countdown alert error-message error-detail help-link busy notice continue-link confirm usages account-profile account-profile-select',
);
/**
 * The flows' own part names, plus every flow button also as `button` (one rule styles all
 * buttons) and the flows' `status` line as `flow-status` (`status` is the card's badge).
 */
const FLOW_PARTS = [...FLOW_BUTTONS.flatMap((p) => [p, `${p}:button`]), 'status:flow-status', ...FLOW_OTHER_PARTS].join(', ');

/** Every part a card exposes (for containers that re-export them); repeated names are harmless. */
export const CARD_PARTS = [
  ...partList('card header title status notes hint code link footer message unsaved save flow-status own-app own-app-title quick-connect quick-connect-title'),
  ...FIELD_PART_LIST,
  ...PROFILE_PART_LIST,
  ...FLOW_BUTTONS,
  ...FLOW_OTHER_PARTS,
].join(', ');

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/**
 * How long before its expiry a token's badge turns to the warning colour.
 *
 * Relative to the token's lifetime when the card saw it issued (a flow finished or a refresh
 * renewed it here): its last tenth, so a 24 h Trakt token warns in its last 2.4 h and an hour-long
 * MDBList token in its last 6 minutes, never earlier than a day before. A token that was already
 * there has an unknown lifetime: its last hour, which a fresh day-long token does not trip (a fixed
 * day did, so every new Trakt connection started out as a warning) and which still leaves time to
 * refresh.
 */
export function expiringThreshold(lifetimeMs: number | undefined): number {
  if (lifetimeMs === undefined || !(lifetimeMs > 0)) return HOUR;
  return Math.min(24 * HOUR, Math.max(MINUTE, lifetimeMs / 10));
}

/**
 * Milliseconds until an expiry `leftMs` away reads differently: the whole minutes left drop by one
 * (and at the expiry itself). The badge is re-rendered then, at most once a minute.
 */
export function nextExpiryTick(leftMs: number): number {
  return ((Math.ceil(leftMs) - 1) % MINUTE) + 1;
}

/** Normalised manifests carry these; raw wire manifests (snake_case) do not. */
function isNormalisedManifest(value: unknown): value is ProviderManifest {
  const m = value as Partial<ProviderManifest> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.name === 'string' &&
    typeof m.id === 'string' &&
    typeof m.label === 'string' &&
    typeof m.rawFlow === 'string' &&
    Array.isArray(m.fields) &&
    typeof m.actions === 'object' &&
    m.actions !== null
  );
}

/**
 * "in 5 minutes", "in 23 hours", "in 3 days". Whole minutes at best: the badge changes once a
 * minute, never counts seconds. Started minutes count as whole ones, so a token that still works
 * never reads "in 0 minutes".
 */
export function relativeTime(deltaMs: number, locale: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const sign = deltaMs < 0 ? -1 : 1;
  const minutes = Math.max(1, Math.ceil(Math.abs(deltaMs) / MINUTE));
  if (minutes < 60) return rtf.format(sign * minutes, 'minute');
  const hours = Math.round(Math.abs(deltaMs) / HOUR);
  if (hours < 48) return rtf.format(sign * hours, 'hour');
  return rtf.format(sign * Math.round(hours / 24), 'day');
}

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

  @state() private fields: FieldState[] = [];
  @state() private ownLoad: OwnConfigLoad = { kind: 'idle' };
  @state() private saving = false;
  @state() private saveResult?: SaveResult;

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
  private saveAbort?: AbortController;
  /** Aborted on disconnect: follow-up work (re-reads after a flow) must not outlive the card. */
  private lifetime = new AbortController();
  /** What the status was last loaded for; a change means load again. */
  private statusKey: unknown[] = [];
  /** Focus was in the connection actions that this render replaces by the flow (after a disconnect). */
  private refocusFlow = false;
  /** Re-renders the "Expires in …" badge; pending only while an expiry is shown. */
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  // Everything inside the card (flows, fields, copy buttons) gets the card's effective values.
  private readonly apiProvider = new ContextProvider(this, { context: apiContext });
  private readonly storeProvider = new ContextProvider(this, { context: configStoreContext });
  private readonly stringsProvider = new ContextProvider(this, { context: stringsContext, initialValue: this.t });

  constructor() {
    super();
    // The card's providers serve only its own subtree. Letting their `context-provider` announcements
    // bubble makes the list re-dispatch every earlier card's requests: quadratic in the card count
    // (1000 cards: 7.6 s → 1.4 s with this, see docs/benchmarks.md).
    this.addEventListener('context-provider', (e) => {
      if ((e as Event & { contextTarget?: Element }).contextTarget === this) e.stopPropagation();
    });
  }

  /** The profile the card itself chose (restored or picked); a host-given `instance` is left alone. */
  private ownInstance: string | undefined;

  /** The card's requests on mount: from the list's all-providers answers, or once in view. */
  private readonly visibleRequests = new VisibleRequestsController(this);

  private readonly profileControl = new ProfilesController(this, {
    listVia: (list, signal) => this.visibleRequests.profilesVia(this.resolved)(list, signal),
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

  private readonly connection = new ConnectionController(this, {
    getApi: () => this.api,
    getProvider: () => this.resolved,
    getInstance: () => this.instance,
    getConfig: () => this.store?.config,
    getConfigStore: () => this.store,
  });

  /** The provider as the card understands it (manifest + presets), once a valid manifest is set. */
  get provider(): ResolvedProvider | undefined {
    return this.resolved;
  }

  /** Whether any field has changes that are not saved yet. */
  get dirty(): boolean {
    return this.fields.some(isDirty);
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
    this.saveAbort?.abort();
    this.saveAbort = undefined;
    this.saving = false;
    this.statusKey = [];
    this.stopExpiryTicks();
  }

  protected override getUpdateComplete(): Promise<boolean> {
    return this.locales.settle(() => super.getUpdateComplete());
  }

  protected override willUpdate(changedProps: PropertyValues<this>): void {
    // Private reactive state is not in PropertyValues<this>; look it up by name.
    const changed = changedProps as PropertyValues;
    if (changed.has('manifest')) this.resolveManifest();

    if (changed.has('contextStrings') || changed.has('strings') || changed.has('locale') || changed.has('lang') || !this.hasUpdated) {
      const base = this.contextStrings ?? this.locales.get(this.locale || this.lang || document.documentElement.lang);
      this.t = applyOverrides(base, this.strings);
      this.stringsProvider.setValue(this.t);
    }

    this.syncApiAndStore();
    this.restoreProfile(changed);
    this.profileControl.sync();

    if (changed.has('instance') && this.hasUpdated) {
      // The old profile's status must not show under the new one while it loads.
      this.connection.reset();
    }
    if (changed.has('instance')) {
      this.fields = this.resolved ? hydrateFields(this.resolved.manifest.fields, this.store?.config, this.instance) : [];
      this.saveResult = undefined;
    } else if (changed.has('manifest')) {
      // The same provider again (a list reload): edits in progress survive, keyed by field.
      this.fields = this.resolved ? rehydrate(this.fields, this.resolved.manifest.fields, this.store?.config, this.instance) : [];
    }

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
    this.scheduleExpiryTick();
    if (this.refocusFlow) {
      this.refocusFlow = false;
      const flow = this.shadowRoot?.querySelector<CwElement>('cw-device-flow, cw-oauth-flow, cw-credentials-flow');
      void flow?.updateComplete.then(() => flow.shadowRoot?.querySelector<HTMLElement>('[part~="start-button"]')?.focus());
    }
  }

  /**
   * While the badge shows an expiry, re-render it when its text next changes (at most once a
   * minute; at the expiry itself it turns to "Expired"). Nothing runs otherwise, nor once removed.
   */
  private scheduleExpiryTick(): void {
    this.stopExpiryTicks();
    const status = this.connection.status;
    if (!this.isConnected || status.kind !== 'connected' || status.expiresAt === undefined) return;
    const left = status.expiresAt - Date.now();
    if (left <= 0) return; // "Expired" stays as it is
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = undefined;
      this.requestUpdate();
    }, nextExpiryTick(left));
  }

  private stopExpiryTicks(): void {
    if (this.expiryTimer !== undefined) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
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
    const askable = shouldAskForProfiles(this.resolved, this.profilesMode);
    if (!askable) {
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
    if (announce && this.resolved) {
      this.emit('cw-profile-change', { provider: this.resolved.manifest.name, instance: id });
    }
  }

  private resolveManifest(): void {
    this.resolved = undefined;
    this.manifestError = undefined;
    const value = this.manifest;
    if (value === undefined || value === null) return;
    let manifest: ProviderManifest | undefined;
    if (isNormalisedManifest(value)) {
      manifest = value;
    } else {
      // A manifest as the server sends it: validate and normalise it like the client does.
      try {
        const list = parseProviderList([value]);
        manifest = list.manifests[0];
        if (!manifest) this.manifestError = list.invalid[0]?.error;
      } catch (error) {
        this.manifestError = toApiError(error);
      }
    }
    if (manifest) this.resolved = describeProvider(manifest);
    else this.manifestError ??= new ApiError({ code: ErrorCodes.invalidManifest, message: 'The manifest could not be read.' });
  }

  /** Decides which client and store this card uses, and serves them to its children. */
  private syncApiAndStore(): void {
    const useOwn = this.client !== undefined || this.contextStore === undefined;
    let api = this.client ?? this.contextApi;
    if (!api) {
      this.ownClient ??= createApiClient();
      api = this.ownClient;
    }
    let store: ConfigStore;
    if (useOwn) {
      if (!this.ownStore || this.ownStoreApi !== api) {
        this.ownLoadAbort?.abort();
        this.ownStore = createConfigStore(api);
        this.ownStoreApi = api;
        this.ownLoad = { kind: 'idle' };
      }
      store = this.ownStore;
    } else {
      store = this.contextStore!;
    }
    if (api !== this.api) {
      this.api = api;
      this.apiProvider.setValue(api);
    }
    if (store !== this.store) {
      this.store = store;
      this.storeProvider.setValue(store);
      if (this.isConnected) this.subscribeStore(store);
      this.fields = this.resolved ? rehydrate(this.fields, this.resolved.manifest.fields, store.config, this.instance) : [];
    }
    if (useOwn && this.ownLoad.kind === 'idle' && this.isConnected) this.loadOwnConfig();
  }

  private subscribeStore(store: ConfigStore): void {
    this.unsubscribeStore?.();
    this.unsubscribeStore = store.subscribe((config) => this.onConfig(config));
  }

  private onConfig(config: ConfigObject | undefined): void {
    if (!this.resolved) return;
    this.fields = rehydrate(this.fields, this.resolved.manifest.fields, config, this.instance);
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

  /** The config this card works from is there (shared store loaded, or own store loaded). */
  private get configReady(): boolean {
    return this.store?.config !== undefined;
  }

  /** Loads the connection status once per (client, provider, profile, store), when config is there. */
  private maybeLoadStatus(): void {
    if (!this.isConnected || !this.api || !this.resolved || !this.configReady) return;
    const key = [this.api, this.resolved, this.instance, this.store];
    if (key.length === this.statusKey.length && key.every((v, i) => v === this.statusKey[i])) return;
    this.statusKey = key;
    void this.connection.load(this.visibleRequests.statusVia(this.resolved, this.instance));
  }

  // ---------------------------------------------------------------- field intents and saving

  private onFieldIntent = (event: FieldIntentEvent): void => {
    event.stopPropagation();
    const { key, intent } = event.detail;
    const field = event.target as CwProviderField;
    const current = this.fields.find((s) => s.field.key === key);
    if (!current) return;
    // A new edit makes the last save's message stale; leaving a field does not.
    if (intent !== 'blur' && this.saveResult) this.saveResult = undefined;
    if (intent === 'input') {
      this.fields = updateField(this.fields, key, { value: field.draftValue, serverError: undefined });
      if (current.field.type === 'bool' || current.field.type === 'select') this.autosaveSoon();
    } else if (intent === 'blur') {
      this.fields = updateField(this.fields, key, { touched: true });
      this.autosaveSoon();
    } else {
      // Replace opens an empty input, Clear marks the value for removal, Keep goes back to what is saved.
      const replacing = intent === 'replace';
      const clearing = intent === 'clear';
      const value = intent === 'keep' ? current.initial : '';
      this.fields = updateField(this.fields, key, { replacing, clearing, value, serverError: undefined });
      if (clearing) this.autosaveSoon();
    }
  };

  private autosaveSoon(): void {
    if (this.autosave && this.dirty) void this.save();
  }

  /**
   * Saves the changed fields: changed values through POST /api/config, cleared ones through
   * /api/config/unset. Resolves to whether everything was saved. A second call while a save is
   * running does nothing.
   */
  async save(): Promise<boolean> {
    const provider = this.resolved;
    const store = this.store;
    if (this.saving || !provider || !store || !this.configReady) return false;
    this.fields = this.fields.map((s) => (isDirty(s) ? { ...s, touched: true } : s));
    const problems = blockingProblems(this.fields);
    if (problems.length > 0) {
      this.saveResult = { kind: 'invalid' };
      await this.updateComplete;
      this.focusField(problems[0]!.field.key);
      return false;
    }
    const plan = buildSavePlan(this.fields);
    if (plan.keys.length === 0) return true;

    const sent = this.fields;
    // Password fields, whatever their key is called: the store masks them should its re-read fail.
    const secretPaths = sent.filter((s) => isSecretField(s.field) && isDirty(s)).map((s) => s.path);
    const abort = new AbortController();
    this.saveAbort = abort;
    this.saving = true;
    this.saveResult = undefined;
    try {
      if (Object.keys(plan.partial).length > 0) await store.save(plan.partial, { signal: abort.signal, secretPaths });
      if (plan.unset.length > 0) await store.unset(plan.unset, { signal: abort.signal });
    } catch (error) {
      if (this.saveAbort !== abort || abort.signal.aborted) return false;
      this.saveAbort = undefined;
      this.saving = false;
      this.showSaveError(toApiError(error), provider);
      return false;
    }
    if (this.saveAbort !== abort) return false;
    this.saveAbort = undefined;
    this.saving = false;
    this.fields = settleAfterSave(this.fields, sent, store.config, this.instance);
    this.saveResult = { kind: 'saved' };
    this.emit('cw-config-saved', { provider: provider.manifest.name, keys: plan.keys });
    return true;
  }

  private showSaveError(error: ApiError, provider: ResolvedProvider): void {
    const text = describeError(error, this.t, provider.label);
    const message = text.detail ? `${text.message} ${text.detail}` : text.message;
    const target = this.fieldForServerError(error.field);
    if (target) this.fields = updateField(this.fields, target, { serverError: message, touched: true });
    this.saveResult = { kind: 'error', message: format(this.t['card.saveFailed'], { message }) };
    this.emit('cw-save-error', { provider: provider.manifest.name, code: error.code, message });
    if (target) void this.updateComplete.then(() => this.focusField(target));
  }

  /** The field a server error names (`trakt.client_id`, `client_id`, or a profile path). */
  private fieldForServerError(name: string | undefined): string | undefined {
    if (!name) return undefined;
    const match =
      this.fields.find((s) => s.field.key === name || s.path === name) ??
      this.fields.find((s) => lastSegment(s.field.key) === lastSegment(name));
    return match?.field.key;
  }

  private focusField(key: string): void {
    const el = [...this.renderRoot.querySelectorAll<CwProviderField>('cw-provider-field')].find((f) => f.state?.field.key === key);
    el?.focus();
  }

  // ---------------------------------------------------------------- flow events

  /** The fields a code way's start sent (see onFlowStart), settled once it connects. */
  private codeWaySent: FieldState[] = [];

  /** The event comes from the code way below a sign-in (Quick Connect). */
  private isCodeWay(event: Event): boolean {
    return Boolean((event.composedPath()[0] as Element | undefined)?.closest?.('[part~="quick-connect"]'));
  }

  private onFlowStart = (event: Event): void => {
    if (!this.isCodeWay(event)) return;
    const device = this.resolved?.routes.device;
    const sends = device?.mode === 'poll' ? device.send ?? [] : [];
    this.codeWaySent = this.fields.filter((s) => sends.includes(lastSegment(s.field.key)));
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
    const viaCode = this.isCodeWay(event);
    const sent = viaCode ? this.codeWaySent : this.fields;
    this.codeWaySent = [];
    const lifetime = this.lifetime.signal;
    store.reload({ signal: lifetime }).then(
      (config) => {
        if (lifetime.aborted) return;
        if (this.resolved?.flow === 'credentials' || this.resolved?.flow === 'local') {
          this.fields = settleAfterSave(this.fields, sent, config, this.instance);
        }
      },
      () => undefined,
    );
  };

  private onDisconnected = (): void => {
    // The actions element reloads the config; the badge asks the server again.
    void this.connection.load();
  };

  /** Another profile of the linked account is synced now: the badge names it (CrossWatch's status says). */
  private onAccountProfileChange = (): void => {
    if (this.resolved?.routes.status) void this.connection.load();
  };

  /** A Refresh in the connection actions worked: the badge reads the new expiry from the server. */
  private onRefreshed = (): void => {
    void this.connection.reloadAfterRefresh();
  };

  // ---------------------------------------------------------------- rendering

  private badge(): { kind: BadgeKind; text: string; detail?: string } {
    const t = this.t;
    const status: ConnectionStatus = this.connection.status;
    if (status.kind === 'connected') {
      const text = status.account ? format(t['card.status.connectedAs'], { account: status.account }) : t['card.status.connected'];
      if (status.expiresAt !== undefined) {
        const left = status.expiresAt - Date.now();
        if (left <= 0) return { kind: 'expired', text: t['card.status.expired'] };
        const detail = format(t['card.status.expiresIn'], { relative: relativeTime(left, t['meta.locale']) });
        // The lifetime seen here (a flow or refresh issued the token), else the provider's known one.
        const lifetime = status.lifetimeMs ?? this.resolved?.tokenLifetimeMs;
        return { kind: left < expiringThreshold(lifetime) ? 'expiring' : 'connected', text, detail };
      }
      return { kind: 'connected', text };
    }
    if (status.kind === 'error') return { kind: 'error', text: t['card.status.error'] };
    if (status.kind === 'disconnected' && status.reason && /expired/i.test(status.reason)) {
      return { kind: 'expired', text: t['card.status.expired'] };
    }
    return this.keysSaved() ? { kind: 'keys-saved', text: t['card.status.keysSaved'] } : { kind: 'not-configured', text: t['card.status.notConfigured'] };
  }

  /** Every required field has a stored value (or, without required fields, any field does). */
  private keysSaved(): boolean {
    const stored = (s: FieldState) => s.sourcePath !== undefined && (s.saved || (s.initial !== '' && s.initial !== false));
    const required = this.fields.filter((s) => s.field.required && !isReadonlyField(s.field));
    if (required.length > 0) return required.every(stored);
    return this.fields.some(stored);
  }

  /** Required fields (for the current flow) that are still empty, as the user types. */
  private missingFields(): FieldState[] {
    if (!this.resolved) return [];
    // With an own-app way the keys are that way's, never the keyless device flow's.
    const flow = hasOwnAppWay(this.resolved) ? 'oauth' : this.resolved.flow;
    const required = new Set(requiredFieldsFor(this.resolved, flow).map((f) => f.key));
    return this.fields.filter((s) => required.has(s.field.key) && isEmpty(s));
  }

  override render() {
    const t = this.t;
    const provider = this.resolved;
    const error = this.manifestError;
    if (!provider) {
      return html`
        <article part="card" class="card theme-scope" lang=${t['meta.locale']} aria-labelledby="title">
          <div part="title" class="title" id="title" role="heading" aria-level=${this.headingLevel}>
            ${error ? t['list.invalid.title'] : t['card.noManifest']}
          </div>
          ${error ? html`<p class="message error">${format(t['list.invalid.detail'], { message: error.message })}</p>` : nothing}
        </article>
      `;
    }
    // The badge is no live region: its expiry ticks every minute and must not be read out each
    // time. The flows and actions announce the state changes themselves.
    const badge = this.badge();
    const brand = provider.brandColor ? { '--_brand-color': provider.brandColor } : {};
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 3));
    const status = this.connection.status;
    return html`
      <article part="card" class="card theme-scope" style=${styleMap(brand)} lang=${t['meta.locale']} aria-labelledby="title">
        <header part="header" class="header">
          <span class="dot" aria-hidden="true"></span>
          <div part="title" class="title" id="title" role="heading" aria-level=${level}>${provider.label}</div>
          <span part="status" class="status" data-kind=${badge.kind}>
            <span class="visually-hidden">${t['card.status.label']}:</span>
            <span>${badge.text}</span>
            ${badge.detail ? html`<span class="detail">· ${badge.detail}</span>` : nothing}
          </span>
        </header>
        ${this.renderProfiles(provider)}
        ${status.kind === 'error'
          ? this.renderProblem('card.status.errorDetail', status.error, () => void this.connection.load())
          : nothing}
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
      ?disabled=${this.saving}
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
    if (!this.configReady) {
      return this.ownLoad.kind === 'error'
        ? this.renderProblem('card.loadFailed', this.ownLoad.error, () => this.loadOwnConfig())
        : html`<p class="loading" role="status">${t['card.loading']}</p>`;
    }
    return html`
      ${this.renderHint(provider)}
      ${this.fields.length > 0
        ? html`<div class="fields" @cw-field-intent=${this.onFieldIntent}>
            ${repeat(
              this.fields,
              (s) => s.field.key,
              (s) => html`<cw-provider-field exportparts=${FIELD_PARTS} data-key=${s.field.key} .state=${s}></cw-provider-field>`,
            )}
          </div>`
        : nothing}
      ${this.renderFooter()} ${this.renderFlow(provider)}
    `;
  }

  private renderHint(provider: ResolvedProvider) {
    const missing = this.missingFields();
    if (missing.length === 0) return nothing;
    const t = this.t;
    const label = { provider: provider.label };
    const names = missing.map((s) => s.field.label).join(t['flow.listSeparator'] ?? ', ');
    return html`
      <div part="hint" class="hint" id="hint">
        <p>${format(t[hasOwnAppWay(provider) ? 'card.hint.missingOwnApp' : 'card.hint.missing'], { ...label, fields: names })}</p>
        ${provider.helpUrl
          ? html`<p>
              <a part="link" class="link" href=${provider.helpUrl} target="_blank" rel="noopener noreferrer"
                >${format(t['card.hint.help'], label)}</a
              >
            </p>`
          : nothing}
        ${provider.redirectUrl
          ? html`<div class="redirect">
              <span>${format(t['card.hint.redirect'], label)}</span>
              <code part="code">${provider.redirectUrl}</code>
              <cw-copy-button exportparts=${COPY_PARTS} .value=${provider.redirectUrl} label=${t['card.hint.copyRedirect']}></cw-copy-button>
            </div>`
          : nothing}
      </div>
    `;
  }

  private renderFooter() {
    const t = this.t;
    const editable = this.fields.some((s) => !isReadonlyField(s.field));
    if (!editable) return nothing;
    const dirty = this.dirty;
    const saving = this.saving;
    const result = this.saveResult;
    const label = format(t['card.saveLabel'], { provider: this.resolved?.label ?? '' });
    return html`
      <div part="footer" class="footer">
        ${dirty ? html`<span class="unsaved" part="unsaved">${t['card.unsaved']}</span>` : nothing}
        ${this.autosave
          ? nothing
          : html`<button
              part="button save"
              class="button button--primary"
              type="button"
              aria-label=${saving ? t['card.saving'] : label}
              aria-disabled=${String(saving || !dirty)}
              aria-busy=${String(saving)}
              @click=${this.onSaveClick}
            >
              ${saving ? t['card.saving'] : t['card.save']}
            </button>`}
      </div>
      <p part="message" class="message success" role="status">${result?.kind === 'saved' ? t['card.saved'] : ''}</p>
      <p part="message" class="message error" role="alert">
        ${result?.kind === 'error' ? result.message : result?.kind === 'invalid' ? t['card.invalid'] : ''}
      </p>
    `;
  }

  private onSaveClick = (): void => {
    if (!this.saving && this.dirty) void this.save();
  };

  private renderFlow(provider: ResolvedProvider) {
    const instance = this.instance;
    if (this.connection.status.kind === 'connected') {
      return html`<cw-connection-actions
          exportparts=${FLOW_PARTS}
          .provider=${provider}
          .instance=${instance}
          @cw-connection-refreshed=${this.onRefreshed}
        ></cw-connection-actions>${provider.routes.accountProfiles
          ? html`<cw-account-profile
              exportparts=${FLOW_PARTS}
              .provider=${provider}
              .instance=${instance}
              @cw-account-profile-change=${this.onAccountProfileChange}
            ></cw-account-profile>`
          : nothing}`;
    }
    const flow = provider.flow;
    if (flow === 'device_code') {
      const device = html`<cw-device-flow exportparts=${FLOW_PARTS} .provider=${provider} .instance=${instance}></cw-device-flow>`;
      return hasOwnAppWay(provider) ? html`${device}${this.renderOwnAppWay(provider)}` : device;
    }
    if (flow === 'oauth') {
      return html`<cw-oauth-flow exportparts=${FLOW_PARTS} .provider=${provider} .instance=${instance}></cw-oauth-flow>`;
    }
    // A local provider with a connect route checks its values like a credentials one.
    if (flow === 'credentials' || (flow === 'local' && provider.routes.connect)) {
      const values = valuesForConnect(this.fields);
      const credentials = html`<cw-credentials-flow
        exportparts=${FLOW_PARTS}
        .provider=${provider}
        .instance=${instance}
        .values=${values}
        .disabled=${this.saving}
      ></cw-credentials-flow>`;
      // A code approved on the user's own server (Quick Connect) as the second way.
      const device = provider.routes.device;
      return device?.mode === 'poll' && device.verifyAt ? html`${credentials}${this.renderQuickConnectWay(provider, values)}` : credentials;
    }
    return nothing; // unknown flow, or local without a connect route: fields only
  }

  /**
   * The second way below a password sign-in: a code the user approves on their own server
   * (Jellyfin Quick Connect), for accounts without a password (SSO) or to keep it out of the dashboard.
   */
  private renderQuickConnectWay(provider: ResolvedProvider, values: Record<string, unknown>) {
    return html`<div part="quick-connect" class="own-app" role="group" aria-labelledby="quick-connect-title">
      <p part="quick-connect-title" class="own-app-title" id="quick-connect-title">${format(this.t['card.quickConnect.title'], { provider: provider.label })}</p>
      <p class="own-app-note">${format(this.t['card.quickConnect.note'], { provider: provider.label })}</p>
      <cw-device-flow exportparts=${FLOW_PARTS} .provider=${provider} .instance=${this.instance} .values=${values}></cw-device-flow>
    </div>`;
  }

  /** The second way below the device flow: OAuth with the user's own app, once its keys are saved. */
  private renderOwnAppWay(provider: ResolvedProvider) {
    const missing = missingKeys(provider, this.store?.config, this.instance, 'oauth') ?? [];
    return html`<div part="own-app" class="own-app" role="group" aria-labelledby="own-app-title">
      <p part="own-app-title" class="own-app-title" id="own-app-title">${format(this.t['card.ownApp.title'], { provider: provider.label })}</p>
      <cw-oauth-flow exportparts=${FLOW_PARTS} .provider=${provider} .instance=${this.instance} .missingKeys=${missing}></cw-oauth-flow>
    </div>`;
  }
}

/** A device flow that can also run as OAuth with the user's own keys (CrossWatch's SIMKL). */
function hasOwnAppWay(provider: ResolvedProvider): boolean {
  return provider.flow === 'device_code' && Boolean(provider.routes.device) && Boolean(provider.routes.authorize);
}
