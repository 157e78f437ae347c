/**
 * Numbers a server sends (intervals, lifetimes, Retry-After, expiries) are untrusted: each is held
 * to the bounds below when its answer is parsed, so nothing downstream sees `0.001`, `1e9` or
 * `1e300`. The bounds are stated in docs/api.md ("Limits the widget enforces").
 */

export interface SecondsBounds {
  /** Smaller values are raised to this. */
  min: number;
  /** Larger values are lowered to this. */
  max: number;
}

/**
 * A number of seconds a server sent, clamped into `bounds`; undefined when it is no finite
 * non-negative number (the caller's default then applies, e.g. RFC 8628's 5 s).
 */
export function serverSeconds(value: unknown, bounds: SecondsBounds): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  return Math.min(bounds.max, Math.max(bounds.min, value));
}

const DAY_S = 24 * 60 * 60;

/**
 * The bounds every number from a server is held to (docs/api.md, "Limits the widget enforces").
 * A poll interval is at least a second (one poll a second per flow at most) and at most a day;
 * a device code lives at most a day (longer reads as "not said"); a Retry-After is honoured up to
 * a day (a flow's code has expired by then anyway).
 */
export const SERVER_BOUNDS = {
  interval: { min: 1, max: DAY_S },
  expiresIn: { min: 1, max: DAY_S },
  retryAfter: { min: 0, max: DAY_S },
} as const satisfies Record<string, SecondsBounds>;

/** Token expiries before 2000 or after 3000 are no expiry a person can use: treated as absent. */
export const EXPIRES_AT_BOUNDS_MS = { min: Date.UTC(2000, 0, 1), max: Date.UTC(3000, 0, 1) } as const;

/** A wait longer than this is shown to the person (a device flow's next check, a rate limit). */
export const LONG_WAIT_S = 60;
