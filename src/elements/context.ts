/** Granular contexts served by <cw-auth-providers> (or a host) to every card and flow. */
import { createContext } from '@lit/context';
import type { AuthApi } from '../api-client/api.js';
import type { ConfigStore } from '../state/config-store.js';
import type { StatusHub } from '../state/status-hub.js';
import type { VisibilityScheduler } from '../state/visibility-scheduler.js';
import type { Strings } from '../strings/en.js';

export const apiContext = createContext<AuthApi | undefined>(Symbol('cw-api'));
export const configStoreContext = createContext<ConfigStore | undefined>(Symbol('cw-config-store'));
export const stringsContext = createContext<Strings>(Symbol('cw-strings'));
/** The list's all-providers answers (status, CrossWatch profiles), asked once for every card. */
export const statusHubContext = createContext<StatusHub | undefined>(Symbol('cw-status-hub'));
/** The list's gate for per-card requests: near the viewport, at most 4 in flight. */
export const schedulerContext = createContext<VisibilityScheduler | undefined>(Symbol('cw-scheduler'));
