import type { StringKey, Strings } from '../../strings/en.js';

/** The switcher's strings and its formatter (the provider's label filled in). */
export type ProfileText = { t: Strings; s: (key: StringKey, params?: Record<string, string | number>) => string };
