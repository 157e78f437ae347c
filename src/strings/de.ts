import type { Strings } from './en.js';
import { cardStringsDe } from './de-card.js';
import { flowStringsDe } from './de-flows.js';

/** German: complete (the type requires every key). */
export const de: Strings = { ...cardStringsDe, ...flowStringsDe };
