import { html, nothing, svg } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { CwElement } from '../base.js';
import { stringsContext } from '../context.js';
import type { Strings } from '../../strings/en.js';
import { enCore, type CoreStrings } from '../../strings/en-core.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import styles from './copy-button.styles.js';

export type CopyFeedback = 'idle' | 'success' | 'error';

/** How long the button says "Copied" before it reads its label again. */
const SUCCESS_MS = 2000;

const copyIcon = svg`<path d="M9 9h10v11H9z M5 4h10v3 M5 4v12h2" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>`;
const checkIcon = svg`<path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>`;

/**
 * @summary A button that copies a value (a code, a redirect URL) to the clipboard and says so.
 *
 * Uses the Clipboard API and falls back to a hidden textarea with `execCommand('copy')` when the
 * API is missing or denied. The result is announced through a polite live region ("Copied", or
 * "Copy failed — select and copy" so the user knows to copy the visible value by hand).
 *
 * @slot - Nothing is slotted; the text comes from the `label` attribute.
 *
 * @csspart button - The copy button.
 * @csspart message - The visible failure message.
 *
 * @cssprop --cw-accent - Focus ring colour.
 * @cssprop --cw-success - Border and text colour after a successful copy.
 * @cssprop --cw-danger - Colour of the failure message.
 * @cssprop --cw-border - Button border.
 * @cssprop --cw-surface - Button background.
 * @cssprop --cw-text - Button text.
 * @cssprop --cw-radius - Corner radius.
 * @cssprop --cw-space - Spacing unit.
 */
export class CwCopyButton extends CwElement {
  static override styles = [baseStyles, buttonStyles, styles];

  /** The text to copy. */
  @property() value = '';

  /** Visible and accessible label, e.g. "Copy redirect URL". Defaults to the "Copy" string. */
  @property() label?: string;

  /** Result of the last copy, reflected for styling: `idle`, `success` or `error`. */
  @property({ reflect: true }) feedback: CopyFeedback = 'idle';

  @consume({ context: stringsContext, subscribe: true })
  @state()
  private contextStrings?: Strings;

  @state() private announcement = '';

  @query('button') private button!: HTMLButtonElement;

  private resetTimer: ReturnType<typeof setTimeout> | undefined;
  /** Ignores results of a copy that finished after the element was removed. */
  private generation = 0;

  private get t(): CoreStrings {
    return this.contextStrings ?? enCore;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.generation++;
    clearTimeout(this.resetTimer);
    // The timer that turns "Copied" back into the label is gone: do it now, or it sticks on re-attach.
    if (this.feedback === 'success') {
      this.feedback = 'idle';
      this.announcement = '';
    }
  }

  /** Copies `value`; resolves to whether it worked. */
  async copy(): Promise<boolean> {
    const generation = ++this.generation;
    clearTimeout(this.resetTimer);
    const ok = await this.writeToClipboard(this.value);
    if (generation !== this.generation) return ok;
    this.feedback = ok ? 'success' : 'error';
    // Clear first so that the same message twice in a row is announced again.
    this.announcement = '';
    await this.updateComplete;
    if (generation !== this.generation) return ok;
    this.announcement = ok ? this.t['copy.copied'] : this.t['copy.failed'];
    if (ok) {
      this.resetTimer = setTimeout(() => {
        this.feedback = 'idle';
        this.announcement = '';
      }, SUCCESS_MS);
    }
    return ok;
  }

  private async writeToClipboard(text: string): Promise<boolean> {
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch {
      // Denied (no permission, document not focused): try the legacy path below.
    }
    return this.copyWithTextarea(text);
  }

  /** Legacy path: select a hidden textarea inside our shadow root and run execCommand('copy'). */
  private copyWithTextarea(text: string): boolean {
    const area = document.createElement('textarea');
    area.value = text;
    area.readOnly = true;
    area.setAttribute('aria-hidden', 'true');
    area.tabIndex = -1;
    area.style.cssText = 'position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;pointer-events:none;';
    this.renderRoot.appendChild(area);
    let ok = false;
    try {
      area.select();
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    } finally {
      area.remove();
      this.button?.focus({ preventScroll: true });
    }
    return ok;
  }

  override render() {
    const label = this.label || this.t['copy.button'];
    const copied = this.feedback === 'success';
    return html`
      <button part="button" class="button button--small" type="button" @click=${this.onClick}>
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">${copied ? checkIcon : copyIcon}</svg>
        <span>${copied ? this.t['copy.copied'] : label}</span>
      </button>
      ${this.feedback === 'error'
        ? html`<span part="message" class="message" aria-hidden="true">${this.t['copy.failed']}</span>`
        : nothing}
      <span class="visually-hidden" role="status" aria-live="polite">${this.announcement}</span>
    `;
  }

  private onClick = (): void => {
    void this.copy();
  };
}
