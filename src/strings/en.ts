import { cardStringsEn } from './en-card.js';
import { flowStringsEn } from './en-flows.js';

/** The one English string table. Every visible string comes from here. */
export const en = { ...cardStringsEn, ...flowStringsEn };

export type StringKey = keyof typeof en;
/** A complete table: every key has a string. */
export type Strings = Record<StringKey, string>;
