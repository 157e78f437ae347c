// How a screenshot is compared with its baseline (test/screenshots/run.mjs), in one place so the
// tolerance is stated once and its own test (tolerance.test.mjs) checks the same numbers.
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * Per-pixel colour distance (pixelmatch's YIQ measure, 0–1) below which two pixels count as equal.
 * 0.05 still sees a button's blue go from #1d4ed8 to #2563eb (pixelmatch's default 0.1 does not).
 */
export const THRESHOLD = 0.05;
/**
 * Pixels that may differ beyond THRESHOLD. Antialiased pixels (pixelmatch's detector, includeAA
 * false) never count; this absorbs the rest of a renderer's noise on another CPU. A 2 px move of
 * one button or a changed colour of one button is hundreds to thousands of pixels.
 */
export const MAX_DIFF_PIXELS = 25;

/** Decodes a PNG buffer. */
export const decode = (buffer) => PNG.sync.read(buffer);

/**
 * Compares two PNG buffers. Returns `{ ok, diffPixels, reason, diffPng }`: `diffPng` (a buffer,
 * differing pixels in red over a faded copy) only when they differ beyond the tolerance.
 */
export function compare(actualBuffer, expectedBuffer) {
  const actual = decode(actualBuffer);
  const expected = decode(expectedBuffer);
  if (actual.width !== expected.width || actual.height !== expected.height) {
    return {
      ok: false,
      diffPixels: Math.max(actual.width * actual.height, expected.width * expected.height),
      reason: `size ${actual.width}×${actual.height}, baseline ${expected.width}×${expected.height}`,
    };
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const diffPixels = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, {
    threshold: THRESHOLD,
    includeAA: false,
  });
  const ok = diffPixels <= MAX_DIFF_PIXELS;
  return {
    ok,
    diffPixels,
    reason: `${diffPixels} pixels differ (tolerance ${MAX_DIFF_PIXELS})`,
    ...(ok ? {} : { diffPng: PNG.sync.write(diff) }),
  };
}
