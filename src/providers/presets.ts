/**
 * What we know about providers that their manifests do not say: brand colour, where to get help
 * or app keys, where users enter a device code, which group CrossWatch files them under, and the
 * redirect URL their developer apps must be registered with.
 *
 * Covers CrossWatch's 18 providers (v0.11.3; tones from its provider-meta.js, help pages from its
 * help-links.js) and the providers of our bundled mock, which use the same names.
 */
import { OOB_REDIRECT } from './urls.js';

/** CrossWatch's card groups, in its order. Providers it does not list fall into Others. (Names as CrossWatch and our mock send them.) */
export const PROVIDER_GROUPS = ['Media servers', 'Trackers', 'Media clients', 'Others'] as const;
export type ProviderGroup = (typeof PROVIDER_GROUPS)[number];

export interface ProviderPreset {
  /** Accent colour (CSS colour). */
  brandColor: string;
  /** Documentation page for this connection. */
  docsUrl: string;
  /** Developer portal where users create the app keys this provider needs, if any. */
  developerUrl?: string;
  /** Where users enter a device code when the start call does not say. */
  verifyUrl?: string;
  group: ProviderGroup;
  /**
   * Redirect URL to register at the provider: `{origin}` is replaced by the page origin
   * (CrossWatch builds redirect_uri from the origin the browser sends).
   */
  redirect?: string;
  /**
   * The flow CrossWatch's UI really uses when it differs from its manifest's `flow`
   * (SIMKL's manifest says `oauth`, its UI is PIN-first). Applied only to manifests without
   * `routes`, i.e. CrossWatch's own.
   */
  realFlow?: 'device_code';
  /** Flows that work without the manifest's required fields (SIMKL's PIN uses a baked app id). */
  keylessFlows?: Array<'device_code' | 'oauth'>;
}

const WIKI = 'https://wiki.crosswatch.app/crosswatch/settings/connections/';

export const PRESETS: Readonly<Record<string, ProviderPreset>> = {
  plex: { brandColor: '#e5a000', docsUrl: `${WIKI}media-servers/plex`, verifyUrl: 'https://plex.tv/link', group: 'Media servers' },
  jellyfin: { brandColor: '#7b61ff', docsUrl: `${WIKI}media-servers/jellyfin`, group: 'Media servers' },
  emby: { brandColor: '#3bb273', docsUrl: `${WIKI}media-servers/emby`, group: 'Media servers' },
  crosswatch: { brandColor: '#7c5cff', docsUrl: `${WIKI}trackers/crosswatch`, group: 'Trackers' },
  trakt: {
    brandColor: '#ed1c24',
    docsUrl: `${WIKI}trackers/trakt`,
    developerUrl: 'https://trakt.tv/oauth/applications',
    verifyUrl: 'https://trakt.tv/activate',
    group: 'Trackers',
    redirect: OOB_REDIRECT,
  },
  simkl: {
    brandColor: '#00b8f5',
    docsUrl: `${WIKI}trackers/simkl`,
    developerUrl: 'https://simkl.com/settings/developer/',
    verifyUrl: 'https://simkl.com/pin',
    group: 'Trackers',
    redirect: '{origin}/callback',
    realFlow: 'device_code',
    keylessFlows: ['device_code'],
  },
  tmdb: {
    brandColor: '#01b4e4',
    docsUrl: `${WIKI}trackers/tmdb`,
    developerUrl: 'https://www.themoviedb.org/settings/api',
    group: 'Trackers',
  },
  mdblist: {
    brandColor: '#2d74da',
    docsUrl: `${WIKI}trackers/mdblist`,
    developerUrl: 'https://mdblist.com/preferences/',
    verifyUrl: 'https://mdblist.com/oauth/device/',
    group: 'Trackers',
    keylessFlows: ['device_code'],
  },
  publicmetadb: { brandColor: '#f5f5f5', docsUrl: `${WIKI}trackers/publicmetadb`, group: 'Trackers' },
  anilist: {
    brandColor: '#02a9ff',
    docsUrl: `${WIKI}trackers/anilist`,
    developerUrl: 'https://anilist.co/settings/developer',
    group: 'Trackers',
    redirect: '{origin}/callback/anilist',
  },
  punchplay: { brandColor: '#f4400f', docsUrl: `${WIKI}trackers/punchplay`, verifyUrl: 'https://punchplay.tv/link', group: 'Trackers' },
  bingebase: { brandColor: '#ff8533', docsUrl: `${WIKI}trackers/bingebase`, verifyUrl: 'https://bingebase.com/activate', group: 'Trackers' },
  floppy: { brandColor: '#f5651e', docsUrl: `${WIKI}trackers/floppy`, group: 'Trackers' },
  scrob: { brandColor: '#6f36cc', docsUrl: `${WIKI}trackers/scrob`, group: 'Trackers' },
  nuvio: { brandColor: '#b048f0', docsUrl: `${WIKI}media-clients/nuvio`, verifyUrl: 'https://nuvio.tv', group: 'Media clients' },
  kodi: { brandColor: '#17b5d1', docsUrl: `${WIKI}media-clients/kodi`, group: 'Media clients' },
  stremio: { brandColor: '#722cfe', docsUrl: `${WIKI}media-clients/stremio`, group: 'Media clients' },
  tautulli: { brandColor: '#f59e0b', docsUrl: `${WIKI}others/tautulli`, group: 'Others' },
};

/** The preset for a provider id (`trakt`) or name (`TRAKT`). */
export function getPreset(idOrName: string, presets: Readonly<Record<string, ProviderPreset>> = PRESETS): ProviderPreset | undefined {
  const key = idOrName.toLowerCase();
  return Object.prototype.hasOwnProperty.call(presets, key) ? presets[key] : undefined;
}
