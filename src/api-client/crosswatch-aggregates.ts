/**
 * CrossWatch's two all-providers answers (crosswatch-api.md §3.4, §3.8), normalised:
 * - `GET /api/status`: `{"trakt_connected":false,…,"providers":{"TRAKT":{"connected","reason"?,
 *   "instances":{"default":{"connected",…}}}}}`. Probes only: no account names or expiries.
 *   Without `providers` the flat `<prov>_connected` members still tell connected or not.
 * - `GET /api/provider-instances`: `{"TRAKT":[{"id":"default","label":"Default",…}],…}`.
 * CrossWatch knowledge, read by the client (it knows HTTP shapes); in the drop-in it is part of
 * CrossWatch's adapter chunk, imported by the client when such an answer arrives.
 */
import { aggregateEntries, aggregateKey } from './aggregate-keys.js';
import { cleanServerText, isRecord, str } from './parse-error.js';
import { badResponse, normalizeInstances } from './responses.js';
import type { AggregateStatus, ProviderInstance, ProviderStatus, StatusByName } from './types.js';

function probe(entry: unknown): ProviderStatus | undefined {
  if (!isRecord(entry) || typeof entry.connected !== 'boolean') return undefined;
  const reason = entry.connected ? undefined : cleanServerText(str(entry.reason) ?? '');
  return reason ? { connected: false, reason } : { connected: entry.connected };
}

export function normalizeCrossWatchStatus(body: unknown, status = 200): StatusByName {
  if (!isRecord(body)) throw badResponse(status, 'The status answer must be an object.');
  const out = new Map<string, AggregateStatus>();
  if (isRecord(body.providers)) {
    for (const [name, entry] of aggregateEntries(body.providers)) {
      const own = probe(entry);
      if (!own) continue;
      const instances = new Map<string, ProviderStatus>();
      const table = isRecord(entry) && isRecord(entry.instances) ? entry.instances : {};
      for (const [id, value] of Object.entries(table)) {
        const p = probe(value);
        // Profile ids keep their case (`TRAKT-P01`); only checked, never upper-cased.
        if (p && aggregateKey(id)) instances.set(id.trim(), p);
      }
      out.set(name, instances.size ? { ...own, instances } : own);
    }
    return out;
  }
  for (const [key, value] of Object.entries(body)) {
    const flat = /^(.+)_connected$/.exec(key);
    const name = flat && aggregateKey(flat[1]!);
    if (name && typeof value === 'boolean') out.set(name, { connected: value });
  }
  if (!out.size) throw badResponse(status, 'The status answer names no provider.');
  return out;
}

export function normalizeAllInstances(body: unknown, status = 200): ReadonlyMap<string, ProviderInstance[]> {
  if (!isRecord(body) || Array.isArray(body)) throw badResponse(status, 'The profile lists must be an object of arrays.');
  const out = new Map<string, ProviderInstance[]>();
  for (const [name, list] of aggregateEntries(body)) {
    try {
      out.set(name, normalizeInstances(list, status));
    } catch {
      /* that provider's card asks its own route */
    }
  }
  return out;
}
