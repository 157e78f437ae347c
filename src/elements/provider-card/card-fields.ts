/**
 * The card's field set + save part: the fields' state (hydrated from the config store), the
 * intents the fields report, saving, and the markup of the fields and the Save footer.
 *
 * Typing re-renders one field: an intent patches that field's state and hands it to that field's
 * element directly; the list of fields is re-rendered only when the set of states is replaced
 * (hydration, a save, a new config). The card itself re-renders for its dirty/save state, which
 * touches the footer and the hint, never the other fields.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiError } from '../../api-client/errors.js';
import { lastSegment } from '../../api-client/config-paths.js';
import type { ConfigObject } from '../../api-client/types.js';
import { describeError } from '../../providers/error-text.js';
import { toApiError } from '../../providers/flow-state.js';
import type { ResolvedProvider } from '../../providers/types.js';
import type { ConfigStore } from '../../state/config-store.js';
import {
  blockingProblems,
  buildSavePlan,
  hydrateFields,
  isDirty,
  isReadonlyField,
  isSecretField,
  rehydrate,
  settleAfterSave,
  type FieldState,
} from '../../state/field-state.js';
import type { Strings } from '../../strings/en.js';
import { format } from '../../strings/format.js';
import type { CwEventDetailMap } from '../../events.js';
import type { CwProviderField, FieldIntentEvent } from '../provider-field/provider-field.component.js';
import { FIELD_PARTS } from './card-parts.js';

/**
 * Above this many fields, a field far off screen skips style, layout and paint
 * (`content-visibility`, provider-card.styles.ts): typing in a card of thousands of fields
 * re-laid out all of them. Below it the bookkeeping costs more than it saves.
 */
export const MANY_FIELDS = 24;

type SaveResult = { kind: 'saved' } | { kind: 'invalid' } | { kind: 'error'; message: string };

export interface CardFieldsOptions {
  getProvider(): ResolvedProvider | undefined;
  getStore(): ConfigStore | undefined;
  getInstance(): string | undefined;
  getStrings(): Strings;
  autosave(): boolean;
  onSaved(detail: CwEventDetailMap['cw-config-saved']): void;
  onSaveError(detail: CwEventDetailMap['cw-save-error']): void;
}

