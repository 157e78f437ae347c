/**
 * Redirects (issue 11): no request follows one, so a body (a typed secret), the host's headers
 * or cookies never travel to the address a server names; the answer is an error that says so.
 */
import { expect } from '../helpers.js';
import { http, HttpResponse } from 'msw';
import { createApiClient } from '../../src/api-client/client.js';
import { describeError } from '../../src/providers/error-text.js';
import { en } from '../../src/strings/en.js';
import { de } from '../../src/strings/de.js';
import { installMockFetch } from '../support/mock.js';
import { failure, handlerFetch } from './handler-fetch.js';

const away = (status: number) => () => new HttpResponse(null, { status, headers: { location: 'https://evil.example/collect' } });

describe('redirects: the client follows none', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('a 307 to another origin on POST /api/config sends nothing there and fails with code "redirected"', async () => {
    const elsewhere: string[] = [];
    // installMockFetch follows redirects like a browser does unless told `manual` / `error`.
    restore = installMockFetch({
      handlers: [
        http.post('*/api/config', away(307)),
        http.all('https://evil.example/*', async ({ request }) => {
          elsewhere.push(`${request.method} ${await request.text()}`);
          return HttpResponse.json({ ok: true });
        }),
      ],
    });
    const api = createApiClient({ headers: { Authorization: 'Bearer t' } });
    const error = await failure(api.saveConfig({ trakt: { client_secret: 'typed-secret' } }));
    expect(elsewhere, 'nothing reached the other origin').to.deep.equal([]);
    expect(error.code).to.equal('redirected');
    expect(error.status).to.equal(307);
    expect(error.message).to.equal('The server answered with a redirect to another address; nothing was sent there. Check base-url.');
    expect(error.message).not.to.contain('typed-secret');
  });

  it('every method asks with redirect "manual", and every redirect status is refused', async () => {
    const seen: RequestRedirect[] = [];
    for (const status of [301, 302, 303, 307, 308]) {
      const net = handlerFetch(http.all('*', away(status)));
      const api = createApiClient({
        fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
          seen.push(init?.redirect ?? 'follow');
          return net.fetch(input, init);
        }) as typeof fetch,
      });
      const calls = [() => api.getConfig(), () => api.status('/api/x/status'), () => api.connect('/api/x/connect', { password: 'p' }), () => api.deleteInstance('x', 'P01')];
      for (const call of calls) expect((await failure(call())).code, String(status)).to.equal('redirected');
    }
    expect(new Set(seen)).to.deep.equal(new Set(['manual']));
  });

  it("a browser's opaque-redirect answer (status 0) is the same error", async () => {
    const opaque = { type: 'opaqueredirect', status: 0, ok: false, redirected: false, url: '', headers: new Headers(), text: async () => '' };
    const api = createApiClient({ fetch: (async () => opaque as unknown as Response) as typeof fetch });
    const error = await failure(api.saveConfig({ a: 1 }));
    expect(error.code).to.equal('redirected');
    expect(error.status).to.equal(0);
  });

  it('an answer some fetch followed anyway (redirected: true) is not taken as the answer', async () => {
    const followed = Object.defineProperty(Response.json({ ok: true }), 'redirected', { value: true });
    const api = createApiClient({ fetch: (async () => followed) as typeof fetch });
    expect((await failure(api.saveConfig({ a: 1 }))).code).to.equal('redirected');
  });

  it('reads as a sentence with a way forward in English and German, without a server detail', async () => {
    const api = createApiClient({ fetch: handlerFetch(http.all('*', away(302))).fetch });
    const error = await failure(api.getConfig());
    expect(describeError(error, en, 'Trakt')).to.deep.equal({ message: en['flow.error.redirected'] });
    expect(en['flow.error.redirected']).to.match(/redirect.*nothing was sent there.*Check base-url/);
    expect(describeError(error, de, 'Trakt').message).to.equal(de['flow.error.redirected']);
    expect(de['flow.error.redirected']).to.match(/Weiterleitung.*base-url/);
  });
});
