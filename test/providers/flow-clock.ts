/**
 * The fake clock for flow tests: installClock() (../support/clock.ts, on @sinonjs/fake-timers)
 * faking setTimeout/clearTimeout/Date, with a `quiesce` hook run before a tick, after every timer
 * and after it.
 *
 * Why the hook: an answer from the mock needs a few real tasks (body streams), so a clock that
 * yields only one after each timer would run on to later timers (the client's 15 s timeout) before
 * the answer arrives, and a reply would be handled at a later fake time than it was asked.
 * flow-harness.ts passes a hook that waits (in real time) until the network is idle, so a request
 * and its answer happen at the same fake instant, like a fast real server.
 */
import { installClock, yieldTask, type FakeClock } from '../support/clock.js';

export { yieldTask, yieldTimer } from '../support/clock.js';

export type FlowClock = FakeClock;

export function installFlowClock(options: { quiesce?: () => Promise<void> } = {}): FlowClock {
  const quiesce =
    options.quiesce ??
    (async () => {
      for (let i = 0; i < 5; i++) await yieldTask();
    });
  return installClock({ toFake: ['setTimeout', 'clearTimeout', 'Date'], quiesce });
}
