import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import { CwElement } from '../base.js';
import { stringsContext } from '../context.js';
import type { Strings } from '../../strings/en.js';
import { enCore, type CoreStrings } from '../../strings/en-core.js';
import { format } from '../../strings/format.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import {
  fieldProblem,
  isDirty,
  isReadonlyField,
  type FieldProblem,
  type FieldState,
  type FieldValue,
} from '../../state/field-state.js';
import styles from './provider-field.styles.js';

export type FieldIntent = 'input' | 'blur' | 'replace' | 'clear' | 'keep';

export interface FieldIntentDetail {
  key: string;
  intent: FieldIntent;
}

/**
 * What the user wants to do with a field. Internal to the card: it bubbles but is not composed,
 * so it never leaves the card's shadow root, and it carries no value (read `draftValue`).
 */
export type FieldIntentEvent = CustomEvent<FieldIntentDetail>;

/** Password managers: do not offer to fill or save these (they are app keys, not logins). */
const noPasswordManager = { 'data-1p-ignore': '', 'data-lpignore': 'true', 'data-bwignore': '', 'data-form-type': 'other' };

/**
 * @summary One manifest field, rendered from its schema: text, password, url, number, bool, select or readonly.
 *
 * A controlled element: the card owns the {@link FieldState}; the field renders it and reports
 * intents. A saved secret shows as "Saved" with **Replace** and **Clear**, never as a value.
 * Password inputs have a reveal toggle, `autocomplete="off"` and `spellcheck="false"`.
 * Validation messages are tied to the control with `aria-describedby` and `aria-invalid`.
 *
 * @fires {FieldIntentDetail} cw-field-intent - Internal (not composed): `{key, intent}` with intent `input`, `blur`, `replace`, `clear` or `keep`.
 *
 * @slot - Nothing is slotted; everything comes from the field schema.
 *
 * @csspart field - The wrapper of label, control and messages.
 * @csspart label - The label.
 * @csspart input - The input, select, checkbox or the "Saved" box.
 * @csspart button - The Replace, Clear, Keep and Show buttons.
 * @csspart error - The validation or server message.
 * @csspart help - The help text from the manifest.
 *
 * @cssprop --cw-accent - Focus ring and checkbox colour.
 * @cssprop --cw-border - Input border.
 * @cssprop --cw-surface - Input background.
 * @cssprop --cw-surface-raised - Read-only input background.
 * @cssprop --cw-text - Text colour.
 * @cssprop --cw-muted - Help text colour.
 * @cssprop --cw-danger - Error text and invalid border.
 * @cssprop --cw-success - "Saved" text.
 * @cssprop --cw-warning - "changed" marker and "will be removed" text.
 * @cssprop --cw-radius - Corner radius.
 * @cssprop --cw-space - Spacing unit.
 */
export class CwProviderField extends CwElement {
  static override styles = [baseStyles, buttonStyles, styles];

  /** The field's state (schema, value, saved/replacing/clearing). */
  @property({ attribute: false }) state?: FieldState;

  /** Disables every control (e.g. while the card has no config yet). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  @consume({ context: stringsContext, subscribe: true })
  @state()
  private contextStrings?: Strings;

  /** Password reveal toggle. */
  @state() private revealed = false;

  @query('#input') private control?: HTMLInputElement | HTMLSelectElement;

  /** Where focus goes after the next render (Replace → input, Clear → Undo, …). */
  private pendingFocus: 'input' | 'replace' | 'keep' | undefined;
  /** True while Lit renders: a focused input removed by a render fires a blur nobody caused. */
  private rendering = false;

  private get t(): CoreStrings {
    return this.contextStrings ?? enCore;
  }

  /** The value the user has in the control right now. */
  get draftValue(): FieldValue {
    const control = this.control;
    if (!control) return this.state?.value ?? '';
    if (control instanceof HTMLInputElement && control.type === 'checkbox') return control.checked;
    return control.value;
  }

  /** The field's problem message as shown, or '' (for the card's summary). */
  get problemMessage(): string {
    return this.state ? this.messageFor(this.state) : '';
  }

