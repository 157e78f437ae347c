/**
 * Picks a complete string table for a locale and applies a host's partial overrides.
 *
 * English is built in. German is a separate chunk (load-de.ts) fetched the first time a host asks
 * for it; until it has arrived `stringsForLocale` answers with English, and elements using
 * `LocaleStrings` render again once it is there (their `updateComplete` waits for it).
 *
 * In the drop-in, English starts as the entry's part (en-core.ts: the card's strings and the error
 * sentences); the flows chunk brings the rest (en.ts calls `useEnglish`). Flow elements read
 * through `withFlowStrings`, so a table resolved before that still shows every flow string.
 */
import { enCore } from './en-core.js';
import type { Strings } from './en.js';
import { loadGerman } from './load-de.js';
import { settleUpdates } from '../state/settle-updates.js';

/** Languages that load on demand. */
const loaders: Record<string, () => Promise<Strings>> = { de: loadGerman };
/**
 * Tables at hand, by language. English lacks the flows' own keys until en.ts is loaded (see
 * above): the one place a table typed complete may not be.
 */
const tables: Record<string, Strings> = { en: enCore as Strings };
let en = tables.en!;

/** Makes `table` (the complete English one, en.ts) the English table. */
export function useEnglish(table: Strings): void {
  en = tables.en = table;
}
const loading: Record<string, Promise<Strings>> = {};

/** `de`, `de-AT`, `DE` → `de`. */
const languageOf = (locale: string | null | undefined): string => (locale ?? '').trim().toLowerCase().split(/[-_]/)[0]!;

const has = (table: object, key: string) => Object.hasOwn(table, key);

/** The table for a locale when it is at hand (German once loaded); English otherwise. */
export function stringsForLocale(locale: string | null | undefined): Strings {
  const language = languageOf(locale);
  return has(tables, language) ? tables[language]! : en;
}

/**
 * The complete table for a locale, loading it first when needed (German). Unknown languages
 * resolve with English; a failed load rejects and may be retried.
 */
export function loadLocale(locale: string | null | undefined): Promise<Strings> {
  const language = languageOf(locale);
  if (has(tables, language) || !has(loaders, language)) return Promise.resolve(stringsForLocale(language));
  return (loading[language] ??= loaders[language]!().then(
    (table) => (tables[language] = table),
    (error: unknown) => {
      delete loading[language];
      throw error;
    },
  ));
}

/**
 * `base` with every string-valued, known key of `overrides` on top (hosts may pass anything).
 * A `flow.*` key counts as known before the flows' strings have arrived (they bring the rest).
 */
export function applyOverrides(base: Strings, overrides: Partial<Strings> | null | undefined): Strings {
  if (!overrides || typeof overrides !== 'object') return base;
  const merged: Strings = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (typeof value === 'string' && (key in base || /^flow\.[\w.]+$/.test(key))) merged[key as keyof Strings] = value;
  }
  return merged;
}

/** A full table: the locale's strings (English while a lazily loaded one is on its way) with the overrides on top. */
export function resolveStrings(locale: string | null | undefined, overrides?: Partial<Strings> | null): Strings {
  return applyOverrides(stringsForLocale(locale), overrides);
}

/** The old value an element's `locale` is marked changed with when its table has arrived. */
export const LOCALE_LOADED = Symbol('locale loaded');

/** What LocaleStrings needs of an element (a Lit ReactiveElement fits). */
export interface LocaleHost {
  requestUpdate(name?: PropertyKey, oldValue?: unknown): void;
}

/**
 * An element's string tables. `get` answers at once; when the table still has to load, the
 * element updates again once it has arrived, with `locale` marked changed (old value
 * LOCALE_LOADED) so its usual locale handling picks the table up. Elements route their
 * `getUpdateComplete` through `settle` so `await el.updateComplete` includes that update.
 */
export class LocaleStrings {
  private pending?: Promise<unknown>;

  constructor(private readonly host: LocaleHost) {}

  get(locale: string | null | undefined): Strings {
    const language = languageOf(locale);
    if (!has(tables, language) && has(loaders, language)) {
      const pending: Promise<unknown> = loadLocale(language).then(
        () => {
          if (this.pending !== pending) return;
          this.pending = undefined;
          this.host.requestUpdate('locale', LOCALE_LOADED);
        },
        // Offline or blocked: English stays, which is still a complete table.
        () => {
          if (this.pending === pending) this.pending = undefined;
        },
      );
      this.pending = pending;
    }
    return stringsForLocale(language);
  }

  /** The element's update promise, also covering a table still on its way. */
  settle(updateComplete: () => Promise<boolean>): Promise<boolean> {
    return settleUpdates(updateComplete, () => this.pending);
  }
}
