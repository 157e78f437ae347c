import { PARTS } from '../../registry.js';

/**
 * Loads and registers `<cw-profile-switcher>`: the registry's `profiles` part, a separate chunk
 * fetched only by cards that ask for profiles (CrossWatch-style backends). The build turns this dynamic import into
 * `dist/cw-auth-profiles.js` next to the bundle (the IIFE finds it beside its own script); that
 * chunk takes lit and the shared modules from the bundle that loads it (scripts/build.mjs).
 * Repeated calls share the one import.
 */
export const loadProfileSwitcher = () => PARTS.profiles.load().then((m) => m.CwProfileSwitcher);
