/**
 * The story registry: every element in every state, each seeded through the mock backend's
 * helpers (connect, advanceClock, faults, setInUse) so the widget reaches the state honestly,
 * through the same HTTP contract a real backend speaks.
 */
import '../src/define.js';
// The stories also show the flows on their own: register the card's lazy parts up front.
import '../src/elements/device-flow/device-flow.js';
import '../src/elements/oauth-flow/oauth-flow.js';
import '../src/elements/credentials-flow/credentials-flow.js';
import '../src/elements/connection-actions/connection-actions.js';
import '../src/elements/account-profile/account-profile.js';
import { HttpResponse, http } from 'msw';
import { findProvider, PROVIDERS, type MockBackend } from '../src/mock/index.js';
import { card, el, flowAlone, frame, inspector, stack, until, widget, type Story, type StoryEnv } from './story-kit.js';
import { crossWatchStories } from './stories-crosswatch.js';

/** App keys the mock accepts (it only checks that both are there). */
const DEMO_KEYS = { client_id: 'demo-client-id-0123456789', client_secret: 'demo-client-secret-abcdef0123456789' };

/** Connects `id` with a token that expires `seconds` from now (negative: expired that long ago). */
function connectExpiringIn(backend: MockBackend, id: string, seconds: number, account?: string): void {
  const lifetime = findProvider(id)?.tokenLifetimeS;
  if (!lifetime) throw new Error(`${id} tokens do not expire in the mock.`);
  // The mock stamps expires_at from its own clock: wind it back, connect, wind it forward.
  const shiftMs = (lifetime - seconds) * 1000;
  backend.advanceClock(-shiftMs);
  backend.connect(id, account);
  backend.advanceClock(shiftMs);
}

/** Starts a standalone device flow and waits until its code shows. */
async function startDeviceFlow(root: HTMLElement, env: StoryEnv): Promise<HTMLElementTagNameMap['cw-device-flow']> {
  const flow = root.querySelector('cw-device-flow');
  if (!flow) throw new Error('No <cw-device-flow> in the story.');
  await flow.updateComplete;
  flow.start();
  await until(() => flow.flow.state.kind === 'waiting', env.signal, 'the device code');
  return flow;
}

/** A standalone device flow (no automatic popup: the story starts it) with its state shown below. */
async function deviceAlone(env: StoryEnv, id = 'plex'): Promise<HTMLElement> {
  const { surface, element } = await flowAlone(env, 'cw-device-flow', id, (f) => (f.manualOpen = true));
  surface.append(
    inspector(env, () => {
      const state = element.flow.state;
      return state.kind === 'waiting' ? { kind: state.kind, interval: state.interval } : { kind: state.kind };
    }),
  );
  return surface;
}

const FINISH_FLOWS = [
  'Plex, MDBList: Get code. The activation page opens in a popup with the code filled in: Approve (or Deny).',
  'Trakt: enter any Client ID and Client Secret, Save, then Get code and approve.',
  'SIMKL: enter any Client ID and Client Secret, Save, then Connect and Allow on the consent page.',
  'Jellyfin, Emby: any http:// server URL and a username (password "wrong" is rejected; a URL with "unreachable" or "old" fails).',
  'Tautulli: a server URL and a 32-character hex API key, e.g. 0123456789abcdef0123456789abcdef (32 zeros are rejected).',
];

