/**
 * Hostile callback page, both flavours: after a real click on the card's OAuth button, the page in
 * the popup posts the valid message (right origin, our popup, our nonce) in a loop, 600 times in
 * 3 s. The card checks its status at most once a second, one check at a time, throws nothing, and
 * finishes as soon as the backend says connected.
 */
import { http, HttpResponse } from 'msw';
import { expect } from '../helpers.js';
import { deepQueryAll, deepText } from '../elements/card-support.js';
import { stubWindowOpen, type FakePopup } from '../providers/flow-harness.js';
import { FLAVOURS, cardsOf, checkInvariants, mountHostile, runFor, useHostile, type Flavour } from './support.js';

/** An OAuth provider with a status route in each flavour, and the keys its OAuth needs. */
const OAUTH: Record<Flavour, { id: string; config: Record<string, unknown> }> = {
  contract: { id: 'simkl', config: { simkl: { client_id: 'app-id', client_secret: 'app-secret' } } },
  crosswatch: { id: 'anilist', config: { anilist: { client_id: 'app-id', client_secret: 'app-secret' } } },
};
/** Where the authorize answer sends the popup: a static page (msw never sees navigations). */
const STAND_IN = new URL('/test/providers/consent-stand-in.html', location.href).href;

describe('hostile callback page: the valid OAuth message posted in a loop', () => {
  const serve = useHostile();
  let frames: HTMLIFrameElement[] = [];
  let windows: ReturnType<typeof stubWindowOpen> | undefined;
  afterEach(() => {
    // The frame stub was made after the harness's own was restored: both put the real window.open back.
    windows?.restore();
    windows = undefined;
    for (const f of frames) f.remove();
    frames = [];
  });

  for (const flavour of FLAVOURS) {
    const { id, config } = OAUTH[flavour];
    it(`${flavour}: 600 callback messages in 3 s make the ${id} card check its status at most once a second, and it connects once the backend says so`, async function () {
      this.timeout(30_000);
      const h = serve(flavour, { config });
      let connected = false;
      h.use(http.get(`*/api/${id}/status`, () => HttpResponse.json(connected ? { connected: true, account: 'ada' } : { connected: false })));
      h.rewrite = (url, _method, body) =>
        url.pathname.endsWith(`/api/${id}/authorize`) ? JSON.stringify(body).replace(/"https?:\/\/[^"]*"/g, JSON.stringify(STAND_IN)) : undefined;
      // The popup is a frame: a real window, so the message's `source` is it.
      h.popups.restore();
      windows = stubWindowOpen(() => {
        const frame = document.createElement('iframe');
        frame.src = 'about:blank';
        document.body.append(frame);
        frames.push(frame);
        return frame.contentWindow as unknown as FakePopup;
      });
      const el = await mountHostile(h);
      const card = cardsOf(el).find((c) => c.provider?.id === id)!;
      card.scrollIntoView();
      const flow = deepQueryAll(card, 'cw-oauth-flow')[0]!;
      const button = flow.shadowRoot!.querySelector<HTMLButtonElement>('[part~="start-button"]')!;
      expect(button.disabled, 'the OAuth button is enabled (keys saved)').to.equal(false);
      button.click();
      await runFor(h, 500, 250);
      const authorize = h.fetches.calls.find((c) => c.method === 'POST' && c.url.includes(`/api/${id}/authorize`));
      const nonce = (JSON.parse(authorize?.body ?? '{}') as { nonce?: string }).nonce;
      expect(nonce, 'the authorize request carried a nonce').to.be.a('string');
      const popup = frames[0]!.contentWindow!;
      const message = { type: 'cw-auth:oauth', provider: id, status: 'authorized', nonce };
      const post = () => window.dispatchEvent(new MessageEvent('message', { data: message, source: popup, origin: location.origin }));

      const from = h.log.length;
      for (let step = 0; step < 60; step++) {
        for (let i = 0; i < 10; i++) post();
        await runFor(h, 50, 50);
      }
      const checks = h.log.slice(from).filter((c) => c.method === 'GET' && new URL(c.url).pathname.endsWith(`/api/${id}/status`));
      const gaps = checks.slice(1).map((c, i) => c.at - checks[i]!.at);
      expect(checks.length, 'status checks during 600 messages in 3 s').to.be.within(1, 4);
      expect(gaps.filter((g) => g < 1000), 'status checks less than a second apart').to.deep.equal([]);
      expect(deepText(flow), 'the person still sees the flow waiting, no error').to.not.match(/error|went wrong/i);

      connected = true;
      post();
      await runFor(h, 1500);
      expect(deepText(card), 'connected once the backend says so').to.contain('ada');
      checkInvariants(h, el);
    });
  }
});
