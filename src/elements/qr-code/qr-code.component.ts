import { html, svg, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { CwElement } from '../base.js';
import { stringsContext } from '../context.js';
import { withFlowStrings, type Strings } from '../../strings/en.js';
import styles from './qr-code.styles.js';

/** One SVG path for all dark modules: small DOM, crisp at any size. */
function modulesPath(matrix: boolean[][]): string {
  let d = '';
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return d;
}

/**
 * @summary A QR code of a URL, drawn as SVG. The encoder (`uqr`) is loaded only when a code is
 * first shown, as a separate chunk.
 *
 * @csspart svg - The drawn code.
 * @csspart note - "Drawing…" / "could not be drawn" text.
 *
 * @cssprop --cw-qr-size - Width and height of the code (default 168px).
 * @cssprop --cw-radius - Corner radius of the white background.
 * @cssprop --cw-muted - Colour of the note text.
 */
export class CwQrCode extends CwElement {
  static override styles = styles;

  /** The text to encode (a verification URL). */
  @property() value = '';

  /** Accessible name of the image, e.g. "QR code that opens Plex on another device". */
  @property() label = '';

  @consume({ context: stringsContext, subscribe: true })
  @state()
  private contextStrings?: Strings;

  @state() private matrix: boolean[][] | undefined;
  @state() private failed = false;

  /** Drops results of an encode that finished after `value` changed or the element left. */
  private generation = 0;

  private get t(): Strings {
    return withFlowStrings(this.contextStrings);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.generation++;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a move: draw again if a value is waiting.
    if (this.hasUpdated && this.value && !this.matrix) void this.encode();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('value')) {
      this.matrix = undefined;
      this.failed = false;
    }
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('value') && this.value) void this.encode();
  }

  private async encode(): Promise<void> {
    const generation = ++this.generation;
    const value = this.value;
    try {
      const { encode } = await import('uqr');
      if (generation !== this.generation) return;
      this.matrix = encode(value, { ecc: 'M', border: 2 }).data;
    } catch {
      if (generation === this.generation) this.failed = true;
    }
  }

  override render() {
    if (!this.value) return nothing;
    if (this.failed) return html`<p part="note" class="note">${this.t['flow.device.qrFailed']}</p>`;
    const matrix = this.matrix;
    if (!matrix) return html`<p part="note" class="note">${this.t['flow.device.qrLoading']}</p>`;
    const size = matrix.length;
    return html`<svg part="svg" viewBox="0 0 ${size} ${size}" role="img" aria-label=${this.label || this.value} shape-rendering="crispEdges">
      ${svg`<rect width=${size} height=${size} fill="#fff"></rect><path d=${modulesPath(matrix)} fill="#000"></path>`}
    </svg>`;
  }
}
