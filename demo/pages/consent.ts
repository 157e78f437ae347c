/**
 * Stand-in for the mock's OAuth consent page and callback: Allow or Deny goes to the demo tab's
 * backend through the bridge; then, like the real callback page, it posts the result (with the
 * flow's nonce) to the window that opened it, and closes.
 */
import { askDemo } from '../bridge.js';
import { NO_DEMO, byId, decisionOf, finish, setBusy, setUpPage, showMessage } from './page-kit.js';

setUpPage();

const params = new URLSearchParams(location.search);
const state = params.get('state') ?? '';
const redirectUri = params.get('redirect_uri') ?? '';
// The provider is the one whose callback the authorization returns to: /api/<id>/callback.
const provider = /\/api\/([^/]+)\/callback$/.exec(safePath(redirectUri))?.[1]?.toLowerCase() ?? '';
const form = byId<HTMLFormElement>('decision');
const account = byId<HTMLInputElement>('account');
let label = provider ? provider.toUpperCase() : 'the provider';

byId('client-id').textContent = params.get('client_id') ?? '';
byId('scope').textContent = params.get('scope') ?? '';
byId('redirect-uri').textContent = redirectUri;
account.value = 'demo-user';
showTitle();

if (!state || !provider) {
  form.hidden = true;
  showMessage('This authorization link is incomplete. Start again in the app.', 'error');
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

function showTitle(): void {
  byId('title').textContent = `Authorize access to ${label}`;
  byId('provider-badge').textContent = `${label} · OAuth consent`;
  byId('intro').textContent = `An application wants to read and update your ${label} account.`;
  document.title = `Authorize ${label} · demo`;
}

void askDemo({ kind: 'hello' }).then((reply) => {
  if (!reply) {
    showMessage(NO_DEMO, 'error');
    return;
  }
  const known = reply.providers?.[provider];
  if (known) {
    label = known.label;
    if (account.value === 'demo-user') account.value = known.account;
    showTitle();
  }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const decision = decisionOf(event) === 'allow' ? 'allow' : 'deny';
  setBusy(form, true);
  const reply = await askDemo({ kind: 'oauth', provider, state, account: account.value, decision });
  setBusy(form, false);
  if (!reply) return showMessage(NO_DEMO, 'error');
  if (!reply.ok) {
    form.hidden = true;
    showMessage(reply.message, 'error', 'This authorization is unknown, expired or already answered. Start again in the app.');
    return;
  }
  // The real callback page's accelerator: only to the exact origin given at authorize.
  if (reply.callback && window.opener) {
    try {
      (window.opener as Window).postMessage(reply.callback.data, reply.callback.targetOrigin);
    } catch {
      /* the app still learns the result from the status route */
    }
  }
  finish(form, reply, decision === 'allow' ? `${label} connected` : `${label}: access denied`);
});
