/**
 * What every part of the contract mock works on: the state, the clock and the options, plus the
 * few helpers all flows share (provider lookup, page URLs, issuing a token). MockBackendImpl
 * (../backend.ts) adds the public API on top; the flows are functions of this, one file each.
 */
import { findProvider, PROVIDERS, type MockManifest, type ProviderDef } from '../providers.js';
import type { MockBackendOptions } from '../types.js';
import { writePath } from '../config.js';
import { BadRequest, randomHex, type JsonObject } from '../util.js';
import { freshState, type State } from './state.js';

export class BackendCore {
  /** Replaced whole by reset(); everything else reads it through here (no module state). */
  state!: State;
  private readonly clock: () => number;

  constructor(readonly options: MockBackendOptions = {}) {
    this.clock = options.now ?? (() => Date.now());
    this.reset();
  }

  reset(): void {
    this.state = freshState(this.options);
  }

  /** options.now (read at call time, so fake timers work) plus advanceClock's offset. */
  now(): number {
    return this.clock() + this.state.clockOffsetMs;
  }

  get config(): JsonObject {
    return this.state.config;
  }

  requireProvider(id: string): ProviderDef {
    const def = findProvider(id);
    if (!def) throw new BadRequest(`There is no provider "${id}". Known: ${PROVIDERS.map((p) => p.id).join(', ')}.`, 'provider');
    return def;
  }

  /** A provider's manifest for `origin`; with `pageUrls.activate`, its verify_url points there too. */
  manifestFor(def: ProviderDef, origin: string): MockManifest {
    const manifest = def.manifest(origin);
    if (this.options.pageUrls?.activate && typeof manifest.verify_url === 'string') {
      manifest.verify_url = this.pageUrl('activate', origin, { provider: def.id });
    }
    return manifest;
  }

  /** A person-facing page's URL: the configured one (`pageUrls`) or the mock's own. */
  pageUrl(page: 'activate' | 'consent', origin: string, query: Record<string, string>): string {
    const configured = this.options.pageUrls?.[page];
    const url = new URL(configured ?? `${origin}${page === 'activate' ? '/mock/activate' : '/mock/oauth/authorize'}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.href;
  }

  /** Stores a fresh token set for `def` as its provider would issue it. */
  issueToken(def: ProviderDef, account: string): void {
    const cfg = this.state.config;
    writePath(cfg, `${def.id}.access_token`, `mock_${def.id}_${randomHex(32)}`);
    if (def.refresh) writePath(cfg, `${def.id}.refresh_token`, `mock_refresh_${randomHex(32)}`);
    if (def.tokenLifetimeS) writePath(cfg, `${def.id}.expires_at`, Math.floor(this.now() / 1000) + def.tokenLifetimeS);
    writePath(cfg, `${def.id}.account`, account);
  }
}
