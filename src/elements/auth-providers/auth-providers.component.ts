import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ContextProvider } from '@lit/context';
import { CwElement } from '../base.js';
import { apiContext, configStoreContext, schedulerContext, stringsContext } from '../context.js';
import type { AuthApi } from '../../api-client/api.js';
import { createApiClient } from '../../api-client/client.js';
import type { ApiError } from '../../api-client/errors.js';
import type { ProviderList, ProviderManifest } from '../../api-client/types.js';
import { backendsOf } from '../../providers/backends.js';
import { isAbort, toApiError } from '../../providers/flow-state.js';
import { settledWithin } from '../../state/safe-timer.js';
import type { ConfigStore } from '../../state/config-store.js';
import { createConfigStore } from '../../state/create-config-store.js';
import { VisibilityScheduler } from '../../state/visibility-scheduler.js';
import type { Strings } from '../../strings/en.js';
import { applyOverrides, LocaleStrings, stringsForLocale } from '../../strings/locale.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import { themeStyles, type Theme } from '../../styles/theme.js';
import styles from './auth-providers.styles.js';
import { preloadPart } from '../provider-card/lazy-parts.js';
import { ChunkedRender } from './chunked-render.js';
import { DelayedSkeleton } from './delayed-skeleton.js';
import { cardList, loadError, skeleton } from './list-templates.js';
import { ListStatus } from './list-status.js';
import { commaList, firstItems, itemsOf, viewOf, type Item, type ListView } from './list-view.js';

/** How long a list waits for a backend adapter's chunk (CrossWatch's routes) before it shows its cards without it. */
export const ADAPTER_WAIT_MS = 2000;

export { FIRST_CHUNK, WHOLE_LIST_AT_ONCE } from './chunked-render.js';
export { SKELETON_DELAY_MS } from './delayed-skeleton.js';

type LoadState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; list: ProviderList }
  | { kind: 'error'; error: ApiError };

/**
 * @summary The account-connections section: one card per provider the backend offers.
 *
 * Loads the provider manifests and the masked config in parallel (two requests), then renders
 * one `<cw-provider-card>` per manifest in manifest order. The cards' statuses come from one
 * more request for all of them (`GET /api/auth/status`, CrossWatch's `GET /api/status`); what a
 * card must still ask itself waits until it is near the viewport, at most 4 at once. Cards
 * appear under group headings when manifests (or presets) carry a group. The API client, one
 * shared config store and the UI strings reach every card through `@lit/context`.
 *
 * States: loading (a skeleton, only after 250 ms), empty, error (with Retry), and ready. A
 * manifest the server got wrong shows as a message card; the others still render.
 *
 * @fires {CwProvidersLoadedDetail} cw-providers-loaded - `{providers, invalid}` after the list loaded: names in order, and how many manifests were rejected.
 * @fires {CwConfigSavedDetail} cw-config-saved - Bubbles up from a card.
 * @fires {CwErrorDetail} cw-save-error - Bubbles up from a card.
 * @fires {CwFlowStartDetail} cw-flow-start - Bubbles up from a card's flow.
 * @fires {CwConnectedDetail} cw-connected - Bubbles up from a card's flow.
 * @fires {CwDisconnectedDetail} cw-disconnected - Bubbles up from a card.
 * @fires {CwFlowErrorDetail} cw-flow-error - Bubbles up from a card's flow.
 * @fires {CwProfileChangeDetail} cw-profile-change - Bubbles up from a card (CrossWatch profiles).
 * @fires {CwAccountProfileChangeDetail} cw-account-profile-change - Bubbles up from a card's `<cw-account-profile>`.
 *
 * @slot - Nothing is slotted; everything comes from the backend.
 *
 * @csspart list - The wrapper of all groups.
 * @csspart group-heading - A group heading.
 * @csspart state - The loading, empty and error boxes.
 * @csspart skeleton - A placeholder card while loading.
 * @csspart card - A provider card (and an invalid-manifest message card).
 * @csspart header - A card header.
 * @csspart title - A card's provider label.
 * @csspart status - A card's status badge.
 * @csspart notes - A card's notes.
 * @csspart field - One field.
 * @csspart label - A field label.
 * @csspart input - A field control.
 * @csspart button - Every button (Retry, Save, Replace, Clear, Copy, …).
 * @csspart error - A field message.
 * @csspart help - A field's help text.
 * @csspart hint - A card's "keys needed" hint.
 * @csspart code - The redirect URL in a hint.
 * @csspart link - The developer-portal link in a hint.
 * @csspart footer - A card's Save row.
 * @csspart message - Save confirmations and errors.
 *
 * @cssprop --cw-accent - Accent (links, focus rings, primary buttons). Default #1d4ed8 / dark #8ab4ff.
 * @cssprop --cw-accent-contrast - Text on the accent.
 * @cssprop --cw-surface - Card background. Default #ffffff / dark #16181d.
 * @cssprop --cw-surface-raised - Code, read-only values, skeletons.
 * @cssprop --cw-text - Text. Default #1a1d23 / dark #e8eaee.
 * @cssprop --cw-muted - Secondary text.
 * @cssprop --cw-border - Borders.
 * @cssprop --cw-danger - Errors.
 * @cssprop --cw-success - Connected, saved.
 * @cssprop --cw-warning - Hints, unsaved changes.
 * @cssprop --cw-radius - Corner radius. Default 8px.
 * @cssprop --cw-font - Font family. Default the system UI font.
 * @cssprop --cw-space - Spacing unit. Default 8px.
 * @cssprop --cw-backdrop - Background behind the cards in the dark theme. Default #0e1014.
 */
