/**
 * Backend adapters: what a backend knows that its manifests leave out, for the manifests it
 * claims. CrossWatch's manifests carry no routes; its adapter (src/adapters/crosswatch/) knows
 * them. Each adapter is a lazy part of the registry (src/registry.ts, a `claims` member): its chunk
 * loads only when a manifest it claims is shown, and registers the adapter here when it runs.
 * Manifests that declare their own routes speak our contract and need no adapter.
 */
import type { ProviderManifest } from '../api-client/types.js';
import { PARTS, type PartKey } from '../registry.js';
import type { ResolvedRoutes } from './types.js';

export interface BackendAdapter {
  /** Its registry key (src/registry.ts). */
  key: PartKey;
  /** Routes per provider id, for the manifests it claims (resolveRoutes merges the manifest's own over them). */
  routes: Readonly<Record<string, ResolvedRoutes>>;
}

const loaded = new Map<PartKey, BackendAdapter>();

/** Called by an adapter's module when it runs (so every way of loading it registers it). */
export function registerBackend(adapter: BackendAdapter): void {
  loaded.set(adapter.key, adapter);
}

/** The registry key of the adapter that claims this manifest, if any (an adapter is a part with `claims`). */
export function backendOf(manifest: ProviderManifest): PartKey | undefined {
  for (const [key, part] of Object.entries(PARTS)) {
    if ('claims' in part && part.claims(manifest)) return key as PartKey;
  }
  return undefined;
}

/** The loaded adapter that claims this manifest (undefined when none does, or it is not loaded yet). */
export function adapterFor(manifest: ProviderManifest): BackendAdapter | undefined {
  const key = backendOf(manifest);
  return key ? loaded.get(key) : undefined;
}

/** The adapters these manifests need, each once. */
export const backendsOf = (manifests: readonly ProviderManifest[]): PartKey[] =>
  [...new Set(manifests.map(backendOf))].filter((key): key is PartKey => key !== undefined);
