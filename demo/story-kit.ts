/**
 * What a story is, the environment it runs in, and the runner that mounts it. Shared by the demo
 * page (msw service worker) and test/demo (patched fetch), so the tests run the real registry.
 */
import { getResponse, type RequestHandler } from 'msw';
import { ContextProvider } from '@lit/context';
import {
  apiContext,
  configStoreContext,
  createApiClient,
  createConfigStore,
  describeProvider,
  loadLocale,
  stringsForLocale,
  stringsContext,
  type AuthApi,
  type ProviderManifest,
  type Strings,
  type Theme,
} from '../src/index.js';
import type { FaultKind, MockBackend } from '../src/mock/index.js';

export type Locale = 'en' | 'de';

export interface FaultControlValue {
  kind: FaultKind | 'none';
  /** Provider id, or '' for every provider. */
  provider: string;
  /** Route name, or '' for every route. */
  route: string;
}

export interface Controls {
  theme: Theme;
  locale: Locale;
  latencyMs: number;
  fault: FaultControlValue;
  /** '' = the page's own origin (the in-browser mock). */
  baseUrl: string;
}

export const NO_FAULT: FaultControlValue = { kind: 'none', provider: '', route: '' };

export const DEFAULT_CONTROLS: Controls = { theme: 'light', locale: 'en', latencyMs: 0, fault: NO_FAULT, baseUrl: '' };

export interface StoryEnv {
  readonly backend: MockBackend;
  readonly controls: Readonly<Controls>;
  /** The story's API client for the configured base URL (its requests show in the log). */
  readonly client: AuthApi;
  /** Manifests from the configured backend, fetched outside the log (the host's own plumbing). */
  manifests(): Promise<ProviderManifest[]>;
  manifest(id: string): Promise<ProviderManifest>;
  /** Saves config in the in-page mock as `POST /api/config` would (secrets in clear). */
  seedConfig(partial: Record<string, unknown>): Promise<void>;
  /** Extra msw handlers for this story only (they win over the mock's). */
  useHandlers(...handlers: RequestHandler[]): void;
  /** Runs when the person leaves the story (restore stubs, stop timers). */
  onLeave(fn: () => void): void;
  /** Aborted when the person leaves the story. */
  readonly signal: AbortSignal;
}

export interface Story {
  /** Hash route: `#/<id>`. */
  id: string;
  group: string;
  title: string;
  summary: string;
  /** What to try, shown under the summary. */
  steps?: string[];
  /** Control values this story starts with (latency and fault reset to these on every visit). */
  presets?: Partial<Pick<Controls, 'theme' | 'locale' | 'latencyMs' | 'fault'>>;
  /** Seeds the mock (runs after reset, before the controls' latency and fault apply). */
  setup?(env: StoryEnv): void | Promise<void>;
  render(env: StoryEnv): Node | Promise<Node>;
  /** Drives the mounted elements into the state the story shows. */
  play?(root: HTMLElement, env: StoryEnv): void | Promise<void>;
}

export interface RunnerOptions {
  backend: MockBackend;
  /** fetch for the demo's own requests (not logged). */
  unloggedFetch: typeof fetch;
  useHandlers(handlers: RequestHandler[]): void;
  resetHandlers(): void;
}

export interface MountedStory {
  story: Story;
  env: StoryEnv;
  /** Restores stubs and handlers, aborts the story's work by removing its elements. */
  leave(): void;
}

/** Applies the latency and fault controls to the backend (after a reset or on change). */
export function applyBackendControls(backend: MockBackend, controls: Controls, previousFaultId?: string): string | undefined {
  backend.setLatency(controls.latencyMs);
  if (previousFaultId) backend.faults.remove(previousFaultId);
  if (controls.fault.kind === 'none') return undefined;
  return backend.faults.add({
    fault: controls.fault.kind,
    ...(controls.fault.provider ? { provider: controls.fault.provider } : {}),
    ...(controls.fault.route ? { route: controls.fault.route } : {}),
  });
}

