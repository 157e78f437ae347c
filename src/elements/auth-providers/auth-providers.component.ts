import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { ContextProvider } from '@lit/context';
import { CwElement } from '../base.js';
import { apiContext, configStoreContext, schedulerContext, statusHubContext, stringsContext } from '../context.js';
import type { AuthApi } from '../../api-client/api.js';
import { createApiClient } from '../../api-client/client.js';
import type { ApiError } from '../../api-client/errors.js';
import type { InvalidManifest, ProviderList, ProviderManifest } from '../../api-client/types.js';
import { groupOf } from '../../providers/describe.js';
import { describeError } from '../../providers/error-text.js';
import { isAbort, toApiError } from '../../providers/flow-state.js';
import type { ConfigStore } from '../../state/config-store.js';
import { createConfigStore } from '../../state/create-config-store.js';
import { StatusHub, type BackendShape } from '../../state/status-hub.js';
import { VisibilityScheduler } from '../../state/visibility-scheduler.js';
import { CARD_PARTS } from '../provider-card/provider-card.component.js';
import type { Strings } from '../../strings/en.js';
import { format } from '../../strings/format.js';
import { applyOverrides, LocaleStrings, stringsForLocale } from '../../strings/locale.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import { themeStyles, type Theme } from '../../styles/theme.js';
import styles from './auth-providers.styles.js';

/** The loading skeleton appears only when loading takes longer than this (no flicker). */
export const SKELETON_DELAY_MS = 250;

/** Where manifests without a group go when others have one. */
const FALLBACK_GROUP = 'others';

/**
 * Cards rendered with the list itself: enough to fill a large screen. Longer lists render the rest
 * in later tasks (see `scheduleChunk`), so the first cards paint at once and no task blocks input.
 */
export const FIRST_CHUNK = 12;
/** Script per later chunk (list update + the new cards' first renders), in ms of main thread. */
const CHUNK_BUDGET_MS = 40;
const MIN_CHUNK = 4;
const MAX_CHUNK = 400;


type LoadState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; list: ProviderList }
  | { kind: 'error'; error: ApiError };

/** Manifests that declare routes come from a backend speaking our contract; CrossWatch's never do. */
const speaksContract = (list: ProviderList): boolean => list.manifests.some((m) => m.routes && Object.keys(m.routes).length > 0);
const shapeOf = (list: ProviderList): BackendShape => (speaksContract(list) ? 'contract' : 'crosswatch');

type Item = { kind: 'card'; manifest: ProviderManifest; group?: string } | { kind: 'invalid'; invalid: InvalidManifest };

/** Items in display order: under their group when the list is grouped (`title` set), else one run. */
type Section = { title?: string; items: Item[] };

