/**
 * A card with many fields (more than MANY_FIELDS): the fields far off screen skip style, layout
 * and paint (`content-visibility: auto`) with room for their focus ring (overflow-clip-margin);
 * a card with a few fields keeps plain fields. Typing and Tab still reach every field.
 */
import { expect, fixture, fixtureCleanup, html } from '../helpers.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/provider-card/provider-card.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { MANY_FIELDS } from '../../src/elements/provider-card/card-fields.js';
import { createApiClient } from '../../src/api-client/client.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { inputOf, startBackend, until, type TestBackend } from './card-support.js';

const manifest = (count: number) => ({
  name: 'BIG',
  label: 'Big',
  flow: 'credentials',
  fields: Array.from({ length: count }, (_, i) => ({ key: `big.f${i}`, label: `Field ${i}`, type: 'text' })),
  actions: { start: true, finish: false, refresh: false, disconnect: true },
  routes: { status: '/api/big/status' },
});
const fields = (card: CwProviderCard) => [...card.shadowRoot!.querySelectorAll<HTMLElement>('cw-provider-field')];

describe('a card with many fields', () => {
  failOnLitWarnings();
  let tb: TestBackend;
  afterEach(() => {
    fixtureCleanup();
    tb?.restore();
  });

  async function mount(count: number) {
    tb = startBackend();
    const card = await fixture<CwProviderCard>(html`<cw-provider-card .manifest=${manifest(count)} .client=${createApiClient()}></cw-provider-card>`);
    await until(() => expect(fields(card), card.shadowRoot?.textContent ?? '').to.have.length(count));
    return card;
  }

  it(`over ${MANY_FIELDS} fields: each skips rendering while far off screen, with room for its focus ring`, async () => {
    const card = await mount(200);
    const style = getComputedStyle(fields(card).at(-1)!);
    expect(style.contentVisibility).to.equal('auto');
    expect(style.overflowClipMargin).to.contain('6px');
    // The last field is far below: skipped, it has its placeholder height, not its own.
    expect(fields(card).at(-1)!.getBoundingClientRect().height).to.be.closeTo(72, 1);
    await expect(card).to.be.accessible();
  });

  it('a far field can be focused and typed into, and then renders', async () => {
    const card = await mount(200);
    const input = inputOf(card, 'big.f199');
    input.focus();
    await sendKeys({ type: 'abc' });
    expect(input.value).to.equal('abc');
    await until(() => expect(card.dirty).to.equal(true));
    const rect = input.getBoundingClientRect();
    expect(rect.height, 'rendered: the input has its own height').to.be.greaterThan(10);
  });

  it(`${MANY_FIELDS} fields or fewer: plain fields`, async () => {
    const card = await mount(MANY_FIELDS);
    expect(getComputedStyle(fields(card)[0]!).contentVisibility).to.equal('visible');
    await expect(card).to.be.accessible();
  });
});
