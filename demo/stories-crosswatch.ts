/**
 * Stories against the CrossWatch-flavoured mock (src/mock/crosswatch): its 18 recorded manifests,
 * masked config and real routes, and the card states only CrossWatch has (profiles, Jellyfin's
 * Quick Connect, Nuvio's profile to sync, SIMKL's PIN with the own-app way below).
 *
 * Each mount gets its own CrossWatch mock, whose handlers answer every /api route in place of the
 * contract mock's (an unknown route gets CrossWatch's 404, never a contract answer). Its
 * verification URLs are the real ones: msw never sees a popup's navigation, so a /mock/… page
 * could not reach this backend. Codes are approved with a button in the story instead.
 */
import type { DecisionResult } from '../src/mock/index.js';
import { createCrossWatchBackend, type CrossWatchBackend, type CrossWatchBackendOptions } from '../src/mock/crosswatch/index.js';
import { rememberKey } from '../src/providers/profiles.controller.js';
import { el, frame, stack, until, widget, type Story, type StoryEnv } from './story-kit.js';

const NOTE = 'CrossWatch mock: the latency and failure controls do not apply here.';

/** A story on its own CrossWatch mock; setup, render and play get it as `cw`. */
interface CrossWatchStory extends Omit<Story, 'group' | 'setup' | 'render' | 'play'> {
  /** Options of the mock (verification URLs are always the real ones). */
  options?: Omit<CrossWatchBackendOptions, 'verificationUrls'>;
  setup?(cw: CrossWatchBackend, env: StoryEnv): void;
  render(cw: CrossWatchBackend, env: StoryEnv): Node | Promise<Node>;
  play?(root: HTMLElement, cw: CrossWatchBackend, env: StoryEnv): Promise<void>;
}

const mocks = new WeakMap<StoryEnv, CrossWatchBackend>();

function crossWatchStory({ options, setup, render, play, ...story }: CrossWatchStory): Story {
  const mock = (env: StoryEnv) => mocks.get(env)!;
  return {
    ...story,
    group: 'CrossWatch',
    summary: `${story.summary} ${NOTE}`,
    setup(env) {
      const cw = createCrossWatchBackend({ ...options, verificationUrls: 'real' });
      mocks.set(env, cw);
      env.useHandlers(...cw.handlers);
      // A profile remembered in another visit would not exist in this fresh mock.
      forgetProfiles();
      env.onLeave(forgetProfiles);
      setup?.(cw, env);
    },
    render: (env) => render(mock(env), env),
    ...(play ? { play: (root: HTMLElement, env: StoryEnv) => play(root, mock(env), env) } : {}),
  };
}

/** Every remembered profile choice (the card's `rememberKey`: `cw-auth.<provider>.instance`). */
function forgetProfiles(): void {
  const [head, tail] = rememberKey('*').split('*') as [string, string];
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(head) && key.endsWith(tail)) localStorage.removeItem(key);
  } catch {
    /* storage blocked: nothing was remembered */
  }
}

