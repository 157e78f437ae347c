/**
 * OAuthFlowController against the real client and the bundled mock: the popup opens inside the
 * click, completion comes from the backend, a postMessage is only an accelerator and must come
 * from the backend's origin, from our popup, with our nonce.
 */
import { expect } from '../helpers.js';
import { OAuthFlowController, OAUTH_GIVE_UP_MS, type OAuthFlowOptions } from '../../src/providers/oauth-flow.controller.js';
import type { OAuthFlowState } from '../../src/providers/flow-state.js';
import type { AuthApi } from '../../src/api-client/api.js';
import { ApiError } from '../../src/api-client/errors.js';
import type { ResolvedProvider } from '../../src/providers/types.js';
import { FakePopup, TestHost, settle, setupHarness, stubWindowOpen, type Harness } from './flow-harness.js';
import { createMockBackend } from '../support/mock.js';

/**
 * The consent page the mock names. Some popups here are real windows (iframes) that the flow
 * navigates: a static page that exists, so the run logs no 404 for /mock/oauth/authorize (a
 * page only the HTTP mock serves; msw never sees navigations).
 */
const CONSENT_PAGE = new URL('./consent-stand-in.html', import.meta.url).href;

type Awaiting = Extract<OAuthFlowState, { kind: 'awaiting_callback' }>;

/** What the person does on the mock's consent page; the browser follows the redirect to the callback. */
async function consent(authorizeUrl: string, decision: 'allow' | 'deny', account = 'ada'): Promise<string> {
  const state = new URL(authorizeUrl).searchParams.get('state')!;
  const page = await fetch('/mock/oauth/authorize', { method: 'POST', body: new URLSearchParams({ state, decision, account }) });
  return page.text();
}

