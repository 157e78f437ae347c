import { expect, fixture, html } from '../helpers.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/provider-field/provider-field.js';
import type { CwProviderField, FieldIntentDetail } from '../../src/elements/provider-field/provider-field.component.js';
import { MASK } from '../../src/api-client/config-paths.js';
import type { FieldSchema } from '../../src/api-client/types.js';
import { hydrateField, updateField, type FieldState } from '../../src/state/field-state.js';
import { failOnLitWarnings } from '../support/lit-warnings.js';

const q = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);

async function renderField(field: FieldSchema, config: Record<string, unknown> = {}, patch: Partial<FieldState> = {}) {
  const state = { ...hydrateField(field, config), ...patch };
  return fixture<CwProviderField>(html`<cw-provider-field .state=${state}></cw-provider-field>`);
}

/**
 * A tiny stand-in for the card: applies intents to the state like the card does, so the field can
 * be driven through real typing and clicks.
 */
async function controlled(field: FieldSchema, config: Record<string, unknown> = {}) {
  const el = await renderField(field, config);
  const intents: FieldIntentDetail[] = [];
  el.addEventListener('cw-field-intent', (e) => {
    const { key, intent } = e.detail;
    intents.push(e.detail);
    const s = el.state!;
    const patch: Partial<FieldState> =
      intent === 'input'
        ? { value: el.draftValue }
        : intent === 'blur'
          ? { touched: true }
          : intent === 'replace'
            ? { replacing: true, value: '' }
            : intent === 'clear'
              ? { clearing: true, value: '' }
              : { replacing: false, clearing: false, value: s.initial };
    el.state = updateField([s], key, patch)[0];
  });
  return { el, intents };
}

