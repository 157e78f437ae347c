/** English strings for the provider list and cards (owned by the cards work). */
export const cardStringsEn = {
  'list.empty': 'No providers are available.',
} as const;
