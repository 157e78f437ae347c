/**
 * Keys of the all-providers answers (`/api/auth/status`, CrossWatch's `/api/status` and
 * `/api/provider-instances`) are server text: they become map keys only when they look like a
 * provider name, upper-cased so `trakt` and `TRAKT` meet.
 */
const FORBIDDEN = new Set(['__PROTO__', 'CONSTRUCTOR', 'PROTOTYPE']);

/** Providers one answer may describe; more is a broken or hostile server, the rest is ignored. */
export const MAX_AGGREGATE_ENTRIES = 10_000;

export function aggregateKey(raw: string): string | undefined {
  const key = raw.trim().toUpperCase();
  return /^[A-Z0-9][A-Z0-9_.-]{0,63}$/.test(key) && !FORBIDDEN.has(key) ? key : undefined;
}

/** The entries of a server object whose keys pass `aggregateKey`, at most MAX_AGGREGATE_ENTRIES. */
export function aggregateEntries(table: Record<string, unknown>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [raw, value] of Object.entries(table)) {
    if (out.length >= MAX_AGGREGATE_ENTRIES) break;
    const key = aggregateKey(raw);
    if (key) out.push([key, value]);
  }
  return out;
}