describe('cw-provider-field', () => {
  failOnLitWarnings();

  it('renders a text field with label, required mark, placeholder and help tied by aria-describedby', async () => {
    const el = await renderField(
      { key: 'trakt.client_id', label: 'Client ID', type: 'text', required: true, placeholder: 'e.g. 4f1c', help: 'From your app.' },
      { trakt: { client_id: 'abc' } },
    );
    const input = q<HTMLInputElement>(el, 'input')!;
    const label = q(el, 'label')!;
    expect(label.getAttribute('for')).to.equal('input');
    expect(label.textContent).to.contain('Client ID');
    expect(q(el, '.required')!.getAttribute('aria-hidden')).to.equal('true');
    expect(input.value).to.equal('abc');
    expect(input.placeholder).to.equal('e.g. 4f1c');
    expect(input.getAttribute('aria-required')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('help error');
    expect(q(el, '#help')!.textContent).to.equal('From your app.');
    expect(input.getAttribute('part')).to.equal('input');
    expect(q(el, '[part="field"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('password: hidden, no autocomplete or spellcheck, with a reveal toggle', async () => {
    const { el } = await controlled({ key: 'trakt.client_secret', label: 'Client Secret', type: 'password', required: true });
    const input = q<HTMLInputElement>(el, 'input')!;
    expect(input.type).to.equal('password');
    expect(input.getAttribute('autocomplete')).to.equal('off');
    expect(input.getAttribute('spellcheck')).to.equal('false');
    expect(input.hasAttribute('data-1p-ignore')).to.equal(true);
    const toggle = q<HTMLButtonElement>(el, 'button[aria-pressed]')!;
    expect(toggle.getAttribute('aria-label')).to.equal('Show Client Secret');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(q<HTMLInputElement>(el, 'input')!.type).to.equal('text');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('a saved secret shows "Saved" with Replace and Clear, never the mask', async () => {
    const { el, intents } = await controlled(
      { key: 'trakt.client_secret', label: 'Client Secret', type: 'password', required: true },
      { trakt: { client_secret: MASK } },
    );
    expect(el.shadowRoot!.innerHTML).not.to.contain('\u2022');
    expect(q(el, 'input')).to.equal(null);
    expect(q(el, '[part="input"]')!.textContent!.trim()).to.equal('Saved (hidden)');
    const replace = q<HTMLButtonElement>(el, '[data-action="replace"]')!;
    const clear = q<HTMLButtonElement>(el, '[data-action="clear"]')!;
    expect(replace.getAttribute('aria-label')).to.equal('Replace Client Secret');
    expect(clear.getAttribute('aria-label')).to.equal('Clear Client Secret');
    await expect(el).to.be.accessible();

    replace.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(intents.at(-1)).to.deep.equal({ key: 'trakt.client_secret', intent: 'replace' });
    const input = q<HTMLInputElement>(el, 'input')!;
    expect(input.value).to.equal('');
    expect(el.shadowRoot!.activeElement, 'Replace moves focus into the new input').to.equal(input);
    expect(q(el, '[data-action="keep"]')!.textContent!.trim()).to.equal('Keep saved value');
    await expect(el).to.be.accessible();

    (q(el, '[data-action="keep"]') as HTMLButtonElement).click();
    await el.updateComplete;
    await el.updateComplete;
    (q(el, '[data-action="clear"]') as HTMLButtonElement).click();
    await el.updateComplete;
    await el.updateComplete;
    expect(el.state!.clearing).to.equal(true);
    expect(q(el, '[part="input"]')!.textContent!.trim()).to.equal('Will be removed when you save.');
    expect(el.shadowRoot!.activeElement).to.equal(q(el, '[data-action="keep"]'));
    await expect(el).to.be.accessible();
  });

  it('reports typing and blur as intents and marks changes', async () => {
    const { el, intents } = await controlled({ key: 'jf.server', label: 'Server URL', type: 'url', required: true });
    q<HTMLInputElement>(el, 'input')!.focus();
    await sendKeys({ type: 'jf.local' });
    await el.updateComplete;
    expect(el.state!.value).to.equal('jf.local');
    expect(intents.filter((i) => i.intent === 'input')).to.have.length(8);
    expect(q(el, '.changed')).to.exist;
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(intents.at(-1)!.intent).to.equal('blur');
    const input = q<HTMLInputElement>(el, 'input')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(q(el, '#error')!.textContent).to.equal('Enter a full address starting with http:// or https://.');
    expect(input.getAttribute('aria-describedby')).to.contain('error');
    await expect(el).to.be.accessible();
  });

  it('shows the required message for a touched empty required field', async () => {
    const el = await renderField({ key: 'a.b', label: 'Username', type: 'text', required: true }, {}, { touched: true });
    expect(q(el, '#error')!.textContent).to.equal('Username is required.');
    expect(q(el, 'input')!.getAttribute('aria-invalid')).to.equal('true');
  });

  it('bool renders a checkbox with its label', async () => {
    const { el } = await controlled({ key: 't.verify_ssl', label: 'Verify SSL', type: 'bool', required: false, default: true });
    const box = q<HTMLInputElement>(el, 'input[type="checkbox"]')!;
    expect(box.checked).to.equal(true);
    box.click();
    await el.updateComplete;
    expect(el.state!.value).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('select renders the options with the current one selected', async () => {
    const { el } = await controlled(
      {
        key: 't.media',
        label: 'Import',
        type: 'select',
        required: false,
        default: 'all',
        options: [
          { value: 'all', label: 'All' },
          { value: 'movie', label: 'Movies' },
        ],
      },
      {},
    );
    const select = q<HTMLSelectElement>(el, 'select')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['All', 'Movies']);
    expect(select.value).to.equal('all');
    select.value = 'movie';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.state!.value).to.equal('movie');
    await expect(el).to.be.accessible();
  });

  it('number validates the format', async () => {
    const el = await renderField({ key: 't.days', label: 'Days', type: 'number', required: false }, {}, { value: 'ten', touched: true });
    expect(q(el, '#error')!.textContent).to.equal('Enter a number.');
    expect(q(el, 'input')!.getAttribute('inputmode')).to.equal('decimal');
  });

  it('readonly shows the value without letting it change', async () => {
    const el = await renderField({ key: 'jf.version', label: 'Server version', type: 'readonly', required: false }, { jf: { version: '10.9.1' } });
    const input = q<HTMLInputElement>(el, 'input')!;
    expect(input.readOnly).to.equal(true);
    expect(input.value).to.equal('10.9.1');
    const empty = await renderField({ key: 'jf.version', label: 'Server version', type: 'readonly', required: false }, {});
    expect(q<HTMLInputElement>(empty, 'input')!.placeholder).to.equal('Not set');
    await expect(el).to.be.accessible();
  });

  it('renders label, help and server error text with markup as text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const el = await renderField(
      { key: 'a.b', label: `Key ${evil}`, type: 'text', required: false, help: evil, placeholder: evil },
      {},
      { serverError: evil },
    );
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('script')).to.equal(null);
    expect(q(el, 'label')!.textContent).to.contain('<img src=x');
    expect(q(el, '#error')!.textContent).to.equal(evil);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('focus() goes to the control', async () => {
    const el = await renderField({ key: 'a.b', label: 'A', type: 'text', required: false });
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(q(el, 'input'));
  });
});
