/**
 * The demo page: msw's service worker serves the bundled mock backend in this tab, the sidebar
 * routes between stories (`#/<id>`), the controls drive the mock and the elements, and the log
 * shows what the widget asks the backend.
 */
import { http, passthrough } from 'msw';
import { setupWorker } from 'msw/browser';
import { createMockBackend, FAULT_KINDS, PROVIDERS, ROUTE_NAMES, type FaultKind } from '../src/mock/index.js';
import type { Theme } from '../src/index.js';
import { listenForPages } from './bridge.js';
import { stories, storyById } from './stories.js';
import {
  DEFAULT_CONTROLS,
  NO_FAULT,
  applyBackendControls,
  applyLook,
  mountStory,
  type Controls,
  type Locale,
  type MountedStory,
  type Story,
} from './story-kit.js';
import { PREFS_KEY, installThemeCss } from './theme-css.js';
import { installRequestLog, nextLogId, RequestLogView, type LogEntry } from './request-log.js';

// Before anything mounts: every request from here on is logged (the client resolves fetch at call time).
const logView = new RequestLogView(byId<HTMLOListElement>('log'), byId('log-count'));
const requestLog = installRequestLog((entry) => logView.add(entry));

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from index.html`);
  return node as T;
}

// ── the mock in this tab ──────────────────────────────────────────────────────

const pageUrl = (file: string) => new URL(file, location.href).href.replace(/[?#].*$/, '');
const backend = createMockBackend({
  // msw never sees page navigations: the person-facing pages are static demo pages that send
  // the decision back here (bridge.ts).
  pageUrls: { activate: pageUrl('activate.html'), consent: pageUrl('consent.html') },
});

const worker = setupWorker(
  // Another base URL means another backend: let those requests through untouched.
  http.all('*', ({ request }) => (new URL(request.url).origin !== location.origin ? passthrough() : undefined)),
  ...backend.handlers,
);

const labels = Object.fromEntries(PROVIDERS.map((p) => [p.id, { label: p.label, account: p.defaultAccount }]));
listenForPages(backend, labels, (request, reply) => {
  if (request.kind === 'hello') return;
  const what =
    request.kind === 'device'
      ? `activate.html: ${request.decision} ${request.code || '(no code)'}`
      : `consent.html: ${request.decision} ${request.provider}`;
  log({ kind: 'page', method: 'page', path: `${what} → ${reply.message}`, status: reply.ok ? 'ok' : 'refused' });
});

function log(entry: Omit<LogEntry, 'id' | 'at'>): void {
  logView.add({ id: nextLogId(), at: new Date(), ...entry });
}

// ── controls ──────────────────────────────────────────────────────────────────

interface Prefs {
  theme: Theme;
  locale: Locale;
  baseUrl: string;
}

function loadPrefs(): Prefs {
  try {
    const raw = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Partial<Prefs>;
    return {
      theme: raw.theme === 'dark' || raw.theme === 'auto' ? raw.theme : 'light',
      locale: raw.locale === 'de' ? 'de' : 'en',
      baseUrl: typeof raw.baseUrl === 'string' && validBaseUrl(raw.baseUrl) !== undefined ? raw.baseUrl : '',
    };
  } catch {
    return { theme: DEFAULT_CONTROLS.theme, locale: DEFAULT_CONTROLS.locale, baseUrl: '' };
  }
}

function savePrefs(): void {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    /* private mode: preferences just do not persist */
  }
}

/** '' or a bare http(s) origin/path without a trailing slash; undefined when invalid. */
function validBaseUrl(value: string): string | undefined {
  const text = value.trim();
  if (!text) return '';
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/** The person's own choices; stories may preset theme or locale while they are shown. */
const prefs = loadPrefs();
let controls: Controls = { ...DEFAULT_CONTROLS, ...prefs };
let faultId: string | undefined;

const form = byId<HTMLFormElement>('controls');
const latency = byId<HTMLInputElement>('latency');
const latencyOut = byId<HTMLOutputElement>('latency-out');
const faultKind = byId<HTMLSelectElement>('fault-kind');
const faultProvider = byId<HTMLSelectElement>('fault-provider');
const faultRoute = byId<HTMLSelectElement>('fault-route');
const baseUrl = byId<HTMLInputElement>('base-url');
const baseUrlError = byId('base-url-error');

function fillSelect(select: HTMLSelectElement, options: Array<[string, string]>): void {
  select.replaceChildren(...options.map(([value, label]) => new Option(label, value)));
}
fillSelect(faultKind, [['none', 'none'], ...FAULT_KINDS.map((k): [string, string] => [k, k])]);
fillSelect(faultProvider, [['', 'any provider'], ...PROVIDERS.map((p): [string, string] => [p.id, p.label])]);
fillSelect(faultRoute, [['', 'any route'], ...ROUTE_NAMES.map((r): [string, string] => [r, r])]);

function showControls(): void {
  for (const input of form.querySelectorAll<HTMLInputElement>('input[name=theme], input[name=locale]')) {
    input.checked = input.value === (input.name === 'theme' ? controls.theme : controls.locale);
  }
  latency.value = String(controls.latencyMs);
  latencyOut.value = `${controls.latencyMs} ms`;
  faultKind.value = controls.fault.kind;
  faultProvider.value = controls.fault.provider;
  faultRoute.value = controls.fault.route;
  const noFault = controls.fault.kind === 'none';
  faultProvider.disabled = noFault;
  faultRoute.disabled = noFault;
  baseUrl.value = controls.baseUrl;
  document.documentElement.dataset['theme'] = controls.theme;
}

form.addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement | HTMLSelectElement;
  switch (target.name) {
    case 'theme':
      controls = { ...controls, theme: target.value as Theme };
      prefs.theme = controls.theme;
      break;
    case 'locale':
      controls = { ...controls, locale: target.value as Locale };
      prefs.locale = controls.locale;
      break;
    case 'fault-kind':
    case 'fault-provider':
    case 'fault-route':
      controls = {
        ...controls,
        fault: { kind: faultKind.value as FaultKind | 'none', provider: faultProvider.value, route: faultRoute.value },
      };
      faultId = applyBackendControls(backend, controls, faultId);
      break;
    default:
      return;
  }
  savePrefs();
  showControls();
  applyLook(stage, controls);
});

latency.addEventListener('input', () => {
  controls = { ...controls, latencyMs: Number(latency.value) };
  latencyOut.value = `${controls.latencyMs} ms`;
  backend.setLatency(controls.latencyMs);
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const value = validBaseUrl(baseUrl.value);
  if (value === undefined) {
    baseUrlError.textContent = 'Enter an http:// or https:// URL, or leave it empty for the in-browser mock.';
    baseUrl.setAttribute('aria-invalid', 'true');
    baseUrl.focus();
    return;
  }
  baseUrlError.textContent = '';
  baseUrl.removeAttribute('aria-invalid');
  prefs.baseUrl = value;
  savePrefs();
  void show(current?.story ?? stories[0]!, { keepControls: true, baseUrl: value });
});

byId('log-clear').addEventListener('click', () => logView.clear());

// ── stories ───────────────────────────────────────────────────────────────────

const stage = byId('stage');
const nav = byId('story-nav');
const filter = byId<HTMLInputElement>('story-filter');
const title = byId('canvas-title');
const storyError = byId('story-error');
let current: MountedStory | undefined;
let queue: Promise<void> = Promise.resolve();

function buildNav(): void {
  const groups = new Map<string, Story[]>();
  for (const story of stories) {
    if (!groups.has(story.group)) groups.set(story.group, []);
    groups.get(story.group)!.push(story);
  }
  for (const [group, list] of groups) {
    const id = `nav-${group.toLowerCase().replace(/\W+/g, '-')}`;
    const heading = document.createElement('h2');
    heading.className = 'nav-group';
    heading.id = id;
    heading.textContent = group;
    const ul = document.createElement('ul');
    ul.setAttribute('aria-labelledby', id);
    for (const story of list) {
      const a = document.createElement('a');
      a.href = `#/${story.id}`;
      a.textContent = story.title;
      a.dataset['story'] = story.id;
      const li = document.createElement('li');
      li.append(a);
      ul.append(li);
    }
    const section = document.createElement('div');
    section.className = 'nav-section';
    section.append(heading, ul);
    nav.append(section);
  }
}

