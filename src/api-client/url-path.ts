/**
 * URLs built from server text (provider names, profile ids, manifest routes). Every segment is
 * encoded, and the joined URL must stay under the base URL's origin and path exactly as written:
 * `../../admin`, `q?x=1` or `%2e%2e` can neither leave the backend nor become another route.
 */
import { ApiError } from './errors.js';

export const UNSAFE_PATH = 'unsafe_path';

const unsafe = (message: string): ApiError => new ApiError({ code: UNSAFE_PATH, message });

/** A segment the URL parser treats as "this" or "parent" (`.`, `..`, `%2e`, `.%2E`, …). */
const isDotSegment = (segment: string): boolean => /^(\.|%2e){1,2}$/i.test(segment);

/** One path segment from data: percent-encoded; '', '.' and '..' are refused. */
export function encodeSegment(raw: string): string {
  if (raw === '' || isDotSegment(raw)) throw unsafe(`"${raw}" cannot be a path segment.`);
  return encodeURIComponent(raw);
}

/** `/a/b/c` from segments, each encoded (see encodeSegment). */
export const pathOf = (...segments: string[]): string => `/${segments.map(encodeSegment).join('/')}`;

/**
 * Whether a path (`/a/b?q`) is exactly what a URL parser keeps: no dot segment (plain or
 * encoded), no backslash, no whitespace or control character, no fragment.
 */
export function isPlainPath(path: string): boolean {
  const [pathname] = path.split('?', 1);
  return path.startsWith('/') && !/[\s\\#\u0000-\u001f\u007f]/.test(path) && !pathname!.split('/').some(isDotSegment);
}

const ABSOLUTE = /^https?:\/\//i;

/**
 * `base` + `path` as an absolute URL under the base URL, or an ApiError `unsafe_path`.
 * `base`: '' (the page's origin) or a URL without a trailing slash. `path`: `/…` relative to the
 * base, or an absolute http(s) URL (a manifest route) that must lie under the base too.
 */
export function joinUnderBase(base: string, path: string, page: string | undefined = globalThis.location?.href): string {
  const outside = () => unsafe(`The address ${path} is outside the base URL (${base || 'this page\u2019s origin'}); nothing was sent.`);
  let root: URL;
  try {
    root = new URL(base || '/', page);
  } catch {
    throw unsafe(`The base URL ${base} is not a valid address.`);
  }
  const basePath = root.pathname.replace(/\/+$/, '');
  const absolute = ABSOLUTE.test(path);
  const joined = absolute ? path : `${root.origin}${basePath}${path}`;
  // What the caller wrote as the path: the parsed URL must keep it unchanged.
  const written = absolute ? path.replace(/^https?:\/\/[^/?#]*/i, '') || '/' : `${basePath}${path}`;
  let url: URL;
  try {
    url = new URL(joined);
  } catch {
    throw outside();
  }
  const [writtenPath] = written.split('?', 1);
  if (
    !isPlainPath(absolute ? written : path) ||
    url.origin !== root.origin ||
    url.pathname !== writtenPath ||
    !`${url.pathname}/`.startsWith(`${basePath}/`)
  ) {
    throw outside();
  }
  // Unchanged by the parser (checked above), so the written form is the same address; a relative
  // one stays relative (same origin, as the host wrote `base-url`).
  return absolute ? url.href : `${base}${path}`;
}
