import type { cardStringsEn } from './en-card.js';
export const cardStringsDe: Record<keyof typeof cardStringsEn, string> = {
  'list.empty': 'Es sind keine Anbieter verfügbar.',
};