export class CwAuthProviders extends CwElement {
  static override styles = [themeStyles, baseStyles, buttonStyles, styles];

  /** Backend base URL; empty means the page's own origin. Changing it aborts and reloads. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** fetch credentials mode: `same-origin` (default, cookie sessions), `include` or `omit`. */
  @property() credentials?: RequestCredentials;

  /** Extra headers on every request, e.g. `{Authorization: 'Bearer cwt_…'}`. */
  @property({ attribute: false }) headers?: Record<string, string>;

  /** A ready API client; when set, `base-url`, `credentials` and `headers` are not used. */
  @property({ attribute: false }) client?: AuthApi;

  /** Show only these providers (names or ids, case-insensitive). Attribute: a comma list. */
  @property({ converter: commaList }) providers?: string[];

  /** Overrides any UI string. */
  @property({ attribute: false }) strings?: Partial<Strings>;

  /** UI language (`en`, `de`); falls back to `lang`, then the document's language. */
  @property() locale?: string;

  /** Observed so that `lang="de"` on the element switches the strings too. */
  @property({ reflect: true }) override lang!: string;

  /** `light` (default), `dark`, or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme?: Theme;

  /** Cards save on blur instead of through Save buttons. */
  @property({ type: Boolean }) autosave = false;

  /**
   * CrossWatch profile switchers on the cards: `auto` (default: for cards whose manifest looks
   * like CrossWatch's, answered by one `GET /api/provider-instances` for all, else per card once
   * in view; on a backend that speaks our contract, only for manifests that declare
   * `routes.instances`), `on`, or `off` (no profile requests at all).
   */
  @property() profiles?: 'auto' | 'on' | 'off';

  /** Heading level of the group headings (cards use one more); 1–5. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() private loadState: LoadState = { kind: 'idle' };

  private api?: AuthApi;
  private store?: ConfigStore;
  private t: Strings = stringsForLocale(undefined);
  /** German arrives after the first render (a lazy chunk); updateComplete waits for it. */
  private readonly locales = new LocaleStrings(this);
  private loadAbort?: AbortController;
  private readonly skeleton = new DelayedSkeleton(this);
  private loading?: Promise<void>;
  /** The list as displayed, computed once per loaded list and filter (not once per chunk). */
  private view?: ListView;
  /** How many items (in display order) are rendered; grows chunk by chunk up to all of them. */
  private readonly chunks = new ChunkedRender(this, () => (this.view && this.loadState.kind === 'ready' ? this.view.count : undefined));

