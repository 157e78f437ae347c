/**
 * DeviceFlowController against the real API client and the bundled mock, on a fake clock:
 * RFC 8628 pacing (exact gaps), slow_down, Retry-After, backoff, expiry, denial, cancel, removal,
 * visibility, popups, and CrossWatch's server-side `pin/new` mode.
 */
import { expect } from '../helpers.js';
import { DeviceFlowController, MAX_BACKOFF_S } from '../../src/providers/device-flow.controller.js';
import type { DeviceFlowState } from '../../src/providers/flow-state.js';
import type { AuthApi } from '../../src/api-client/api.js';
import type { ResolvedProvider } from '../../src/providers/types.js';
import { MASK } from '../../src/api-client/config-paths.js';
import { FakePopup, TestHost, settle, setupHarness, stubWindowOpen, type Harness } from './flow-harness.js';

describe('DeviceFlowController', () => {
  let h: Harness;
  let host: TestHost;
  let windows: ReturnType<typeof stubWindowOpen>;
  let states: DeviceFlowState[];

  const make = (provider: ResolvedProvider, opts: { config?: Record<string, unknown>; instance?: string; api?: AuthApi } = {}) => {
    const controller = new DeviceFlowController(host, {
      getApi: () => opts.api ?? h.api,
      getProvider: () => provider,
      getInstance: () => opts.instance,
      getConfig: () => opts.config,
      onChange: (next) => states.push(next),
    });
    host.connect();
    return controller;
  };

  beforeEach(async () => {
    h = await setupHarness();
    host = new TestHost();
    states = [];
    windows = stubWindowOpen(() => new FakePopup());
  });
  afterEach(() => {
    host.disconnect();
    windows.restore();
    h.teardown();
  });

  it('polls at the server interval (5 s), then every 10 s after one slow_down, one request at a time', async () => {
    const plex = await h.provider('PLEX');
    const flow = make(plex);
    flow.start();
    await settle(h.clock);
    expect(flow.state.kind).to.equal('waiting');
    h.backend.faults.add({ fault: 'slow_down_storm', provider: 'plex', route: 'poll', times: 1 });
    // poll 1 at 5 s → slow_down (injected); then pending every 10 s
    await h.clock.tickAsync(45_000);
    expect(h.timesOf('/device/poll')).to.deep.equal([5_000, 15_000, 25_000, 35_000, 45_000]);
    expect(h.gapsOf('/device/poll')).to.deep.equal([10_000, 10_000, 10_000, 10_000]);
    expect((flow.state as { interval: number }).interval).to.equal(10);
    // The mock answers slow_down to anything faster than its interval: none happened.
    const snapshot = h.backend.snapshot().deviceFlows.find((f) => f.provider === 'plex')!;
    expect(snapshot.interval).to.equal(10);
  });

  it('slow_down without a new interval adds exactly 5 s to this and every later poll', async () => {
    const provider = await h.provider('PLEX');
    const fake = fakeApi(h.api, {
      start: { userCode: 'ABCD', verificationUrl: 'https://plex.tv/link', interval: 5, expiresIn: 600 },
      poll: [{ status: 'pending' }, { status: 'slow_down' }, { status: 'pending' }, { status: 'slow_down' }, { status: 'pending' }],
    });
    const flow = make(provider, { api: fake.api });
    flow.start();
    await h.clock.tickAsync(100_000);
    const gaps = fake.polls.slice(1).map((t, i) => t - fake.polls[i]!);
    expect(gaps.slice(0, 6)).to.deep.equal([5_000, 10_000, 10_000, 15_000, 15_000, 15_000]);
  });

  it('waits exactly 5 s between polls by default and stays pending without approval', async () => {
    const flow = make(await h.provider('PLEX'));
    flow.start();
    await h.clock.tickAsync(20_000);
    expect(h.timesOf('/device/poll')).to.deep.equal([5_000, 10_000, 15_000, 20_000]);
    expect(flow.state.kind).to.equal('waiting');
  });

  it('honours Retry-After on a 429 instead of its own backoff', async () => {
    const flow = make(await h.provider('PLEX'));
    flow.start();
    await settle(h.clock);
    h.backend.faults.add({ fault: 'rate_limited', provider: 'plex', route: 'poll', times: 1, ms: 30_000 });
    await h.clock.tickAsync(40_000);
    expect(h.timesOf('/device/poll')).to.deep.equal([5_000, 35_000, 40_000]);
    expect(flow.state.kind).to.equal('waiting');
  });

  it('backs off exponentially on network errors, capped at 60 s, then resumes the interval', async () => {
    const flow = make(await h.provider('PLEX'));
    flow.start();
    await settle(h.clock);
    h.backend.faults.add({ fault: 'network', provider: 'plex', route: 'poll', times: 5 });
    await h.clock.tickAsync(5_000 + 10_000 + 20_000 + 40_000 + 60_000 + 60_000 + 5_000);
    expect(h.gapsOf('/device/poll')).to.deep.equal([10_000, 20_000, 40_000, MAX_BACKOFF_S * 1000, 60_000, 5_000]);
    expect(flow.state.kind, 'transient errors do not end the flow').to.equal('waiting');
  });

  it('finishes when the code is approved on the activation page: connected with the account', async () => {
    const flow = make(await h.provider('PLEX'));
    flow.start();
    await settle(h.clock);
    const code = (flow.state as { userCode: string }).userCode;
    const page = await fetch('/mock/activate', {
      method: 'POST',
      body: new URLSearchParams({ provider: 'plex', code, account: 'ada', decision: 'approve' }),
    });
    expect(await page.text()).to.contain('approved');
    await h.clock.tickAsync(5_000);
    expect(flow.state).to.deep.equal({ kind: 'connected', account: 'ada' });
    const polls = h.timesOf('/device/poll').length;
    await h.clock.tickAsync(60_000);
    expect(h.timesOf('/device/poll').length, 'no poll after success').to.equal(polls);
    expect(h.backend.snapshot().providers.plex!.connected).to.equal(true);
  });

  it('stops on denial', async () => {
    const flow = make(await h.provider('PLEX'));
    flow.start();
    await settle(h.clock);
    h.backend.denyDevice('plex');
    await h.clock.tickAsync(5_000);
    expect(flow.state.kind).to.equal('denied');
    await h.clock.tickAsync(60_000);
    expect(h.timesOf('/device/poll')).to.deep.equal([5_000]);
  });

  it('expires at the deadline and polls no more', async () => {
    const flow = make(await h.provider('PLEX'));
    flow.start();
    await settle(h.clock);
    const deadline = (flow.state as { deadline: number }).deadline - h.t0;
    expect(deadline).to.equal(900_000);
    await h.clock.tickAsync(deadline + 60_000);
    expect(flow.state.kind).to.equal('expired');
    const times = h.timesOf('/device/poll');
    // Every 5 s up to, not at, the deadline: a poll at the deadline could only say "expired".
    expect(times.length).to.equal(deadline / 5_000 - 1);
    expect(times[times.length - 1]).to.equal(deadline - 5_000);
  });

  it('ends on the local deadline even if the server keeps saying pending', async () => {
    const provider = await h.provider('PLEX');
    const fake = fakeApi(h.api, { start: { userCode: 'ABCD', verificationUrl: 'https://plex.tv/link', interval: 5, expiresIn: 12 }, poll: { status: 'pending' } });
    const flow = make(provider, { api: fake.api });
    flow.start();
    await h.clock.tickAsync(30_000);
    expect(flow.state.kind).to.equal('expired');
    expect(fake.polls).to.deep.equal([5_000, 10_000].map((t) => t + h.t0));
  });

  it('cancel reaches the server and stops polling', async () => {
    const flow = make(await h.provider('PLEX'));
    flow.start();
    await h.clock.tickAsync(5_000);
    flow.cancel();
    await settle(h.clock);
    expect(flow.state).to.deep.equal({ kind: 'idle', notice: 'cancelled' });
    expect(h.requests.filter((r) => r.path === '/api/plex/device/cancel' && r.method === 'POST')).to.have.length(1);
    expect(h.backend.snapshot().deviceFlows.find((f) => f.provider === 'plex')!.state).to.equal('cancelled');
    await h.clock.tickAsync(60_000);
    expect(h.timesOf('/device/poll')).to.deep.equal([5_000]);
    expect(windows.popups[0]!.closed, 'our popup is closed').to.equal(true);
  });

  it('a double click starts one flow', async () => {
    const flow = make(await h.provider('PLEX'));
    flow.start();
    flow.start();
    await settle(h.clock);
    flow.start();
    expect(h.requests.filter((r) => r.path.endsWith('/device/start'))).to.have.length(1);
    expect(windows.calls).to.have.length(1);
  });

  it('removal aborts everything: one cancel request (keepalive), then no requests and no timers', async () => {
    const keepalive: boolean[] = [];
    const inner = globalThis.fetch;
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/device/cancel')) keepalive.push(init?.keepalive === true);
      return inner(input, init);
    }) as typeof fetch;
    try {
      const flow = make(await h.provider('PLEX'));
      flow.start();
      await h.clock.tickAsync(5_000);
      const before = h.requests.length;
      host.disconnect();
      await h.clock.tickAsync(10 * 60_000);
      expect(h.requests.slice(before).map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /api/plex/device/cancel']);
      expect(keepalive).to.deep.equal([true]);
      expect(h.backend.snapshot().deviceFlows.find((f) => f.provider === 'plex')!.state).to.equal('cancelled');
      expect(h.clock.countTimers()).to.equal(0);
      expect(flow.state.kind).to.equal('idle');
    } finally {
      globalThis.fetch = inner;
    }
  });

  it('removal with 15 flows waiting sends 15 cancel requests; a removed idle flow sends none', async () => {
    const plex = await h.provider('PLEX');
    const flows = Array.from({ length: 15 }, () => make(plex));
    for (const flow of flows) flow.start();
    make(plex); // never started
    await h.clock.tickAsync(1_000);
    expect(flows.every((f) => f.state.kind === 'waiting')).to.equal(true);
    host.disconnect();
    await h.clock.tickAsync(1_000);
    expect(h.timesOf('/device/cancel')).to.have.length(15);
    expect(h.timesOf('/device/poll')).to.deep.equal([]);
  });

  it('removal during the start request aborts it and never polls', async () => {
    const flow = make(await h.provider('PLEX'));
    h.backend.setLatency(3_000);
    flow.start();
    await h.clock.tickAsync(1_000);
    host.disconnect();
    await h.clock.tickAsync(10 * 60_000);
    expect(h.timesOf('/device/poll')).to.deep.equal([]);
    expect(flow.state.kind).to.equal('idle');
  });

  it('polls at once when the tab becomes visible again after a throttled wait', async () => {
    const flow = make(await h.provider('PLEX'));
    flow.start();
    await h.clock.tickAsync(5_000);
    expect(h.timesOf('/device/poll')).to.deep.equal([5_000]);
    // Too early (1 s after a poll): nothing extra.
    await h.clock.tickAsync(1_000);
    document.dispatchEvent(new Event('visibilitychange'));
    await settle(h.clock);
    expect(h.timesOf('/device/poll')).to.have.length(1);
    // Background timers were throttled: the wall clock moved 30 s, our timer did not fire.
    h.clock.setSystemTime(Date.now() + 30_000);
    document.dispatchEvent(new Event('visibilitychange'));
    await settle(h.clock);
    expect(h.requests.filter((r) => r.path.endsWith('/device/poll'))).to.have.length(2);
  });

  it('opens the verification page inside the click, then navigates it to verification_url_complete', async () => {
    const flow = make(await h.provider('PLEX'));
    flow.start();
    expect(windows.calls, 'opened synchronously').to.have.length(1);
    expect(windows.calls[0]![0]).to.equal('');
    expect(windows.popups[0]!.opener, 'detached from our page').to.equal(null);
    await settle(h.clock);
    const state = flow.state as Extract<DeviceFlowState, { kind: 'waiting' }>;
    expect(windows.popups[0]!.location.href).to.equal(state.openUrl);
    expect(state.openUrl).to.equal(`${location.origin}/mock/activate?provider=plex&code=${encodeURIComponent(state.userCode)}`);
    expect(state.popupBlocked).to.equal(false);
  });

  it('shows the way forward when the popup is blocked', async () => {
    windows.restore();
    windows = stubWindowOpen(() => null);
    const flow = make(await h.provider('PLEX'));
    flow.start();
    await settle(h.clock);
    expect(flow.state.kind).to.equal('waiting');
    expect((flow.state as { popupBlocked: boolean }).popupBlocked).to.equal(true);
    expect((flow.state as { openUrl: string }).openUrl).to.match(/^http:\/\/.+\/mock\/activate/);
  });

  it('never navigates the popup to a non-http(s) URL from the server', async () => {
    const provider = await h.provider('PLEX');
    const fake = fakeApi(h.api, {
      start: { userCode: 'ABCD', verificationUrl: 'javascript:alert(1)', verificationUrlComplete: 'data:text/html,x', interval: 5, expiresIn: 60 },
      poll: { status: 'pending' },
    });
    const flow = make({ ...provider, verifyUrl: undefined }, { api: fake.api });
    flow.start();
    await settle(h.clock);
    expect(windows.popups[0]!.location.href).to.equal('about:blank');
    expect(windows.popups[0]!.closed).to.equal(true);
    expect((flow.state as { openUrl?: string }).openUrl).to.equal(undefined);
  });

  it('needs the app keys first: no request, no window', async () => {
    const trakt = await h.provider('TRAKT');
    const flow = make(trakt, { config: { trakt: { client_id: '', client_secret: '' } } });
    flow.start();
    expect(flow.state.kind).to.equal('needs_keys');
    expect((flow.state as { missing: Array<{ key: string }> }).missing.map((f) => f.key)).to.deep.equal(['trakt.client_id', 'trakt.client_secret']);
    expect(h.requests).to.deep.equal([]);
    expect(windows.calls).to.deep.equal([]);
    const ready = make(trakt, { config: { trakt: { client_id: 'id', client_secret: MASK } } });
    await h.api.saveConfig({ trakt: { client_id: 'id', client_secret: 'secret' } });
    ready.start();
    await settle(h.clock);
    expect(ready.state.kind).to.equal('waiting');
  });

  it("reports the server's reason when start fails, and closes the blank window", async () => {
    const flow = make(await h.provider('TRAKT'));
    flow.start();
    await settle(h.clock);
    expect(flow.state.kind).to.equal('error');
    const error = (flow.state as { error: { code: string; message: string } }).error;
    expect(error.code).to.equal('missing_client_credentials');
    expect(windows.popups[0]!.closed).to.equal(true);
  });

  it('stops with the error on a non-transient poll failure (401)', async () => {
    const flow = make(await h.provider('PLEX'));
    flow.start();
    await settle(h.clock);
    h.backend.faults.add({ fault: 'unauthorized', provider: 'plex', route: 'poll', times: 1 });
    await h.clock.tickAsync(30_000);
    expect(flow.state.kind).to.equal('error');
    expect((flow.state as { error: { code: string } }).error.code).to.equal('unauthorized');
    expect(h.timesOf('/device/poll')).to.deep.equal([5_000]);
  });

  it("turns a poll status 'error' into an error carrying the server's message", async () => {
    const provider = await h.provider('PLEX');
    const fake = fakeApi(h.api, {
      start: { userCode: 'ABCD', verificationUrl: 'https://plex.tv/link', interval: 5, expiresIn: 60 },
      poll: { status: 'error', message: 'Upstream said no' },
    });
    const flow = make(provider, { api: fake.api });
    flow.start();
    await h.clock.tickAsync(5_000);
    expect(flow.state.kind).to.equal('error');
    expect((flow.state as { error: { code: string; message: string } }).error).to.include({ code: 'device_error', message: 'Upstream said no' });
  });

  describe("server mode (the seed's pin/new: the server polls upstream)", () => {
    const serverMode = (p: ResolvedProvider, withStatus: boolean): ResolvedProvider => ({
      ...p,
      routes: {
        ...p.routes,
        device: { mode: 'server', start: '/api/plex/pin/new' },
        ...(withStatus ? {} : { status: undefined, tokenPaths: ['plex.access_token'] }),
      },
    });

    it('watches the status route at the interval until connected', async () => {
      const flow = make(serverMode(await h.provider('PLEX'), true));
      flow.start();
      await settle(h.clock);
      expect(flow.state.kind).to.equal('waiting');
      await h.clock.tickAsync(10_000);
      h.backend.approveDevice('plex', { account: 'grace' });
      await h.clock.tickAsync(5_000);
      expect(flow.state).to.deep.equal({ kind: 'connected', account: 'grace' });
      expect(h.timesOf('/api/plex/status')).to.deep.equal([5_000, 10_000, 15_000]);
      expect(h.timesOf('/device/poll'), 'never polls upstream itself').to.deep.equal([]);
    });

    it('without a status route, watches the token in a fresh /api/config', async () => {
      const flow = make(serverMode(await h.provider('PLEX'), false));
      flow.start();
      await h.clock.tickAsync(5_000);
      h.backend.approveDevice('plex');
      await h.clock.tickAsync(5_000);
      expect(flow.state.kind).to.equal('connected');
      expect(h.timesOf('/api/config')).to.deep.equal([5_000, 10_000]);
    });

    it('never watches faster than every 2 s', async () => {
      const provider = serverMode(await h.provider('PLEX'), true);
      const fake = fakeApi(h.api, { start: { userCode: 'AB12', verificationUrl: 'https://plex.tv/link', interval: 1, expiresIn: 60 }, poll: { status: 'pending' } });
      const flow = make(provider, { api: fake.api });
      flow.start();
      await h.clock.tickAsync(7_000);
      expect(fake.statuses.map((t) => t - h.t0)).to.deep.equal([2_000, 4_000, 6_000]);
      expect(flow.state.kind).to.equal('waiting');
    });
  });
});

/** The real client with chosen answers for start / poll / status (shapes a mock cannot send). */
function fakeApi(
  real: AuthApi,
  answers: {
    start: Awaited<ReturnType<AuthApi['deviceStart']>>;
    /** One answer for every poll, or a sequence (the last one repeats). */
    poll: Awaited<ReturnType<AuthApi['devicePoll']>> | Array<Awaited<ReturnType<AuthApi['devicePoll']>>>;
  },
): { api: AuthApi; polls: number[]; statuses: number[] } {
  const polls: number[] = [];
  const statuses: number[] = [];
  const api: AuthApi = {
    ...real,
    resolveUrl: (p) => real.resolveUrl(p),
    deviceStart: async () => answers.start,
    devicePoll: async () => {
      polls.push(Date.now());
      const list = Array.isArray(answers.poll) ? answers.poll : [answers.poll];
      return list[Math.min(polls.length - 1, list.length - 1)]!;
    },
    deviceCancel: async () => undefined,
    status: async () => {
      statuses.push(Date.now());
      return { connected: false };
    },
  };
  return { api, polls, statuses };
}
