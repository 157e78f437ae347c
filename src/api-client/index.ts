/** Public surface of the API client layer. */
export { createApiClient, DEFAULT_TIMEOUT_MS } from './client.js';
export type { AuthApi, ApiClientOptions } from './api.js';
export { ApiError, ErrorCodes } from './errors.js';
export type { ApiErrorInit, ProviderUsage } from './errors.js';
export { mapFlow, mapFieldType, parseProviderList, isHttpUrl, isSafeRoute, isCssColor } from './manifest.js';
export { getPath, setPath, isMasked, MASK } from './config-paths.js';
export type * from './types.js';
