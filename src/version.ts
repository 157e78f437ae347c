/** Kept in step with package.json by the release script; shown in double-registration warnings. */
export const VERSION = '0.1.0';
