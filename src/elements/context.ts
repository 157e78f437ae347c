/** Granular contexts served by <cw-auth-providers> (or a host) to every card and flow. */
import { createContext } from '@lit/context';
import type { AuthApi } from '../api-client/api.js';
import type { ConfigStore } from '../state/config-store.js';
import type { Strings } from '../strings/en.js';

export const apiContext = createContext<AuthApi | undefined>(Symbol('cw-api'));
export const configStoreContext = createContext<ConfigStore | undefined>(Symbol('cw-config-store'));
export const stringsContext = createContext<Strings>(Symbol('cw-strings'));