  private readonly apiProvider = new ContextProvider(this, { context: apiContext });
  private readonly storeProvider = new ContextProvider(this, { context: configStoreContext });
  private readonly stringsProvider = new ContextProvider(this, { context: stringsContext, initialValue: this.t });
  /** Per-card requests wait for their card to be near the viewport, at most 4 at once. */
  private readonly scheduler = new VisibilityScheduler();
  /** The all-providers answers for the current list (a new hub per loaded list). */
  private readonly status = new ListStatus(this);

  constructor() {
    super();
    // Registers itself with the element; the scheduler is the same for the element's lifetime.
    new ContextProvider(this, { context: schedulerContext, initialValue: this.scheduler });
  }

  /** The API client in use (the `client` property, or one built from the attributes). */
  get apiClient(): AuthApi | undefined {
    return this.api;
  }

  /** The shared config store served to the cards. */
  get configStore(): ConfigStore | undefined {
    return this.store;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a removal that aborted the load: load again.
    if (this.hasUpdated && this.loadState.kind !== 'ready' && !this.loading) void this.reload();
    // Re-attached with the list shown: its cards read their status again, all in one request.
    if (this.loadState.kind === 'ready' && !this.status.serving && this.api) this.status.serve(this.api, this.loadState.list);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadAbort?.abort();
    this.loadAbort = undefined;
    this.loading = undefined;
    if (this.loadState.kind === 'loading') this.loadState = { kind: 'idle' };
    this.scheduler.dispose();
    this.status.stop();
  }

  /** Resolves once every card is rendered (all chunks), not only the first ones. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.locales.settle(() => this.chunks.settle(() => super.getUpdateComplete()));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings') || changed.has('locale') || changed.has('lang') || !this.hasUpdated) {
      this.t = applyOverrides(this.locales.get(this.locale || this.lang || document.documentElement.lang), this.strings);
      this.stringsProvider.setValue(this.t);
    }
    const clientInputs = changed.has('client') || changed.has('baseUrl') || changed.has('credentials') || changed.has('headers');
    if (clientInputs || !this.api) {
      // Unset options fall back to the client's defaults.
      const api = this.client ?? createApiClient({ baseUrl: this.baseUrl, credentials: this.credentials, headers: this.headers });
      if (api !== this.api) {
        this.api = api;
        this.store = createConfigStore(api);
        this.apiProvider.setValue(api);
        this.storeProvider.setValue(this.store);
        // Another backend: what we showed is not its list.
        this.loadState = { kind: 'idle' };
        if (this.isConnected) void this.reload();
      }
    }
  }

  /**
   * Loads the providers and the config again (two requests in parallel). An earlier load still
   * running is aborted. The current cards stay until the new list is there.
   */
  reload(): Promise<void> {
    const api = this.api;
    const store = this.store;
    if (!api || !store) return Promise.resolve();
    this.loadAbort?.abort();
    const abort = new AbortController();
    this.loadAbort = abort;
    if (this.loadState.kind !== 'ready') this.loadState = { kind: 'loading' };
    this.skeleton.reset(true);

    // The backend adapters the manifests need (CrossWatch's routes) load beside the config, so
    // the cards render once, with them; a chunk slower than ADAPTER_WAIT_MS does not hold the
    // list: its cards show their titles and a loading line until it arrives.
    const providers = api.listProviders({ signal: abort.signal }).then(async (list) => {
      const shown = itemsOf(list, this.providers).flatMap((item) => (item.kind === 'card' ? [item.manifest] : []));
      await settledWithin(Promise.all(backendsOf(shown).map(preloadPart)), ADAPTER_WAIT_MS, abort.signal);
      return list;
    });
    const config = store.reload({ signal: abort.signal });
    // One failing makes the other pointless: abort it, report the first failure.
    const failFast = (error: unknown) => {
      abort.abort();
      throw error;
    };
    const run = Promise.all([providers.catch(failFast), config.catch(failFast)]).then(
      ([list]) => {
        if (this.loadAbort !== abort) return;
        this.finishLoad();
        if (this.loadState.kind !== 'ready') this.chunks.restart();
        this.status.serve(api, list);
        this.loadState = { kind: 'ready', list };
        this.emit('cw-providers-loaded', {
          providers: itemsOf(list, this.providers).flatMap((i) => (i.kind === 'card' ? [i.manifest.name] : [])),
          invalid: list.invalid.length,
        });
      },
      (error: unknown) => {
        if (this.loadAbort !== abort) return;
        const apiError = toApiError(error);
        if (isAbort(apiError) && !this.isConnected) return;
        this.finishLoad();
        this.loadState = { kind: 'error', error: apiError };
      },
    );
    this.loading = run;
    return run;
  }

