/**
 * Loads the German table: a separate chunk, fetched only when a host asks for German. The IIFE
 * build swaps this module (like the QR encoder's loader), as classic scripts cannot split chunks.
 */
export const loadGerman = () => import('./de.js').then((m) => m.de);
