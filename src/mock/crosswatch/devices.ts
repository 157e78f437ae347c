/**
 * PIN / device-code routes with CrossWatch's shapes (crosswatch-api.md §3.5), one file per kind
 * under ./devices/: PINs (Plex and Trakt with a server-side waiter, SIMKL polled), RFC 8628 device
 * codes proxied one upstream poll per call (MDBList, PunchPlay, BingeBase), Nuvio's TV login,
 * Jellyfin Quick Connect and TMDb's request token. Codes are approved on /mock/activate.
 */
import type { MockEnv } from './env.js';
import type { Router } from './http.js';
import { registerDeviceCodeRoutes } from './devices/device-code.js';
import { registerNuvioRoutes } from './devices/nuvio.js';
import { registerPinRoutes } from './devices/pin.js';
import { registerQuickConnectRoutes } from './devices/quick-connect.js';
import { registerTmdbRoutes } from './devices/tmdb.js';

export { NUVIO_PROFILES } from './devices/nuvio.js';
export { tmdbKeyProblem } from './devices/tmdb.js';

export function registerDeviceRoutes(router: Router, env: MockEnv): void {
  registerPinRoutes(router, env);
  registerDeviceCodeRoutes(router, env);
  registerNuvioRoutes(router, env);
  registerQuickConnectRoutes(router, env);
  registerTmdbRoutes(router, env);
}
