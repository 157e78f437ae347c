/**
 * The card's strings: the list's table (context) or its own locale's, with the host's overrides
 * on top, served to everything inside the card (fields, flows, copy buttons).
 */
import type { PropertyValues, ReactiveControllerHost } from 'lit';
import { ContextProvider } from '@lit/context';
import { stringsContext } from '../context.js';
import type { Strings } from '../../strings/en.js';
import { applyOverrides, LocaleStrings, stringsForLocale } from '../../strings/locale.js';

export interface StringsInput {
  /** The list's table, when inside one. */
  context?: Strings;
  /** The host's overrides (`strings`). */
  overrides?: Partial<Strings>;
  /** The card's own language when standalone (`locale`, `lang`, the page's). */
  locale: string;
}

export class CardStrings {
  t: Strings = stringsForLocale(undefined);
  /** German arrives after the first render when standalone (a lazy chunk); updateComplete waits for it. */
  private readonly locales: LocaleStrings;
  private readonly provider: ContextProvider<typeof stringsContext>;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { hasUpdated: boolean }) {
    this.locales = new LocaleStrings(host);
    this.provider = new ContextProvider(host, { context: stringsContext, initialValue: this.t });
  }

  /** In the host's willUpdate: a new table when any of its inputs changed. */
  sync(changed: PropertyValues, input: () => StringsInput): void {
    if (!['contextStrings', 'strings', 'locale', 'lang'].some((key) => changed.has(key)) && this.host.hasUpdated) return;
    const { context, overrides, locale } = input();
    this.t = applyOverrides(context ?? this.locales.get(locale), overrides);
    this.provider.setValue(this.t);
  }

  /** The host's update promise, also covering a table still on its way. */
  settle(updateComplete: () => Promise<boolean>): Promise<boolean> {
    return this.locales.settle(updateComplete);
  }
}
