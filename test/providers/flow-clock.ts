/**
 * A fake clock for flow tests (setTimeout/clearTimeout/Date), API-compatible with the parts of
 * @sinonjs/fake-timers we use (that package is CommonJS only and does not load under Web Test
 * Runner's plain node-resolve).
 *
 * Why not test/support/clock.ts: after each timer it yields one real task, but an answer from the
 * mock needs a few (body streams), so the clock would run on to later timers (the client's 15 s
 * timeout) before the answer arrives, and a reply would be handled at a later fake time than it
 * was asked. Here, after each timer, `quiesce()` waits (in real time) until the network is idle,
 * so a request and its answer happen at the same fake instant, like a fast real server.
 */
export interface FlowClock {
  readonly now: number;
  tickAsync(ms: number): Promise<number>;
  /** Lets answered requests and promise chains finish without moving time. */
  runMicrotasks(): Promise<void>;
  /** Moves Date only, firing nothing (like a tab whose background timers were throttled). */
  setSystemTime(ms: number): void;
  countTimers(): number;
  /** Runs `fn` with the real timers and Date (axe, for one, needs real time), then fakes again. */
  runReal<T>(fn: () => Promise<T>): Promise<T>;
  uninstall(): void;
}

interface Timer {
  id: number;
  at: number;
  callback: (...args: unknown[]) => void;
  args: unknown[];
}

const RealDate = globalThis.Date;
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

export function installFlowClock(options: { quiesce?: () => Promise<void> } = {}): FlowClock {
  let now = RealDate.now();
  let nextId = 1_000_000; // apart from real timer ids (runReal)
  const timers = new Map<number, Timer>();
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = { setTimeout: g.setTimeout, clearTimeout: g.clearTimeout, Date: g.Date };
  const quiesce = options.quiesce ?? (async () => {
    for (let i = 0; i < 5; i++) await yieldTask();
  });

  const fakeSetTimeout = (callback: unknown, delay?: unknown, ...args: unknown[]) => {
    if (typeof callback !== 'function') throw new TypeError('flow clock: string callbacks are not supported');
    const id = nextId++;
    timers.set(id, { id, at: now + Math.max(0, Number(delay) || 0), callback: callback as Timer['callback'], args });
    return id;
  };
  const fakeClearTimeout = (id: unknown) => {
    timers.delete(Number(id));
  };
  class FakeDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now);
      else super(...(args as [string]));
    }
    static override now() {
      return now;
    }
  }
  const fake = () => Object.assign(g, { setTimeout: fakeSetTimeout, clearTimeout: fakeClearTimeout, Date: FakeDate });
  fake();

  const nextDue = (limit: number): Timer | undefined => {
    let best: Timer | undefined;
    for (const t of timers.values()) if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t;
    return best;
  };

  return {
    get now() {
      return now;
    },
    async tickAsync(ms: number) {
      const target = now + ms;
      await quiesce();
      for (let t = nextDue(target); t; t = nextDue(target)) {
        now = Math.max(now, t.at);
        timers.delete(t.id);
        t.callback(...t.args);
        await quiesce();
      }
      now = target;
      await quiesce();
      return now;
    },
    runMicrotasks: () => quiesce(),
    setSystemTime(ms: number) {
      now = ms;
    },
    countTimers: () => timers.size,
    async runReal<T>(fn: () => Promise<T>): Promise<T> {
      Object.assign(g, saved);
      try {
        return await fn();
      } finally {
        fake();
      }
    },
    uninstall() {
      Object.assign(g, saved);
      timers.clear();
    },
  };
}
