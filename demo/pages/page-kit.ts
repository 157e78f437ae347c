/** What the demo's activation and consent pages share: theme, messages, the decision button, closing. */
import { installThemeCss, storedTheme } from '../theme-css.js';
import type { BridgeReply } from '../bridge.js';

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing`);
  return node as T;
}

/** Same look as the demo tab (the person's theme choice is shared through localStorage). */
export function setUpPage(): void {
  installThemeCss();
  document.documentElement.dataset['theme'] = storedTheme();
}

export type MessageKind = 'ok' | 'error' | 'info';

export function showMessage(text: string, kind: MessageKind, detail?: string): void {
  const box = byId('message');
  box.className = `msg msg--${kind}`;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const lead = document.createElement('p');
  lead.textContent = text;
  box.replaceChildren(lead);
  if (detail) {
    const more = document.createElement('p');
    more.className = 'msg-detail';
    more.textContent = detail;
    box.append(more);
  }
  box.hidden = false;
}

/** Which submit button was pressed ('approve' / 'deny' / 'allow'). */
export function decisionOf(event: SubmitEvent): string {
  const submitter = event.submitter as HTMLButtonElement | null;
  return submitter?.value ?? '';
}

export function setBusy(form: HTMLFormElement, busy: boolean): void {
  for (const control of form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')) control.disabled = busy;
  form.setAttribute('aria-busy', String(busy));
}

export const NO_DEMO =
  'The demo tab did not answer. Keep the demo page (npm run demo) open in this browser, start the flow there again, and use the page it opens.';

/** The decision went through: say so, then close the popup (a tab opened by hand stays open). */
export function finish(form: HTMLFormElement, reply: BridgeReply, title: string): void {
  form.hidden = true;
  byId('title').textContent = title;
  showMessage(reply.message, 'ok', 'Done, you can close this window.');
  setTimeout(() => window.close(), 1500);
}