/**
 * Mounts `story` into `stage`: resets the mock, seeds it, applies the controls, renders, and
 * starts `play` (`played` settles when the story reached its state; the page does not wait).
 */
export async function mountStory(
  story: Story,
  controls: Controls,
  stage: HTMLElement,
  options: RunnerOptions,
): Promise<{ mounted: MountedStory; faultId: string | undefined; played: Promise<void> }> {
  const { backend } = options;
  const leaveFns: Array<() => void> = [];
  const left = new AbortController();
  const client = createApiClient({ baseUrl: controls.baseUrl });
  const hostClient = createApiClient({ baseUrl: controls.baseUrl, fetch: options.unloggedFetch });
  let manifestList: Promise<ProviderManifest[]> | undefined;
  const env: StoryEnv = {
    backend,
    controls,
    client,
    manifests: () => (manifestList ??= hostClient.listProviders().then((list) => list.manifests)),
    async manifest(id) {
      const found = (await env.manifests()).find((m) => m.id === id.toLowerCase());
      if (!found) throw new Error(`The backend at ${controls.baseUrl || location.origin} offers no provider "${id}".`);
      return found;
    },
    async seedConfig(partial) {
      const request = new Request(new URL('/api/config', location.origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(partial),
      });
      const response = await getResponse(backend.handlers, request);
      if (!response?.ok) throw new Error(`Seeding the mock's config failed (${response?.status ?? 'no answer'}).`);
    },
    useHandlers: (...handlers) => {
      options.useHandlers(handlers);
      leaveFns.push(() => options.resetHandlers());
    },
    onLeave: (fn) => void leaveFns.push(fn),
    signal: left.signal,
  };
  const mounted: MountedStory = {
    story,
    env,
    leave() {
      left.abort();
      stage.replaceChildren();
      for (const fn of leaveFns.splice(0).reverse()) {
        try {
          fn();
        } catch (error) {
          console.error(error);
        }
      }
    },
  };

  backend.reset();
  stage.replaceChildren();
  // Manifests for standalone elements are the host's plumbing: fetched before the story's
  // faults and handlers apply.
  await env.manifests().catch(() => (manifestList = undefined));
  await story.setup?.(env);
  const faultId = applyBackendControls(backend, controls);
  const node = await story.render(env);
  stage.replaceChildren(node);
  applyLook(stage, controls);
  const played = Promise.resolve().then(() => story.play?.(stage, env));
  return { mounted, faultId, played };
}

// ── rendering helpers ─────────────────────────────────────────────────────────

type Attrs = Record<string, string | number | boolean | undefined | null>;

/** `el('p', {class: 'x'}, 'text', child)`: text children become text nodes (never HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Array<Node | string>): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Attrs, ...children: Array<Node | string>): HTMLElement;
export function el(tag: string, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children);
  return node;
}

/** A titled frame around what a story shows. */
export function frame(title: string, note: string | undefined, ...content: Node[]): HTMLElement {
  return el(
    'section',
    { class: 'frame', 'aria-label': title },
    el('header', { class: 'frame-header' }, el('h3', { class: 'frame-title' }, title), ...(note ? [el('p', { class: 'frame-note' }, note)] : [])),
    el('div', { class: 'frame-body' }, ...content),
  );
}

export function stack(...children: Node[]): HTMLElement {
  return el('div', { class: 'stack' }, ...children);
}

/** `<cw-auth-providers>` wired to the controls. */
export function widget(env: StoryEnv, opts: { providers?: string[] } = {}): HTMLElement {
  const node = document.createElement('cw-auth-providers');
  if (env.controls.baseUrl) node.setAttribute('base-url', env.controls.baseUrl);
  if (opts.providers) node.setAttribute('providers', opts.providers.join(','));
  return node;
}

/** A standalone `<cw-provider-card>` given its manifest and a client. */
export async function card(env: StoryEnv, id: string): Promise<HTMLElement> {
  const node = document.createElement('cw-provider-card');
  node.manifest = await env.manifest(id);
  node.client = env.client;
  return node;
}

