import type { flowStringsEn } from './en-flows.js';
export const flowStringsDe: Record<keyof typeof flowStringsEn, string> = {
  'flow.cancel': 'Abbrechen',
};
