/** Regression tests for defects found in review (each failed before its fix). */
import { expect, fixture, fixtureCleanup, html } from '../helpers.js';
import '../../src/elements/provider-card/provider-card.js';
import '../../src/elements/copy-button/copy-button.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import type { CwCopyButton } from '../../src/elements/copy-button/copy-button.component.js';
import { createApiClient } from '../../src/api-client/client.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';
import { installClock } from '../support/clock.js';
import { manifestOf, startBackend, until, type TestBackend } from '../elements/card-support.js';

const shadow = (card: CwProviderCard) => card.shadowRoot!;

/** The element focus is on, through shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function cardFor(tb: TestBackend, name: string) {
  const manifest = await manifestOf(name, tb);
  const card = await fixture<CwProviderCard>(
    html`<cw-provider-card .manifest=${manifest} .client=${createApiClient()} locale="en" theme="light"></cw-provider-card>`,
  );
  await until(() => expect(shadow(card).querySelector('.loading')).to.equal(null));
  const connection = (card as unknown as { connection: { status: { kind: string } } }).connection;
  await until(() => expect(connection.status.kind).to.be.oneOf(['connected', 'disconnected', 'error']));
  await until(() => expect(tb.fetches.inFlight).to.equal(0));
  await card.updateComplete;
  return card;
}

describe('review findings', () => {
  failOnLitWarnings();
  let tb: TestBackend | undefined;
  afterEach(() => {
    fixtureCleanup();
    tb?.restore();
    tb = undefined;
  });

  it('card: after Disconnect, keyboard focus lands on the flow that replaces the actions (not on <body>)', async () => {
    tb = startBackend();
    tb.backend.connect('trakt', 'alice');
    const card = await cardFor(tb, 'TRAKT');
    const actions = shadow(card).querySelector('cw-connection-actions')!;
    const part = (name: string) => actions.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
    part('disconnect-button').focus();
    part('disconnect-button').click();
    await actions.updateComplete;
    part('confirm-button').focus();
    part('confirm-button').click();
    await until(() => expect(shadow(card).querySelector('cw-device-flow')).to.exist);
    await until(() => expect(tb!.fetches.inFlight).to.equal(0));
    const flow = shadow(card).querySelector('cw-device-flow')!;
    await flow.updateComplete;
    await card.updateComplete;
    await until(() => expect(deepActive()).to.equal(flow.shadowRoot!.querySelector('[part~="start-button"]')));
  });

  it('copy button: re-attached after a removal during "Copied", it reads its label again', async () => {
    const clipboard = navigator.clipboard as Clipboard & { writeText: (t: string) => Promise<void> };
    Object.defineProperty(clipboard, 'writeText', { configurable: true, value: () => Promise.resolve() });
    try {
      const el = await fixture<CwCopyButton>(html`<cw-copy-button value="ABCD" label="Copy code"></cw-copy-button>`);
      expect(await el.copy()).to.equal(true);
      await el.updateComplete;
      expect(el.feedback).to.equal('success');
      const parent = el.parentElement!;
      el.remove();
      const clock = installClock({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        await clock.tickAsync(10_000);
      } finally {
        clock.uninstall();
      }
      parent.append(el);
      await el.updateComplete;
      expect(el.feedback).to.equal('idle');
      expect(el.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('Copy code');
    } finally {
      delete (clipboard as Partial<Clipboard>).writeText;
    }
  });
});
