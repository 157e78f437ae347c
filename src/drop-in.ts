/**
 * The drop-in bundle (dist/cw-auth.js, dist/cw-auth.iife.js): registers the elements of the first
 * paint and exposes their classes (window.CwAuth in the IIFE build). The card's flows and other
 * parts are lazy chunks beside it (src/registry.ts, scripts/build.mjs); `CwAuth.loadParts()`
 * loads and registers them all.
 */
import './define.js';
export * from './core.js';
