/** <cw-qr-code>: lazy encoder, SVG drawn from the matrix (no innerHTML), accessible name. */
import { expect, fixture, html } from '../helpers.js';
import '../../src/elements/qr-code/qr-code.js';
import type { CwQrCode } from '../../src/elements/qr-code/qr-code.js';
import { encode } from 'uqr';
import { failOnLitWarnings } from '../support/lit-warnings.js';

async function drawn(el: CwQrCode): Promise<SVGSVGElement> {
  for (let i = 0; i < 200; i++) {
    const svg = el.shadowRoot!.querySelector('svg');
    if (svg) return svg;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('QR code not drawn');
}

describe('<cw-qr-code>', () => {
  failOnLitWarnings();

  it('draws exactly the encoder matrix as one SVG path', async () => {
    const value = 'https://example.com/activate?code=ABCD-EFGH';
    const el = await fixture<CwQrCode>(html`<cw-qr-code .value=${value} label="QR code that opens Example"></cw-qr-code>`);
    const svg = await drawn(el);
    const matrix = encode(value, { ecc: 'M', border: 2 }).data;
    expect(svg.getAttribute('viewBox')).to.equal(`0 0 ${matrix.length} ${matrix.length}`);
    const dark = (svg.querySelector('path')!.getAttribute('d')!.match(/M/g) ?? []).length;
    expect(dark).to.equal(matrix.flat().filter(Boolean).length);
    expect(svg.getAttribute('aria-label')).to.equal('QR code that opens Example');
    await expect(el).to.be.accessible();
  });

  it('redraws when the value changes and shows nothing without one', async () => {
    const el = await fixture<CwQrCode>(html`<cw-qr-code value="https://a.example/1" label="QR"></cw-qr-code>`);
    const first = (await drawn(el)).querySelector('path')!.getAttribute('d');
    el.value = 'https://a.example/some/much/longer/path?with=query&and=more';
    await el.updateComplete;
    const second = (await drawn(el)).querySelector('path')!.getAttribute('d');
    expect(second).to.not.equal(first);
    el.value = '';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('svg')).to.equal(null);
  });

  it('treats markup in the value as data', async () => {
    const el = await fixture<CwQrCode>(html`<cw-qr-code value="<img src=x onerror=alert(1)>" label="QR"></cw-qr-code>`);
    await drawn(el);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });
});
