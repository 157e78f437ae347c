/**
 * DeviceFlowController against numbers a hostile backend sends (issue 11), through the real API
 * client on the fake clock: never more than one poll a second, never sooner than asked, no timer
 * overflow (a delay above 2^31−1 ms fired at once), a long wait shown, a huge Retry-After no error.
 */
import { expect } from '../helpers.js';
import { DeviceFlowController } from '../../src/providers/device-flow.controller.js';
import type { DeviceFlowState } from '../../src/providers/flow-state.js';
import { safeTimeout, MAX_TIMER_MS } from '../../src/state/safe-timer.js';
import { FakePopup, TestHost, settle, setupHarness, stubWindowOpen, type Harness } from './flow-harness.js';

type Answer = { body: unknown; status?: number; headers?: Record<string, string> };

describe('DeviceFlowController: numbers from the server', () => {
  let h: Harness;
  let host: TestHost;
  let windows: ReturnType<typeof stubWindowOpen>;
  let restoreFetch: () => void;

  /** Answers requests whose path ends with a key with that answer (the mock still sees them). */
  const answer = (routes: Record<string, Answer | (() => Answer)>) => {
    const inner = globalThis.fetch;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const real = await inner(input, init);
      const path = new URL(input instanceof Request ? input.url : String(input), location.href).pathname;
      const hit = Object.entries(routes).find(([suffix]) => path.endsWith(suffix));
      if (!hit) return real;
      const a = typeof hit[1] === 'function' ? hit[1]() : hit[1];
      return new Response(JSON.stringify(a.body), { status: a.status ?? 200, headers: { 'content-type': 'application/json', ...a.headers } });
    }) as typeof fetch;
    restoreFetch = () => (globalThis.fetch = inner);
  };

  const start = async (routes: Record<string, Answer | (() => Answer)>) => {
    const plex = await h.provider('PLEX');
    answer(routes);
    const flow = new DeviceFlowController(host, { getApi: () => h.api, getProvider: () => plex });
    host.connect();
    flow.start();
    await settle(h.clock);
    return flow;
  };
  const polls = () => h.timesOf('/device/poll');
  const code = (extra: Record<string, unknown>) => ({ body: { user_code: 'ABCD', verification_url: 'https://plex.tv/link', ...extra } });
  const pending = { body: { status: 'pending' } };

  beforeEach(async () => {
    h = await setupHarness();
    host = new TestHost();
    windows = stubWindowOpen(() => new FakePopup());
    restoreFetch = () => undefined;
  });
  afterEach(() => {
    host.disconnect();
    restoreFetch();
    windows.restore();
    h.teardown();
  });

  it('interval 0.001 polls once a second at most, not 150 times', async () => {
    const flow = await start({ '/device/start': code({ interval: 0.001, expires_in: 600 }), '/device/poll': pending });
    await h.clock.tickAsync(10_000);
    expect(polls()).to.have.length.at.most(10);
    expect(Math.min(...h.gapsOf('/device/poll'))).to.be.at.least(1_000);
    expect(flow.state.kind).to.equal('waiting');
  });

  it('interval 1e9 with expires_in 1e9 does not overflow the timer: no poll, then expired at the default lifetime', async () => {
    const flow = await start({ '/device/start': code({ interval: 1e9, expires_in: 1e9 }), '/device/poll': pending });
    await h.clock.tickAsync(60_000);
    expect(polls(), 'never sooner than the server asked').to.deep.equal([]);
    await h.clock.tickAsync(600_000);
    expect(flow.state.kind).to.equal('expired');
    expect(polls()).to.deep.equal([]);
    expect(h.clock.countTimers()).to.equal(0);
  });

  for (const status of ['pending', 'slow_down']) {
    it(`a huge interval in a ${status} answer waits (no burst of polls)`, async () => {
      const flow = await start({ '/device/start': code({ interval: 5, expires_in: 600 }), '/device/poll': { body: { status, interval: 1e9 } } });
      await h.clock.tickAsync(300_000);
      expect(polls()).to.deep.equal([5_000]);
      expect(flow.state.kind).to.equal('waiting');
    });
  }

  it('a 429 with Retry-After 1e9 is no error: the flow waits, then reports the code expired', async () => {
    let n = 0;
    const flow = await start({
      '/device/start': code({ interval: 5, expires_in: 600 }),
      '/device/poll': () => (n++ === 0 ? { body: { ok: false, error: { code: 'rate_limited', message: 'slow' } }, status: 429, headers: { 'retry-after': '1000000000' } } : pending),
    });
    await h.clock.tickAsync(300_000);
    expect(polls()).to.deep.equal([5_000]);
    expect(flow.state.kind).to.equal('waiting');
    await h.clock.tickAsync(300_000);
    expect(flow.state.kind).to.equal('expired');
  });

  it('a long wait is shown: the next check time while a Retry-After of 2 minutes runs', async () => {
    let n = 0;
    const flow = await start({
      '/device/start': code({ interval: 5, expires_in: 600 }),
      '/device/poll': () => (n++ === 0 ? { body: { status: 'slow_down', retry_after: 120 } } : pending),
    });
    expect((flow.state as DeviceFlowState & { kind: 'waiting' }).nextCheckAt, 'a 5 s wait is not announced').to.equal(undefined);
    await h.clock.tickAsync(5_000);
    const state = flow.state as DeviceFlowState & { kind: 'waiting' };
    expect(state.nextCheckAt! - h.t0).to.equal(125_000);
    await h.clock.tickAsync(120_000);
    expect(polls()).to.deep.equal([5_000, 125_000]);
    expect((flow.state as DeviceFlowState & { kind: 'waiting' }).nextCheckAt).to.equal(undefined);
  });
});

describe('safeTimeout', () => {
  let h: Harness;
  beforeEach(async () => (h = await setupHarness()));
  afterEach(() => h.teardown());

  it('a delay longer than a timer holds fires once, not sooner', async () => {
    const fired: number[] = [];
    safeTimeout(() => fired.push(Date.now() - h.t0), MAX_TIMER_MS * 2 + 5);
    await h.clock.tickAsync(MAX_TIMER_MS * 2);
    expect(fired).to.deep.equal([]);
    await h.clock.tickAsync(10);
    expect(fired).to.deep.equal([MAX_TIMER_MS * 2 + 5]);
    expect(h.clock.countTimers()).to.equal(0);
  });

  it('cancel stops every step; NaN means now', async () => {
    const fired: string[] = [];
    const cancel = safeTimeout(() => fired.push('long'), MAX_TIMER_MS + 1);
    await h.clock.tickAsync(MAX_TIMER_MS);
    cancel();
    safeTimeout(() => fired.push('nan'), NaN);
    await h.clock.tickAsync(10);
    expect(fired).to.deep.equal(['nan']);
    expect(h.clock.countTimers()).to.equal(0);
  });
});
