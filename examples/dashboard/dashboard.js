// The dashboard's own script: loads the elements from the package's ES modules and turns their
// events into the dashboard's toasts, activity list and header counter. Event details carry
// provider names, config key names and messages, never secrets, so they are safe to show or log.
import { VERSION } from '../../dist/lib/index.js';
import '../../dist/lib/define.js'; // registers <cw-auth-providers> and friends

const connections = document.getElementById('connections');

// ?api=http://host:port points the cards at another backend; ?api=same-origin at this server
// (`node examples/serve.mjs --mock contract`).
const api = new URLSearchParams(location.search).get('api');
if (api) connections.setAttribute('base-url', api === 'same-origin' ? '' : api);

// ---------------------------------------------------------------- theme toggle

const toggle = document.getElementById('theme-toggle');
const prefersDark = matchMedia('(prefers-color-scheme: dark)');
let dark = prefersDark.matches;
function applyTheme() {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  // The dashboard maps its own tokens to --cw-* (dashboard.css); `theme` additionally picks the
  // elements' built-in palette for anything the dashboard does not set.
  connections.setAttribute('theme', dark ? 'dark' : 'light');
  // The text says the state (no aria-pressed as well: a label that changes with a pressed state
  // would be announced twice).
  toggle.textContent = dark ? 'Dark mode: on' : 'Dark mode: off';
}
toggle.addEventListener('click', () => {
  dark = !dark;
  applyTheme();
});
prefersDark.addEventListener('change', (event) => {
  dark = event.matches;
  applyTheme();
});
applyTheme();

// ---------------------------------------------------------------- toasts and activity

const toasts = document.getElementById('toasts');
const activity = document.getElementById('activity');
const activityEmpty = document.getElementById('activity-empty');

function toast(text, kind = 'info') {
  const item = document.createElement('div');
  item.className = `toast toast--${kind}`;
  item.textContent = text; // textContent: event text is data, never markup
  toasts.append(item);
  setTimeout(() => item.remove(), 4000);
}

function log(text, kind = 'info') {
  const item = document.createElement('li');
  item.className = `activity-item activity-item--${kind}`;
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const body = document.createElement('span');
  body.textContent = text;
  item.append(time, body);
  activity.prepend(item);
  activityEmpty.hidden = true;
}

const connected = new Set();
const counter = document.getElementById('connected-count');
function updateCounter() {
  counter.textContent = `${connected.size} connected`;
}

/**
 * The provider's display name as its card shows it (the manifest's `label`: "SIMKL", not
 * "Simkl"): the event comes from inside a <cw-provider-card>, whose `manifest` it reads.
 */
function label(event) {
  const card = event.composedPath().find((node) => node.localName === 'cw-provider-card');
  const fromManifest = card?.manifest?.label;
  return typeof fromManifest === 'string' && fromManifest ? fromManifest : event.detail.provider;
}

// Every cw-* event bubbles and is composed: one listener on the container sees them all.
connections.addEventListener('cw-providers-loaded', (event) => {
  const { providers, invalid } = event.detail;
  log(`${providers.length} services available${invalid ? `, ${invalid} could not be shown` : ''} (cw-auth-elements ${VERSION})`);
});
connections.addEventListener('cw-config-saved', (event) => {
  const { provider, keys } = event.detail;
  toast(`${label(event)} settings saved`, 'success');
  log(`${label(event)}: saved ${keys.join(', ')}`, 'success');
});
connections.addEventListener('cw-save-error', (event) => {
  toast(`${label(event)}: ${event.detail.message}`, 'error');
  log(`${label(event)}: save failed (${event.detail.code})`, 'error');
});
connections.addEventListener('cw-flow-start', (event) => {
  log(`${label(event)}: ${event.detail.flow.replace('_', ' ')} started`);
});
connections.addEventListener('cw-connected', (event) => {
  const { provider, account } = event.detail;
  connected.add(provider);
  updateCounter();
  toast(`${label(event)} connected${account ? ` as ${account}` : ''}`, 'success');
  log(`${label(event)}: connected${account ? ` as ${account}` : ''}`, 'success');
});
connections.addEventListener('cw-disconnected', (event) => {
  connected.delete(event.detail.provider);
  updateCounter();
  toast(`${label(event)} disconnected`);
  log(`${label(event)}: disconnected`);
});
connections.addEventListener('cw-flow-error', (event) => {
  const { provider, message, code } = event.detail;
  toast(`${label(event)}: ${message}`, 'error');
  log(`${label(event)}: ${code}`, 'error');
});
