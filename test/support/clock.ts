/**
 * A small fake clock for browser tests (setTimeout/setInterval/Date), with the method names of
 * @sinonjs/fake-timers. Why not that package: it is CommonJS only, and Web Test Runner serves
 * node_modules as-is (no CommonJS conversion), so `import FakeTimers from '@sinonjs/fake-timers'`
 * fails in the browser ("does not provide an export named 'default'").
 *
 * requestAnimationFrame and microtasks stay real, so Lit updates and fixture() keep working.
 */
export type Faked = 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval' | 'Date';

export interface FakeClock {
  /** Current fake time in ms since the epoch. */
  readonly now: number;
  /** Advances time, firing due timers in order; yields to real tasks between them. */
  tickAsync(ms: number): Promise<number>;
  /** Lets pending promise callbacks (and already-answered fetches) run without advancing time. */
  runMicrotasks(): Promise<void>;
  /** Timers that are scheduled and not yet fired or cleared. */
  countTimers(): number;
  uninstall(): void;
}

interface Timer {
  id: number;
  at: number;
  interval?: number;
  callback: (...args: unknown[]) => void;
  args: unknown[];
}

const real = {
  setTimeout: globalThis.setTimeout.bind(globalThis),
  Date: globalThis.Date,
};

const yieldToRealTasks = () => new Promise<void>((resolve) => real.setTimeout(resolve, 0));

export function installClock(options: { now?: number; toFake?: Faked[] } = {}): FakeClock {
  const toFake = new Set<Faked>(options.toFake ?? ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']);
  let now = options.now ?? real.Date.now();
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const saved = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval,
    clearInterval: globalThis.clearInterval,
    Date: globalThis.Date,
  };

  const schedule = (callback: unknown, delay: unknown, args: unknown[], repeat: boolean): number => {
    if (typeof callback !== 'function') throw new TypeError('fake clock: string callbacks are not supported');
    const ms = Math.max(0, Number(delay) || 0);
    const id = nextId++;
    timers.set(id, { id, at: now + ms, interval: repeat ? Math.max(1, ms) : undefined, callback: callback as Timer['callback'], args });
    return id;
  };
  const clear = (id: unknown) => {
    timers.delete(Number(id));
  };

  const g = globalThis as unknown as Record<string, unknown>;
  if (toFake.has('setTimeout')) g.setTimeout = (cb: unknown, ms?: unknown, ...args: unknown[]) => schedule(cb, ms, args, false);
  if (toFake.has('clearTimeout')) g.clearTimeout = clear;
  if (toFake.has('setInterval')) g.setInterval = (cb: unknown, ms?: unknown, ...args: unknown[]) => schedule(cb, ms, args, true);
  if (toFake.has('clearInterval')) g.clearInterval = clear;
  if (toFake.has('Date')) {
    const RealDate = real.Date;
    class FakeDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(now);
        else super(...(args as [string]));
      }
      static override now() {
        return now;
      }
    }
    g.Date = FakeDate;
  }

  const nextDue = (limit: number): Timer | undefined => {
    let best: Timer | undefined;
    for (const timer of timers.values()) {
      if (timer.at <= limit && (!best || timer.at < best.at || (timer.at === best.at && timer.id < best.id))) best = timer;
    }
    return best;
  };

  return {
    get now() {
      return now;
    },
    async tickAsync(ms: number) {
      const target = now + ms;
      await yieldToRealTasks();
      for (let timer = nextDue(target); timer; timer = nextDue(target)) {
        now = Math.max(now, timer.at);
        if (timer.interval !== undefined) timer.at += timer.interval;
        else timers.delete(timer.id);
        timer.callback(...timer.args);
        await yieldToRealTasks();
      }
      now = target;
      await yieldToRealTasks();
      return now;
    },
    async runMicrotasks() {
      await yieldToRealTasks();
    },
    countTimers() {
      return timers.size;
    },
    uninstall() {
      Object.assign(g, saved);
      timers.clear();
    },
  };
}
