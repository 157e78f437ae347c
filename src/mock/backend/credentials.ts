/**
 * Sign-in with credentials: Jellyfin and Tautulli on our contract's `connect` route, Emby on
 * CrossWatch's own `login` and `status` routes and shapes. Failures are reached through the
 * server URL and the secrets typed (docs/mock.md, "Credentials"); tokens are kept, passwords not.
 */
import { HttpResponse } from 'msw';
import type { WireConnectResult } from '../../api-client/wire.js';
import { deletePath, writePath } from '../config.js';
import { findProvider } from '../providers.js';
import { fail, isHttpUrl, ok, randomHex, type JsonObject } from '../util.js';
import { secretOrStored, textOrStored } from './config-store.js';
import type { BackendCore } from './core.js';

/** A server URL with the word `old` (`http://old.jf`, `http://jf-old:8096`) runs a version too old. */
export const isOldServer = (url: string) => /(^|[^a-z])old([^a-z]|$)/i.test(url);
/** A server URL containing `unreachable` never answers. */
export const isUnreachable = (url: string) => /unreachable/i.test(url);

export function connectJellyfin(core: BackendCore, body: JsonObject): Response {
  const server = textOrStored(core.config, body.server, 'jellyfin.server');
  const username = textOrStored(core.config, body.username, 'jellyfin.username');
  const password = secretOrStored(core.config, body.password, 'jellyfin.password');
  if (!server) return fail(400, 'invalid_request', 'Enter the Jellyfin server URL.', { field: 'server' });
  if (!isHttpUrl(server)) {
    return fail(422, 'invalid_url', 'The server URL must start with http:// or https://, e.g. http://jellyfin.local:8096.', {
      field: 'server',
    });
  }
  if (!username) return fail(400, 'invalid_request', 'Enter your Jellyfin username.', { field: 'username' });
  if (isUnreachable(server)) {
    return fail(502, 'unreachable', `Could not reach ${server} (connection refused). Check the URL and that Jellyfin is running.`, {
      field: 'server',
    });
  }
  if (isOldServer(server)) {
    return fail(422, 'version_too_old', 'This Jellyfin server runs 10.8.13; version 10.9 or newer is required. Update it, then connect again.', {
      field: 'server',
    });
  }
  if (password === 'wrong') {
    return fail(401, 'invalid_credentials', 'Jellyfin rejected the username or password.', { field: 'password' });
  }
  const cfg = core.state.config;
  writePath(cfg, 'jellyfin.server', server);
  writePath(cfg, 'jellyfin.username', username);
  // Like CrossWatch's Emby login: keep the token, not the password.
  deletePath(cfg, 'jellyfin.password');
  writePath(cfg, 'jellyfin.user_id', randomHex(32));
  writePath(cfg, 'jellyfin.server_version', '10.10.3');
  core.issueToken(findProvider('jellyfin')!, username);
  const result: WireConnectResult = { ok: true, account: username };
  return ok(result);
}

export function connectTautulli(core: BackendCore, body: JsonObject): Response {
  const server = textOrStored(core.config, body.server_url, 'tautulli.server_url');
  const apiKey = secretOrStored(core.config, body.api_key, 'tautulli.api_key').trim();
  if (!server) return fail(400, 'invalid_request', 'Enter the Tautulli server URL.', { field: 'server_url' });
  if (!isHttpUrl(server)) {
    return fail(422, 'invalid_url', 'The server URL must start with http:// or https://, e.g. http://localhost:8181.', {
      field: 'server_url',
    });
  }
  if (!apiKey) return fail(400, 'invalid_request', 'Enter the Tautulli API key.', { field: 'api_key' });
  if (!/^[0-9a-f]{32}$/i.test(apiKey)) {
    return fail(
      400,
      'invalid_api_key',
      'That is not a Tautulli API key: it has 32 characters 0-9 and a-f. Copy it from Tautulli › Settings › Web Interface › API.',
      { field: 'api_key' },
    );
  }
  const verifySsl = typeof body.verify_ssl === 'boolean' ? body.verify_ssl : body.verify_ssl !== 'false';
  const mediaType = body.media_type ?? 'all';
  if (!['all', 'movie', 'episode'].includes(String(mediaType))) {
    return fail(400, 'invalid_request', 'Choose movies and episodes, movies only, or episodes only.', { field: 'media_type' });
  }
  const days = body.days === undefined || body.days === '' ? undefined : Number(body.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) {
    return fail(400, 'invalid_request', 'Days of history must be a whole number from 1 to 3650.', { field: 'days' });
  }
  if (isUnreachable(server)) {
    return fail(502, 'unreachable', `Could not reach Tautulli at ${server} (timed out). Check the URL and that Tautulli is running.`, {
      field: 'server_url',
    });
  }
  if (verifySsl && server.startsWith('https:') && /self-?signed/i.test(server)) {
    return fail(502, 'invalid_ssl', "The server's TLS certificate is self-signed. Install a trusted certificate or turn off Verify SSL.", {
      field: 'verify_ssl',
    });
  }
  if (isOldServer(server)) {
    return fail(422, 'version_too_old', 'This Tautulli runs v2.11.1; v2.12 or newer is required. Update it, then connect again.', {
      field: 'server_url',
    });
  }
  if (/^0{32}$/.test(apiKey)) {
    return fail(401, 'invalid_api_key', 'Tautulli rejected the API key. Copy it again from Settings › Web Interface › API.', {
      field: 'api_key',
    });
  }
  const cfg = core.state.config;
  const host = new URL(server).host;
  const account = `Tautulli (${host})`;
  writePath(cfg, 'tautulli.server_url', server);
  writePath(cfg, 'tautulli.api_key', apiKey);
  writePath(cfg, 'tautulli.verify_ssl', verifySsl);
  if (body.user_id !== undefined && body.user_id !== '') writePath(cfg, 'tautulli.history.user_id', String(body.user_id));
  writePath(cfg, 'tautulli.history.media_type', String(mediaType));
  if (days !== undefined) writePath(cfg, 'tautulli.history.days', days);
  writePath(cfg, 'tautulli.server_name', 'Mock Tautulli');
  writePath(cfg, 'tautulli.account', account);
  const result: WireConnectResult = { ok: true, account };
  return ok(result);
}

/** CrossWatch's `POST /api/emby/login`, with its shapes: 400 "Missing: …", every failure 500 "Login failed". */
export function embyLogin(core: BackendCore, body: JsonObject): Response {
  const server = textOrStored(core.config, body.server, 'emby.server');
  const username = textOrStored(core.config, body.username, 'emby.username');
  const password = secretOrStored(core.config, body.password, 'emby.password');
  if (!server || !username) return HttpResponse.json({ ok: false, error: 'Missing: server/username' }, { status: 400 });
  if (!isHttpUrl(server) || isUnreachable(server) || isOldServer(server) || password === 'wrong') {
    return HttpResponse.json({ ok: false, error: 'Login failed' }, { status: 500 });
  }
  const cfg = core.state.config;
  const userId = randomHex(32);
  writePath(cfg, 'emby.server', server);
  writePath(cfg, 'emby.username', username);
  deletePath(cfg, 'emby.password');
  writePath(cfg, 'emby.user_id', userId);
  writePath(cfg, 'emby.user', username);
  core.issueToken(findProvider('emby')!, username);
  return HttpResponse.json({ ok: true, user_id: userId, username, server });
}