export class CardFields implements ReactiveController {
  /** The current state of every field, in manifest order. */
  states: FieldState[] = [];
  saving = false;
  result?: SaveResult;
  /** Replaced whenever `states` is replaced as a whole: the list re-renders only then. */
  private listToken = {};
  private saveAbort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly options: CardFieldsOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.saveAbort?.abort();
    this.saveAbort = undefined;
    this.saving = false;
  }

  /** Whether any field has changes that are not saved yet. */
  get dirty(): boolean {
    return this.states.some(isDirty);
  }

  /** Replaces every state (the list re-renders). */
  private replace(states: FieldState[]): void {
    this.states = states;
    this.listToken = {};
    this.host.requestUpdate();
  }

  /** Fresh states for a new provider or profile (edits are dropped, the last save's message too). */
  hydrate(config: ConfigObject | undefined): void {
    const provider = this.options.getProvider();
    this.replace(provider ? hydrateFields(provider.manifest.fields, config, this.options.getInstance()) : []);
    this.result = undefined;
  }

  /** New config (or the same provider again): take it, keeping edits in progress. */
  rehydrate(config: ConfigObject | undefined): void {
    const provider = this.options.getProvider();
    this.replace(provider ? rehydrate(this.states, provider.manifest.fields, config, this.options.getInstance()) : []);
  }

  /** After a flow wrote the fields that were `sent`: those still as sent are clean again. */
  settle(sent: readonly FieldState[], config: ConfigObject | undefined): void {
    this.replace(settleAfterSave(this.states, sent, config, this.options.getInstance()));
  }

  /** Patches one field; with its element given, only that element re-renders. */
  private patch(key: string, patch: Partial<FieldState>, element?: CwProviderField): void {
    const index = this.states.findIndex((s) => s.field.key === key);
    if (index < 0) return;
    const next = { ...this.states[index]!, ...patch };
    const states = this.states.slice();
    states[index] = next;
    this.states = states;
    if (element) element.state = next;
    else this.listToken = {};
    this.host.requestUpdate();
  }

  onIntent = (event: FieldIntentEvent): void => {
    event.stopPropagation();
    const { key, intent } = event.detail;
    const element = event.target as CwProviderField;
    const current = this.states.find((s) => s.field.key === key);
    if (!current) return;
    // A new edit makes the last save's message stale; leaving a field does not.
    if (intent !== 'blur' && this.result) this.result = undefined;
    if (intent === 'input') {
      this.patch(key, { value: element.draftValue, serverError: undefined }, element);
      if (current.field.type === 'bool' || current.field.type === 'select') this.autosaveSoon();
    } else if (intent === 'blur') {
      this.patch(key, { touched: true }, element);
      this.autosaveSoon();
    } else {
      // Replace opens an empty input, Clear marks the value for removal, Keep goes back to what is saved.
      const replacing = intent === 'replace';
      const clearing = intent === 'clear';
      const value = intent === 'keep' ? current.initial : '';
      this.patch(key, { replacing, clearing, value, serverError: undefined }, element);
      if (clearing) this.autosaveSoon();
    }
  };

  private autosaveSoon(): void {
    if (this.options.autosave() && this.dirty) void this.save();
  }

  /**
   * Saves the changed fields: changed values through POST /api/config, cleared ones through
   * /api/config/unset. Resolves to whether everything was saved. A second call while a save is
   * running does nothing.
   */
  async save(): Promise<boolean> {
    const provider = this.options.getProvider();
    const store = this.options.getStore();
    if (this.saving || !provider || !store || store.config === undefined) return false;
    this.replace(this.states.map((s) => (isDirty(s) ? { ...s, touched: true } : s)));
    const problems = blockingProblems(this.states);
    if (problems.length > 0) {
      this.result = { kind: 'invalid' };
      await this.host.updateComplete;
      this.focusField(problems[0]!.field.key);
      return false;
    }
    const plan = buildSavePlan(this.states);
    if (plan.keys.length === 0) return true;

    const sent = this.states;
    // Password fields, whatever their key is called: the store masks them should its re-read fail.
    const secretPaths = sent.filter((s) => isSecretField(s.field) && isDirty(s)).map((s) => s.path);
    const abort = new AbortController();
    this.saveAbort = abort;
    this.saving = true;
    this.result = undefined;
    this.host.requestUpdate();
    try {
      if (Object.keys(plan.partial).length > 0) await store.save(plan.partial, { signal: abort.signal, secretPaths });
      if (plan.unset.length > 0) await store.unset(plan.unset, { signal: abort.signal });
    } catch (error) {
      if (this.saveAbort !== abort || abort.signal.aborted) return false;
      this.saveAbort = undefined;
      this.saving = false;
      this.showSaveError(toApiError(error), provider);
      return false;
    }
    if (this.saveAbort !== abort) return false;
    this.saveAbort = undefined;
    this.saving = false;
    this.settle(sent, store.config);
    this.result = { kind: 'saved' };
    this.options.onSaved({ provider: provider.manifest.name, keys: plan.keys });
    return true;
  }

  private showSaveError(error: ApiError, provider: ResolvedProvider): void {
    const t = this.options.getStrings();
    const text = describeError(error, t, provider.label);
    const message = text.detail ? `${text.message} ${text.detail}` : text.message;
    const target = this.fieldForServerError(error.field);
    if (target) this.patch(target, { serverError: message, touched: true });
    this.result = { kind: 'error', message: format(t['card.saveFailed'], { message }) };
    this.host.requestUpdate();
    this.options.onSaveError({ provider: provider.manifest.name, code: error.code, message });
    if (target) void this.host.updateComplete.then(() => this.focusField(target));
  }

  /** The field a server error names (`trakt.client_id`, `client_id`, or a profile path). */
  private fieldForServerError(name: string | undefined): string | undefined {
    if (!name) return undefined;
    const match =
      this.states.find((s) => s.field.key === name || s.path === name) ??
      this.states.find((s) => lastSegment(s.field.key) === lastSegment(name));
    return match?.field.key;
  }

  private focusField(key: string): void {
    const el = [...this.host.renderRoot.querySelectorAll<CwProviderField>('cw-provider-field')].find((f) => f.state?.field.key === key);
    el?.focus();
  }

  /** The fields, generic from the schema; re-rendered only when the states are replaced as a whole. */
  renderFields() {
    if (this.states.length === 0) return nothing;
    return html`<div class=${this.states.length > MANY_FIELDS ? 'fields fields--many' : 'fields'} @cw-field-intent=${this.onIntent}>
      ${guard([this.listToken], () =>
        repeat(
          this.states,
          (s) => s.field.key,
          (s) => html`<cw-provider-field exportparts=${FIELD_PARTS} data-key=${s.field.key} .state=${s}></cw-provider-field>`,
        ),
      )}
    </div>`;
  }

  /** "Unsaved changes", Save, and the last save's result. */
  renderFooter() {
    const t = this.options.getStrings();
    if (!this.states.some((s) => !isReadonlyField(s.field))) return nothing;
    const dirty = this.dirty;
    const saving = this.saving;
    const result = this.result;
    const label = format(t['card.saveLabel'], { provider: this.options.getProvider()?.label ?? '' });
    return html`
      <div part="footer" class="footer">
        ${dirty ? html`<span class="unsaved" part="unsaved">${t['card.unsaved']}</span>` : nothing}
        ${this.options.autosave()
          ? nothing
          : html`<button
              part="button save"
              class="button button--primary"
              type="button"
              aria-label=${saving ? t['card.saving'] : label}
              aria-disabled=${String(saving || !dirty)}
              aria-busy=${String(saving)}
              @click=${this.onSaveClick}
            >
              ${saving ? t['card.saving'] : t['card.save']}
            </button>`}
      </div>
      <p part="message" class="message success" role="status">${result?.kind === 'saved' ? t['card.saved'] : ''}</p>
      <p part="message" class="message error" role="alert">
        ${result?.kind === 'error' ? result.message : result?.kind === 'invalid' ? t['card.invalid'] : ''}
      </p>
    `;
  }

  private onSaveClick = (): void => {
    if (!this.saving && this.dirty) void this.save();
  };
}