export const stories: Story[] = [
  // ── the widget ──────────────────────────────────────────────────────────────
  {
    id: 'full-widget',
    group: 'Widget',
    title: 'Full widget',
    summary: 'Every provider the mock offers, nothing configured yet. Every flow can be finished here.',
    steps: FINISH_FLOWS,
    render: (env) => widget(env),
  },
  {
    id: 'connected',
    group: 'Widget',
    title: 'Connected',
    summary: 'Plex, Trakt, MDBList, Jellyfin and Tautulli linked; Refresh and Disconnect work.',
    setup(env) {
      for (const [id, account] of [
        ['plex', 'sam'],
        ['trakt', 'sam_watches'],
        ['mdblist', 'sam'],
        ['jellyfin', 'sam'],
        ['tautulli', 'Tautulli (tautulli.local:8181)'],
      ] as const) {
        env.backend.connect(id, account);
      }
    },
    render: (env) => widget(env),
  },
  {
    id: 'dark-theme',
    group: 'Widget',
    title: 'Dark theme',
    summary: 'theme="dark": the same tokens resolved for a dark dashboard. Try "auto" in the controls.',
    presets: { theme: 'dark' },
    setup(env) {
      env.backend.connect('plex', 'sam');
      connectExpiringIn(env.backend, 'trakt', 3 * 3600, 'sam_watches');
    },
    render: (env) => widget(env),
  },
  {
    id: 'german',
    group: 'Widget',
    title: 'German strings',
    summary: 'locale="de": every visible string from the German table; server messages stay as sent.',
    presets: { locale: 'de' },
    setup(env) {
      env.backend.connect('plex', 'sam');
      connectExpiringIn(env.backend, 'mdblist', 20 * 60, 'sam');
    },
    render: (env) => widget(env),
  },

  // ── list states ─────────────────────────────────────────────────────────────
  {
    id: 'loading',
    group: 'List states',
    title: 'Loading',
    summary: 'Every answer takes 2.5 s: the skeleton appears after 250 ms (never a flicker on fast backends).',
    steps: ['Use "Restart story" to watch it again, or change the latency in the controls.'],
    presets: { latencyMs: 2500 },
    render: (env) => widget(env),
  },
  {
    id: 'error',
    group: 'List states',
    title: 'Error with Retry',
    summary: 'The providers request answers 500 once: the message and a Retry button show. Retry succeeds.',
    setup(env) {
      env.backend.faults.add({ fault: 'http_500', route: 'providers', times: 1 });
    },
    render: (env) => widget(env),
  },
  {
    id: 'error-html',
    group: 'List states',
    title: 'Error: proxy HTML page',
    summary: 'A reverse proxy answers 502 with an HTML page: a readable message instead of a parse error.',
    presets: { fault: { kind: 'html_error', provider: '', route: 'providers' } },
    steps: ['Set the failure injection to "none" in the controls, then press Retry.'],
    render: (env) => widget(env),
  },
  {
    id: 'empty',
    group: 'List states',
    title: 'Empty',
    summary: 'The backend offers no providers.',
    setup(env) {
      env.useHandlers(http.get('*/api/auth/providers', () => HttpResponse.json([])));
    },
    render: (env) => widget(env),
  },
  {
    id: 'invalid-manifest',
    group: 'List states',
    title: 'A broken manifest',
    summary: 'One manifest has wrong-typed members: a clear message in its place, the other cards render.',
    setup(env) {
      env.useHandlers(
        http.get('*/api/auth/providers', ({ request }) => {
          const origin = new URL(request.url).origin;
          const good = PROVIDERS.filter((p) => ['plex', 'trakt'].includes(p.id)).map((p) => p.manifest(origin));
          const broken = { name: 'BROKEN', label: 42, flow: 'device_code', fields: 'client_id', actions: null };
          return HttpResponse.json([good[0], broken, good[1]]);
        }),
      );
    },
    render: (env) => widget(env),
  },

  // ── cards ───────────────────────────────────────────────────────────────────
  {
    id: 'hint',
    group: 'Card states',
    title: 'Hint showing',
    summary: 'Trakt and SIMKL need your own API app: the hint links the developer portal and shows the redirect URL to register, with Copy.',
    steps: ['Type a Client ID: the hint updates live and disappears once every required key is there.'],
    render: (env) => widget(env, { providers: ['trakt', 'simkl'] }),
  },
  {
    id: 'keys-saved',
    group: 'Card states',
    title: 'Keys saved',
    summary: 'App keys stored, not connected yet: the secret shows as saved (Replace / Clear), never its value.',
    async setup(env) {
      await env.seedConfig({ trakt: DEMO_KEYS, simkl: DEMO_KEYS });
    },
    render: (env) => widget(env, { providers: ['trakt', 'simkl'] }),
  },
  {
    id: 'token-expiring',
    group: 'Card states',
    title: 'Token expiring',
    summary: 'The Trakt token expires in 4 minutes, the MDBList token in 40: the badge counts down and turns to a warning.',
    steps: ['Refresh renews the token (the mock issues a new one when less than half its lifetime is left).'],
    setup(env) {
      connectExpiringIn(env.backend, 'trakt', 4 * 60, 'sam_watches');
      connectExpiringIn(env.backend, 'mdblist', 40 * 60, 'sam');
    },
    render: (env) => widget(env, { providers: ['trakt', 'mdblist'] }),
  },
  {
    id: 'token-expired',
    group: 'Card states',
    title: 'Token expired',
    summary: 'The Trakt token expired 10 minutes ago: the card says so and offers to connect again.',
    setup(env) {
      connectExpiringIn(env.backend, 'trakt', -10 * 60, 'sam_watches');
    },
    render: (env) => widget(env, { providers: ['trakt'] }),
  },
  {
    id: 'credentials-rejected',
    group: 'Card states',
    title: 'Credentials rejected',
    summary: 'Jellyfin rejects the stored password (the mock refuses "wrong"): the reason shows beside the card.',
    steps: ['Press Connect in the card. Then Replace the password with anything else and connect again.'],
    async setup(env) {
      await env.seedConfig({ jellyfin: { server: 'http://jellyfin.local:8096', username: 'sam', password: 'wrong' } });
    },
    async render(env) {
      const alone = await flowAlone(env, 'cw-credentials-flow', 'jellyfin', (f) => {
        f.values = { 'jellyfin.server': 'http://jellyfin.local:8096', 'jellyfin.username': 'sam', 'jellyfin.password': 'wrong' };
      });
      return stack(
        frame('<cw-credentials-flow> alone', 'Submitted automatically with the wrong password.', alone.surface),
        frame('In a card', 'Press Connect: the same answer, tied to the password field.', widget(env, { providers: ['jellyfin'] })),
      );
    },
    async play(root, env) {
      const flow = root.querySelector('cw-credentials-flow')!;
      await flow.updateComplete;
      flow.submit();
      await until(() => flow.flow.state.kind === 'error', env.signal, 'the rejection');
    },
  },
  {
    id: 'disconnect-refused',
    group: 'Card states',
    title: 'Disconnect refused (409)',
    summary: 'Trakt is used by a sync pair: the server refuses to disconnect and lists where it is used.',
    setup(env) {
      env.backend.connect('trakt', 'sam_watches');
      env.backend.setInUse('trakt', [
        { feature: 'sync_pair', label: 'Sync pair Plex → Trakt', role: 'target', pair_id: 'p1', enabled: true },
        { feature: 'watcher', label: 'Watcher (scrobbling)', enabled: false },
      ]);
    },
    async render(env) {
      const alone = await flowAlone(env, 'cw-connection-actions', 'trakt');
      return stack(
        frame('<cw-connection-actions> alone', 'Disconnect confirmed automatically.', alone.surface),
        frame('In a card', 'Press Disconnect, then confirm.', widget(env, { providers: ['trakt'] })),
      );
    },
    async play(root, env) {
      const actions = root.querySelector('cw-connection-actions')!;
      await actions.updateComplete;
      actions.disconnect();
      actions.connection.confirmDisconnect();
      await until(() => actions.connection.action.kind === 'in_use', env.signal, 'the refusal');
    },
  },
  {
    id: 'standalone-card',
    group: 'Card states',
    title: 'Standalone cards',
    summary: '<cw-provider-card> without the container: given a manifest and a client, each loads the config itself.',
    async render(env) {
      return el('div', { class: 'card-grid' }, await card(env, 'trakt'), await card(env, 'jellyfin'), await card(env, 'plex'));
    },
  },

  // ── device code ─────────────────────────────────────────────────────────────
  {
    id: 'device-waiting',
    group: 'Device code',
    title: 'Waiting for approval',
    summary: 'A code was requested: large, grouped, copyable, as a QR code on request, with a countdown. Polling every 5 s.',
    steps: ['Press "Open Plex" and Approve on the activation page: the flow finishes within one poll.'],
    render: (env) => deviceAlone(env),
    play: async (root, env) => void (await startDeviceFlow(root, env)),
  },
  {
    id: 'device-slow-down',
    group: 'Device code',
    title: 'Slowed down',
    summary: 'The server answers every poll with slow_down: the flow adds 5 s to every later poll (RFC 8628). Watch the log.',
    presets: { fault: { kind: 'slow_down_storm', provider: 'plex', route: 'poll' } },
    render: (env) => deviceAlone(env),
    play: async (root, env) => void (await startDeviceFlow(root, env)),
  },
  {
    id: 'device-expired',
    group: 'Device code',
    title: 'Code expired',
    summary: 'The mock\'s clock jumps past the code\'s lifetime: the next poll says expired, and "Get a new code" appears.',
    render: (env) => deviceAlone(env),
    async play(root, env) {
      const flow = await startDeviceFlow(root, env);
      env.backend.advanceClock(((findProvider('plex')?.device?.expiresIn ?? 900) + 1) * 1000);
      await until(() => flow.flow.state.kind === 'expired', env.signal, 'the expiry');
    },
  },
  {
    id: 'device-denied',
    group: 'Device code',
    title: 'Denied',
    summary: 'The person pressed Deny on the activation page: the flow stops and offers to start again.',
    render: (env) => deviceAlone(env),
    async play(root, env) {
      const flow = await startDeviceFlow(root, env);
      env.backend.denyDevice('plex');
      await until(() => flow.flow.state.kind === 'denied', env.signal, 'the denial');
    },
  },
  {
    id: 'device-needs-keys',
    group: 'Device code',
    title: 'Keys missing',
    summary: 'Trakt cannot hand out codes without your own API app: the flow says which keys are missing, before any request.',
    render: async (env) => (await flowAlone(env, 'cw-device-flow', 'trakt', (f) => (f.manualOpen = true))).surface,
    async play(root, env) {
      const flow = root.querySelector('cw-device-flow')!;
      await flow.updateComplete;
      flow.start();
      await until(() => flow.flow.state.kind !== 'idle' && flow.flow.state.kind !== 'starting', env.signal, 'the answer');
    },
  },

  // ── OAuth ───────────────────────────────────────────────────────────────────
  {
    id: 'oauth-popup',
    group: 'OAuth',
    title: 'Consent popup',
    summary: 'SIMKL with keys saved: Connect opens the consent page in a popup; Allow or Deny there.',
    async setup(env) {
      await env.seedConfig({ simkl: DEMO_KEYS });
    },
    render: (env) => widget(env, { providers: ['simkl'] }),
  },
  {
    id: 'oauth-popup-blocked',
    group: 'OAuth',
    title: 'Popup blocked',
    summary: 'window.open returns null in this story (a popup blocker): a link to continue takes the popup\'s place.',
    steps: ['Follow "Continue" to the consent page in a new tab and Allow: the flow notices through the status route.'],
    async setup(env) {
      await env.seedConfig({ simkl: DEMO_KEYS });
      const original = window.open;
      window.open = () => null;
      env.onLeave(() => {
        window.open = original;
      });
    },
    async render(env) {
      const alone = await flowAlone(env, 'cw-oauth-flow', 'simkl');
      return stack(
        frame('<cw-oauth-flow> alone', 'Started automatically; the popup was blocked.', alone.surface),
        frame('In a card', 'Press Connect: blocked the same way.', widget(env, { providers: ['simkl'] })),
      );
    },
    async play(root, env) {
      const flow = root.querySelector('cw-oauth-flow')!;
      await flow.updateComplete;
      flow.start();
      await until(() => flow.flow.state.kind === 'awaiting_callback' || flow.flow.state.kind === 'error', env.signal, 'the blocked popup');
    },
  },

  // ── each flow element alone ─────────────────────────────────────────────────
  {
    id: 'alone-device',
    group: 'Flow elements alone',
    title: '<cw-device-flow>',
    summary: 'The device-code flow without a card (MDBList). Get code opens the activation page.',
    render: async (env) => (await flowAlone(env, 'cw-device-flow', 'mdblist')).surface,
  },
  {
    id: 'alone-oauth',
    group: 'Flow elements alone',
    title: '<cw-oauth-flow>',
    summary: 'The OAuth flow without a card (SIMKL, keys seeded). Connect opens the consent page.',
    async setup(env) {
      await env.seedConfig({ simkl: DEMO_KEYS });
    },
    render: async (env) => (await flowAlone(env, 'cw-oauth-flow', 'simkl')).surface,
  },
  {
    id: 'alone-credentials',
    group: 'Flow elements alone',
    title: '<cw-credentials-flow>',
    summary: 'The host renders its own fields and passes their values; the element connects and reports.',
    async render(env) {
      const { surface, element } = await flowAlone(env, 'cw-credentials-flow', 'jellyfin');
      const fields: Array<[string, string, string, string]> = [
        ['jellyfin.server', 'Server URL', 'url', 'http://jellyfin.local:8096'],
        ['jellyfin.username', 'Username', 'text', 'sam'],
        ['jellyfin.password', 'Password', 'password', ''],
      ];
      const values: Record<string, unknown> = {};
      const form = el('div', { class: 'host-form' });
      for (const [key, label, type, value] of fields) {
        const id = `host-${key.replace(/\W/g, '-')}`;
        const input = el('input', { id, type, value, autocomplete: 'off' });
        values[key] = value;
        input.addEventListener('input', () => {
          element.values = { ...element.values, [key]: input.value };
        });
        form.append(el('label', { for: id }, label), input);
      }
      element.values = values;
      surface.insertBefore(form, element);
      return surface;
    },
  },
  {
    id: 'alone-actions',
    group: 'Flow elements alone',
    title: '<cw-connection-actions>',
    summary: 'Refresh and Disconnect for an existing connection (MDBList, token half-way through its life).',
    setup(env) {
      connectExpiringIn(env.backend, 'mdblist', 20 * 60, 'sam');
    },
    render: async (env) => (await flowAlone(env, 'cw-connection-actions', 'mdblist')).surface,
  },
  {
    id: 'building-blocks',
    group: 'Flow elements alone',
    title: 'Copy button and QR code',
    summary: '<cw-copy-button> (Clipboard API with a fallback, feedback in a live region) and <cw-qr-code> (encoder loaded lazily).',
    render() {
      const copy = document.createElement('cw-copy-button');
      copy.value = 'ABCD-EFGH';
      const qr = document.createElement('cw-qr-code');
      qr.value = `${location.origin}/activate.html?provider=plex&code=ABCD`;
      qr.label = 'QR code of the activation page';
      return el(
        'div',
        { class: 'flow-surface blocks' },
        el('div', { class: 'block' }, el('code', { class: 'sample-code' }, 'ABCD-EFGH'), copy),
        el('div', { class: 'block' }, qr),
      );
    },
  },

  // ── CrossWatch (its own mock, demo/stories-crosswatch.ts) ───────────────────
  ...crossWatchStories,
];

export const storyById = new Map(stories.map((s) => [s.id, s]));
