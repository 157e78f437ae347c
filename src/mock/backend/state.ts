/**
 * What a contract mock backend remembers, in one object that reset() replaces whole: the
 * config, pending device flows and OAuth attempts, fault rules, in-use marks, clock offset and
 * latency. Plain data only; what the flows do with it lives beside this file.
 */
import type { WireUsage } from '../../api-client/wire.js';
import { mergeConfig } from '../config.js';
import type { ActiveFault, MockBackendOptions } from '../types.js';
import { deepClone, type JsonObject } from '../util.js';

/** The config a fresh backend starts with: nothing connected, nothing secret. */
export const INITIAL_CONFIG: JsonObject = {
  ui: { language: 'en', theme: 'auto' },
  sync: { interval_minutes: 60 },
};

export interface DeviceFlow {
  provider: string;
  userCode: string;
  mode: 'poll' | 'server';
  createdAt: number;
  expiresAt: number;
  interval: number;
  lastPollAt?: number;
  state: 'pending' | 'approved' | 'denied' | 'expired' | 'authorized' | 'cancelled';
  account?: string;
}

export interface OAuthSession {
  provider: string;
  state: string;
  /** The page origin given at authorize: the callback posts its message to exactly this. */
  origin: string;
  nonce?: string;
  redirectUri: string;
  clientId: string;
  createdAt: number;
  expiresAt: number;
  code?: string;
  account?: string;
  decision?: 'allowed' | 'denied';
}

export interface State {
  config: JsonObject;
  /** One pending flow per provider id. */
  flows: Map<string, DeviceFlow>;
  /** Pending OAuth attempts by `state`. */
  oauth: Map<string, OAuthSession>;
  faults: ActiveFault[];
  inUse: Map<string, WireUsage[]>;
  clockOffsetMs: number;
  latencyMs: number;
  faultSeq: number;
}

/** The initial state: INITIAL_CONFIG with `options.config` merged over it (secrets as given). */
export function freshState(options: MockBackendOptions): State {
  const config = deepClone(INITIAL_CONFIG);
  if (options.config) mergeConfig(config, deepClone(options.config), new Set());
  return {
    config,
    flows: new Map(),
    oauth: new Map(),
    faults: [],
    inUse: new Map(),
    clockOffsetMs: 0,
    latencyMs: options.latencyMs ?? 0,
    faultSeq: 0,
  };
}

/** Who "uses" a provider when a test marks it in use without saying by what. */
export const defaultUsages = (label: string): WireUsage[] => [
  { feature: 'sync_pair', label: `Sync pair Plex → ${label}`, role: 'target', pair_id: 'p1', enabled: true },
];
