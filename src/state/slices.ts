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

/** A job: starts some work and resolves once it is done (its work runs in microtasks, e.g. an element's update). */
export type SliceJob = () => Promise<unknown>;

/**
 * Jobs run in the order queued, as many per task as fit in the budget. Jobs queued in the same
 * task start in that task (after the current microtasks), the rest in later tasks. A job whose
 * promise does not settle within its task no longer holds the others up.
 */
export class SliceQueue {
  private readonly jobs: Array<{ job: SliceJob; done: () => void }> = [];
  private draining = false;

  constructor(private readonly budgetMs = SLICE_MS) {}

  /** Queues `job`; resolves once it ran (settled, failed, or was left waiting for a later task). */
  run(job: SliceJob): Promise<void> {
    return new Promise<void>((done) => {
      this.jobs.push({ job, done });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    // Jobs queued by the rest of this microtask checkpoint join the first slice.
    await Promise.resolve();
    while (this.jobs.length) {
      const start = performance.now();
      // The awaits below are microtasks: one slice is one task, unless a job waits for a later one.
      let taskEnded = false;
      const later = nextTask().then(() => (taskEnded = true));
      do {
        const { job, done } = this.jobs.shift()!;
        await Promise.race([settled(job), later]);
        done();
      } while (this.jobs.length && !taskEnded && performance.now() - start < this.budgetMs);
      if (this.jobs.length && !taskEnded) await later;
    }
    this.draining = false;
  }
}

/** Resolves once `job` settled; a failed job does not stop the others. */
async function settled(job: SliceJob): Promise<void> {
  try {
    await job();
  } catch {
    /* the job's own caller reports its failure */
  }
}

/** Runs `jobs` in order through a queue of their own; resolves once every job ran. */
export async function runInSlices(jobs: Iterable<SliceJob>, budgetMs = SLICE_MS): Promise<void> {
  const queue = new SliceQueue(budgetMs);
  await Promise.all([...jobs].map((job) => queue.run(job)));
}
