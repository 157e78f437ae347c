/**
 * The CrossWatch adapter (the registry's `crosswatch` part): CrossWatch's route knowledge for its
 * manifests, which carry no routes. Registers itself when it runs. The readers of its
 * all-providers answers (api-client/crosswatch-aggregates.ts) share its chunk in the drop-in; its
 * error shapes stay with the client, which parses whichever backend answers (docs/architecture.md).
 */
import { registerBackend, type BackendAdapter } from '../../providers/backends.js';
import { CROSSWATCH_ROUTES } from './routes.js';

export { CROSSWATCH_ROUTES };

export const crossWatchAdapter: BackendAdapter = { key: 'crosswatch', routes: CROSSWATCH_ROUTES };

registerBackend(crossWatchAdapter);
