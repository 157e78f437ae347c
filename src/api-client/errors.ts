/** One typed error for every failure the API client can meet: HTTP, envelope, network, shape. */

/** A place that still uses a provider profile (CrossWatch's 409 `provider_in_use`). */
export interface ProviderUsage {
  feature: string;
  label?: string;
  role?: string;
  pair_id?: string;
  enabled?: boolean;
}

export interface ApiErrorInit {
  code: string;
  message: string;
  /** HTTP status; 0 for network failures, timeouts, aborts. */
  status?: number;
  /** Seconds the server asked us to wait (Retry-After header or `retry_after`). */
  retryAfter?: number;
  /** For `provider_in_use`: what still uses the profile. */
  usages?: ProviderUsage[];
  /** For validation errors: the member that is wrong, e.g. `[2].fields[0].key`. */
  field?: string;
}

/**
 * Well-known codes. Servers may send others; UI code maps known ones to friendly strings and
 * falls back to the server's message otherwise.
 */
export const ErrorCodes = {
  network: 'network_error', // fetch rejected: server unreachable, CORS, DNS
  timeout: 'timeout',
  aborted: 'aborted',
  badResponse: 'bad_response', // not JSON, HTML error page, malformed JSON
  invalidManifest: 'invalid_manifest',
  invalidConfig: 'invalid_config',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  originMismatch: 'origin_mismatch',
  providerInUse: 'provider_in_use',
  internal: 'internal',
  http: 'http_error',
  redirected: 'redirected', // a 3xx answer: never followed
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  readonly status: number;
  readonly retryAfter: number | undefined;
  readonly usages: ProviderUsage[] | undefined;
  readonly field: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.code = init.code;
    this.status = init.status ?? 0;
    this.retryAfter = init.retryAfter;
    this.usages = init.usages;
    this.field = init.field;
  }

  /** True for failures worth retrying automatically (network, timeout, 5xx, 429). */
  get transient(): boolean {
    return (
      this.code === ErrorCodes.network ||
      this.code === ErrorCodes.timeout ||
      this.status === 429 ||
      this.status >= 500
    );
  }

  static is(value: unknown): value is ApiError {
    return value instanceof ApiError;
  }
}