  private finishLoad(): void {
    this.loadAbort = undefined;
    this.loading = undefined;
    this.skeleton.reset();
  }

  override render() {
    const t = this.t;
    return html`<div class="root theme-scope" lang=${t['meta.locale']} aria-busy=${this.loadState.kind === 'loading'}>
      ${this.renderState()}
    </div>`;
  }

  private renderState() {
    const t = this.t;
    const s = this.loadState;
    switch (s.kind) {
      case 'idle':
      case 'loading':
        return this.skeleton.shown ? skeleton(t) : nothing;
      case 'error':
        return loadError(s.error, t, () => void this.reload());
      case 'ready':
        return this.renderList(s.list);
    }
  }

  /** The sections to display for `list` (memoised: chunks re-render the list many times). */
  private viewFor(list: ProviderList) {
    const view = this.view;
    if (view && view.list === list && view.providers === this.providers && view.t === this.t) return view;
    return (this.view = viewOf(list, this.providers, this.t));
  }

  private renderList(list: ProviderList) {
    const t = this.t;
    const { sections } = this.viewFor(list);
    if (sections.length === 0) return html`<p part="state" class="state empty" role="status">${t['list.empty']}</p>`;
    const level = Math.min(5, Math.max(1, Math.round(this.headingLevel) || 2));
    const shown = firstItems(sections, this.chunks.limit);
    if (sections[0]!.title === undefined) {
      return html`<section part="list" class="group" aria-label=${t['list.label']}>${this.renderCards(shown[0]!.items, 0, level)}</section>`;
    }
    return html`<div part="list" class="root" role="region" aria-label=${t['list.label']}>
      ${repeat(
        shown,
        (section) => section.index,
        ({ title, items: groupItems, index, offset }) => html`<section class="group" aria-labelledby=${`group-${index}`}>
          <div part="group-heading" class="group-heading" role="heading" aria-level=${level} id=${`group-${index}`}>${title}</div>
          ${this.renderCards(groupItems, offset, level + 1)}
        </section>`,
      )}
    </div>`;
  }

  /**
   * A backend whose manifests declare routes speaks our contract, which declares profiles
   * (`routes.instances`): its one CrossWatch-shaped entry is not asked for profiles it cannot have.
   * A backend that never declares routes (CrossWatch) is asked per card, as `auto` says.
   */
  private profilesFor(manifest: ProviderManifest): 'auto' | 'on' | 'off' | undefined {
    const mode = this.profiles?.toLowerCase();
    if (mode === 'on' || mode === 'off' || this.loadState.kind !== 'ready') return this.profiles;
    // Memoised per list: this runs once per card on every render of the list.
    return this.viewFor(this.loadState.list).speaksContract && !manifest.routes?.instances ? 'off' : this.profiles;
  }

  private renderCards(items: Item[], offset: number, level: number) {
    const options = { theme: this.theme, autosave: this.autosave, profilesFor: (m: ProviderManifest) => this.profilesFor(m), deferFrom: this.chunks.deferFrom };
    return cardList(items, offset, level, this.t, options);
  }
}
