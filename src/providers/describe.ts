/** Turns a manifest into everything a card needs to act: presets and route knowledge merged in. */
import type { ConfigObject, FieldSchema, FlowKind, ProviderManifest } from '../api-client/types.js';
import { getPath, isMasked } from '../api-client/config-paths.js';
import { declaresRoutes, isCssColor } from '../api-client/manifest.js';
import { adapterFor } from './backends.js';
import { getPreset, PRESETS, type ProviderPreset } from './presets.js';
import { instanceSegments, resolveRoutes } from './routes.js';
import type { ResolvedProvider, ResolvedRoutes } from './types.js';
import { OOB_REDIRECT, safeHttpUrl } from './urls.js';

export interface DescribeOptions {
  /** The page origin, for redirect URLs such as `${origin}/callback`. Defaults to location.origin. */
  origin?: string;
  presets?: Readonly<Record<string, ProviderPreset>>;
  /**
   * Routes per provider id for a manifest without its own. Default: the loaded backend adapter's
   * that claims the manifest (CrossWatch's: `await PARTS.crosswatch.load()`, or `loadParts()`,
   * first; a card and a list load it themselves), else the contract's defaults.
   */
  known?: Readonly<Record<string, ResolvedRoutes>>;
}

/** A colour nothing can break out of a style value with (hand-built manifests are not validated). */
export function safeCssColor(value: unknown): string | undefined {
  return isCssColor(value) ? value.trim() : undefined;
}

function redirectFrom(value: string | undefined, origin: string): string | undefined {
  if (!value) return undefined;
  if (value === OOB_REDIRECT) return value;
  const filled = value.replace('{origin}', origin);
  return safeHttpUrl(filled, origin);
}

/** The manifest's group, else its preset's (what the list groups by, without resolving everything). */
export function groupOf(manifest: ProviderManifest, presets: Readonly<Record<string, ProviderPreset>> = PRESETS): string | undefined {
  return manifest.group || getPreset(manifest.id, presets)?.group;
}

export function describeProvider(manifest: ProviderManifest, options: DescribeOptions = {}): ResolvedProvider {
  const origin = options.origin ?? globalThis.location?.origin ?? '';
  const preset = getPreset(manifest.id, options.presets ?? PRESETS);
  // CrossWatch's manifests carry no routes and drift from its real UX (plex.tv/pin vs /link,
  // SIMKL's PIN): for them the preset knows better. Manifests that speak our contract win.
  const speaksContract = declaresRoutes(manifest);
  const flow: FlowKind | null = !speaksContract && preset?.realFlow && manifest.flow !== null ? preset.realFlow : manifest.flow;

  const manifestVerify = safeHttpUrl(manifest.verifyUrl);
  const verifyUrl = speaksContract ? manifestVerify ?? preset?.verifyUrl : preset?.verifyUrl ?? manifestVerify;

  const resolved: ResolvedProvider = {
    manifest,
    id: manifest.id,
    label: manifest.label || manifest.name,
    flow,
    routes: resolveRoutes(manifest, options.known ?? adapterFor(manifest)?.routes),
  };
  const brandColor = safeCssColor(manifest.brand?.color) ?? preset?.brandColor;
  const helpUrl = safeHttpUrl(manifest.helpUrl) ?? safeHttpUrl(preset?.developerUrl) ?? safeHttpUrl(preset?.docsUrl);
  const redirectUrl = redirectFrom(manifest.redirectUrl, origin) ?? redirectFrom(preset?.redirect, origin);
  const group = groupOf(manifest, options.presets ?? PRESETS);
  if (brandColor) resolved.brandColor = brandColor;
  if (helpUrl) resolved.helpUrl = helpUrl;
  if (verifyUrl) resolved.verifyUrl = verifyUrl;
  if (redirectUrl) resolved.redirectUrl = redirectUrl;
  if (group) resolved.group = group;
  if (preset?.tokenLifetimeS) resolved.tokenLifetimeMs = preset.tokenLifetimeS * 1000;
  return resolved;
}

/** Fields a flow cannot start without (the app keys), e.g. Trakt's client id and secret. */
export function requiredFieldsFor(provider: ResolvedProvider, flow: FlowKind | null = provider.flow): FieldSchema[] {
  const preset = getPreset(provider.id);
  if (flow && (flow === 'device_code' || flow === 'oauth') && preset?.keylessFlows?.includes(flow)) return [];
  return provider.manifest.fields.filter((f) => f.required && !f.readonly && f.type !== 'readonly');
}

/** True when a config value counts as "set": a mask (a stored secret), or a non-empty value. */
export function hasValue(value: unknown): boolean {
  if (isMasked(value)) return true;
  if (typeof value === 'string') return value.trim() !== '';
  return value !== undefined && value !== null && value !== false && value !== 0;
}

/**
 * Required fields that are missing in the saved config (of this profile). Undefined when no
 * config is known: then the server decides.
 */
export function missingKeys(
  provider: ResolvedProvider,
  config: ConfigObject | undefined,
  instance?: string,
  flow: FlowKind | null = provider.flow,
): FieldSchema[] | undefined {
  if (!config) return undefined;
  return requiredFieldsFor(provider, flow).filter((f) => !hasValue(getPath(config, instanceSegments(f.key, instance))));
}