describe('OAuthFlowController', () => {
  let h: Harness;
  let host: TestHost;
  let windows: ReturnType<typeof stubWindowOpen>;
  let frames: HTMLIFrameElement[];
  let nonces: string[];

  /** The real client, recording the nonce it is given (the contract sends it with the origin). */
  const recordingApi = (): AuthApi => ({
    ...h.api,
    resolveUrl: (p) => h.api.resolveUrl(p),
    authorize: (path, origin, opts) => {
      nonces.push((opts as { nonce?: string } | undefined)?.nonce ?? '');
      return h.api.authorize(path, origin, opts);
    },
  });

  const make = (provider: ResolvedProvider, extra: Partial<OAuthFlowOptions> = {}) => {
    const api = recordingApi();
    const controller = new OAuthFlowController(host, {
      getApi: () => api,
      getProvider: () => provider,
      ...extra,
    });
    host.connect();
    return controller;
  };

  /** A real window (an iframe's) as the popup, so MessageEvent.source can be compared. */
  const framePopup = () => {
    const frame = document.createElement('iframe');
    frame.src = 'about:blank';
    document.body.append(frame);
    frames.push(frame);
    return frame.contentWindow!;
  };

  const simklWithKeys = async () => {
    const simkl = await h.provider('SIMKL');
    await h.api.saveConfig({ simkl: { client_id: 'cid', client_secret: 'secret' } });
    h.requests.length = 0;
    return simkl;
  };

  /** A started SIMKL flow whose popup is a real (iframe) window. */
  const startWithFramePopup = async () => {
    windows.restore();
    const popup = framePopup();
    windows = stubWindowOpen(() => popup as unknown as FakePopup);
    const flow = make(await simklWithKeys());
    flow.start();
    await settle(h.clock);
    return { popup, flow };
  };

  const post = (data: unknown, source: MessageEventSource | null, origin = location.origin) =>
    window.dispatchEvent(new MessageEvent('message', { data, source, origin }));

  beforeEach(async () => {
    h = await setupHarness({ backend: () => createMockBackend({ now: () => Date.now(), pageUrls: { consent: CONSENT_PAGE } }) });
    host = new TestHost();
    frames = [];
    nonces = [];
    windows = stubWindowOpen(() => new FakePopup());
  });
  afterEach(() => {
    host.disconnect();
    windows.restore();
    for (const f of frames) f.remove();
    h.teardown();
  });

  it('opens the popup inside the click, posts the page origin, and navigates the popup to the authorize URL', async () => {
    const flow = make(await simklWithKeys());
    flow.start();
    expect(windows.calls, 'before any await').to.have.length(1);
    expect(windows.calls[0]![0]).to.equal('');
    expect(String(windows.calls[0]![2])).to.contain('popup');
    expect(windows.popups[0]!.opener, 'opener kept for the callback message').to.equal(window);
    await settle(h.clock);
    const authorize = h.requests.find((r) => r.path === '/api/simkl/authorize')!;
    expect(JSON.parse(authorize.body!)).to.include({ origin: location.origin });
    expect(nonces[0]).to.match(/^[0-9a-f]{32}$/);
    const state = flow.state as Awaiting;
    expect(state.kind).to.equal('awaiting_callback');
    expect(windows.popups[0]!.location.href).to.equal(state.authorizeUrl);
    expect(state.authorizeUrl.startsWith(`${CONSENT_PAGE}?`), state.authorizeUrl).to.equal(true);
    expect(new URL(state.authorizeUrl).searchParams.get('state')).to.match(/^[0-9a-f]{32}$/);
  });

  it('finishes a full OAuth flow through the consent page, learning it from the status route', async () => {
    const flow = make(await simklWithKeys());
    flow.start();
    await settle(h.clock);
    const text = await consent((flow.state as Awaiting).authorizeUrl, 'allow', 'grace');
    expect(text).to.contain('connected');
    await h.clock.tickAsync(2_000);
    expect(flow.state).to.deep.equal({ kind: 'connected', account: 'grace' });
    expect(h.timesOf('/api/simkl/status')).to.deep.equal([2_000]);
    expect(windows.popups[0]!.closed, 'popup closed').to.equal(true);
  });

  it('checks the status with a growing, bounded interval and gives up after 5 minutes with a message', async () => {
    const flow = make(await simklWithKeys());
    flow.start();
    await h.clock.tickAsync(60_000);
    expect(h.gapsOf('/api/simkl/status').slice(0, 5)).to.deep.equal([3_000, 4_500, 6_750, 10_000, 10_000]);
    expect(h.timesOf('/api/simkl/status')[0]).to.equal(2_000);
    await h.clock.tickAsync(OAUTH_GIVE_UP_MS);
    expect(flow.state.kind).to.equal('error');
    expect((flow.state as { error: { code: string } }).error.code).to.equal('oauth_timeout');
    const count = h.timesOf('/api/simkl/status').length;
    await h.clock.tickAsync(60_000);
    expect(h.timesOf('/api/simkl/status').length).to.equal(count);
  });

  describe('a callback page posting in a loop (issue 11)', () => {
    it('sends at most one status check at a time and one a second, not 70 a second', async () => {
      const { popup, flow } = await startWithFramePopup();
      const nonce = nonces[0]!;
      h.requests.length = 0;
      // No consent yet: the backend says "not connected" to every check.
      for (let i = 0; i < 300; i++) {
        post({ type: 'cw-auth:oauth', provider: 'simkl', status: 'authorized', nonce }, popup);
        await h.clock.tickAsync(10);
      }
      const checks = h.timesOf('/api/simkl/status');
      expect(checks.length, 'three seconds of messages').to.be.within(1, 4);
      expect(Math.min(...h.gapsOf('/api/simkl/status'))).to.be.at.least(1_000);
      expect(flow.state.kind).to.be.oneOf(['awaiting_callback', 'verifying']);
    });
  });

  describe('a 429 with Retry-After on a status check (issue 11)', () => {
    it('waits as long as the server asked before the next check, also after a callback message', async () => {
      const popup = framePopup();
      windows.restore();
      windows = stubWindowOpen(() => popup as unknown as FakePopup);
      const real = recordingApi();
      let limited = true;
      const api: AuthApi = {
        ...real,
        status: (path, opts) =>
          limited
            ? Promise.reject(new ApiError({ code: 'rate_limited', message: 'Slow down.', status: 429, retryAfter: 60 }))
            : real.status(path, opts),
      };
      const flow = make(await simklWithKeys(), { getApi: () => api });
      flow.start();
      await settle(h.clock);
      h.requests.length = 0;
      const checks: number[] = [];
      const t0 = h.clock.now;
      const status = api.status;
      api.status = (path, opts) => (checks.push(h.clock.now - t0), status(path, opts));
      await h.clock.tickAsync(2_000); // the first check: 429, come back in 60 s
      expect(checks).to.deep.equal([2_000]);
      limited = false;
      post({ type: 'cw-auth:oauth', provider: 'simkl', status: 'authorized', nonce: nonces[0]! }, popup);
      await h.clock.tickAsync(30_000);
      expect(checks, 'nothing before the 60 s the server asked, message or not').to.deep.equal([2_000]);
      await h.clock.tickAsync(31_000);
      expect(checks[1], 'the next check, once the 60 s have passed').to.be.within(62_000, 63_000);
      expect(flow.state.kind).to.be.oneOf(['awaiting_callback', 'connected']);
    });
  });

  describe('postMessage from the callback page', () => {
    let popup: Window;
    let flow: OAuthFlowController;
    let nonce: string;

    beforeEach(async () => {
      windows.restore();
      popup = framePopup();
      windows = stubWindowOpen(() => popup as unknown as FakePopup);
      flow = make(await simklWithKeys());
      flow.start();
      await settle(h.clock);
      nonce = nonces[0]!;
      await consent((flow.state as Awaiting).authorizeUrl, 'allow');
      h.requests.length = 0;
    });

    it('is accepted from the backend origin, our popup, with our nonce: verifies at once', async () => {
      post({ type: 'cw-auth:oauth', provider: 'simkl', status: 'authorized', nonce }, popup);
      await settle(h.clock);
      expect(flow.state).to.deep.equal({ kind: 'connected', account: 'ada' });
      expect(h.requests.map((r) => r.path)).to.deep.equal(['/api/simkl/status']);
      expect(h.clock.now - h.t0, 'before the first scheduled status check').to.be.lessThan(2_000);
    });

    it('is ignored from a wrong origin', async () => {
      post({ type: 'cw-auth:oauth', status: 'authorized', nonce }, popup, 'https://evil.example');
      await settle(h.clock);
      expect(flow.state.kind).to.equal('awaiting_callback');
      expect(h.requests).to.deep.equal([]);
    });

    it('is ignored from a wrong source (another window, or none)', async () => {
      const other = framePopup();
      post({ type: 'cw-auth:oauth', status: 'authorized', nonce }, other);
      post({ type: 'cw-auth:oauth', status: 'authorized', nonce }, null);
      post({ type: 'cw-auth:oauth', status: 'denied', nonce }, window);
      await settle(h.clock);
      expect(flow.state.kind).to.equal('awaiting_callback');
      expect(h.requests).to.deep.equal([]);
    });

    it('is ignored without the nonce, with another nonce, or with the wrong shape', async () => {
      post({ type: 'cw-auth:oauth', status: 'authorized' }, popup);
      post({ type: 'cw-auth:oauth', status: 'authorized', nonce: 'not-ours' }, popup);
      post({ type: 'other', status: 'authorized', nonce }, popup);
      post('cw-auth:oauth authorized', popup);
      post({ type: 'cw-auth:oauth', provider: 'trakt', status: 'authorized', nonce }, popup);
      await settle(h.clock);
      expect(flow.state.kind).to.equal('awaiting_callback');
      expect(h.requests).to.deep.equal([]);
      // The backend remains the source of truth: the regular check still finishes the flow.
      await h.clock.tickAsync(2_000);
      expect(flow.state.kind).to.equal('connected');
    });

    it('a denial message ends the flow as denied', async () => {
      post({ type: 'cw-auth:oauth', provider: 'simkl', status: 'denied', nonce }, popup);
      await settle(h.clock);
      expect(flow.state.kind).to.equal('denied');
    });
  });

  it('popup closed by the user: one last status check, then idle with a message', async () => {
    const flow = make(await simklWithKeys());
    flow.start();
    await settle(h.clock);
    windows.popups[0]!.closed = true;
    await h.clock.tickAsync(1_000);
    expect(flow.state).to.deep.equal({ kind: 'idle', notice: 'popup_closed' });
    expect(h.timesOf('/api/simkl/status')).to.deep.equal([1_000]);
    await h.clock.tickAsync(60_000);
    expect(h.timesOf('/api/simkl/status')).to.have.length(1);
  });

  it('popup closed after finishing: the last check finds the connection', async () => {
    const flow = make(await simklWithKeys());
    flow.start();
    await settle(h.clock);
    await consent((flow.state as Awaiting).authorizeUrl, 'allow');
    windows.popups[0]!.closed = true;
    await h.clock.tickAsync(1_000);
    expect(flow.state.kind).to.equal('connected');
  });

  it('popup blocked: offers a link to continue, and still finishes from the status route', async () => {
    windows.restore();
    windows = stubWindowOpen(() => null);
    const flow = make(await simklWithKeys());
    flow.start();
    await settle(h.clock);
    const state = flow.state as Awaiting;
    expect(state).to.include({ kind: 'awaiting_callback', popupBlocked: true });
    expect(state.authorizeUrl).to.match(/^http:/);
    await consent(state.authorizeUrl, 'allow');
    await h.clock.tickAsync(2_000);
    expect(flow.state.kind).to.equal('connected');
  });

  it("rejects a non-http(s) authorize URL and closes the blank popup", async () => {
    const provider = await simklWithKeys();
    const api: AuthApi = { ...h.api, resolveUrl: (p) => h.api.resolveUrl(p), authorize: async () => ({ authorizeUrl: 'javascript:alert(1)' }) };
    const flow = new OAuthFlowController(host, { getApi: () => api, getProvider: () => provider });
    flow.start();
    await settle(h.clock);
    expect(flow.state.kind).to.equal('error');
    expect((flow.state as { error: { code: string } }).error.code).to.equal('bad_response');
    expect(windows.popups[0]!.location.href).to.equal('about:blank');
    expect(windows.popups[0]!.closed).to.equal(true);
  });

  it("shows the server's reason when authorize fails (keys not saved) and closes the popup", async () => {
    const flow = make(await h.provider('SIMKL'));
    flow.start();
    await settle(h.clock);
    expect(flow.state.kind).to.equal('error');
    expect((flow.state as { error: { code: string } }).error.code).to.equal('missing_client_credentials');
    expect(windows.popups[0]!.closed).to.equal(true);
  });

  it('asks for the keys first when the config says they are missing: no popup, no request', async () => {
    const simkl = await h.provider('SIMKL');
    const flow = make(simkl, { getConfig: () => ({ simkl: { client_id: '', client_secret: '' } }) });
    flow.start();
    expect(flow.state.kind).to.equal('needs_keys');
    expect(windows.calls).to.deep.equal([]);
    expect(h.requests).to.deep.equal([]);
  });

  it('a double click starts one flow', async () => {
    const flow = make(await simklWithKeys());
    flow.start();
    flow.start();
    await settle(h.clock);
    flow.start();
    expect(h.requests.filter((r) => r.path === '/api/simkl/authorize')).to.have.length(1);
    expect(windows.calls).to.have.length(1);
  });

  it('cancel closes the popup and stops checking', async () => {
    const flow = make(await simklWithKeys());
    flow.start();
    await settle(h.clock);
    flow.cancel();
    expect(flow.state).to.deep.equal({ kind: 'idle', notice: 'cancelled' });
    expect(windows.popups[0]!.closed).to.equal(true);
    await h.clock.tickAsync(60_000);
    expect(h.timesOf('/status')).to.deep.equal([]);
  });

  it('removal: zero requests, no timers, and a late message changes nothing', async () => {
    const { popup, flow } = await startWithFramePopup();
    host.disconnect();
    const before = h.requests.length;
    post({ type: 'cw-auth:oauth', status: 'authorized', nonce: nonces[0] }, popup);
    await h.clock.tickAsync(10 * 60_000);
    expect(h.requests.length).to.equal(before);
    expect(h.clock.countTimers()).to.equal(0);
    expect(flow.state.kind).to.equal('idle');
  });

  it('removal closes the popup it opened (opener still set), without navigating it again', async () => {
    const flow = make(await simklWithKeys());
    flow.start();
    await settle(h.clock);
    const popup = windows.popups[0]!;
    const href = popup.location.href;
    expect(flow.state.kind).to.equal('awaiting_callback');
    host.disconnect();
    expect(popup.closed, 'our popup is closed').to.equal(true);
    expect(popup.location.href, 'never navigated on removal').to.equal(href);
    expect(flow.state.kind).to.equal('idle');
  });

  it('removal while asking the server closes the blank popup; after the run ended it closes nothing', async () => {
    const flow = make(await simklWithKeys());
    flow.start();
    const blank = windows.popups[0]!;
    host.disconnect(); // before the authorize answer
    expect(blank.closed).to.equal(true);
    expect(blank.location.href).to.equal('about:blank');
    await settle(h.clock);
    expect(flow.state.kind).to.equal('idle');

    // A window the flow no longer owns (it was cancelled) is left alone.
    host.connect();
    const ended = new FakePopup();
    windows.restore();
    windows = stubWindowOpen(() => ended);
    flow.start();
    await settle(h.clock);
    flow.cancel();
    ended.closed = false; // say the user reopened a window under that name
    host.disconnect();
    expect(ended.closed, 'no run: not ours to close').to.equal(false);
  });

  describe('an "authorized" message the backend cannot confirm yet', () => {
    let popup: Window;
    let frame: HTMLIFrameElement;
    let flow: OAuthFlowController;
    let nonce: string;
    let authorizeUrl: string;
    const authorized = () => post({ type: 'cw-auth:oauth', provider: 'simkl', status: 'authorized', nonce }, popup);

    beforeEach(async () => {
      windows.restore();
      popup = framePopup();
      frame = frames[frames.length - 1]!;
      windows = stubWindowOpen(() => popup as unknown as FakePopup);
      flow = make(await simklWithKeys());
      flow.start();
      await settle(h.clock);
      nonce = nonces[0]!;
      authorizeUrl = (flow.state as Awaiting).authorizeUrl;
      authorized(); // before the consent: the backend says "not connected"
      await settle(h.clock);
      expect(flow.state.kind).to.equal('awaiting_callback');
      expect(h.timesOf('/api/simkl/status')).to.deep.equal([0]);
    });

    it('keeps listening: the next message finishes as soon as a second has passed since the last check', async () => {
      await consent(authorizeUrl, 'allow', 'grace');
      authorized();
      await settle(h.clock);
      expect(h.timesOf('/api/simkl/status'), 'one check a second at most').to.deep.equal([0]);
      await h.clock.tickAsync(1_000);
      expect(flow.state).to.deep.equal({ kind: 'connected', account: 'grace' });
      expect(h.timesOf('/api/simkl/status')).to.deep.equal([0, 1_000]);
      expect(h.clock.now - h.t0, 'before the next scheduled status check').to.be.lessThan(2_000);
    });

    it('keeps watching the popup: closing it ends the wait', async () => {
      frame.remove(); // the popup's window is gone: closed
      await h.clock.tickAsync(1_000);
      expect(flow.state).to.deep.equal({ kind: 'idle', notice: 'popup_closed' });
    });

    it('keeps the 5-minute deadline', async () => {
      await h.clock.tickAsync(OAUTH_GIVE_UP_MS);
      expect(flow.state.kind).to.equal('error');
      expect((flow.state as { error: { code: string } }).error.code).to.equal('oauth_timeout');
      expect(h.clock.countTimers()).to.equal(0);
    });
  });

  it('without any way to check the status, still gives up after 5 minutes and closes the popup', async () => {
    const simkl = await simklWithKeys();
    const routes = { ...simkl.routes, tokenPaths: [] as string[] };
    delete routes.status;
    const flow = make({ ...simkl, routes });
    flow.start();
    await settle(h.clock);
    expect(flow.state.kind).to.equal('awaiting_callback');
    await h.clock.tickAsync(OAUTH_GIVE_UP_MS);
    expect(flow.state.kind).to.equal('error');
    expect((flow.state as { error: { code: string } }).error.code).to.equal('oauth_timeout');
    expect(windows.popups[0]!.closed).to.equal(true);
    expect(h.clock.countTimers(), 'nothing left running').to.equal(0);
    expect(h.requests.filter((r) => r.path.includes('/status'))).to.deep.equal([]);
  });

  describe('redirect mode', () => {
    it('sends the page to the authorize URL and, back on the page, reads the result from the backend', async () => {
      const simkl = await simklWithKeys();
      const storage = window.sessionStorage;
      const navigated: string[] = [];
      const first = make(simkl, { getMode: () => 'redirect', navigate: (url) => navigated.push(url), storage: () => storage });
      first.start();
      expect(windows.calls, 'no popup in redirect mode').to.deep.equal([]);
      await settle(h.clock);
      expect(navigated).to.have.length(1);
      expect(navigated[0]!.startsWith(`${CONSENT_PAGE}?`), navigated[0]).to.equal(true);
      await consent(navigated[0]!, 'allow', 'linus');
      host.disconnect();

      // The page came back: a fresh element reads the backend once it has its provider.
      const back = new TestHost();
      const api = recordingApi();
      const second = new OAuthFlowController(back, { getApi: () => api, getProvider: () => simkl, getMode: () => 'redirect', storage: () => storage });
      back.connect();
      back.updated();
      await settle(h.clock);
      expect(second.state).to.deep.equal({ kind: 'connected', account: 'linus' });
      expect(storage.getItem('cw-auth:oauth-pending:simkl:default'), 'marker used once').to.equal(null);
      back.disconnect();
    });

    it('without a pending marker it does nothing on load', async () => {
      const simkl = await simklWithKeys();
      const flow = make(simkl, { getMode: () => 'redirect' });
      host.updated();
      await settle(h.clock);
      expect(flow.state.kind).to.equal('idle');
      expect(h.requests).to.deep.equal([]);
    });
  });
});
