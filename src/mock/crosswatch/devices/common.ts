/** What the device-style flows share: where a code is approved, and when it has run out. */
import type { RequestContext } from '../http.js';
import type { CrossWatchState, Grant } from '../state.js';

/** This server's activation page for `prov` (code prefilled when given): `mock` mode's verification URL. */
export const activateUrl = (ctx: RequestContext, prov: string, code?: string): string =>
  `${ctx.origin}/mock/activate?provider=${encodeURIComponent(prov)}${code ? `&code=${encodeURIComponent(code)}` : ''}`;

export const expired = (s: CrossWatchState, g: Grant): boolean => s.now() >= g.expiresAt;
