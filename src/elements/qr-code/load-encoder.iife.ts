/**
 * The QR encoder loader of the classic-script bundle (dist/cw-auth.iife.js). An IIFE cannot
 * split chunks, so the encoder is built as dist/cw-auth-qr.js and loaded from next to the
 * script that defined the elements. Classic scripts may use dynamic `import()`.
 */
import type { QrEncoder } from './load-encoder.js';

/** Read while the bundle runs: `currentScript` is only set during the script's first execution. */
function bundleUrl(): string {
  const current = document.currentScript as HTMLScriptElement | null;
  if (current?.src) return current.src;
  // Loaded some other way (e.g. injected and executed later): look for the script by name.
  const found = document.querySelector<HTMLScriptElement>('script[src*="cw-auth"][src$=".js"]');
  return found?.src || document.baseURI;
}

const encoderUrl = new URL('cw-auth-qr.js', bundleUrl()).href;

export function loadEncoder(): Promise<QrEncoder> {
  return import(/* @vite-ignore */ encoderUrl) as Promise<QrEncoder>;
}
