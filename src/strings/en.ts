import { enCore } from './en-core.js';
import { flowUiStringsEn } from './en-flows.js';
import { useEnglish } from './locale.js';

/** The one complete English string table. Every visible string comes from here. */
export const en = { ...enCore, ...flowUiStringsEn };

export type StringKey = keyof typeof en;
/** A complete table: every key has a string. */
export type Strings = Record<StringKey, string>;

// Whoever imports the complete table (the flows chunk, the npm package's flows, tests) makes it
// the English one: the entry itself carries only en-core.ts.
useEnglish(en);

const completed = new WeakMap<object, Strings>();
/**
 * A table with the flows' English strings under it: a table resolved while only the entry's
 * English was there (a card's, with the host's overrides) lacks them. Same object for the same
 * table, so Lit sees no change.
 */
export function withFlowStrings(table: Strings | undefined): Strings {
  if (!table || table === en) return en;
  let full = completed.get(table);
  if (!full) completed.set(table, (full = { ...en, ...table }));
  return full;
}
