/**
 * German is a lazy chunk: English answers until it has arrived, elements render again once it is
 * there, and their updateComplete waits for it. Runs in its own page, so German starts unloaded.
 */
import { expect, fixture, html } from '../helpers.js';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { applyOverrides, loadLocale, LocaleStrings, resolveStrings, stringsForLocale } from '../../src/strings/locale.js';
import { en, type Strings } from '../../src/strings/en.js';
import { de } from '../../src/strings/de.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';

/** The smallest element using LocaleStrings the way the list and the card do. */
class LocaleProbe extends LitElement {
  @property() locale?: string;
  renders = 0;
  private readonly locales = new LocaleStrings(this);
  private t: Strings = en;

  protected override getUpdateComplete(): Promise<boolean> {
    return this.locales.settle(() => super.getUpdateComplete());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('locale') || !this.hasUpdated) this.t = this.locales.get(this.locale);
  }

  protected override render() {
    this.renders++;
    return html`<p>${this.t['flow.cancel']}</p>`;
  }
}
customElements.define('locale-probe', LocaleProbe);

const text = (el: LocaleProbe) => el.shadowRoot!.querySelector('p')!.textContent;

describe('strings: locale tables', () => {
  failOnLitWarnings();

  it('an element asking for German renders English first, then German; updateComplete covers both', async () => {
    expect(stringsForLocale('de')).to.equal(en);
    const el = await fixture<LocaleProbe>(html`<locale-probe locale="de-AT"></locale-probe>`);
    expect(text(el)).to.equal(de['flow.cancel']);
    expect(el.renders).to.equal(2);
    expect(stringsForLocale('DE')).to.deep.equal(de);
    await expect(el).to.be.accessible();
  });

  it('once loaded, German is there at the first render; switching back is immediate', async () => {
    await loadLocale('de');
    const el = await fixture<LocaleProbe>(html`<locale-probe locale="de"></locale-probe>`);
    expect([text(el), el.renders]).to.deep.equal([de['flow.cancel'], 1]);
    el.locale = 'en';
    await el.updateComplete;
    expect(text(el)).to.equal(en['flow.cancel']);
  });

  it('unknown and built-in languages resolve with English without loading anything', async () => {
    expect(await loadLocale('fr-CA')).to.equal(en);
    expect(await loadLocale(undefined)).to.equal(en);
    expect(stringsForLocale('constructor')).to.equal(en);
    expect((await loadLocale('de'))['flow.cancel']).to.equal(de['flow.cancel']);
  });

  it('overrides apply to known keys with string values only', () => {
    const merged = applyOverrides(en, { 'flow.cancel': 'Stop', nope: 'x', 'flow.retry': 5 } as never);
    expect([merged['flow.cancel'], merged['flow.retry'], 'nope' in merged]).to.deep.equal(['Stop', en['flow.retry'], false]);
    expect(resolveStrings('de', { 'flow.cancel': 'Halt' })['flow.cancel']).to.equal('Halt');
  });
});