/** The first element under `root` matching `selector`, looking through open shadow roots. */
function deepQuery<K extends keyof HTMLElementTagNameMap>(root: ParentNode, selector: K): HTMLElementTagNameMap[K] | null;
function deepQuery<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null;
function deepQuery(root: ParentNode, selector: string): Element | null {
  const hit = root.querySelector(selector);
  if (hit) return hit;
  const hosts = root instanceof Element ? [root, ...root.querySelectorAll('*')] : [...root.querySelectorAll('*')];
  for (const host of hosts) {
    const inner = host.shadowRoot && deepQuery(host.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
}

/** Waits until `find` finds something, and returns it. */
async function found<T>(find: () => T | null | undefined, env: StoryEnv, what: string): Promise<T> {
  let hit: T | null | undefined;
  await until(() => (hit = find()) != null, env.signal, what);
  return hit!;
}

/** Picks `value` in a select as a person would (the element listens for change). */
function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The widget with these providers' cards, in a frame whose note says what to try. */
function cards(env: StoryEnv, providers: string[], title: string, note: string): HTMLElement {
  return frame(title, note, widget(env, { providers }));
}

/**
 * Buttons that stand in for the person deciding on the provider's side (no popup can reach this
 * mock); the card notices at its next poll. The line after them says what the mock answered.
 */
function providerSide(...decisions: Array<[label: string, decide: () => DecisionResult]>): HTMLElement {
  const answer = el('p', { class: 'frame-note', role: 'status' });
  const buttons = decisions.map(([label, decide]) => {
    const button = el('button', { class: 'btn', type: 'button' }, label);
    button.addEventListener('click', () => {
      answer.textContent = decide().message;
    });
    return button;
  });
  return el('div', { class: 'story-actions' }, ...buttons, answer);
}

const TRAKT_KEYS = { client_id: 'demo-trakt-client-id-0123456789', client_secret: 'demo-trakt-client-secret-abcdef' };

export const crossWatchStories: Story[] = [
  crossWatchStory({
    id: 'cw-all-providers',
    title: 'All 18 providers',
    summary: 'CrossWatch v0.11.3 as recorded: its 18 manifests (no routes: the widget knows each route), masked config, a fresh install.',
    steps: ['Every card asks for its profiles: each shows the profile select with the default profile.'],
    render: (_cw, env) => widget(env),
    async play(root, _cw, env) {
      const list = await found(() => root.querySelector('cw-auth-providers'), env, 'the widget');
      await until(() => (list.shadowRoot?.querySelectorAll('cw-provider-card').length ?? 0) === 18, env.signal, 'the 18 cards');
    },
  }),
  crossWatchStory({
    id: 'cw-profiles',
    title: 'Profiles',
    summary: 'Trakt with two CrossWatch profiles (instances), both connected: <cw-profile-switcher> picks, adds, renames and deletes them.',
    steps: ['The play switched to "Partner". Rename it, add a third profile, or delete one (the default profile stays).'],
    options: {
      config: { trakt: { ...TRAKT_KEYS, instances: { 'TRAKT-P01': { ...TRAKT_KEYS, label: 'Partner' } } } },
    },
    setup(cw) {
      cw.connect('trakt', 'sam_watches');
      cw.connect('trakt', 'kim_watches', 'TRAKT-P01');
    },
    render: (_cw, env) => cards(env, ['trakt'], 'Trakt, two profiles', 'GET /api/provider-instances/trakt answers a list: the switcher shows.'),
    async play(root, _cw, env) {
      const card = await found(() => deepQuery(root, 'cw-provider-card'), env, 'the Trakt card');
      const select = await found(() => deepQuery<HTMLSelectElement>(card, 'select[part~="profile-select"]'), env, 'the profile switcher');
      await until(() => select.options.length === 2, env.signal, 'both profiles');
      choose(select, 'TRAKT-P01');
      await until(() => card.instance === 'TRAKT-P01' && deepQuery(card, 'cw-connection-actions') !== null, env.signal, 'the Partner profile');
    },
  }),
  crossWatchStory({
    id: 'cw-jellyfin-quick-connect',
    title: 'Jellyfin: Quick Connect',
    summary: 'Below the password sign-in: "Get code" sends only the server URL, shows a 6-digit code to enter in Jellyfin, and polls every 5 s.',
    steps: ['Press "Approve in Jellyfin (mock)": the card shows Connected after its next poll.'],
    options: { config: { jellyfin: { server: 'http://jellyfin.lan:8096' } } },
    render: (cw, env) =>
      stack(
        providerSide(['Approve in Jellyfin (mock)', () => cw.approveDevice('jellyfin', { account: 'sam' })]),
        cards(env, ['jellyfin'], 'Jellyfin, server URL saved', 'The play pressed Get code under Quick Connect.'),
      ),
    async play(root, _cw, env) {
      const card = await found(() => deepQuery(root, 'cw-provider-card'), env, 'the Jellyfin card');
      const flow = await found(() => card.shadowRoot?.querySelector<HTMLElementTagNameMap['cw-device-flow']>('[part~="quick-connect"] cw-device-flow'), env, 'Quick Connect');
      // The code is entered in Jellyfin itself: no window on start (the Open link stays).
      flow.manualOpen = true;
      await flow.updateComplete;
      flow.start();
      await until(() => flow.flow.state.kind === 'waiting', env.signal, 'the Quick Connect code');
    },
  }),
  crossWatchStory({
    id: 'cw-nuvio-profile',
    title: 'Nuvio: profile to sync',
    summary: 'Nuvio connected: <cw-account-profile> lists the profiles inside the account (GET /api/nuvio/profiles) and switches on change.',
    steps: ['Pick "Kids": POST /api/nuvio/profile/select, and the badge names the synced profile.'],
    setup: (cw) => cw.connect('nuvio'),
    render: (_cw, env) => cards(env, ['nuvio'], 'Nuvio, connected', 'Its TV login synced the first profile.'),
    play: async (root, _cw, env) => void (await nuvioProfiles(root, env)),
  }),
  crossWatchStory({
    id: 'cw-nuvio-switch-refused',
    title: 'Nuvio: switch refused',
    summary: 'Switching to "Kids" fails once (CrossWatch: nuvio_request_failed): the previous profile stays selected, the error box offers Try again.',
    steps: ['Press Try again: the switch goes through this time.'],
    setup(cw) {
      cw.connect('nuvio');
      cw.faults.add({ fault: 'upstream_error', route: '/api/nuvio/profile/select', times: 1 });
    },
    render: (_cw, env) => cards(env, ['nuvio'], 'Nuvio, connected', 'The play picked "Kids"; the server refused once.'),
    async play(root, _cw, env) {
      const picker = await nuvioProfiles(root, env);
      choose(await found(() => picker.shadowRoot?.querySelector('select'), env, 'the select'), '2');
      await until(() => picker.profiles.state.kind === 'ready' && picker.profiles.state.result?.kind === 'error', env.signal, 'the refusal');
    },
  }),
  crossWatchStory({
    id: 'cw-simkl',
    title: 'SIMKL: PIN and your own app',
    summary: 'CrossWatch connects SIMKL with a PIN (its own app id, no keys); below, OAuth with your own SIMKL app, once its keys are saved.',
    steps: [
      'Get code opens simkl.com/pin; "Approve the PIN in SIMKL (mock)" stands in for entering the PIN there.',
      'Or enter any Client ID and Client Secret and Save, then "Connect with SIMKL" (SIMKL\'s own consent page opens); "Allow on SIMKL (mock)" stands in for allowing there.',
    ],
    render: (cw, env) =>
      stack(
        providerSide(
          ['Approve the PIN in SIMKL (mock)', () => cw.approveDevice('simkl', { account: 'sam' })],
          ['Allow on SIMKL (mock)', () => cw.decideOAuth('simkl', 'allow', { account: 'sam' })],
        ),
        cards(env, ['simkl'], 'SIMKL, nothing saved', 'PIN first; the own-app way waits for its keys.'),
      ),
    play: async (root, _cw, env) => void (await found(() => deepQuery(root, '[part~="own-app"] cw-oauth-flow'), env, 'the own-app way')),
  }),
];

/** Waits until the Nuvio card lists the account's profiles. */
async function nuvioProfiles(root: HTMLElement, env: StoryEnv): Promise<HTMLElementTagNameMap['cw-account-profile']> {
  const picker = await found(() => deepQuery(root, 'cw-account-profile'), env, 'the Nuvio profile select');
  await until(() => picker.profiles.state.kind === 'ready', env.signal, 'the Nuvio profiles');
  return picker;
}
