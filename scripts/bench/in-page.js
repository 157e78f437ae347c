// Runs inside the benchmark page (served statically, imported through page.evaluate). Plain JS:
// the browser loads it as is.

/** A fetch that answers the widget's reads at once, so timings measure the widget, not a network. */
export function createFakeFetch({ manifests, config }) {
  const manifestsText = JSON.stringify(manifests);
  const configText = JSON.stringify(config);
  const answer = (text) => new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
  // The all-providers answers (ours, and CrossWatch's two), in their real shapes: nobody connected.
  const names = manifests.map((m) => m.name);
  const statusAllText = JSON.stringify({ providers: Object.fromEntries(names.map((n) => [n, { connected: false }])) });
  const instancesText = JSON.stringify(Object.fromEntries(names.map((n) => [n, [{ id: 'default', label: 'Default', configured: false }]])));
  const counts = { total: 0 };
  const fakeFetch = async (input) => {
    counts.total++;
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (url.pathname === '/api/auth/providers') return answer(manifestsText);
    if (url.pathname === '/api/config') return answer(configText);
    if (url.pathname === '/api/auth/status' || url.pathname === '/api/status') return answer(statusAllText);
    if (url.pathname === '/api/provider-instances') return answer(instancesText);
    if (url.pathname.endsWith('/status')) return answer('{"connected":false}');
    if (url.pathname.endsWith('/device/start')) {
      return answer(JSON.stringify({ user_code: 'BNCH-CODE', verification_url: 'https://example.invalid/activate', interval: 5, expires_in: 900 }));
    }
    if (url.pathname.endsWith('/device/poll')) return answer('{"status":"pending","interval":5}');
    return answer('{"ok":true}');
  };
  return { fakeFetch, counts, manifestsText, configText };
}

/** Every card has its header badge and its body (config loaded). */
function cardsDone(host, count) {
  const cards = host.shadowRoot?.querySelectorAll('cw-provider-card') ?? [];
  if (cards.length !== count) return false;
  for (const card of cards) {
    const root = card.shadowRoot;
    if (!root || !root.querySelector('[data-kind]') || root.querySelector('.loading')) return false;
  }
  return true;
}

/**
 * The next task, without setTimeout's 4 ms clamp for nested timers (which would add up to several
 * ms per check to the widget's time and none to the baseline's).
 */
export const nextTask = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/** Resolves just after the next frame is painted (a task queued from requestAnimationFrame). */
export const afterNextPaint = () => new Promise((resolve) => requestAnimationFrame(() => void nextTask().then(resolve)));

/** Resolves once all cards rendered; checks after each settled update, else on the next task. */
export async function whenCardsRendered(host, count) {
  for (;;) {
    await host.updateComplete;
    const cards = host.shadowRoot?.querySelectorAll('cw-provider-card') ?? [];
    if (cards.length === count) await Promise.all([...cards].map((c) => c.updateComplete));
    if (cardsDone(host, count)) return;
    await nextTask();
  }
}

/** Mounts <cw-auth-providers> with a fake client; ms from before append to all cards rendered and painted. */
export async function timeLitMount({ manifests, config, createApiClient, container = document.body }) {
  const { fakeFetch } = createFakeFetch({ manifests, config });
  const t0 = performance.now();
  const el = document.createElement('cw-auth-providers');
  el.client = createApiClient({ fetch: fakeFetch });
  container.append(el);
  await whenCardsRendered(el, manifests.length);
  await afterNextPaint(); // style, layout and paint of that frame included
  return performance.now() - t0;
}

const h = (tag, props = {}, ...children) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v);
  }
  el.append(...children.filter(Boolean));
  return el;
};

