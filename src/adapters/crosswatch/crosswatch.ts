/**
 * The CrossWatch adapter (the registry's `crosswatch` part): CrossWatch's route knowledge for its
 * manifests, which carry no routes. Registers itself when it runs. What else CrossWatch sends
 * (its error shapes, its all-providers answers) the API client reads whichever backend answers,
 * see docs/architecture.md.
 */
import { registerBackend, type BackendAdapter } from '../../providers/backends.js';
import { CROSSWATCH_ROUTES } from './routes.js';

export { CROSSWATCH_ROUTES };

export const crossWatchAdapter: BackendAdapter = { key: 'crosswatch', routes: CROSSWATCH_ROUTES };

registerBackend(crossWatchAdapter);