function visibleLinks(): HTMLAnchorElement[] {
  return [...nav.querySelectorAll<HTMLAnchorElement>('a[data-story]')].filter((a) => !a.closest('[hidden]'));
}

// Arrow keys move between stories (Home/End to the ends); Tab leaves the list.
nav.addEventListener('keydown', (event) => {
  const links = visibleLinks();
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (at < 0) return;
  const next =
    event.key === 'ArrowDown' ? links[Math.min(at + 1, links.length - 1)]
    : event.key === 'ArrowUp' ? links[Math.max(at - 1, 0)]
    : event.key === 'Home' ? links[0]
    : event.key === 'End' ? links[links.length - 1]
    : undefined;
  if (!next) return;
  event.preventDefault();
  next.focus();
});

filter.addEventListener('input', () => {
  const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  for (const section of nav.querySelectorAll<HTMLElement>('.nav-section')) {
    const group = section.querySelector('.nav-group')?.textContent?.toLowerCase() ?? '';
    let shown = 0;
    for (const li of section.querySelectorAll('li')) {
      const text = `${group} ${li.textContent?.toLowerCase() ?? ''}`;
      const match = words.every((w) => text.includes(w));
      li.hidden = !match;
      if (match) shown++;
    }
    section.hidden = shown === 0;
  }
});

