/**
 * Loads the German table: a separate chunk, fetched only when a host asks for German. The build
 * rewrites this dynamic import to load `dist/cw-auth-de.js` next to the bundle (the IIFE finds it
 * beside its own script), so German stays out of both drop-ins.
 */
export const loadGerman = () => import('./de.js').then((m) => m.de);
