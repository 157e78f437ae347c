/**
 * The mock backend inside the browser: through installMockFetch (what most tests use) and through
 * msw's real service worker (what the demo uses). Also checks the person-facing pages with axe.
 */
import { expect } from '../helpers.js';
import { createMockBackend, installMockFetch, startMockWorker, stopMockWorker, control, type MockBackend } from '../support/mock.js';
import { installClock } from '../support/clock.js';

const postJson = (path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('mock backend via installMockFetch', () => {
  let backend: MockBackend;
  let restore: () => void;
  const realFetch = globalThis.fetch;

  beforeEach(() => {
    backend = createMockBackend();
    restore = installMockFetch(backend);
  });
  afterEach(() => restore());

  it('answers relative URLs with URLs on the page origin, and restore() puts fetch back', async () => {
    const list = (await (await fetch('/api/auth/providers')).json()) as Array<{ name: string; verify_url?: string }>;
    expect(list.find((m) => m.name === 'PLEX')!.verify_url).to.equal(`${location.origin}/mock/activate?provider=plex`);
    restore();
    expect(globalThis.fetch).to.equal(realFetch);
  });

  it('passes requests no handler answers to the real network', async () => {
    const response = await fetch('/docs/openapi.yaml');
    expect(response.status).to.equal(200);
    expect(await response.text()).to.contain('openapi: 3.1');
  });

  it('finishes a device flow through the activation form and keeps each backend separate', async () => {
    await postJson('/api/config', { trakt: { client_id: 'id', client_secret: 'secret' } });
    const start = (await (await postJson('/api/trakt/device/start')).json()) as { user_code: string };
    const form = new URLSearchParams({ provider: 'trakt', code: start.user_code, account: 'ada', decision: 'approve' });
    const page = await fetch('/mock/activate', { method: 'POST', body: form });
    expect(page.status).to.equal(200);
    expect(await page.text()).to.contain('Trakt approved');
    const poll = (await (await postJson('/api/trakt/device/poll')).json()) as { status: string; account: string };
    expect(poll).to.deep.equal({ status: 'authorized', account: 'ada' });
    expect(((await (await fetch('/api/trakt/status')).json()) as { connected: boolean }).connected).to.equal(true);

    const other = createMockBackend();
    expect(other.snapshot().providers.trakt!.connected).to.equal(false);
  });

  it('follows the consent redirect to the callback page, like a browser', async () => {
    await postJson('/api/config', { simkl: { client_id: 'id', client_secret: 'secret' } });
    const { authorize_url } = (await (await postJson('/api/simkl/authorize', { origin: location.origin, nonce: 'x1' })).json()) as {
      authorize_url: string;
    };
    const state = new URL(authorize_url).searchParams.get('state')!;
    const done = await fetch('/mock/oauth/authorize', { method: 'POST', body: new URLSearchParams({ state, decision: 'allow' }) });
    expect(done.redirected).to.equal(true);
    expect(new URL(done.url).pathname).to.equal('/api/simkl/callback');
    const text = await done.text();
    expect(text).to.contain('You can close this window');
    expect(text).to.contain('"nonce":"x1"');
    const manual = await fetch('/mock/oauth/authorize', { method: 'POST', body: new URLSearchParams({ state }), redirect: 'manual' });
    expect(manual.status).to.equal(400, 'the state was used up');
  });

  it('rejects with a TypeError on a network fault and keeps the error envelope on others', async () => {
    let error: unknown;
    try {
      await fetch('/api/config', { headers: { 'x-mock-fault': 'network' } });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(TypeError);
    control(backend).fault({ fault: 'http_500', provider: 'plex', times: 1 });
    const failed = await fetch('/api/plex/status');
    expect(failed.status).to.equal(500);
    expect(((await failed.json()) as { error: { code: string } }).error.code).to.equal('internal');
    expect((await fetch('/api/plex/status')).status).to.equal(200);
  });

  it('rejects with the abort reason while an injected latency is still running', async () => {
    const controller = new AbortController();
    const pending = fetch('/api/config', { headers: { 'x-mock-fault': 'latency=5000' }, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    let error: unknown;
    try {
      await pending;
    } catch (e) {
      error = e;
    }
    expect((error as DOMException).name).to.equal('AbortError');

    let timeout: unknown;
    try {
      await fetch('/api/config?mock_fault=latency:5000', { signal: AbortSignal.timeout(20) });
    } catch (e) {
      timeout = e;
    }
    expect((timeout as DOMException).name).to.equal('TimeoutError');
  });

  it('reads time through Date.now and setTimeout at call time, so a fake clock drives it', async () => {
    const clock = installClock({ now: Date.parse('2026-11-26T12:00:00Z') });
    try {
      const start = (await (await postJson('/api/plex/device/start')).json()) as { expires_in: number };
      let answered = false;
      const slow = fetch('/api/plex/device/poll', {
        method: 'POST',
        body: '{}',
        headers: { 'x-mock-fault': 'latency=3000' },
      }).then((r) => {
        answered = true;
        return r.json();
      });
      await clock.tickAsync(2000);
      expect(answered).to.equal(false);
      await clock.tickAsync(1000);
      expect(((await slow) as { status: string }).status).to.equal('pending');
      await clock.tickAsync(start.expires_in * 1000);
      const expired = (await (await postJson('/api/plex/device/poll')).json()) as { status: string };
      expect(expired.status).to.equal('expired');
    } finally {
      clock.uninstall();
    }
  });

  for (const [name, path] of [
    ['activation page', '/mock/activate?provider=trakt&code=AB12CD34'],
    ['consent page', 'consent'],
  ] as const) {
    it(`the ${name} is accessible`, async () => {
      let url: string = path;
      if (path === 'consent') {
        await postJson('/api/config', { simkl: { client_id: 'id', client_secret: 'secret' } });
        url = ((await (await postJson('/api/simkl/authorize', { origin: location.origin })).json()) as { authorize_url: string })
          .authorize_url;
      }
      const markup = await (await fetch(url)).text();
      const parsed = new DOMParser().parseFromString(markup, 'text/html');
      const main = document.importNode(parsed.querySelector('main')!, true);
      document.body.append(main);
      try {
        await expect(main).to.be.accessible();
        expect(main.querySelectorAll('button[type=submit]').length).to.equal(2);
      } finally {
        main.remove();
      }
    });
  }
});

describe('mock backend via the service worker', () => {
  after(() => stopMockWorker());

  it('serves the contract through msw setupWorker, faults included', async () => {
    const backend = createMockBackend();
    await startMockWorker(backend);
    const list = (await (await fetch('/api/auth/providers')).json()) as unknown[];
    expect(list.length).to.equal(7);
    backend.connect('plex', 'sw-user');
    expect(await (await fetch('/api/plex/status')).json()).to.deep.equal({ connected: true, account: 'sw-user' });
    const html = await fetch('/api/config?mock_fault=html_error');
    expect(html.status).to.equal(502);
    expect(await html.text()).to.contain('502 Bad Gateway');

    // A second backend replaces the first one's handlers.
    const fresh = createMockBackend();
    await startMockWorker(fresh);
    expect(((await (await fetch('/api/plex/status')).json()) as { connected: boolean }).connected).to.equal(false);
  });
});
