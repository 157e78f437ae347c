/**
 * `GET /api/auth/status` (our contract): `{"providers": {"<NAME>": Status}}`. An entry that is
 * not a valid status is left out, so that provider is asked on its own route instead.
 */
import { aggregateEntries } from './aggregate-keys.js';
import { isRecord } from './parse-error.js';
import { badResponse, normalizeStatus } from './responses.js';
import type { AggregateStatus, StatusByName } from './types.js';
import type { WireResponse } from './wire.js';

type RawStatusAll = Partial<Record<keyof WireResponse<'statusAll', 200>, unknown>>;

export function normalizeStatusAll(body: unknown, status = 200): StatusByName {
  const raw: RawStatusAll = isRecord(body) ? body : {};
  if (!isRecord(raw.providers)) throw badResponse(status, 'The status answer must hold a "providers" object.');
  const out = new Map<string, AggregateStatus>();
  for (const [name, entry] of aggregateEntries(raw.providers)) {
    try {
      out.set(name, normalizeStatus(entry, status));
    } catch {
      /* this provider is asked on its own route */
    }
  }
  return out;
}