  /** Focuses the control (or, for a saved secret, its first button). */
  override focus(options?: FocusOptions): void {
    const target = this.renderRoot.querySelector<HTMLElement>('#input:not(.saved), button');
    (target ?? this).focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A secret that is saved again starts hidden on the next Replace.
    if (changed.has('state') && this.state?.saved && !this.state.replacing) this.revealed = false;
  }

  protected override update(changed: PropertyValues<this>): void {
    this.rendering = true;
    try {
      super.update(changed);
    } finally {
      this.rendering = false;
    }
  }

  protected override updated(): void {
    const focusTarget = this.pendingFocus;
    if (focusTarget) {
      const el = this.renderRoot.querySelector<HTMLElement>(focusTarget === 'input' ? '#input' : `[data-action="${focusTarget}"]`);
      if (el) {
        this.pendingFocus = undefined;
        el.focus();
      }
    }
  }

  private emitIntent(intent: FieldIntent): void {
    if (!this.state) return;
    this.dispatchEvent(
      new CustomEvent<FieldIntentDetail>('cw-field-intent', {
        detail: { key: this.state.field.key, intent },
        bubbles: true,
        composed: false,
      }),
    );
  }

  private messageFor(state: FieldState): string {
    const problem: FieldProblem | undefined = fieldProblem(state);
    if (problem === 'required') return format(this.t['field.error.required'], { label: state.field.label });
    if (problem === 'url') return this.t['field.error.url'];
    if (problem === 'number') return this.t['field.error.number'];
    return state.serverError ?? '';
  }

  override render() {
    const s = this.state;
    if (!s) return nothing;
    const { field } = s;
    const message = this.messageFor(s);
    const describedBy = [field.help ? 'help' : '', 'error'].filter(Boolean).join(' ');
    const invalid = message !== '';
    const required = field.required && !isReadonlyField(field);
    const marker = html`${required ? html`<span class="required" aria-hidden="true">*</span>` : nothing}${isDirty(s)
      ? html`<span class="changed">(${this.t['field.changed']})</span>`
      : nothing}`;

    if (field.type === 'bool') {
      return html`
        <div part="field" class="field">
          <div class="check">
            <input
              part="input"
              id="input"
              type="checkbox"
              .checked=${live(s.value === true)}
              ?disabled=${this.disabled || isReadonlyField(field)}
              aria-describedby=${describedBy}
              aria-invalid=${String(invalid)}
              @change=${this.onInput}
              @blur=${this.onBlur}
            />
            <label part="label" class="label" for="input">${field.label}${marker}</label>
          </div>
          ${this.renderMessages(s, message)}
        </div>
      `;
    }

    const savedSecret = s.saved && !s.replacing;
    const labelTemplate = savedSecret
      ? html`<span part="label" class="label" id="label">${field.label}${marker}</span>`
      : html`<label part="label" class="label" id="label" for="input">${field.label}${marker}</label>`;

    return html`
      <div part="field" class="field">
        ${labelTemplate}
        <div class="row">${savedSecret ? this.renderSaved(s, describedBy) : this.renderControl(s, describedBy, invalid, required)}</div>
        ${this.renderMessages(s, message)}
      </div>
    `;
  }

  private renderMessages(s: FieldState, message: string) {
    return html`
      ${s.field.help ? html`<div part="help" class="help" id="help">${s.field.help}</div>` : nothing}
      <div part="error" class="error" id="error" aria-live="polite">${message}</div>
    `;
  }

  /** A stored secret: what is there (nothing shown), and what can be done about it. */
  private renderSaved(s: FieldState, describedBy: string) {
    const t = this.t;
    const label = { label: s.field.label };
    const box = (text: string, describe?: string) =>
      html`<span part="input" class="saved ${s.clearing ? 'clearing' : ''}" id="input" role="group" aria-labelledby="label" aria-describedby=${ifDefined(describe)}
        >${text}</span
      >`;
    if (isReadonlyField(s.field)) return box(t['field.secret.saved']);
    if (s.clearing) {
      return html`${box(t['field.secret.willClear'], describedBy)}
      ${this.renderButton('keep', t['field.secret.undo'], format(t['field.secret.undoLabel'], label), this.onKeep)}`;
    }
    return html`${box(t['field.secret.saved'], describedBy)}
    ${this.renderButton('replace', t['field.secret.replace'], format(t['field.secret.replaceLabel'], label), this.onReplace)}
    ${this.renderButton('clear', t['field.secret.clear'], format(t['field.secret.clearLabel'], label), this.onClear, 'button--danger')}`;
  }

