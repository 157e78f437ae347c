/**
 * The demo's story registry, run for real: every story mounts against the bundled mock (fetch
 * patched instead of the service worker), reaches the state its `play` drives it to, raises no
 * error and is accessible. Also: the bridge the demo's activation and consent pages use.
 */
import { expect, fixture, html } from '../helpers.js';
import type { RequestHandler } from 'msw';
import { createMockBackend, installMockFetch } from '../support/mock.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { stories, storyById } from '../../demo/stories.js';
import { DEFAULT_CONTROLS, NO_FAULT, applyLook, mountStory, type Controls, type MountedStory, type Story } from '../../demo/story-kit.js';
import { answerBridgeRequest, askDemo, listenForPages } from '../../demo/bridge.js';

const pages = {
  activate: new URL('/demo/activate.html', location.origin).href,
  consent: new URL('/demo/consent.html', location.origin).href,
};
const backend = createMockBackend({ pageUrls: pages });
const labels = { plex: { label: 'Plex', account: 'demo-plex' }, simkl: { label: 'SIMKL', account: 'demo-simkl' } };

let restore: () => void = () => {};
const install = (extra: RequestHandler[] = []) => {
  restore();
  restore = installMockFetch(extra.length ? { handlers: [...extra, ...backend.handlers] } : backend);
};

/** The demo's own controls for a story, with latency capped so the suite stays quick. */
function controlsFor(story: Story): Controls {
  return {
    ...DEFAULT_CONTROLS,
    theme: story.presets?.theme ?? 'light',
    locale: story.presets?.locale ?? 'en',
    latencyMs: Math.min(story.presets?.latencyMs ?? 0, 300),
    fault: story.presets?.fault ?? NO_FAULT,
  };
}

