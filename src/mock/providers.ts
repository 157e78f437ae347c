/**
 * The providers the mock serves, one per flow and hard case (issue 2 §3), and what each needs:
 * manifest (built per request, because URLs point at the calling origin), device-code shape,
 * token lifetime, which config paths hold its connection.
 */
import type { WireField, WireManifest } from '../api-client/wire.js';

export type ProviderKind = 'device' | 'oauth' | 'credentials' | 'crosswatch_login';

export interface DeviceSpec {
  /** Characters in the user code (without the dash). */
  codeLength: number;
  /** Insert a dash after this many characters (`ABCD-EFGH`). */
  dashAt?: number;
  expiresIn: number;
  interval: number;
  /** Also serves the seed's `POST /api/<id>/pin/new` (server-side waiter). */
  pinNew: boolean;
}

export interface ProviderDef {
  /** Lower-case id used in routes. */
  id: string;
  name: string;
  label: string;
  kind: ProviderKind;
  /** The provider's app keys (client id + secret) must be saved before connecting. */
  requiresClientKeys: boolean;
  device?: DeviceSpec;
  /** Seconds an access token lives; undefined = does not expire. */
  tokenLifetimeS?: number;
  refresh: boolean;
  /** Config paths whose non-empty value means "connected" (first match wins). */
  connectedPaths: string[];
  /** Config paths a disconnect removes. */
  tokenPaths: string[];
  /** Account name the person-facing pages suggest. */
  defaultAccount: string;
  manifest(origin: string): MockManifest;
}

/** CrossWatch sends `verify_url: null`; our document says string-or-absent. */
export type CrossWatchManifest = Omit<WireManifest, 'verify_url'> & { verify_url: string | null };
export type MockManifest = WireManifest | CrossWatchManifest;

const tokens = (id: string, ...more: string[]) => [
  `${id}.access_token`,
  `${id}.refresh_token`,
  `${id}.expires_at`,
  `${id}.account`,
  `auth.${id}`,
  ...more,
];

const activateUrl = (origin: string, id: string) => `${origin}/mock/activate?provider=${id}`;

const deviceRoutes = (id: string, refresh: boolean) => ({
  start: `/api/${id}/device/start`,
  poll: `/api/${id}/device/poll`,
  cancel: `/api/${id}/device/cancel`,
  status: `/api/${id}/status`,
  ...(refresh ? { refresh: `/api/${id}/refresh` } : {}),
  disconnect: `/api/${id}/disconnect`,
});

const clientKeyFields = (id: string, portal: string): WireField[] => [
  {
    key: `${id}.client_id`,
    label: 'Client ID',
    type: 'text',
    required: true,
    placeholder: 'e.g. 4f1c…',
    help: `From your app at ${portal}.`,
  },
  { key: `${id}.client_secret`, label: 'Client Secret', type: 'password', required: true },
];

