/** English strings for connect flows, status and errors (owned by the flows work). */
export const flowStringsEn = {
  'flow.cancel': 'Cancel',
} as const;
