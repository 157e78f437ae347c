/**
 * The drop-in bundle (dist/cw-auth.js, dist/cw-auth.iife.js): registers every element and exposes
 * the classes (window.CwAuth in the IIFE build).
 */
import './define.js';
export * from './index.js';