/** The cards' markup built with plain DOM calls from the same JSON (no Lit, no shadow DOM). */
export function renderPlainCards(manifestsText, configText, container) {
  const manifests = JSON.parse(manifestsText);
  const config = JSON.parse(configText);
  const list = h('ul', { class: 'cards', role: 'list' });
  for (const m of manifests) {
    const fields = Array.isArray(m.fields) ? m.fields : [];
    const value = (key) => key.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), config);
    const missing = fields.filter((f) => f.required && !value(f.key));
    const article = h(
      'article',
      { class: 'card', 'aria-label': m.label },
      h('header', { class: 'header' }, h('span', { class: 'dot' }), h('div', { class: 'title', role: 'heading', 'aria-level': '3', text: m.label }), h('span', { class: 'status', 'data-kind': 'not-configured', text: 'Not configured' })),
      m.notes ? h('p', { class: 'notes', text: m.notes }) : null,
      missing.length ? h('div', { class: 'hint' }, h('p', { text: `To connect ${m.label}, fill in: ${missing.map((f) => f.label).join(', ')}.` })) : null,
      ...fields.map((f) =>
        h(
          'div',
          { class: 'field' },
          h('label', { class: 'label', for: `f-${m.name}-${f.key}`, text: f.label }),
          f.type === 'select'
            ? h('select', { id: `f-${m.name}-${f.key}` }, ...(f.options ?? []).map((o) => h('option', { value: o.value, text: o.label })))
            : h('input', { id: `f-${m.name}-${f.key}`, type: f.type === 'bool' ? 'checkbox' : f.type === 'password' ? 'password' : 'text', placeholder: f.placeholder ?? '' }),
          f.help ? h('div', { class: 'help', text: f.help }) : null,
        ),
      ),
      fields.length ? h('div', { class: 'footer' }, h('button', { type: 'button', text: 'Save' })) : null,
      h('div', { class: 'flow' }, h('button', { type: 'button', text: 'Connect' })),
    );
    list.append(h('li', {}, article));
  }
  const section = h('section', { class: 'plain', 'aria-label': 'Account connections' }, list);
  container.append(section);
  return section;
}

export const PLAIN_CSS = `
.plain .cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 16px; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
.plain .card { border: 1px solid #c9ced6; border-radius: 8px; padding: 16px; font: 14px/1.4 system-ui; background: #fff; color: #1a1d23; }
.plain .header { display: flex; gap: 8px; align-items: center; }
.plain .title { font-weight: 600; flex: 1; }
.plain .status { border: 1px solid #888; border-radius: 999px; padding: 0 8px; font-size: 12px; }
.plain .hint { background: #f6efe3; border: 1px solid #d8b57a; border-radius: 8px; padding: 8px; }
.plain .field { display: grid; gap: 4px; margin-top: 8px; }
.plain input, .plain select { font: inherit; padding: 6px 8px; border: 1px solid #c9ced6; border-radius: 6px; }
.plain .footer { display: flex; justify-content: flex-end; margin-top: 8px; }
.plain button { font: inherit; padding: 6px 12px; border-radius: 6px; border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff; }
`;

/** The baseline: ms from before building to the same markup in the document and painted. */
export async function timePlainMount({ manifestsText, configText, container = document.body }) {
  const t0 = performance.now();
  renderPlainCards(manifestsText, configText, container);
  await afterNextPaint();
  return performance.now() - t0;
}

/** Tracks timers and event listeners the page creates, for the leak benchmark. */
export function installTrackers() {
  if (window.__cwTrack) return window.__cwTrack;
  const track = { timers: new Set(), listeners: new Map() };
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window;
  window.setTimeout = function (fn, ms, ...args) {
    let id;
    const wrapped = typeof fn === 'function' ? (...a) => (track.timers.delete(id), fn(...a)) : fn;
    id = st.call(window, wrapped, ms, ...args);
    track.timers.add(id);
    return id;
  };
  window.clearTimeout = function (id) {
    track.timers.delete(id);
    return ct.call(window, id);
  };
  window.setInterval = function (fn, ms, ...args) {
    const id = si.call(window, fn, ms, ...args);
    track.timers.add(id);
    return id;
  };
  window.clearInterval = function (id) {
    track.timers.delete(id);
    return ci.call(window, id);
  };
  // Listeners on long-lived targets (window, document, body): the ones that would keep a removed
  // element alive. Counted as live (type, listener, capture) registrations.
  const watched = new Map([
    [window, 'window'],
    [document, 'document'],
    [document.documentElement, 'html'],
    [document.body, 'body'],
  ]);
  const key = (target, type, options) => `${watched.get(target)}|${type}|${typeof options === 'boolean' ? options : Boolean(options?.capture)}`;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    if (watched.has(this) && fn) {
      const k = key(this, type, options);
      const set = track.listeners.get(k) ?? new Set();
      set.add(fn);
      track.listeners.set(k, set);
    }
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    if (watched.has(this) && fn) track.listeners.get(key(this, type, options))?.delete(fn);
    return remove.call(this, type, fn, options);
  };
  track.listenerCount = () => [...track.listeners.values()].reduce((n, s) => n + s.size, 0);
  track.listenerSummary = () => Object.fromEntries([...track.listeners].filter(([, s]) => s.size).map(([k, s]) => [k, s.size]));
  window.__cwTrack = track;
  return track;
}
