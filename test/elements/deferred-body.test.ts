import { expect, fixture, fixtureCleanup, html } from '../helpers.js';
import { http, HttpResponse } from 'msw';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/auth-providers/auth-providers.js';
import { FIRST_CHUNK, WHOLE_LIST_AT_ONCE, type CwAuthProviders } from '../../src/elements/auth-providers/auth-providers.component.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { providersAnswer, startBackend, until, type TestBackend } from './card-support.js';

const manifest = (i: number) => ({
  name: `P${String(i).padStart(3, '0')}`,
  label: `Provider ${i}`,
  flow: 'credentials',
  fields: [{ key: `p${i}.api_key`, label: 'API key', type: 'password', required: true }],
  actions: { start: true, finish: false, refresh: false, disconnect: true },
});
const many = (count: number) => Array.from({ length: count }, (_, i) => manifest(i));
const quietStatus = http.get('*/api/:provider/status', () => HttpResponse.json({ connected: false }));

const cards = (el: CwAuthProviders) => [...el.shadowRoot!.querySelectorAll<CwProviderCard>('cw-provider-card')];
const fieldsOf = (card: CwProviderCard) => card.shadowRoot!.querySelectorAll('cw-provider-field').length;
const hasBody = (card: CwProviderCard) => fieldsOf(card) > 0 && card.shadowRoot!.querySelector('[part~="save"]') !== null;
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

describe('a long list shows card bodies near the viewport', () => {
  failOnLitWarnings();
  let tb: TestBackend;
  afterEach(() => {
    fixtureCleanup();
    window.scrollTo(0, 0);
    tb?.restore();
  });

  async function mount(count: number) {
    tb = startBackend();
    tb.use(providersAnswer(many(count)), quietStatus);
    const el = await fixture<CwAuthProviders>(html`<cw-auth-providers></cw-auth-providers>`);
    await until(() => expect(cards(el)).to.have.length(count));
    await el.updateComplete;
    await Promise.all(cards(el).map((c) => c.updateComplete));
    await nextFrame();
    return el;
  }

  it('a far card after the first chunk shows its header, badge and hint, and no fields, Save, flow or profiles yet', async () => {
    const el = await mount(200);
    const all = cards(el);
    expect(all.slice(0, FIRST_CHUNK).every(hasBody), 'the first chunk shows its bodies at once').to.equal(true);
    const last = all.at(-1)!;
    const root = last.shadowRoot!;
    expect(root.querySelector('[part~="title"]')!.textContent).to.equal('Provider 199');
    expect(root.querySelector('[part~="status"][data-kind]'), 'badge').to.exist;
    expect(root.querySelector('[part~="hint"]')!.textContent, 'the hint says what is missing').to.contain('API key');
    expect(fieldsOf(last)).to.equal(0);
    expect(root.querySelector('[part~="save"]')).to.equal(null);
    expect(root.querySelector('cw-credentials-flow, cw-profile-switcher')).to.equal(null);
  });

  it('a far card shows its body once scrolled near, and keeps it when scrolled away again', async () => {
    const el = await mount(200);
    const last = cards(el).at(-1)!;
    expect(hasBody(last)).to.equal(false);
    last.scrollIntoView();
    await until(() => expect(hasBody(last), 'fields and Save once near').to.equal(true));
    await until(() => expect(last.shadowRoot!.querySelector('cw-credentials-flow'), 'the flow too').to.exist);
    window.scrollTo(0, 0);
    await nextFrame();
    await nextFrame();
    expect(hasBody(last), 'a body once shown stays').to.equal(true);
  });

  it('keyboard: Tab from card to card reaches every card’s field in turn (a body is there before focus reaches it)', async () => {
    const el = await mount(60);
    const all = cards(el);
    /** The card holding the focused element, and whether that element is a field's input. */
    const focused = () => {
      let node: Element | null = document.activeElement;
      while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
      const isInput = node?.localName === 'input';
      let host: Node | null = node;
      while (host && !(host instanceof HTMLElement && host.localName === 'cw-provider-card')) {
        const root: Node = host.getRootNode();
        host = root instanceof ShadowRoot ? root.host : host.parentNode;
      }
      return { card: host ? all.indexOf(host as CwProviderCard) : -1, isInput };
    };
    const from = FIRST_CHUNK - 1;
    const to = FIRST_CHUNK + 6;
    const input = all[from]!.shadowRoot!.querySelector('cw-provider-field')!;
    (input.shadowRoot?.querySelector('input') ?? input.querySelector('input'))!.focus();
    const reached: number[] = [];
    for (let presses = 0; presses < 300 && !reached.includes(to); presses++) {
      const now = focused();
      if (now.isInput && !reached.includes(now.card)) reached.push(now.card);
      await sendKeys({ press: 'Tab' });
      await nextFrame();
    }
    expect(reached).to.deep.equal(Array.from({ length: to - from + 1 }, (_, i) => from + i));
  });

  it(`a list of up to ${WHOLE_LIST_AT_ONCE} cards shows every body at once, far ones too`, async () => {
    const el = await mount(WHOLE_LIST_AT_ONCE);
    expect(cards(el).every(hasBody)).to.equal(true);
  });

  it('removed while its cards wait to come near: no error, and attached again they still show their bodies when near', async () => {
    const el = await mount(120);
    const parent = el.parentElement!;
    el.remove();
    await nextFrame();
    parent.append(el);
    await el.updateComplete;
    const last = cards(el).at(-1)!;
    last.scrollIntoView();
    await until(() => expect(hasBody(last)).to.equal(true));
  });

  it('passes axe with cards waiting for their bodies', async () => {
    const el = await mount(40);
    await expect(el).to.be.accessible();
  });
});
