import { expect, fixture, html, oneEvent } from '../helpers.js';
import { installClock } from '../support/clock.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/copy-button/copy-button.js';
import type { CwCopyButton } from '../../src/elements/copy-button/copy-button.component.js';
import { failOnLitWarnings, recordLitWarnings } from '../support/lit-warnings.js';

type WriteText = (text: string) => Promise<void>;

/** Replaces navigator.clipboard.writeText for one test (like sinon.stub(navigator.clipboard, 'writeText')). */
function stubClipboard(impl: WriteText): { calls: string[]; restore(): void } {
  const calls: string[] = [];
  const clipboard = navigator.clipboard as Clipboard & { writeText: WriteText };
  Object.defineProperty(clipboard, 'writeText', {
    configurable: true,
    value: (text: string) => {
      calls.push(text);
      return impl(text);
    },
  });
  return { calls, restore: () => void delete (clipboard as Partial<Clipboard>).writeText };
}

/** Replaces document.execCommand; records what the hidden textarea held when 'copy' ran. */
function stubExecCommand(el: CwCopyButton, result: boolean | 'throw') {
  const seen: { command: string; textarea: string | null; selected: string }[] = [];
  const original = document.execCommand;
  document.execCommand = (command: string) => {
    const area = el.shadowRoot!.querySelector('textarea');
    seen.push({
      command,
      textarea: area ? area.value : null,
      selected: area ? area.value.slice(area.selectionStart, area.selectionEnd) : '',
    });
    if (result === 'throw') throw new Error('not allowed');
    return result;
  };
  return { seen, restore: () => void (document.execCommand = original) };
}

const liveRegion = (el: CwCopyButton) => el.shadowRoot!.querySelector('[role="status"]')!;
const button = (el: CwCopyButton) => el.shadowRoot!.querySelector('button')!;

async function settle(el: CwCopyButton) {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
}

