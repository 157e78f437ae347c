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
  /**
   * How long this provider's tokens live, when it is short and fixed (Nuvio's Supabase session:
   * an hour). The badge then warns in its last tenth, not for the whole of a fresh token's life.
   */
  tokenLifetimeS?: number;
}

const WIKI = 'https://wiki.crosswatch.app/crosswatch/settings/connections/';

type PresetEntry = Omit<ProviderPreset, 'docsUrl' | 'group'>;

/** Per CrossWatch group; each docs page is the wiki's `<group>/<id>` (`media-servers/plex`). */
const BY_GROUP: Record<ProviderGroup, Record<string, PresetEntry>> = {
  'Media servers': {
    plex: { brandColor: '#e5a000', verifyUrl: 'https://plex.tv/link' },
    jellyfin: { brandColor: '#7b61ff' },
    emby: { brandColor: '#3bb273' },
  },
  Trackers: {
    crosswatch: { brandColor: '#7c5cff' },
    trakt: {
      brandColor: '#ed1c24',
      developerUrl: 'https://trakt.tv/oauth/applications',
      verifyUrl: 'https://trakt.tv/activate',
      redirect: OOB_REDIRECT,
    },
    simkl: {
      brandColor: '#00b8f5',
      developerUrl: 'https://simkl.com/settings/developer/',
      verifyUrl: 'https://simkl.com/pin',
      redirect: '{origin}/callback',
      realFlow: 'device_code',
      keylessFlows: ['device_code'],
    },
    tmdb: { brandColor: '#01b4e4', developerUrl: 'https://www.themoviedb.org/settings/api' },
    mdblist: {
      brandColor: '#2d74da',
      developerUrl: 'https://mdblist.com/preferences/',
      verifyUrl: 'https://mdblist.com/oauth/device/',
      keylessFlows: ['device_code'],
    },
    publicmetadb: { brandColor: '#f5f5f5' },
    anilist: { brandColor: '#02a9ff', developerUrl: 'https://anilist.co/settings/developer', redirect: '{origin}/callback/anilist' },
    punchplay: { brandColor: '#f4400f', verifyUrl: 'https://punchplay.tv/link' },
    bingebase: { brandColor: '#ff8533', verifyUrl: 'https://bingebase.com/activate' },
    floppy: { brandColor: '#f5651e' },
    scrob: { brandColor: '#6f36cc' },
  },
  'Media clients': {
    nuvio: { brandColor: '#b048f0', verifyUrl: 'https://nuvio.tv', tokenLifetimeS: 3600 },
    kodi: { brandColor: '#17b5d1' },
    stremio: { brandColor: '#722cfe' },
  },
  Others: {
    tautulli: { brandColor: '#f59e0b' },
  },
};

export const PRESETS: Readonly<Record<string, ProviderPreset>> = Object.fromEntries(
  Object.entries(BY_GROUP).flatMap(([group, entries]) =>
    Object.entries(entries).map(([id, entry]) => [
      id,
      { ...entry, docsUrl: `${WIKI}${group.toLowerCase().replace(' ', '-')}/${id}`, group: group as ProviderGroup },
    ]),
  ),
);

/** The preset for a provider id (`trakt`) or name (`TRAKT`). */
export function getPreset(idOrName: string, presets: Readonly<Record<string, ProviderPreset>> = PRESETS): ProviderPreset | undefined {
  const key = idOrName.toLowerCase();
  return Object.hasOwn(presets, key) ? presets[key] : undefined;
}