/** Errors the page saw while a story ran (uncaught, unhandled rejections, console.error). */
function watchErrors() {
  const seen: string[] = [];
  const onError = (event: ErrorEvent) => seen.push(`error: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => seen.push(`unhandled rejection: ${String(event.reason)}`);
  const originalConsoleError = console.error;
  console.error = (...args: unknown[]) => {
    seen.push(`console.error: ${args.map(String).join(' ')}`);
    originalConsoleError.apply(console, args);
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    seen,
    stop() {
      console.error = originalConsoleError;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

async function mount(story: Story, stage: HTMLElement): Promise<{ mounted: MountedStory; played: Promise<void> }> {
  const { mounted, played } = await mountStory(story, controlsFor(story), stage, {
    backend,
    unloggedFetch: (input, init) => globalThis.fetch(input, init),
    useHandlers: (handlers) => install(handlers),
    resetHandlers: () => install(),
  });
  return { mounted, played };
}

/** Lets the elements finish their requests and render (a few tasks and frames). */
const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

describe('demo stories', () => {
  failOnLitWarnings();
  let errors: ReturnType<typeof watchErrors>;
  let current: MountedStory | undefined;

  beforeEach(() => {
    install();
    errors = watchErrors();
  });
  afterEach(() => {
    current?.leave();
    current = undefined;
    errors.stop();
    restore();
    restore = () => {};
  });

  it('has unique ids, a group, a title and a summary for every story', () => {
    expect(stories.length).to.be.greaterThan(20);
    expect(new Set(stories.map((s) => s.id)).size).to.equal(stories.length);
    for (const story of stories) {
      expect(story.id, story.id).to.match(/^[a-z0-9-]+$/);
      expect(story.group && story.title && story.summary, story.id).to.be.ok;
    }
  });

  for (const story of stories) {
    it(`renders "${story.title}" (${story.id}) without errors`, async function () {
      // Device stories wait for the first poll (5 s) to show expired / denied.
      this.timeout(20000);
      const stage = await fixture<HTMLDivElement>(html`<div></div>`);
      const result = await mount(story, stage);
      current = result.mounted;
      await result.played;
      await settle();
      expect(stage.childElementCount, 'the story rendered something').to.be.greaterThan(0);
      expect(errors.seen, errors.seen.join('\n')).to.deep.equal([]);
      await expect(stage).to.be.accessible();
    });
  }

  it('reaches the states the stories name', async function () {
    this.timeout(20000);
    const stage = await fixture<HTMLDivElement>(html`<div></div>`);
    const text = () => deepText(stage);

    current = (await mount(storyById.get('empty')!, stage)).mounted;
    await until(() => /No providers/i.test(text()));

    current.leave();
    const error = await mount(storyById.get('error')!, stage);
    current = error.mounted;
    await until(() => deepButtons(stage).some((b) => b.textContent?.trim() === 'Retry'));
    deepButtons(stage).find((b) => b.textContent?.trim() === 'Retry')!.click();
    await until(() => /Plex/.test(text()) && !/Retry/.test(text()));

    current.leave();
    current = (await mount(storyById.get('disconnect-refused')!, stage)).mounted;
    await until(() => /Sync pair Plex → Trakt/.test(text()));
    expect(errors.seen).to.deep.equal([]);
  });

  it('blocks popups only while the popup-blocked story is shown', async () => {
    const original = window.open;
    const stage = await fixture<HTMLDivElement>(html`<div></div>`);
    const result = await mount(storyById.get('oauth-popup-blocked')!, stage);
    current = result.mounted;
    await result.played;
    expect(window.open('', '_blank')).to.equal(null);
    expect(/Continue to SIMKL/.test(deepText(stage)), deepText(stage)).to.equal(true);
    current.leave();
    current = undefined;
    expect(window.open).to.equal(original);
  });

  it('pushes theme and locale to mounted elements without remounting', async () => {
    const stage = await fixture<HTMLDivElement>(html`<div></div>`);
    current = (await mount(storyById.get('hint')!, stage)).mounted;
    const widget = stage.querySelector('cw-auth-providers')!;
    applyLook(stage, { ...DEFAULT_CONTROLS, theme: 'dark', locale: 'de' });
    expect(widget.getAttribute('theme')).to.equal('dark');
    expect(widget.getAttribute('locale')).to.equal('de');
    expect(stage.querySelector('cw-auth-providers')).to.equal(widget);
  });
});

describe('demo pages bridge', () => {
  beforeEach(() => {
    backend.reset();
    install();
  });
  afterEach(() => {
    restore();
    restore = () => {};
  });

  it('points the mock verification and consent URLs at the demo pages', async () => {
    const start = await (await fetch('/api/plex/device/start', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).json();
    expect(start.verification_url).to.equal(`${pages.activate}?provider=plex`);
    expect(start.verification_url_complete).to.equal(`${pages.activate}?provider=plex&code=${encodeURIComponent(start.user_code)}`);
    const manifests = (await (await fetch('/api/auth/providers')).json()) as Array<{ name: string; verify_url?: string | null }>;
    expect(manifests.find((m) => m.name === 'PLEX')?.verify_url).to.equal(`${pages.activate}?provider=plex`);

    backend.connect('simkl');
    const auth = await (
      await fetch('/api/simkl/authorize', { method: 'POST', body: JSON.stringify({ origin: location.origin }), headers: { 'content-type': 'application/json' } })
    ).json();
    const consent = new URL(auth.authorize_url);
    expect(`${consent.origin}${consent.pathname}`).to.equal(pages.consent);
    expect(consent.searchParams.get('redirect_uri')).to.equal(`${location.origin}/api/simkl/callback`);
    expect(consent.searchParams.get('state')).to.match(/^[0-9a-f]{32,}$/);
  });

  it('approves a device code from the activation page, and refuses an unknown one', async () => {
    const start = await (await fetch('/api/plex/device/start', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).json();
    const wrong = answerBridgeRequest(backend, { kind: 'device', id: '1', provider: 'plex', code: 'ZZZZ', account: 'sam', decision: 'approve' }, labels);
    expect(wrong.ok).to.equal(false);
    expect(wrong.message).to.contain('ZZZZ');
    const reply = answerBridgeRequest(backend, { kind: 'device', id: '2', provider: 'plex', code: start.user_code, account: 'sam', decision: 'approve' }, labels);
    expect(reply).to.include({ kind: 'reply', id: '2', ok: true, provider: 'plex', account: 'sam' });
    const poll = await (await fetch('/api/plex/device/poll', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).json();
    expect(poll).to.include({ status: 'authorized', account: 'sam' });
  });

  it('answers a consent decision with the message the callback page would post (exact origin and nonce)', async () => {
    backend.connect('simkl');
    await fetch('/api/simkl/disconnect', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    const post = (body: unknown) =>
      fetch('/api/simkl/authorize', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }).then((r) => r.json());
    const first = new URL((await post({ origin: 'https://dash.example', nonce: 'n-1' })).authorize_url).searchParams.get('state')!;
    await post({ origin: location.origin, nonce: 'n-2' });
    // The state picks the attempt, not "the newest".
    const reply = answerBridgeRequest(backend, { kind: 'oauth', id: '3', provider: 'simkl', state: first, account: 'kim', decision: 'allow' }, labels);
    expect(reply.ok).to.equal(true);
    expect(reply.callback).to.deep.equal({
      targetOrigin: 'https://dash.example',
      data: { type: 'cw-auth:oauth', provider: 'simkl', status: 'authorized', nonce: 'n-1' },
    });
    const status = await (await fetch('/api/simkl/status')).json();
    expect(status).to.include({ connected: true, account: 'kim' });
    const again = answerBridgeRequest(backend, { kind: 'oauth', id: '4', provider: 'simkl', state: first, account: 'kim', decision: 'allow' }, labels);
    expect(again.ok).to.equal(false);
  });

  it('carries a page request to the demo tab and its answer back over BroadcastChannel', async () => {
    const stop = listenForPages(backend, labels);
    try {
      const hello = await askDemo({ kind: 'hello' });
      expect(hello?.providers).to.deep.equal(labels);
      const start = await (await fetch('/api/plex/device/start', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).json();
      const reply = await askDemo({ kind: 'device', provider: 'plex', code: start.user_code, account: 'ana', decision: 'deny' });
      expect(reply).to.include({ ok: true, provider: 'plex' });
      const poll = await (await fetch('/api/plex/device/poll', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).json();
      expect(poll.status).to.equal('denied');
    } finally {
      stop();
    }
    // Nobody listening: the page learns that instead of waiting forever.
    expect(await askDemo({ kind: 'hello' }, 200)).to.equal(undefined);
  });
});

// ── shadow-DOM helpers ────────────────────────────────────────────────────────

function* walk(root: Node): Generator<Node> {
  yield root;
  if (root instanceof Element && root.shadowRoot) yield* walk(root.shadowRoot);
  for (const child of root.childNodes) yield* walk(child);
}

function deepText(root: Node): string {
  let text = '';
  for (const node of walk(root)) if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
  return text.replace(/\s+/g, ' ');
}

function deepButtons(root: Node): HTMLButtonElement[] {
  return [...walk(root)].filter((n): n is HTMLButtonElement => n instanceof HTMLButtonElement);
}

function until(check: () => boolean, timeoutMs = 8000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('condition not reached in time'));
      setTimeout(tick, 50);
    };
    tick();
  });
}
