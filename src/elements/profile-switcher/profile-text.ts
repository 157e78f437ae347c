import type { CoreStringKey, CoreStrings } from '../../strings/en-core.js';

/** The switcher's strings and its formatter (the provider's label filled in). */
export type ProfileText = { t: CoreStrings; s: (key: CoreStringKey, params?: Record<string, string | number>) => string };