  /** A small button that acts on a saved secret; `data-action` is where focus is sent after a change. */
  private renderButton(action: 'replace' | 'clear' | 'keep', text: string, label: string | undefined, onClick: () => void, extraClass = '') {
    return html`<button
      part="button"
      class="button button--small ${extraClass}"
      type="button"
      data-action=${action}
      aria-label=${ifDefined(label)}
      ?disabled=${this.disabled}
      @click=${onClick}
    >
      ${text}
    </button>`;
  }

  private renderControl(s: FieldState, describedBy: string, invalid: boolean, required: boolean) {
    const { field } = s;
    const value = typeof s.value === 'string' ? s.value : '';
    const readonly = isReadonlyField(field);
    if (field.type === 'select' && !readonly) {
      const options = field.options ?? [];
      const known = options.some((o) => o.value === value);
      return html`
        <select
          part="input"
          class="input"
          id="input"
          ?disabled=${this.disabled}
          aria-required=${String(required)}
          aria-invalid=${String(invalid)}
          aria-describedby=${describedBy}
          @change=${this.onInput}
          @blur=${this.onBlur}
        >
          ${!known ? html`<option value=${value} ?selected=${true}>${value || '—'}</option>` : nothing}
          ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
        </select>
      `;
    }
    if (readonly) {
      return html`<input
        part="input"
        class="input"
        id="input"
        type="text"
        readonly
        aria-readonly="true"
        aria-describedby=${describedBy}
        placeholder=${ifDefined(value ? undefined : this.t['field.notSet'])}
        .value=${live(value)}
      />`;
    }
    const secret = field.type === 'password';
    const type = secret ? (this.revealed ? 'text' : 'password') : field.type === 'url' ? 'url' : 'text';
    const passwordManager: Partial<typeof noPasswordManager> = secret ? noPasswordManager : {};
    return html`
      <input
        part="input"
        class="input ${secret ? 'mono' : ''}"
        id="input"
        type=${type}
        inputmode=${ifDefined(field.type === 'number' ? 'decimal' : field.type === 'url' ? 'url' : undefined)}
        placeholder=${ifDefined(field.placeholder || undefined)}
        autocomplete="off"
        spellcheck="false"
        autocapitalize="off"
        ?disabled=${this.disabled}
        aria-required=${String(required)}
        aria-invalid=${String(invalid)}
        aria-describedby=${describedBy}
        .value=${live(value)}
        @input=${this.onInput}
        @blur=${this.onBlur}
        data-1p-ignore=${ifDefined(passwordManager['data-1p-ignore'])}
        data-lpignore=${ifDefined(passwordManager['data-lpignore'])}
        data-bwignore=${ifDefined(passwordManager['data-bwignore'])}
        data-form-type=${ifDefined(passwordManager['data-form-type'])}
      />
      ${secret
        ? html`<button
            part="button"
            class="button button--small"
            type="button"
            aria-pressed=${String(this.revealed)}
            aria-controls="input"
            aria-label=${format(this.t['field.revealLabel'], { label: field.label })}
            ?disabled=${this.disabled}
            @click=${this.onToggleReveal}
          >
            ${this.t['field.reveal']}
          </button>`
        : nothing}
      ${secret && s.saved && s.replacing
        ? this.renderButton('keep', this.t['field.secret.keep'], undefined, this.onKeep)
        : nothing}
    `;
  }

  private onInput = (): void => this.emitIntent('input');
  private onBlur = (): void => {
    if (!this.rendering) this.emitIntent('blur');
  };
  private onReplace = (): void => {
    this.pendingFocus = 'input';
    this.emitIntent('replace');
  };
  private onClear = (): void => {
    this.pendingFocus = 'keep';
    this.emitIntent('clear');
  };
  private onKeep = (): void => {
    this.pendingFocus = 'replace';
    this.emitIntent('keep');
  };
  private onToggleReveal = (): void => {
    this.revealed = !this.revealed;
  };
}
