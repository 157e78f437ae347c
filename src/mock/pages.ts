/**
 * The person-facing pages of the mock: device activation, OAuth consent, OAuth callback and an
 * index. Server-generated HTML; every interpolated value goes through escapeHtml (or scriptJson
 * inside the callback's script).
 */
import { escapeHtml as e, html, randomHex, scriptJson } from './util.js';

const STYLE = `
  :root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
  body { margin: 0; display: grid; place-items: center; min-height: 100vh; background: Canvas; color: CanvasText; }
  main { width: min(28rem, 92vw); padding: 2rem; border: 1px solid color-mix(in srgb, CanvasText 20%, transparent); border-radius: 12px; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  .tag { font-size: .8rem; opacity: .7; margin: 0 0 1.25rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input { box-sizing: border-box; width: 100%; padding: .6rem .7rem; font: inherit; border-radius: 8px; border: 1px solid GrayText; }
  input.code { font: 600 1.5rem/1.2 ui-monospace, monospace; letter-spacing: .2em; text-transform: uppercase; }
  .buttons { display: flex; gap: .75rem; margin-top: 1.5rem; }
  button { flex: 1; padding: .7rem 1rem; font: inherit; font-weight: 600; border-radius: 8px; border: 1px solid GrayText; cursor: pointer; }
  button[value=approve], button[value=allow] { background: #1f7a3a; color: #fff; border-color: #1f7a3a; }
  .msg { padding: .75rem 1rem; border-radius: 8px; margin: 1rem 0; }
  .msg.error { background: color-mix(in srgb, #d33 18%, Canvas); }
  .msg.ok { background: color-mix(in srgb, #2a2 18%, Canvas); }
  .msg.info { background: color-mix(in srgb, #39f 15%, Canvas); }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .25rem 1rem; font-size: .9rem; }
  dt { opacity: .7; } dd { margin: 0; overflow-wrap: anywhere; }
  code { overflow-wrap: anywhere; }
`;

const BASE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'";

function page(title: string, body: string, status = 200, script?: string): Response {
  const nonce = script ? randomHex(24) : '';
  const scriptTag = script ? `<script nonce="${nonce}">${script}</script>` : '';
  const csp = script ? `${BASE_CSP}; script-src 'nonce-${nonce}'` : BASE_CSP;
  return html(
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
${scriptTag}
</body>
</html>`,
    status,
    { 'content-security-policy': csp },
  );
}

const TAG = '<p class="tag">cw-auth-elements mock backend: no real account is involved.</p>';

export type MessageKind = 'error' | 'ok' | 'info';
const message = (text: string | undefined, kind: MessageKind) =>
  text ? `<p class="msg ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${e(text)}</p>` : '';

export interface ActivationPageInput {
  providerId?: string;
  providerLabel?: string;
  code?: string;
  account: string;
  message?: string;
  kind?: MessageKind;
  status?: number;
}

/** GET /mock/activate: where a person types the device code and approves or denies. */
export function activationPage(input: ActivationPageInput): Response {
  const who = input.providerLabel ?? 'your account';
  return page(
    `Link ${who}`,
    `<h1>Link ${e(who)}</h1>
${TAG}
${message(input.message, input.kind ?? 'info')}
<form method="post" action="activate">
  ${input.providerId ? `<input type="hidden" name="provider" value="${e(input.providerId)}">` : ''}
  <label for="code">Code shown in the app</label>
  <input id="code" name="code" class="code" required autocomplete="off" autocapitalize="characters" spellcheck="false" value="${e(input.code ?? '')}">
  <label for="account">Sign in as</label>
  <input id="account" name="account" autocomplete="off" value="${e(input.account)}">
  <div class="buttons">
    <button type="submit" name="decision" value="approve">Approve</button>
    <button type="submit" name="decision" value="deny">Deny</button>
  </div>
</form>`,
    input.status ?? 200,
  );
}

/** The page after Approve/Deny (or an error that cannot be fixed by retyping). */
export function resultPage(title: string, text: string, kind: MessageKind, status = 200, extra = ''): Response {
  return page(title, `<h1>${e(title)}</h1>\n${TAG}\n${message(text, kind)}\n${extra}`, status);
}

export interface ConsentPageInput {
  providerLabel: string;
  clientId: string;
  scope: string;
  redirectUri: string;
  state: string;
  account: string;
}

/** GET /mock/oauth/authorize: the provider's consent screen. */
export function consentPage(input: ConsentPageInput): Response {
  return page(
    `Authorize access to ${input.providerLabel}`,
    `<h1>Authorize access to ${e(input.providerLabel)}</h1>
${TAG}
<p>An application wants to read and update your ${e(input.providerLabel)} account.</p>
<dl>
  <dt>Client ID</dt><dd><code>${e(input.clientId)}</code></dd>
  <dt>Scope</dt><dd>${e(input.scope)}</dd>
  <dt>Returns to</dt><dd><code>${e(input.redirectUri)}</code></dd>
</dl>
<form method="post" action="authorize">
  <input type="hidden" name="state" value="${e(input.state)}">
  <label for="account">Sign in as</label>
  <input id="account" name="account" autocomplete="off" value="${e(input.account)}">
  <div class="buttons">
    <button type="submit" name="decision" value="allow">Allow</button>
    <button type="submit" name="decision" value="deny">Deny</button>
  </div>
</form>`,
  );
}

export interface CallbackPageInput {
  providerLabel: string;
  title: string;
  text: string;
  kind: MessageKind;
  status?: number;
  /** Posted to window.opener with exactly `targetOrigin`, then the window closes itself. */
  post?: { data: Record<string, unknown>; targetOrigin: string };
}

/** The backend's OAuth callback page (the end of the popup's journey). */
export function callbackPage(input: CallbackPageInput): Response {
  const script = input.post
    ? `(function () {
  var data = ${scriptJson(input.post.data)};
  var target = ${scriptJson(input.post.targetOrigin)};
  try { if (window.opener) window.opener.postMessage(data, target); } catch (err) { /* opener gone or cross-origin */ }
  setTimeout(function () { window.close(); }, 100);
})();`
    : undefined;
  return page(
    input.title,
    `<h1>${e(input.title)}</h1>\n${TAG}\n${message(input.text, input.kind)}\n<p>You can close this window.</p>`,
    input.status ?? 200,
    script,
  );
}

/** GET /mock: links for a person exploring the mock server. */
export function indexPage(origin: string, providers: Array<{ id: string; label: string; device: boolean }>): Response {
  const activations = providers
    .filter((p) => p.device)
    .map((p) => `<li><a href="/mock/activate?provider=${e(p.id)}">Activate ${e(p.label)}</a></li>`)
    .join('\n');
  return page(
    'Mock backend',
    `<h1>cw-auth-elements mock backend</h1>
${TAG}
<p>Base URL: <code>${e(origin)}</code></p>
<ul>
  <li><a href="/api/auth/providers">GET /api/auth/providers</a></li>
  <li><a href="/api/config">GET /api/config</a></li>
  <li><a href="/mock/control/state">GET /mock/control/state</a></li>
  ${activations}
</ul>
<p>See docs/mock.md for the control routes and fault injection.</p>`,
  );
}