function storyFromHash(): Story {
  const id = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  return storyById.get(id) ?? stories[0]!;
}

function renderHeader(story: Story): void {
  byId('story-group').textContent = story.group;
  title.textContent = story.title;
  byId('story-summary').textContent = story.summary;
  const steps = byId<HTMLUListElement>('story-steps');
  steps.replaceChildren(
    ...(story.steps ?? []).map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }),
  );
  steps.hidden = !story.steps?.length;
  document.title = `${story.title} · cw-auth-elements demo`;
  for (const a of nav.querySelectorAll<HTMLAnchorElement>('a[data-story]')) {
    if (a.dataset['story'] === story.id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function showError(error: unknown): void {
  if ((error as { name?: string } | null)?.name === 'AbortError') return;
  const message = error instanceof Error ? error.message : String(error);
  storyError.textContent = `This story could not be set up: ${message}`;
  console.error(error);
}

/** Leaves the current story and mounts `story`; calls are queued so mounts never overlap. */
function show(story: Story, opts: { keepControls?: boolean; baseUrl?: string; focus?: boolean } = {}): Promise<void> {
  queue = queue.then(async () => {
    // The log shows the story on the canvas: a new story starts with an empty log (Restart keeps it).
    if (current?.story.id !== story.id) logView.clear();
    current?.leave();
    current = undefined;
    storyError.textContent = '';
    delete stage.dataset['played'];
    controls = opts.keepControls
      ? { ...controls, ...(opts.baseUrl !== undefined ? { baseUrl: opts.baseUrl } : {}) }
      : {
          theme: story.presets?.theme ?? prefs.theme,
          locale: story.presets?.locale ?? prefs.locale,
          latencyMs: story.presets?.latencyMs ?? 0,
          fault: story.presets?.fault ?? NO_FAULT,
          baseUrl: prefs.baseUrl,
        };
    showControls();
    renderHeader(story);
    if (opts.focus) title.focus({ preventScroll: false });
    try {
      const result = await mountStory(story, controls, stage, {
        backend,
        unloggedFetch: requestLog.unlogged,
        useHandlers: (handlers) => worker.use(...handlers),
        resetHandlers: () => worker.resetHandlers(),
      });
      current = result.mounted;
      faultId = result.faultId;
      const mounted = result.mounted;
      result.played.then(
        // For tools (the screenshot tests): the story reached the state it shows.
        () => {
          if (current === mounted) stage.dataset['played'] = story.id;
        },
        (error: unknown) => {
          if (current === mounted) showError(error);
        },
      );
    } catch (error) {
      showError(error);
    }
  });
  return queue;
}

byId('restart').addEventListener('click', () => void show(current?.story ?? storyFromHash(), { keepControls: true }));

// Route changes come from the sidebar (or the address bar): focus the story's heading.
window.addEventListener('hashchange', () => void show(storyFromHash(), { focus: true }));

// Hosts would listen to these; the demo shows them in the log (they never carry secrets).
for (const name of ['cw-providers-loaded', 'cw-config-saved', 'cw-save-error', 'cw-flow-start', 'cw-connected', 'cw-disconnected', 'cw-flow-error'] as const) {
  stage.addEventListener(name, (event) => {
    const detail = ((event as CustomEvent).detail ?? {}) as Record<string, unknown>;
    const provider = typeof detail['provider'] === 'string' ? ` ${detail['provider']}` : '';
    const extra =
      typeof detail['account'] === 'string' ? ` (${detail['account']})`
      : typeof detail['code'] === 'string' ? ` (${detail['code']})`
      : Array.isArray(detail['providers']) ? ` (${detail['providers'].length} providers)`
      : '';
    log({ kind: 'event', method: 'event', path: `${name}${provider}${extra}`, status: name.endsWith('error') ? 'error' : 'info' });
  });
}

// ── start ─────────────────────────────────────────────────────────────────────

installThemeCss();
buildNav();
showControls();

const workerUrl = new URL('mockServiceWorker.js', location.href).pathname;
worker
  .start({ serviceWorker: { url: workerUrl }, onUnhandledRequest: 'bypass', quiet: true })
  .then(() => show(storyFromHash()))
  .catch((error: unknown) => {
    title.textContent = 'The in-browser mock could not start';
    storyError.textContent = `Service workers are needed for the mock (${error instanceof Error ? error.message : String(error)}). Serve the demo over http://localhost or https.`;
  });