type FlowTag = 'cw-device-flow' | 'cw-oauth-flow' | 'cw-credentials-flow' | 'cw-connection-actions';

const surfaces = new WeakMap<HTMLElement, ContextProvider<typeof stringsContext>>();

/**
 * A flow element alone, the way a host without cards would embed it: a surface that provides the
 * API client, a config store and the strings through the same contexts the card uses.
 */
export async function flowAlone<T extends FlowTag>(
  env: StoryEnv,
  tag: T,
  id: string,
  configure?: (el: HTMLElementTagNameMap[T]) => void,
): Promise<{ surface: HTMLElement; element: HTMLElementTagNameMap[T] }> {
  const manifest = await env.manifest(id);
  const provider = describeProvider(manifest);
  const surface = el('div', { class: 'flow-surface', 'data-provider': provider.id });
  const store = createConfigStore(env.client);
  new ContextProvider(surface, { context: apiContext, initialValue: env.client });
  new ContextProvider(surface, { context: configStoreContext, initialValue: store });
  surfaces.set(surface, new ContextProvider(surface, { context: stringsContext, initialValue: stringsFor(env.controls.locale) }));
  pushStrings(surface, env.controls.locale);
  // The flows read the saved keys from the store (missing keys are caught before any request).
  await store.reload().catch(() => undefined);
  const element = document.createElement(tag) as HTMLElementTagNameMap[T];
  element.provider = provider;
  configure?.(element);
  const swatch = el('span', { class: 'flow-swatch', 'aria-hidden': 'true' });
  if (provider.brandColor) swatch.style.background = provider.brandColor;
  surface.append(el('div', { class: 'flow-heading' }, swatch, el('span', {}, provider.label), el('code', {}, `<${tag}>`)), element);
  return { surface, element };
}

/**
 * A line under a flow that shows its controller's state (kind, poll interval), refreshed while
 * the story is shown: what the log cannot show, e.g. the interval growing after slow_down.
 */
export function inspector(env: StoryEnv, read: () => { kind: string; interval?: number }): HTMLElement {
  const line = el('p', { class: 'inspector', 'aria-hidden': 'true' });
  const show = () => {
    const state = read();
    line.textContent = `flow.state.kind = ${state.kind}${state.interval ? ` · poll interval ${state.interval} s` : ''}`;
  };
  show();
  const timer = setInterval(show, 250);
  env.onLeave(() => clearInterval(timer));
  return line;
}

function stringsFor(locale: Locale): Strings {
  return stringsForLocale(locale);
}

/** German is a lazy chunk: English shows first, the table replaces it once it has loaded. */
function pushStrings(surface: HTMLElement, locale: Locale): void {
  void loadLocale(locale).then((table) => surfaces.get(surface)?.setValue(table), () => undefined);
}

/** Pushes theme and locale to whatever a story mounted (the elements update in place). */
export function applyLook(stage: HTMLElement, controls: Controls): void {
  for (const node of stage.querySelectorAll<HTMLElement>('cw-auth-providers, cw-provider-card')) {
    node.setAttribute('theme', controls.theme);
    node.setAttribute('locale', controls.locale);
  }
  for (const surface of stage.querySelectorAll<HTMLElement>('.flow-surface')) {
    surface.dataset['theme'] = controls.theme;
    surface.lang = controls.locale;
    surfaces.get(surface)?.setValue(stringsFor(controls.locale));
    pushStrings(surface, controls.locale);
  }
}

/**
 * Resolves once `check` is true (checked every 50 ms); rejects after `timeoutMs` or when the
 * person leaves the story (`signal`).
 */
export function until(check: () => boolean, signal: AbortSignal, what = 'the story state', timeoutMs = 15000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (signal.aborted) return reject(new DOMException('Left the story.', 'AbortError'));
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`Timed out waiting for ${what}.`));
      setTimeout(tick, 50);
    };
    tick();
  });
}
