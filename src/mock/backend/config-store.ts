/**
 * The stored config as the contract reads and writes it: secrets masked on the way out, masked
 * or blank secrets keeping the stored value on the way in (one rule, src/mock/config.ts, plus
 * every manifest `password` field), and the "save your app keys first" answer.
 */
import { isMasked } from '../../api-client/config-paths.js';
import type { WireConfig } from '../../api-client/wire.js';
import { hasValue, maskConfig, mergeConfig, readString } from '../config.js';
import { PASSWORD_FIELD_PATHS, type ProviderDef } from '../providers.js';
import { fail, type JsonObject } from '../util.js';

/** What `GET /api/config` answers. */
export function maskedConfig(config: JsonObject): WireConfig {
  return maskConfig(config, PASSWORD_FIELD_PATHS);
}

/** `POST /api/config`: merges `partial`; masked or blank secrets keep the stored value. */
export function saveConfig(config: JsonObject, partial: JsonObject): void {
  mergeConfig(config, partial, PASSWORD_FIELD_PATHS);
}

export function hasClientKeys(config: JsonObject, def: ProviderDef): boolean {
  return hasValue(config, `${def.id}.client_id`) && hasValue(config, `${def.id}.client_secret`);
}

/** 400 `missing_client_credentials`, naming the first key still missing. */
export function missingKeys(config: JsonObject, def: ProviderDef): Response {
  return fail(
    400,
    'missing_client_credentials',
    `${def.label} needs your own API app: save its Client ID and Client Secret first, then connect.`,
    { field: hasValue(config, `${def.id}.client_id`) ? 'client_secret' : 'client_id' },
  );
}

/** A typed secret, or the stored one when the client omitted it or sent it masked. */
export function secretOrStored(config: JsonObject, value: unknown, path: string): string {
  if (typeof value === 'string' && value !== '' && !isMasked(value)) return value;
  return readString(config, path) ?? '';
}

/** A typed text (trimmed; numbers as text), or the stored one when the client left it empty. */
export function textOrStored(config: JsonObject, value: unknown, path: string): string {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number') return String(value);
  return readString(config, path) ?? '';
}
