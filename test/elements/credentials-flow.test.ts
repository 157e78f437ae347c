/**
 * <cw-credentials-flow> against the real client and the mock: verifying, the account, and the
 * server's specific reason as a sentence with the fix.
 */
import { expect, fixture, html } from '../helpers.js';
import '../../src/elements/credentials-flow/credentials-flow.js';
import type { CwCredentialsFlow } from '../../src/elements/credentials-flow/credentials-flow.js';
import type { ResolvedProvider } from '../../src/providers/types.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { settle, setupHarness, type Harness } from '../providers/flow-harness.js';

const q = <T extends Element = HTMLElement>(el: Element, part: string) => el.shadowRoot!.querySelector<T>(`[part~="${part}"]`);
const text = (el: Element, part: string) => q(el, part)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const KEY = '0123456789abcdef0123456789abcdef';

describe('<cw-credentials-flow>', () => {
  failOnLitWarnings();
  let h: Harness;
  let tautulli: ResolvedProvider;

  const render = (values: Record<string, unknown>, provider = tautulli) =>
    fixture<CwCredentialsFlow>(html`<cw-credentials-flow .provider=${provider} .client=${h.api} .values=${values}></cw-credentials-flow>`);

  beforeEach(async () => {
    h = await setupHarness();
    tautulli = await h.provider('TAUTULLI');
  });
  afterEach(() => h.teardown());

  it('connects: verifying, then the account; fires start and connected without secrets', async () => {
    h.backend.setLatency(1_000);
    const el = await render({ 'tautulli.server_url': 'http://tautulli.lan:8181', 'tautulli.api_key': KEY });
    const events: CustomEvent[] = [];
    for (const name of ['cw-flow-start', 'cw-connected', 'cw-flow-error']) el.addEventListener(name, (e) => events.push(e as CustomEvent));
    q(el, 'start-button')!.click();
    q(el, 'start-button')!.click();
    await settle(h.clock); // the mock's latency now waits on the fake clock
    await el.updateComplete;
    expect(text(el, 'busy')).to.equal('Checking with Tautulli…');
    expect(q(el, 'busy')!.getAttribute('aria-busy')).to.equal('true');
    await h.clock.runReal(() => expect(el).to.be.accessible());
    await h.clock.tickAsync(1_000);
    await el.updateComplete;
    expect(text(el, 'status')).to.equal('Connected to Tautulli as Tautulli (tautulli.lan:8181)');
    expect(h.requests.filter((r) => r.path === '/api/tautulli/connect')).to.have.length(1);
    expect(events.map((e) => e.type)).to.deep.equal(['cw-flow-start', 'cw-connected']);
    expect(JSON.stringify(events.map((e) => e.detail))).to.not.contain(KEY);
  });

  const reasons: Array<[string, Record<string, unknown>, string]> = [
    ['a wrong API key', { 'tautulli.server_url': 'http://t.lan', 'tautulli.api_key': '0'.repeat(32) }, 'Tautulli did not accept the API key. Check it, then connect again.'],
    ['an unreachable server', { 'tautulli.server_url': 'http://unreachable.lan', 'tautulli.api_key': KEY }, 'The server could not reach Tautulli. Check the address and that Tautulli is running and reachable from the server.'],
    ['a version too old', { 'tautulli.server_url': 'http://old.lan', 'tautulli.api_key': KEY }, 'This version of Tautulli is too old. Update it, then connect again.'],
  ];
  for (const [name, values, message] of reasons) {
    it(`shows the server's reason for ${name}, with its details`, async () => {
      const el = await render(values);
      const errors: CustomEvent[] = [];
      el.addEventListener('cw-flow-error', (e) => errors.push(e));
      q(el, 'start-button')!.click();
      await settle(h.clock);
      await el.updateComplete;
      expect(text(el, 'error-message')).to.equal(message);
      expect(text(el, 'error-detail')).to.match(/^Details: .{10,}/);
      expect(text(el, 'start-button'), 'the way forward: fix and connect again').to.equal('Connect');
      expect(errors[0]!.detail.message).to.equal(message);
      await h.clock.runReal(() => expect(el).to.be.accessible());
    });
  }

  it('missing required fields: says which, sends nothing', async () => {
    const el = await render({ 'tautulli.server_url': 'http://t.lan' });
    q(el, 'start-button')!.click();
    await el.updateComplete;
    expect(text(el, 'error-message')).to.equal('Fill in API Key, then connect again.');
    expect(h.requests).to.deep.equal([]);
  });

  it('disabled: the button does nothing', async () => {
    const el = await fixture<CwCredentialsFlow>(
      html`<cw-credentials-flow disabled .provider=${tautulli} .client=${h.api} .values=${{ 'tautulli.server_url': 'http://t.lan', 'tautulli.api_key': KEY }}></cw-credentials-flow>`,
    );
    expect(q<HTMLButtonElement>(el, 'start-button')!.disabled).to.equal(true);
    el.submit();
    await settle(h.clock);
    expect(h.requests).to.deep.equal([]);
  });

  it('a two-factor prompt from a CrossWatch-style server reaches the user', async () => {
    const scrob: ResolvedProvider = {
      ...tautulli,
      label: 'Scrob',
      manifest: { ...tautulli.manifest, name: 'SCROB', id: 'scrob', fields: [] },
      routes: { connect: '/api/scrob/save' },
    };
    const api = { ...h.api, connect: async () => Promise.reject(await totpError()) };
    const el = await fixture<CwCredentialsFlow>(html`<cw-credentials-flow .provider=${scrob} .client=${api} .values=${{}}></cw-credentials-flow>`);
    q(el, 'start-button')!.click();
    await settle(h.clock);
    await el.updateComplete;
    expect(text(el, 'error-message')).to.equal('Scrob asks for a two-factor code. Enter the current code and connect again.');
  });

  it('removal mid-request: no late state, no timers', async () => {
    h.backend.setLatency(2_000);
    const el = await render({ 'tautulli.server_url': 'http://t.lan', 'tautulli.api_key': KEY });
    const events: string[] = [];
    el.addEventListener('cw-connected', (e) => events.push(e.type));
    q(el, 'start-button')!.click();
    await h.clock.tickAsync(100);
    el.remove();
    await h.clock.tickAsync(10_000);
    expect(events).to.deep.equal([]);
    expect(h.clock.countTimers()).to.equal(0);
  });
});

/** CrossWatch's Scrob answer, through the real client's error parsing. */
async function totpError(): Promise<unknown> {
  const { createApiClient } = await import('../../src/api-client/client.js');
  const api = createApiClient({
    fetch: async () => new Response('{"ok":false,"error":"totp_required","requires_2fa":true}', { status: 200, headers: { 'content-type': 'application/json' } }),
  });
  return api.connect('/api/scrob/save', {}).then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
}