describe('cw-copy-button', () => {
  failOnLitWarnings();
  let restores: Array<() => void> = [];
  afterEach(() => {
    restores.forEach((restore) => restore());
    restores = [];
  });

  it('shows its label and is accessible', async () => {
    const el = await fixture<CwCopyButton>(html`<cw-copy-button value="ABCD" label="Copy code"></cw-copy-button>`);
    expect(button(el).textContent!.trim()).to.equal('Copy code');
    expect(button(el).getAttribute('part')).to.equal('button');
    expect(liveRegion(el).getAttribute('aria-live')).to.equal('polite');
    await expect(el).to.be.accessible();
  });

  it('defaults its label to "Copy"', async () => {
    const el = await fixture<CwCopyButton>(html`<cw-copy-button value="x"></cw-copy-button>`);
    expect(button(el).textContent!.trim()).to.equal('Copy');
  });

  it('copies with the Clipboard API and announces "Copied", then resets', async () => {
    const clip = stubClipboard(() => Promise.resolve());
    restores.push(clip.restore);
    const el = await fixture<CwCopyButton>(html`<cw-copy-button value="https://cw.example/callback"></cw-copy-button>`);
    const clock = installClock({ toFake: ['setTimeout', 'clearTimeout'] });
    restores.push(() => clock.uninstall());
    button(el).click();
    await clock.runMicrotasks();
    await el.updateComplete;
    await el.updateComplete;
    expect(clip.calls).to.deep.equal(['https://cw.example/callback']);
    expect(el.feedback).to.equal('success');
    expect(liveRegion(el).textContent).to.equal('Copied');
    expect(button(el).textContent!.trim()).to.equal('Copied');
    await clock.tickAsync(2000);
    await el.updateComplete;
    expect(el.feedback).to.equal('idle');
    expect(liveRegion(el).textContent).to.equal('');
    expect(clock.countTimers()).to.equal(0);
  });

  it('is operable from the keyboard', async () => {
    const clip = stubClipboard(() => Promise.resolve());
    restores.push(clip.restore);
    const el = await fixture<CwCopyButton>(html`<cw-copy-button value="K3Y"></cw-copy-button>`);
    button(el).focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(clip.calls).to.deep.equal(['K3Y']);
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(clip.calls).to.deep.equal(['K3Y', 'K3Y']);
  });

  it('falls back to a hidden textarea in its shadow root when the Clipboard API is denied', async () => {
    const clip = stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    restores.push(clip.restore);
    const el = await fixture<CwCopyButton>(html`<cw-copy-button value="AB12-CD34"></cw-copy-button>`);
    const exec = stubExecCommand(el, true);
    restores.push(exec.restore);
    button(el).click();
    await settle(el);
    expect(clip.calls).to.have.length(1);
    expect(exec.seen).to.deep.equal([{ command: 'copy', textarea: 'AB12-CD34', selected: 'AB12-CD34' }]);
    expect(el.shadowRoot!.querySelector('textarea'), 'textarea removed afterwards').to.equal(null);
    expect(el.feedback).to.equal('success');
    expect(liveRegion(el).textContent).to.equal('Copied');
    expect(el.shadowRoot!.activeElement).to.equal(button(el));
  });

  it('falls back when there is no Clipboard API at all', async () => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });
    restores.push(() => void delete (navigator as { clipboard?: Clipboard }).clipboard);
    const el = await fixture<CwCopyButton>(html`<cw-copy-button value="tok"></cw-copy-button>`);
    const exec = stubExecCommand(el, true);
    restores.push(exec.restore);
    const ok = await el.copy();
    expect(ok).to.equal(true);
    expect(exec.seen.map((s) => s.textarea)).to.deep.equal(['tok']);
  });

  for (const failure of [false, 'throw'] as const) {
    it(`announces "Copy failed — select and copy" when both paths fail (execCommand ${failure === false ? 'false' : 'throws'})`, async () => {
      const clip = stubClipboard(() => Promise.reject(new Error('denied')));
      restores.push(clip.restore);
      const el = await fixture<CwCopyButton>(html`<cw-copy-button value="secretless code"></cw-copy-button>`);
      const exec = stubExecCommand(el, failure);
      restores.push(exec.restore);
      button(el).click();
      await settle(el);
      expect(el.feedback).to.equal('error');
      expect(liveRegion(el).textContent).to.equal('Copy failed — select and copy');
      const message = el.shadowRoot!.querySelector('[part="message"]');
      expect(message?.textContent).to.equal('Copy failed — select and copy');
      expect(el.shadowRoot!.querySelector('textarea')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  }

  it('announces the same result again on a second copy', async () => {
    const clip = stubClipboard(() => Promise.resolve());
    restores.push(clip.restore);
    const el = await fixture<CwCopyButton>(html`<cw-copy-button value="x"></cw-copy-button>`);
    await el.copy();
    await el.updateComplete;
    const texts: string[] = [];
    const observer = new MutationObserver(() => texts.push(liveRegion(el).textContent ?? ''));
    observer.observe(liveRegion(el), { childList: true, subtree: true, characterData: true });
    await el.copy();
    await el.updateComplete;
    await settle(el);
    observer.disconnect();
    expect(texts).to.include('');
    expect(texts[texts.length - 1]).to.equal('Copied');
  });

  it('leaves no timer behind when removed right after copying', async () => {
    const clip = stubClipboard(() => Promise.resolve());
    restores.push(clip.restore);
    const el = await fixture<CwCopyButton>(html`<cw-copy-button value="x"></cw-copy-button>`);
    const clock = installClock({ toFake: ['setTimeout', 'clearTimeout'] });
    restores.push(() => clock.uninstall());
    await el.copy();
    expect(clock.countTimers()).to.equal(1);
    el.remove();
    expect(clock.countTimers()).to.equal(0);
  });

  it('fires no events of its own type names that could carry the value', async () => {
    const clip = stubClipboard(() => Promise.resolve());
    restores.push(clip.restore);
    const el = await fixture<CwCopyButton>(html`<cw-copy-button value="hidden"></cw-copy-button>`);
    const seen: string[] = [];
    for (const name of ['cw-copy', 'copy', 'change']) el.addEventListener(name, () => seen.push(name));
    setTimeout(() => button(el).click());
    await oneEvent(button(el), 'click');
    await settle(el);
    expect(seen).to.deep.equal([]);
  });

  it('is accessible in the "Copied" state', async () => {
    const clip = stubClipboard(() => Promise.resolve());
    restores.push(clip.restore);
    const el = await fixture<CwCopyButton>(html`<cw-copy-button value="x" label="Copy code"></cw-copy-button>`);
    await el.copy();
    await el.updateComplete;
    expect(el.feedback).to.equal('success');
    await expect(el).to.be.accessible();
  });
});

describe('test support: lit-warnings', () => {
  it('notices a change-in-update warning', async () => {
    // Proves the guard in test/support/lit-warnings.ts works: this element sets a property in updated().
    const { LitElement } = await import('lit');
    class BadUpdate extends LitElement {
      static override properties = { n: { type: Number } };
      n = 0;
      override updated() {
        if (this.n < 1) this.n++;
      }
    }
    customElements.define('cw-test-bad-update', BadUpdate);
    const recorder = recordLitWarnings({ quiet: true });
    try {
      const el = await fixture<BadUpdate>(html`<cw-test-bad-update></cw-test-bad-update>`);
      await el.updateComplete;
    } finally {
      recorder.stop();
    }
    expect(recorder.warnings.join('\n')).to.contain('change-in-update');
  });

  it('test support: a fake clock left installed by a failing afterEach is removed before the guard fails', async () => {
    // failOnLitWarnings() calls this before throwing: Mocha then skips later afterEach hooks, and a
    // clock left installed would stop the runner's own timers (the run hung instead of failing).
    const { installClock, uninstallLeftoverClocks } = await import('../support/clock.js');
    const realSetTimeout = globalThis.setTimeout;
    installClock();
    expect(globalThis.setTimeout, 'faked').to.not.equal(realSetTimeout);
    expect(uninstallLeftoverClocks()).to.equal(1);
    expect(globalThis.setTimeout, 'real again').to.equal(realSetTimeout);
    expect(uninstallLeftoverClocks(), 'nothing left').to.equal(0);
  });

});
