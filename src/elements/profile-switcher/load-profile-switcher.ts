/**
 * Loads and registers `<cw-profile-switcher>`: a separate chunk, fetched only once a card has a
 * profile list to show (CrossWatch-style backends). The build turns this dynamic import into
 * `dist/cw-auth-profiles.js` next to the bundle (the IIFE finds it beside its own script); that
 * chunk takes lit and the shared modules from the bundle that loads it (scripts/build.mjs).
 * Repeated calls share the one import.
 */
export const loadProfileSwitcher = () => import('./profile-switcher.js').then((m) => m.CwProfileSwitcher);
