/**
 * Loads the QR encoder (`uqr`) on first use, so it stays out of the main bundle: bundlers turn
 * this dynamic import into a separate chunk. The classic-script build swaps this module for
 * `load-encoder.iife.ts` (see scripts/build.mjs), because an IIFE cannot have chunks.
 */
export type QrEncoder = typeof import('uqr');

export function loadEncoder(): Promise<QrEncoder> {
  return import('uqr');
}
