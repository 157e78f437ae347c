/** URL hygiene: the widget only ever opens or links to http(s) addresses. */

/**
 * Returns the absolute href when `value` is an http: or https: URL (relative values resolve
 * against `base` when given), else undefined. `javascript:`, `data:`, `blob:` and friends never pass.
 */
export function safeHttpUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  let url: URL;
  try {
    url = base ? new URL(value.trim(), base) : new URL(value.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/** The out-of-band redirect "URL" Trakt apps are registered with: text to copy, never opened. */
export const OOB_REDIRECT = 'urn:ietf:wg:oauth:2.0:oob';

/** Origin of an absolute URL, or undefined. */
export function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}
