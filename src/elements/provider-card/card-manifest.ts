/** What a card makes of its `manifest` property: a resolved provider, or why it cannot use it. */
import type { TemplateResult } from 'lit';
import { ApiError, ErrorCodes } from '../../api-client/errors.js';
import { parseProviderList } from '../../api-client/manifest.js';
import type { ProviderManifest } from '../../api-client/types.js';
import { adapterFor, backendOf } from '../../providers/backends.js';
import { describeProvider } from '../../providers/describe.js';
import type { PartKey } from '../../registry.js';
import { toApiError } from '../../providers/flow-state.js';
import type { ResolvedProvider } from '../../providers/types.js';
import type { CoreStrings } from '../../strings/en-core.js';
import { renderNoProvider, renderWaitingCard } from './card-view.js';
import type { LazyParts } from './lazy-parts.js';

/** Normalised manifests carry these; raw wire manifests (snake_case) do not. */
function isNormalisedManifest(value: unknown): value is ProviderManifest {
  const m = value as Partial<ProviderManifest> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.name === 'string' &&
    typeof m.id === 'string' &&
    typeof m.label === 'string' &&
    typeof m.rawFlow === 'string' &&
    Array.isArray(m.fields) &&
    typeof m.actions === 'object' &&
    m.actions !== null
  );
}

/**
 * A usable provider, or why not; or, for a manifest a backend adapter claims that has not loaded
 * yet (src/providers/backends.ts), that adapter's key and the manifest's label to show meanwhile.
 */
export type ResolvedManifest = { provider?: ResolvedProvider; error?: ApiError; waitsFor?: { backend: PartKey; label: string } };

/** A normalised manifest, or one as the server sends it (validated and normalised like the client does). */
export function resolveManifest(value: ProviderManifest | Record<string, unknown> | undefined | null): ResolvedManifest {
  if (value === undefined || value === null) return {};
  let manifest: ProviderManifest | undefined;
  let error: ApiError | undefined;
  if (isNormalisedManifest(value)) {
    manifest = value;
  } else {
    try {
      const list = parseProviderList([value]);
      manifest = list.manifests[0];
      if (!manifest) error = list.invalid[0]?.error;
    } catch (e) {
      error = toApiError(e);
    }
  }
  if (manifest) {
    const backend = backendOf(manifest);
    if (backend && !adapterFor(manifest)) return { waitsFor: { backend, label: manifest.label || manifest.name } };
    try {
      return { provider: describeProvider(manifest) };
    } catch (e) {
      // A host-given manifest whose id cannot be a route segment (`..`): see url-path.ts.
      error = toApiError(e);
    }
  }
  return { error: error ?? new ApiError({ code: ErrorCodes.invalidManifest, message: 'The manifest could not be read.' }) };
}

/**
 * The card's manifest as it resolves: the provider, or why the manifest cannot be used, or the
 * backend adapter it waits for (asked at once, not after the paint as the flows are: the card
 * cannot show its fields without it; LazyParts re-renders the card when it arrives).
 */
export class ManifestResolution {
  provider?: ResolvedProvider;
  private error?: ApiError;
  private waitsFor?: ResolvedManifest['waitsFor'];

  constructor(private readonly parts: LazyParts) {}

  /** Resolves again when the manifest changed or its adapter was on its way; true when it did. */
  sync(manifest: Parameters<typeof resolveManifest>[0], changed: boolean): boolean {
    if (!changed && !this.waitsFor) return false;
    ({ provider: this.provider, error: this.error, waitsFor: this.waitsFor } = resolveManifest(manifest));
    if (this.waitsFor) this.parts.state(this.waitsFor.backend, true);
    return true;
  }

  /** The card without a provider: waiting for its adapter (failed: Retry), or without a usable manifest. */
  renderMissing(headingLevel: number, t: CoreStrings): TemplateResult {
    const waitsFor = this.waitsFor;
    if (!waitsFor) return renderNoProvider(this.error, headingLevel, t);
    const failed = this.parts.state(waitsFor.backend, true) === 'failed' ? () => this.parts.retry() : undefined;
    return renderWaitingCard(waitsFor.label, failed, headingLevel, t);
  }
}