const groupSlug = (group: string) =>
  group
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** `"trakt, plex"` ⇄ `['trakt', 'plex']`. */
const commaList = {
  fromAttribute: (value: string | null): string[] | undefined =>
    value === null
      ? undefined
      : value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
  toAttribute: (value: string[] | undefined): string | null => (value ? value.join(',') : null),
};

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
  @state() private showSkeleton = false;
  /** How many items (in display order) are rendered; grows chunk by chunk up to all of them. */
  @state() private renderLimit = FIRST_CHUNK;

  private api?: AuthApi;
  private store?: ConfigStore;
  private t: Strings = stringsForLocale(undefined);
  /** German arrives after the first render (a lazy chunk); updateComplete waits for it. */
  private readonly locales = new LocaleStrings(this);
  private loadAbort?: AbortController;
  private skeletonTimer: ReturnType<typeof setTimeout> | undefined;
  private loading?: Promise<void>;
  /** The list as displayed, computed once per loaded list and filter (not once per chunk). */
  private view?: { list: ProviderList; providers?: string[]; t: Strings; sections: Section[]; count: number; speaksContract: boolean };
  /** The pending next-chunk task (a MessageChannel port: no 4 ms timer clamp, and closing it cancels). */
  private chunkTask?: MessagePort;
  private chunkSize = FIRST_CHUNK;
  /** When the chunk being rendered was started (its cost sizes the next one). */
  private chunkStarted = 0;
  /** When the frame after it began (its script was done by then), and the frame request marking it. */
  private chunkScriptEnd?: number;
  private chunkFrame?: number;
  /** `updateComplete` callers waiting for the last chunk. */
  private chunkWaiters: (() => void)[] = [];

  private readonly apiProvider = new ContextProvider(this, { context: apiContext });
  private readonly storeProvider = new ContextProvider(this, { context: configStoreContext });
  private readonly stringsProvider = new ContextProvider(this, { context: stringsContext, initialValue: this.t });
  /** Per-card requests wait for their card to be near the viewport, at most 4 at once. */
  private readonly scheduler = new VisibilityScheduler();
  /** The all-providers answers for the current list (a new one per loaded list). */
  private hub?: StatusHub;
  private readonly hubProvider = new ContextProvider(this, { context: statusHubContext });

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
    if (this.loadState.kind === 'ready' && !this.hub && this.api) this.setHub(new StatusHub(this.api, shapeOf(this.loadState.list)));
    // Re-attached mid-render: the remaining cards follow.
    if (this.hasUpdated) this.scheduleChunk();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadAbort?.abort();
    this.loadAbort = undefined;
    this.loading = undefined;
    clearTimeout(this.skeletonTimer);
    if (this.loadState.kind === 'loading') this.loadState = { kind: 'idle' };
    this.cancelChunk();
    this.scheduler.dispose();
    this.setHub(undefined);
  }

  /** Resolves once every card is rendered (all chunks), not only the first ones. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.locales.settle(async () => {
      let done = await super.getUpdateComplete();
      while (this.chunkTask) {
        await new Promise<void>((resolve) => this.chunkWaiters.push(resolve));
        done = await super.getUpdateComplete();
      }
      return done;
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.scheduleChunk();
  }

  /**
   * While cards are missing, renders the next chunk in a later task: the browser paints and handles
   * input in between. All cards stay in the document in list order once rendered, so find-in-page,
   * the tab order and screen readers see a normal list (windowing would hide the cards off screen
   * from all three); `content-visibility: auto` on each card keeps off-screen cards from costing
   * style and layout. The chunk size adapts so that one chunk takes about CHUNK_BUDGET_MS.
   */
  private scheduleChunk(): void {
    const missing = this.view && this.loadState.kind === 'ready' && this.renderLimit < this.view.count;
    if (!missing || !this.isConnected) {
      this.cancelChunk();
      return;
    }
    if (this.chunkTask) return;
    const channel = new MessageChannel();
    const task = channel.port1;
    this.chunkTask = task;
    task.onmessage = () => {
      task.close();
      if (this.chunkTask !== task) return;
      this.chunkTask = undefined;
      // What the last chunk's script cost (the list update, the cards' first renders) sizes the next.
      // A frame rendered in between is not counted: its cost grows with the list, not with the chunk,
      // and smaller chunks would only mean more frames.
      const spent = (this.chunkScriptEnd ?? performance.now()) - this.chunkStarted;
      // At most 1.5× the last one: one fast chunk (the CPU was free for a moment) must not make the next one long.
      const next = Math.min(this.chunkSize * 1.5, (this.chunkSize * CHUNK_BUDGET_MS) / Math.max(1, spent));
      this.chunkSize = Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, next)));
      this.startChunkClock();
      this.renderLimit += this.chunkSize;
      // The waiters re-check after this update (which schedules the next chunk, if any).
      this.releaseChunkWaiters();
    };
    channel.port2.postMessage(null);
  }

  private cancelChunk(): void {
    this.chunkTask?.close();
    this.chunkTask = undefined;
    if (this.chunkFrame !== undefined) cancelAnimationFrame(this.chunkFrame);
    this.chunkFrame = undefined;
    this.releaseChunkWaiters();
  }

  /** A chunk starts now; the next frame marks the end of its script. */
  private startChunkClock(): void {
    this.chunkStarted = performance.now();
    this.chunkScriptEnd = undefined;
    if (this.chunkFrame !== undefined) cancelAnimationFrame(this.chunkFrame);
    this.chunkFrame = requestAnimationFrame(() => {
      this.chunkFrame = undefined;
      this.chunkScriptEnd = performance.now();
    });
  }

  private releaseChunkWaiters(): void {
    const waiters = this.chunkWaiters;
    this.chunkWaiters = [];
    for (const resolve of waiters) resolve();
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
    this.resetSkeleton(true);

    const providers = api.listProviders({ signal: abort.signal });
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
        if (this.loadState.kind !== 'ready') this.startChunks();
        this.setHub(new StatusHub(api, shapeOf(list)));
        this.loadState = { kind: 'ready', list };
        this.emit('cw-providers-loaded', {
          providers: this.items(list).flatMap((i) => (i.kind === 'card' ? [i.manifest.name] : [])),
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

  /** Serves the all-providers answers of a new list to its cards; the old one's requests end. */
  private setHub(hub: StatusHub | undefined): void {
    this.hub?.dispose();
    this.hub = hub;
    this.hubProvider.setValue(hub);
  }

  private finishLoad(): void {
    this.loadAbort = undefined;
    this.loading = undefined;
    this.resetSkeleton();
  }

  /** A first render of a list: FIRST_CHUNK cards now, the rest chunk by chunk. */
  private startChunks(): void {
    this.renderLimit = FIRST_CHUNK;
    this.chunkSize = FIRST_CHUNK;
    this.startChunkClock();
  }

  /** Hides the skeleton; with `delay`, it appears again once loading takes SKELETON_DELAY_MS. */
  private resetSkeleton(delay = false): void {
    clearTimeout(this.skeletonTimer);
    this.showSkeleton = false;
    this.skeletonTimer = delay ? setTimeout(() => (this.showSkeleton = true), SKELETON_DELAY_MS) : undefined;
  }

  /** Manifest order, invalid entries at their place, filtered by `providers`. */
  private items(list: ProviderList): Item[] {
    const wanted = this.providers?.length ? new Set(this.providers.map((p) => p.toLowerCase())) : undefined;
    const matches = (name: string | undefined, id?: string) =>
      !wanted || (name !== undefined && wanted.has(name.toLowerCase())) || (id !== undefined && wanted.has(id.toLowerCase()));
    const invalidAt = new Map(list.invalid.map((i) => [i.index, i]));
    const items: Item[] = [];
    const valid = [...list.manifests];
    const total = list.manifests.length + list.invalid.length;
    for (let index = 0; index < total; index++) {
      const invalid = invalidAt.get(index);
      if (invalid) {
        if (matches(invalid.name)) items.push({ kind: 'invalid', invalid });
        continue;
      }
      const manifest = valid.shift();
      if (!manifest) break;
      if (!matches(manifest.name, manifest.id)) continue;
      const group = groupOf(manifest);
      items.push(group ? { kind: 'card', manifest, group } : { kind: 'card', manifest });
    }
    // Invalid entries whose index is out of range (should not happen) still get shown.
    for (const invalid of list.invalid) if (invalid.index >= total && matches(invalid.name)) items.push({ kind: 'invalid', invalid });
    return items;
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
        return this.showSkeleton
          ? html`<div part="list" class="group">
              <p class="visually-hidden" role="status">${t['list.loading']}</p>
              <div class="cards" aria-hidden="true">
                ${[0, 1, 2].map(() => html`<div part="skeleton" class="skeleton"></div>`)}
              </div>
            </div>`
          : nothing;
      case 'error': {
        const text = describeError(s.error, t, t['list.providerFallback']);
        const message = text.detail ? `${text.message} ${text.detail}` : text.message;
        return html`<div part="state" class="state error" role="alert">
          <p>${format(t['list.error'], { message })}</p>
          <button part="button" class="button" type="button" @click=${() => void this.reload()}>${t['list.retry']}</button>
        </div>`;
      }
      case 'ready':
        return this.renderList(s.list);
    }
  }

  /** The sections to display for `list` (memoised: chunks re-render the list many times). */
  private viewFor(list: ProviderList) {
    const view = this.view;
    if (view && view.list === list && view.providers === this.providers && view.t === this.t) return view;
    const items = this.items(list);
    const sections: Section[] = [];
    if (items.some((i) => i.kind === 'card' && i.group)) {
      // Group by a slug so "Media servers" (manifest) and "media-servers" (preset) meet, and known
      // groups get a translated heading.
      const groups = new Map<string, Section>();
      const table = this.t as Record<string, string>;
      for (const item of items) {
        const raw = (item.kind === 'card' && item.group) || FALLBACK_GROUP;
        const slug = groupSlug(raw) || FALLBACK_GROUP;
        let group = groups.get(slug);
        if (!group) groups.set(slug, (group = { title: table[`list.group.${slug}`] ?? raw, items: [] }));
        group.items.push(item);
      }
      sections.push(...groups.values());
    } else if (items.length) {
      sections.push({ items });
    }
    return (this.view = { list, providers: this.providers, t: this.t, sections, count: items.length, speaksContract: speaksContract(list) });
  }

  private renderList(list: ProviderList) {
    const t = this.t;
    const { sections } = this.viewFor(list);
    if (sections.length === 0) return html`<p part="state" class="state empty" role="status">${t['list.empty']}</p>`;
    const level = Math.min(5, Math.max(1, Math.round(this.headingLevel) || 2));
    // Only the first renderLimit items, in display order: a group appears with its first card.
    let left = this.renderLimit;
    const shown = sections.flatMap((section, index) => {
      const items = left > 0 ? section.items.slice(0, left) : [];
      left -= items.length;
      return items.length ? [{ ...section, items, index }] : [];
    });
    if (sections[0]!.title === undefined) {
      return html`<section part="list" class="group" aria-label=${t['list.label']}>${this.renderCards(shown[0]!.items, level)}</section>`;
    }
    return html`<div part="list" class="root" role="region" aria-label=${t['list.label']}>
      ${repeat(
        shown,
        (section) => section.index,
        ({ title, items: groupItems, index }) => html`<section class="group" aria-labelledby=${`group-${index}`}>
          <div part="group-heading" class="group-heading" role="heading" aria-level=${level} id=${`group-${index}`}>${title}</div>
          ${this.renderCards(groupItems, level + 1)}
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

  private renderCards(items: Item[], level: number) {
    const t = this.t;
    return html`<ul class="cards" role="list">
      ${repeat(
        items,
        (item) => (item.kind === 'card' ? `card:${item.manifest.name}` : `invalid:${item.invalid.index}`),
        (item) =>
        item.kind === 'card'
          ? html`<li>
              <cw-provider-card
                exportparts=${CARD_PARTS}
                .manifest=${item.manifest}
                heading-level=${level}
                theme=${ifDefined(this.theme)}
                profiles=${ifDefined(this.profilesFor(item.manifest))}
                ?autosave=${this.autosave}
              ></cw-provider-card>
            </li>`
          : html`<li>
              <div part="card invalid" class="invalid">
                <div class="title" role="heading" aria-level=${level}>
                  ${item.invalid.name ? format(t['list.invalid.named'], { name: item.invalid.name }) : t['list.invalid.title']}
                </div>
                <p>${format(t['list.invalid.detail'], { message: item.invalid.error.message })}</p>
              </div>
            </li>`,
      )}
    </ul>`;
  }
}
