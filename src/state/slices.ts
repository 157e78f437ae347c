/**
 * Work that one event hands to many elements at once (a lazy part arrived for every card waiting
 * for it; the all-providers status answered every card that asked), spread over tasks of at most
 * SLICE_MS of main thread each. Woken all at once, 5,000 cards re-rendered in one task of
 * several hundred ms; in slices, input and paint get their turn between them.
 */

/** Main-thread time per slice: well below the 200 ms a long list may block, near a frame or three. */
export const SLICE_MS = 40;

/** The next task, without setTimeout's 4 ms clamp. */
export const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/**
 * Runs `jobs` in order, each until the promise it returns settles (its work runs in microtasks,
 * e.g. an element's update), as many per task as fit in `budgetMs`. A job whose promise does not
 * settle within its task no longer holds the others up. Resolves once every job ran.
 */
export async function runInSlices(jobs: Iterable<() => Promise<unknown>>, budgetMs = SLICE_MS): Promise<void> {
  const queue = [...jobs];
  let at = 0;
  while (at < queue.length) {
    const start = performance.now();
    // The awaits below are microtasks: one slice is one task, unless a job waits for a later one.
    let taskEnded = false;
    const later = nextTask().then(() => (taskEnded = true));
    do {
      await Promise.race([queue[at++]!().catch(() => undefined), later]);
    } while (at < queue.length && !taskEnded && performance.now() - start < budgetMs);
    if (at < queue.length && !taskEnded) await later;
  }
}