export const PROVIDERS: ProviderDef[] = [
  {
    id: 'plex',
    name: 'PLEX',
    label: 'Plex',
    kind: 'device',
    requiresClientKeys: false,
    device: { codeLength: 4, expiresIn: 900, interval: 5, pinNew: true },
    refresh: false,
    connectedPaths: ['plex.access_token', 'auth.plex.access_token', 'plex.account_token'],
    tokenPaths: tokens('plex', 'plex.account_token'),
    defaultAccount: 'demo-plex',
    manifest: (origin) => ({
      name: 'PLEX',
      label: 'Plex',
      flow: 'device_code',
      fields: [],
      actions: { start: true, finish: true, refresh: false, disconnect: true },
      verify_url: activateUrl(origin, 'plex'),
      notes: 'Open the link page, enter the 4-character code and approve. No keys needed.',
      routes: deviceRoutes('plex', false),
      brand: { color: '#e5a00d' },
      help_url: 'https://support.plex.tv/articles/account-basics/',
      group: 'Media servers',
    }),
  },
  {
    id: 'jellyfin',
    name: 'JELLYFIN',
    label: 'Jellyfin',
    kind: 'credentials',
    requiresClientKeys: false,
    refresh: false,
    connectedPaths: ['jellyfin.access_token', 'auth.jellyfin.access_token'],
    tokenPaths: tokens('jellyfin', 'jellyfin.user_id', 'jellyfin.server_version'),
    defaultAccount: 'demo-jellyfin',
    manifest: () => ({
      name: 'JELLYFIN',
      label: 'Jellyfin',
      flow: 'credentials',
      fields: [
        {
          key: 'jellyfin.server',
          label: 'Server URL',
          type: 'url',
          required: true,
          placeholder: 'http://jellyfin.local:8096',
        },
        { key: 'jellyfin.username', label: 'Username', type: 'text', required: true },
        {
          key: 'jellyfin.password',
          label: 'Password',
          type: 'password',
          required: false,
          help: 'Leave empty for accounts without a password.',
        },
        {
          key: 'jellyfin.server_version',
          label: 'Server version',
          type: 'readonly',
          required: false,
          readonly: true,
          help: 'Filled in by the server after connecting.',
        },
      ],
      actions: { start: true, finish: false, refresh: false, disconnect: true },
      notes: 'Sign in with your Jellyfin username and password to obtain a user access token.',
      routes: { connect: '/api/jellyfin/connect', status: '/api/jellyfin/status', disconnect: '/api/jellyfin/disconnect' },
      brand: { color: '#00a4dc' },
      help_url: 'https://jellyfin.org/docs/general/server/users/',
      group: 'Media servers',
    }),
  },
  {
    // Declared exactly as CrossWatch v0.11.3 sends it (crosswatch-fixtures/auth-providers.json):
    // legacy flow name, no extensions. Its routes are CrossWatch's (login, status, token/delete).
    id: 'emby',
    name: 'EMBY',
    label: 'Emby',
    kind: 'crosswatch_login',
    requiresClientKeys: false,
    refresh: false,
    connectedPaths: ['emby.access_token', 'auth.emby.access_token'],
    tokenPaths: tokens('emby', 'emby.user', 'emby.user_id'),
    defaultAccount: 'demo-emby',
    manifest: () => ({
      name: 'EMBY',
      label: 'Emby',
      flow: 'token',
      fields: [
        { key: 'emby.server', label: 'Server URL', type: 'text', required: true },
        { key: 'emby.username', label: 'Username', type: 'text', required: true },
        { key: 'emby.password', label: 'Password', type: 'password', required: false },
      ],
      actions: { start: true, finish: false, refresh: false, disconnect: true },
      verify_url: null,
      notes: 'Sign in with your Emby account to obtain a user access token.',
    }),
  },
  {
    id: 'trakt',
    name: 'TRAKT',
    label: 'Trakt',
    kind: 'device',
    requiresClientKeys: true,
    device: { codeLength: 8, expiresIn: 600, interval: 5, pinNew: true },
    tokenLifetimeS: 24 * 3600,
    refresh: true,
    connectedPaths: ['trakt.access_token', 'auth.trakt.access_token'],
    tokenPaths: tokens('trakt'),
    defaultAccount: 'demo-trakt',
    manifest: (origin) => ({
      name: 'TRAKT',
      label: 'Trakt',
      flow: 'device_code',
      fields: clientKeyFields('trakt', 'trakt.tv/oauth/applications'),
      actions: { start: true, finish: true, refresh: true, disconnect: true },
      verify_url: activateUrl(origin, 'trakt'),
      notes: 'Open Trakt, enter the code, then return here. Client ID/Secret are required.',
      routes: deviceRoutes('trakt', true),
      brand: { color: '#ed1c24' },
      help_url: 'https://trakt.tv/oauth/applications',
      // Trakt device apps register the out-of-band redirect URI.
      redirect_url: 'urn:ietf:wg:oauth:2.0:oob',
      group: 'Trackers',
    }),
  },
  {
    id: 'simkl',
    name: 'SIMKL',
    label: 'SIMKL',
    kind: 'oauth',
    requiresClientKeys: true,
    refresh: false,
    connectedPaths: ['simkl.access_token', 'auth.simkl.access_token'],
    tokenPaths: tokens('simkl'),
    defaultAccount: 'demo-simkl',
    manifest: (origin) => ({
      name: 'SIMKL',
      label: 'SIMKL',
      flow: 'oauth',
      fields: clientKeyFields('simkl', 'simkl.com/settings/developer'),
      actions: { start: true, finish: false, refresh: false, disconnect: true },
      notes: "Authorize with SIMKL; you'll be redirected back to the app. Register the redirect URL in your SIMKL app first.",
      routes: { authorize: '/api/simkl/authorize', status: '/api/simkl/status', disconnect: '/api/simkl/disconnect' },
      brand: { color: '#00b8f5' },
      help_url: 'https://simkl.com/settings/developer/',
      redirect_url: `${origin}/api/simkl/callback`,
      group: 'Trackers',
    }),
  },
  {
    id: 'mdblist',
    name: 'MDBLIST',
    label: 'MDBList',
    kind: 'device',
    requiresClientKeys: false,
    device: { codeLength: 8, dashAt: 4, expiresIn: 600, interval: 5, pinNew: false },
    tokenLifetimeS: 3600,
    refresh: true,
    connectedPaths: ['mdblist.access_token', 'auth.mdblist.access_token', 'mdblist.api_key'],
    tokenPaths: tokens('mdblist', 'mdblist.api_key'),
    defaultAccount: 'demo-mdblist',
    manifest: (origin) => ({
      name: 'MDBLIST',
      label: 'MDBList',
      flow: 'device_code',
      fields: [
        {
          key: 'mdblist.api_key',
          label: 'API key (legacy)',
          type: 'password',
          required: false,
          placeholder: '********',
          help: 'Only for the old API-key method; the device code is recommended.',
        },
      ],
      actions: { start: true, finish: true, refresh: true, disconnect: true },
      verify_url: activateUrl(origin, 'mdblist'),
      notes: 'Device Code is preferred. API key remains available as a legacy option.',
      routes: deviceRoutes('mdblist', true),
      brand: { color: '#2d74da' },
      help_url: 'https://mdblist.com/preferences/',
      group: 'Trackers',
    }),
  },
  {
    id: 'tautulli',
    name: 'TAUTULLI',
    label: 'Tautulli',
    kind: 'credentials',
    requiresClientKeys: false,
    refresh: false,
    // Connected = an API key is stored; the status route then checks it like a live probe.
    connectedPaths: ['tautulli.api_key'],
    // The API key is the credential: disconnect forgets it (the server URL stays).
    tokenPaths: tokens('tautulli', 'tautulli.api_key', 'tautulli.server_name'),
    defaultAccount: 'demo-tautulli',
    manifest: () => ({
      name: 'TAUTULLI',
      label: 'Tautulli',
      flow: 'credentials',
      fields: [
        {
          key: 'tautulli.server_url',
          label: 'Server URL',
          type: 'url',
          required: true,
          placeholder: 'http://localhost:8181',
        },
        {
          key: 'tautulli.api_key',
          label: 'API Key',
          type: 'password',
          required: true,
          placeholder: '********',
          help: '32 characters, in Tautulli › Settings › Web Interface › API.',
        },
        { key: 'tautulli.verify_ssl', label: 'Verify SSL', type: 'bool', required: false, default: true },
        {
          key: 'tautulli.history.user_id',
          label: 'History User ID (optional)',
          type: 'text',
          required: false,
          placeholder: '1',
        },
        {
          key: 'tautulli.history.media_type',
          label: 'Import history of',
          type: 'select',
          required: false,
          default: 'all',
          options: [
            { value: 'all', label: 'Movies and episodes' },
            { value: 'movie', label: 'Movies only' },
            { value: 'episode', label: 'Episodes only' },
          ],
        },
        {
          key: 'tautulli.history.days',
          label: 'Days of history',
          type: 'number',
          required: false,
          default: 30,
          help: 'How far back to import (1–3650).',
        },
      ],
      actions: { start: false, finish: true, refresh: false, disconnect: true },
      notes: 'API key is in Tautulli > Settings > Web Interface > API.',
      routes: { connect: '/api/tautulli/connect', status: '/api/tautulli/status', disconnect: '/api/tautulli/disconnect' },
      brand: { color: '#f59e0b' },
      help_url: 'https://github.com/Tautulli/Tautulli/wiki',
      group: 'Others',
    }),
  },
];

export const PROVIDER_BY_ID = new Map(PROVIDERS.map((p) => [p.id, p]));

export function findProvider(id: string | undefined): ProviderDef | undefined {
  return id ? PROVIDER_BY_ID.get(id.toLowerCase()) : undefined;
}

/** Dotted keys of every `password` field: secret by declaration. */
export const PASSWORD_FIELD_PATHS: ReadonlySet<string> = new Set(
  PROVIDERS.flatMap((p) => p.manifest('http://x').fields.filter((f) => f.type === 'password').map((f) => f.key)),
);
