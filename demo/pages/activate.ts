/**
 * Stand-in for the mock's /mock/activate page: the person types (or finds prefilled) the code,
 * picks Approve or Deny, and the decision goes to the demo tab's backend through the bridge.
 */
import { askDemo } from '../bridge.js';
import { NO_DEMO, byId, decisionOf, finish, setBusy, setUpPage, showMessage } from './page-kit.js';

setUpPage();

const params = new URLSearchParams(location.search);
const provider = params.get('provider')?.toLowerCase() || undefined;
const form = byId<HTMLFormElement>('decision');
const code = byId<HTMLInputElement>('code');
const account = byId<HTMLInputElement>('account');
const codeError = byId('code-error');
let label = provider ? provider.charAt(0).toUpperCase() + provider.slice(1) : 'your account';

code.value = params.get('code') ?? '';
account.value = 'demo-user';
showTitle();

function showTitle(): void {
  byId('title').textContent = `Link ${label}`;
  byId('provider-badge').textContent = provider ? `${label} · device sign-in` : 'Device sign-in';
  document.title = `Link ${label} · demo`;
}

// Ask the demo tab for the provider's name and a suggested account (also: is it listening?).
void askDemo({ kind: 'hello' }).then((reply) => {
  if (!reply) {
    showMessage(NO_DEMO, 'error');
    return;
  }
  const known = provider ? reply.providers?.[provider] : undefined;
  if (known) {
    label = known.label;
    if (account.value === 'demo-user') account.value = known.account;
    showTitle();
  }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const decision = decisionOf(event);
  if (!code.value.trim()) {
    codeError.textContent = 'Enter the code shown in the app.';
    code.setAttribute('aria-invalid', 'true');
    code.focus();
    return;
  }
  codeError.textContent = '';
  code.removeAttribute('aria-invalid');
  setBusy(form, true);
  const reply = await askDemo({
    kind: 'device',
    ...(provider ? { provider } : {}),
    code: code.value,
    account: account.value,
    decision: decision === 'deny' ? 'deny' : 'approve',
  });
  setBusy(form, false);
  if (!reply) return showMessage(NO_DEMO, 'error');
  if (!reply.ok) {
    showMessage(reply.message, 'error');
    code.focus();
    return;
  }
  finish(form, reply, decision === 'deny' ? `${label}: access denied` : `${label} approved`);
});
