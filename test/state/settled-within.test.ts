/**
 * settledWithin (src/state/safe-timer.ts): how long a list waits for a backend adapter's chunk.
 * It resolves on the first of settle / time / abort, never rejects, and leaves no timer behind.
 */
import { expect } from '../helpers.js';
import { settledWithin } from '../../src/state/safe-timer.js';
import { installClock, type FakeClock } from '../support/clock.js';

describe('settledWithin', () => {
  let clock: FakeClock;
  beforeEach(() => {
    clock = installClock({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.uninstall());

  const track = (p: Promise<void>) => {
    const state = { done: false };
    void p.then(() => (state.done = true));
    return state;
  };

  it('resolves when the work settles (even by failing) and clears its timer', async () => {
    let fail!: (e: Error) => void;
    const state = track(settledWithin(new Promise((_, no) => (fail = no)), 2000, new AbortController().signal));
    await clock.tickAsync(10);
    expect(state.done).to.equal(false);
    expect(clock.countTimers()).to.equal(1);
    fail(new Error('chunk failed'));
    await clock.tickAsync(0);
    expect(state.done).to.equal(true);
    expect(clock.countTimers(), 'no timer left').to.equal(0);
  });

  it('resolves after the time when the work hangs', async () => {
    const state = track(settledWithin(new Promise(() => undefined), 2000, new AbortController().signal));
    await clock.tickAsync(1999);
    expect(state.done).to.equal(false);
    await clock.tickAsync(1);
    expect(state.done).to.equal(true);
    expect(clock.countTimers()).to.equal(0);
  });

  it('resolves at once on abort (the list was removed) and clears its timer; an aborted signal does not wait', async () => {
    const abort = new AbortController();
    const state = track(settledWithin(new Promise(() => undefined), 2000, abort.signal));
    abort.abort();
    await clock.tickAsync(0);
    expect(state.done).to.equal(true);
    expect(clock.countTimers()).to.equal(0);
    const again = track(settledWithin(new Promise(() => undefined), 2000, abort.signal));
    await clock.tickAsync(0);
    expect(again.done).to.equal(true);
    expect(clock.countTimers()).to.equal(0);
  });
});
