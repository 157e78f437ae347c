/**
 * The English strings the entry carries: the card's and the error sentences. The flows' own
 * strings (en-flows.ts) arrive with the flows chunk, which imports en.ts: that table is complete
 * and becomes the English one from then on (`useEnglish`, locale.ts). Until then a flow key is
 * missing from English, and no code in the entry reads one (flow elements read through
 * `withFlowStrings`, en.ts).
 */
import { cardStringsEn } from './en-card.js';
import { errorStringsEn } from './en-errors.js';

export const enCore = { ...cardStringsEn, ...errorStringsEn };

export type CoreStringKey = keyof typeof enCore;
/** What the entry's English has of every table: the card's strings and the error sentences. */
export type CoreStrings = Record<CoreStringKey, string>;
