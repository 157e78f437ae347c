/** Person-facing pages of the mock (activation, OAuth consent, login). Every value is escaped. */
import { escapeHtml as e } from './http.js';

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${e(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1b1b1f}
h1{font-size:1.4rem}label{display:block;margin:.8rem 0 .3rem}
input,select{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}
.row{display:flex;gap:.6rem;margin-top:1rem}button{font:inherit;padding:.5rem 1.2rem;cursor:pointer}
.note{color:#555;font-size:.9rem}
</style></head>
<body><main>${body}</main></body></html>`;

export const DEVICE_PROVIDERS: Record<string, string> = {
  plex: 'Plex (plex.tv/link)',
  trakt: 'Trakt (trakt.tv/activate)',
  simkl: 'SIMKL (simkl.com/pin)',
  mdblist: 'MDBList',
  punchplay: 'PunchPlay',
  bingebase: 'BingeBase',
  nuvio: 'Nuvio TV login',
  jellyfin: 'Jellyfin Quick Connect',
  tmdb_sync: 'TMDb request token',
};

export function activationPage(provider: string, code: string): string {
  const options = Object.entries(DEVICE_PROVIDERS)
    .map(([id, label]) => `<option value="${e(id)}"${id === provider ? ' selected' : ''}>${e(label)}</option>`)
    .join('');
  return page(
    'Activate a device (CrossWatch mock)',
    `<h1>Activate a device</h1>
<p class="note">Mock of the provider's activation page (CrossWatch flavour). Enter the code the app shows.</p>
<form method="post" action="/mock/activate">
<label for="provider">Provider</label>
<select id="provider" name="provider"><option value="">Any</option>${options}</select>
<label for="code">Code</label>
<input id="code" name="code" value="${e(code)}" autocomplete="off" autocapitalize="characters" required>
<label for="account">Sign in as (optional)</label>
<input id="account" name="account" autocomplete="off">
<div class="row">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div></form>`,
  );
}

const REASONS: Record<string, string> = {
  unknown_code: 'No pending request has this code. Check the code, or start again in the app.',
  expired: 'This code has expired. Start again in the app to get a new one.',
  already_approved: 'This code was already approved.',
  already_denied: 'This code was already denied.',
  already_consumed: 'This code was already used.',
  already_cancelled: 'The app cancelled this request.',
};

export function activationResultPage(ok: boolean, decision: string, reason?: string): string {
  if (ok) {
    const approved = decision === 'approve';
    return page(
      approved ? 'Device approved' : 'Request denied',
      `<h1 id="result" data-result="${approved ? 'approved' : 'denied'}">${approved ? 'Device approved' : 'Request denied'}</h1>
<p>${approved ? 'You can return to the app now.' : 'The app will not get access.'}</p>`,
    );
  }
  return page(
    'Code not accepted',
    `<h1 id="result" data-result="error">Code not accepted</h1><p>${e(REASONS[reason ?? ''] ?? reason)}</p>
<p><a href="/mock/activate">Try another code</a></p>`,
  );
}

export function consentPage(p: {
  provider: string;
  clientId: string;
  redirectUri: string;
  state: string;
  scope: string;
}): string {
  const name = p.provider === 'anilist' ? 'AniList' : 'SIMKL';
  return page(
    `Authorize with ${name} (CrossWatch mock)`,
    `<h1>Allow CrossWatch to use your ${e(name)} account?</h1>
<p class="note">Mock consent page. App <code>${e(p.clientId)}</code> asks for <code>${e(p.scope)}</code>;
you will return to <code>${e(p.redirectUri)}</code>.</p>
<form method="post" action="/mock/oauth/authorize">
<input type="hidden" name="provider" value="${e(p.provider)}">
<input type="hidden" name="state" value="${e(p.state)}">
<label for="account">Sign in as (optional)</label>
<input id="account" name="account" autocomplete="off">
<div class="row">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div></form>`,
  );
}

export function errorPage(title: string, message: string, status = 400): [string, number] {
  return [page(title, `<h1>${e(title)}</h1><p>${e(message)}</p>`), status];
}

export function loginPage(next: string): string {
  return page(
    'Sign in (CrossWatch mock)',
    `<h1>Sign in to CrossWatch (mock)</h1>
<p class="note">Any password works; this sets the <code>cw_auth</code> session cookie.</p>
<form method="post" action="/mock/login">
<input type="hidden" name="next" value="${e(next)}">
<label for="username">Username</label><input id="username" name="username" value="admin" autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<div class="row"><button type="submit">Sign in</button></div></form>`,
  );
}

/** `/api/auth/providers/html`: CrossWatch serves server-rendered settings HTML; the mock a placeholder. */
export function providersHtml(names: string[]): string {
  const groups: [string, string, string[]][] = [
    ['sec-auth-media', 'Media servers', ['PLEX', 'JELLYFIN', 'EMBY']],
    ['sec-auth-trackers', 'Trackers', ['CROSSWATCH', 'TRAKT', 'SIMKL', 'TMDB', 'MDBLIST', 'PUBLICMETADB', 'ANILIST', 'PUNCHPLAY', 'BINGEBASE', 'FLOPPY', 'SCROB']],
    ['sec-auth-clients', 'Media clients', ['NUVIO', 'KODI', 'STREMIO']],
    ['sec-auth-others', 'Others', []],
  ];
  const grouped = new Set(groups.flatMap((g) => g[2]));
  groups[3]![2] = names.filter((n) => !grouped.has(n));
  return groups
    .map(
      ([id, title, members]) =>
        `<div class="section open" id="${e(id)}"><div class="head">${e(title)}</div>` +
        `<form class="cw-password-form-scope" autocomplete="off">` +
        members.map((n) => `<div id="sec-${e(n.toLowerCase())}"><p>${e(n)}: mock placeholder (no custom UI)</p></div>`).join('') +
        `</form></div>`,
    )
    .join('\n');
}
