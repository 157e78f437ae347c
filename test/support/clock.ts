/**
 * The fake clock for browser tests: @sinonjs/fake-timers (served as ESM, see ./fake-timers.ts)
 * keeps the timers, their order, intervals and the fake Date; this module adds how our tests
 * advance time.
 *
 * Only the timer functions and Date are faked. requestAnimationFrame, microtasks, MessageChannel
 * and performance.now() stay real, so Lit updates, fixture() and fetch (msw) keep working.
 *
 * `tickAsync` fires due timers one at a time. Before the first, after each one, and at the end it
 * awaits `quiesce` (in real time), so that promise chains, answered fetches and response bodies can
 * run at the fake instant they belong to. The default waits one real timer task, as
 * `clock.tickAsync` of the library does between timers; the flow tests pass a hook that waits until
 * the network is idle (see ../providers/flow-harness.ts).
 */
import { FakeTimers, type Clock } from './fake-timers.js';

export type Faked = 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval' | 'Date';

export interface FakeClock {
  /** Current fake time in ms since the epoch. */
  readonly now: number;
  /** Advances time by `ms`, firing due timers in order; awaits `quiesce` between them. */
  tickAsync(ms: number): Promise<number>;
  /** Lets pending promise callbacks (and already-answered fetches) run without advancing time. */
  runMicrotasks(): Promise<void>;
  /**
   * Moves the fake Date to `ms`, firing nothing (like a tab whose background timers were
   * throttled). Pending timers stay due the same time from now (the library's setSystemTime).
   */
  setSystemTime(ms: number): void;
  /** Timers that are scheduled and not yet fired or cleared. */
  countTimers(): number;
  /** Runs `fn` with the real timers and Date (axe, for one, needs real time), then fakes again. */
  runReal<T>(fn: () => Promise<T>): Promise<T>;
  uninstall(): void;
}

export interface ClockOptions {
  /** Start time in ms since the epoch (default: the real time now). */
  now?: number;
  /** What to fake (default: all of Faked). */
  toFake?: Faked[];
  /**
   * Awaited before ticking, after every timer and at the end of a tick, and by runMicrotasks()
   * (default: yieldTimer, one real timer task).
   */
  quiesce?: () => Promise<void>;
}

/** Captured when this module loads, before any test fakes them. */
const realSetTimeout = globalThis.setTimeout.bind(globalThis);

/** One real timer task: lets work that waits on real timers (fetch bodies, msw) move on. */
export const yieldTimer = () => new Promise<void>((resolve) => realSetTimeout(resolve, 0));

/** One real macrotask, fast: a MessageChannel, as nested setTimeout(0) is clamped to 4 ms. */
export const yieldTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });

const ALL: Faked[] = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'];

/** Longest delay a timer can have (larger ones fire after 1 ms, as in browsers). */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * Fires the first timer due at or before `limit`, moving the clock to its time, and returns true;
 * when none is due, moves the clock to `limit` and returns false. Uses only the library's public
 * API: a marker timer at `limit`, scheduled last, so every timer due by then comes before it.
 */
function fireNextDue(clock: Clock, limit: number): boolean {
  let reachedLimit = false;
  const marker = clock.setTimeout(() => {
    reachedLimit = true;
  }, limit - clock.now);
  try {
    clock.next();
  } finally {
    clock.clearTimeout(marker);
  }
  return !reachedLimit;
}

/** Clocks installed and not yet uninstalled (see uninstallLeftoverClocks). */
const installedClocks = new Set<FakeClock>();

/**
 * Uninstalls every fake clock still installed. For hooks that fail a test from `afterEach`: Mocha
 * then skips the suite's later hooks, so a clock a test would have uninstalled there stays
 * installed, and the runner's own timers never fire (the run hangs instead of reporting).
 */
export function uninstallLeftoverClocks(): number {
  const left = installedClocks.size;
  for (const clock of [...installedClocks]) clock.uninstall();
  return left;
}

export function installClock(options: ClockOptions = {}): FakeClock {
  const toFake = [...new Set(options.toFake ?? ALL)];
  const quiesce = options.quiesce ?? yieldTimer;
  const g = globalThis as unknown as Record<string, unknown>;
  const pick = () => Object.fromEntries(toFake.map((name) => [name, g[name]]));
  const real = pick();
  const clock = FakeTimers.install({
    now: options.now ?? Date.now(),
    toFake,
    // a real timer cleared while faked (e.g. one set in runReal) is really cleared
    shouldClearNativeTimers: true,
  });
  const fake = pick();
  let installed = true;

  const handle: FakeClock = {
    get now() {
      return clock.now;
    },
    async tickAsync(ms: number) {
      const target = clock.now + ms;
      await quiesce();
      for (;;) {
        if (fireNextDue(clock, Math.min(target, clock.now + MAX_DELAY))) await quiesce();
        else if (clock.now >= target) break;
      }
      await quiesce();
      return clock.now;
    },
    runMicrotasks: () => quiesce(),
    setSystemTime(ms: number) {
      clock.setSystemTime(ms);
    },
    countTimers: () => clock.countTimers(),
    async runReal<T>(fn: () => Promise<T>): Promise<T> {
      Object.assign(g, real);
      try {
        return await fn();
      } finally {
        if (installed) Object.assign(g, fake);
      }
    },
    uninstall() {
      if (!installed) return;
      installed = false;
      installedClocks.delete(handle);
      Object.assign(g, fake); // in case runReal() is still running
      clock.uninstall();
    },
  };
  installedClocks.add(handle);
  return handle;
}
