/** Picks a complete string table for a locale and applies a host's partial overrides. */
import { de } from './de.js';
import { en, type Strings } from './en.js';

const tables: Record<string, Strings> = { en, de };

/** `de`, `de-AT`, `DE` → German; anything unknown → English. */
export function stringsForLocale(locale: string | null | undefined): Strings {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return tables[language] ?? en;
}

/** `base` with every string-valued, known key of `overrides` on top (hosts may pass anything). */
export function applyOverrides(base: Strings, overrides: Partial<Strings> | null | undefined): Strings {
  if (!overrides || typeof overrides !== 'object') return base;
  const merged: Strings = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (typeof value === 'string' && key in base) merged[key as keyof Strings] = value;
  }
  return merged;
}

/** A full table: the locale's strings with the overrides on top. */
export function resolveStrings(locale: string | null | undefined, overrides?: Partial<Strings> | null): Strings {
  return applyOverrides(stringsForLocale(locale), overrides);
}
