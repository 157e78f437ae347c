/**
 * Timers and numbers that come from a server. `setTimeout` fires at once for a delay above
 * 2^31−1 ms (about 24.8 days) and treats NaN as 0, so a hostile `interval: 1e9` became a busy
 * loop. Every timer whose delay a server chose goes through `safeTimeout` (the number itself is held
 * to bounds when parsed, see api-client/server-numbers.ts).
 */

/** The longest delay setTimeout holds. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Cancels a pending `safeTimeout` (calling it twice is harmless). */
export type CancelTimer = () => void;

/**
 * Calls `fn` once after `delayMs` (NaN or negative: 0; Infinity: never). Longer waits than a
 * timer can hold are split into steps, so they never fire early.
 */
export function safeTimeout(fn: () => void, delayMs: number): CancelTimer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (delayMs === Infinity) return () => undefined;
  const due = Date.now() + (delayMs > 0 ? delayMs : 0);
  const arm = (): void => {
    const left = due - Date.now();
    timer = setTimeout(
      () => {
        timer = undefined;
        if (due - Date.now() > 0) arm();
        else fn();
      },
      Math.min(MAX_TIMER_MS, Math.max(0, left)),
    );
  };
  arm();
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
}

/**
 * Resolves when `work` settles, `ms` passed or `signal` aborted, whichever is first; never rejects,
 * and leaves no timer behind.
 */
export function settledWithin(work: Promise<unknown>, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      cancel();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const cancel = safeTimeout(done, ms);
    signal.addEventListener('abort', done);
    if (signal.aborted) done();
    work.then(done, done);
  });
}
