/**
 * MockBackend.connect for CrossWatch: writes what each provider's config block holds once it is
 * connected (tokens, account, server), for one profile, so tests and the demo start connected.
 */
import type { JsonObject } from './config.js';
import { NUVIO_PROFILES } from './devices/nuvio.js';
import { alias } from './backend-api.js';
import { type CrossWatchState, randomHex } from './state.js';

const ACCOUNT_DEFAULT = 'mockuser';

export function connect(s: CrossWatchState, provider: string, account: string = ACCOUNT_DEFAULT, instance: string = 'default'): void {
  const prov = alias(provider);
  const b = s.writable(prov, instance);
  const epoch = s.epoch();
  const token = (p: string) => `${p}-${randomHex(32)}`;
  const seeds: Record<string, JsonObject> = {
    plex: { account_token: token('plex'), username: account, account_id: '12345678' },
    trakt: { access_token: token('trakt'), refresh_token: token('trakt-r'), expires_at: epoch + 86_400 },
    simkl: { access_token: token('simkl'), auth_method: 'pin' },
    anilist: { access_token: token('anilist'), user: { id: 424242, name: account } },
    tmdb_sync: { api_key: randomHex(32), session_id: randomHex(40), account_id: '8675309' },
    tmdb: { api_key: randomHex(32) },
    mdblist: { access_token: token('mdb'), refresh_token: token('mdb-r'), expires_at: epoch + 86_400, auth_method: 'device_code', username: account },
    publicmetadb: { api_key: `pm-${randomHex(24)}` },
    punchplay: { access_token: token('pp'), refresh_token: token('pp-r'), expires_at: epoch + 86_400, username: account, user_id: '4711' },
    bingebase: { access_token: token('bb'), webhook_url: `https://bingebase.com/webhooks/kodi/${randomHex(16)}`, username: account, user_id: '99' },
    floppy: { server_url: 'http://floppy.lan:8000', api_token: token('floppy') },
    scrob: { server_url: 'http://scrob.lan:7330', api_key: token('scrob'), username: account, password: 'secret', access_token: token('scrob-s') },
    nuvio: { access_token: token('nuvio'), refresh_token: token('nuvio-r'), expires_at: epoch + 3600, profile_id: NUVIO_PROFILES[0]!.profile_id, profile_name: NUVIO_PROFILES[0]!.name },
    kodi: { server: 'http://kodi.lan:8080', username: '', auth_method: 'none', kodi_version: '21.1', jsonrpc_version: '13.5.0', connection_verified: true },
    stremio: { auth_key: token('stremio') },
    jellyfin: { server: 'http://jellyfin.lan:8096', access_token: token('jf'), user_id: randomHex(32), username: account, user: account, server_version: '10.10.3', auth_method: 'password' },
    emby: { server: 'http://emby.lan:8096', access_token: token('emby'), user_id: randomHex(32), username: account, user: account },
    tautulli: { server_url: 'http://tautulli.lan:8181', api_key: randomHex(32) },
    crosswatch: { connected: true },
  };
  Object.assign(b, seeds[prov] ?? { access_token: token(prov) });
}
