import { expect } from '../helpers.js';
import { nextTask, runInSlices } from '../../src/state/slices.js';

/**
 * Runs `fn` while a chain of tasks (one MessageChannel task after the other) counts up: jobs that
 * see different counts ran in different tasks.
 */
async function withTaskCounter(fn: (now: () => number) => Promise<void>): Promise<void> {
  let count = 0;
  let running = true;
  const tick = (): void => {
    count++;
    if (running) void nextTask().then(tick);
  };
  void nextTask().then(tick);
  try {
    await fn(() => count);
  } finally {
    running = false;
  }
}

describe('runInSlices', () => {
  it('runs every job once, in order', async () => {
    const ran: number[] = [];
    await runInSlices([1, 2, 3, 4, 5].map((n) => async () => void ran.push(n)));
    expect(ran).to.deep.equal([1, 2, 3, 4, 5]);
  });

  it('runs the jobs that fit the budget in one task, and the rest in later tasks', async () => {
    await withTaskCounter(async (now) => {
      const seen: number[] = [];
      await runInSlices([0, 1, 2].map(() => async () => void seen.push(now())), 10_000);
      expect(new Set(seen).size, 'all within a generous budget: one task').to.equal(1);

      const apart: number[] = [];
      await runInSlices([0, 1, 2, 3].map(() => async () => void apart.push(now())), 0);
      expect(new Set(apart).size, 'no budget: a job per task, other tasks in between').to.be.greaterThan(1);
    });
  });

  it('a job whose promise never settles does not hold up the others', async () => {
    const ran: string[] = [];
    await runInSlices([
      async () => void ran.push('a'),
      () => new Promise<void>(() => ran.push('stuck')),
      async () => void ran.push('c'),
    ]);
    expect(ran).to.deep.equal(['a', 'stuck', 'c']);
  });

  it('a job that fails does not stop the others', async () => {
    const ran: string[] = [];
    await runInSlices([async () => Promise.reject(new Error('boom')), async () => void ran.push('after')]);
    expect(ran).to.deep.equal(['after']);
  });
});
