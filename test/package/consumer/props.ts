// A strict template-framework consumer of the packed package (Vue's GlobalComponents, Svelte's
// SvelteHTMLElements: ./framework.ts says which): the props of each tag carry every attribute,
// property and cw-* event, and wrong values do not compile. Type-checked by ../run.mjs.
import type { Props } from './framework.js';

export const providers: Props<'cw-auth-providers'> = {
  'base-url': 'https://api.example.com',
  credentials: 'include',
  theme: 'auto',
  locale: 'de',
  autosave: true,
  'heading-level': 3,
  profiles: 'off',
  providers: ['plex', 'trakt'],
  headers: { Authorization: 'Bearer cwt_example' },
  strings: { 'card.save': 'Store' },
  'oncw-providers-loaded': (e) => void e.detail.providers,
  'oncw-config-saved': (e) => void e.detail.keys,
  'oncw-save-error': (e) => void e.detail.message,
  'oncw-flow-start': (e) => void e.detail.flow,
  'oncw-connected': (e) => void e.detail.account,
  'oncw-disconnected': (e) => void e.detail.provider,
  'oncw-flow-error': (e) => void e.detail.code,
  'oncw-profile-change': (e) => void e.detail.instance,
  'oncw-account-profile-change': (e) => void e.detail.profileId,
};
export const card: Props<'cw-provider-card'> = { manifest: { name: 'PLEX', label: 'Plex' }, instance: 'default', theme: 'dark' };
export const copy: Props<'cw-copy-button'> = { value: 'https://example.com/callback', label: 'Copy' };

// @ts-expect-error `theme` is light, dark or auto
export const badTheme: Props<'cw-auth-providers'> = { theme: 'purple' };
// @ts-expect-error the cw-connected detail has no token
export const badDetail: Props<'cw-auth-providers'> = { 'oncw-connected': (e) => void e.detail.token };
