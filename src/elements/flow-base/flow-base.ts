/**
 * What every flow element shares: its inputs (provider, profile, optional client), the contexts it
 * consumes, the live regions, and how errors and missing keys are shown.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AuthApi } from '../../api-client/api.js';
import type { FieldSchema, FlowKind } from '../../api-client/types.js';
import type { ApiError } from '../../api-client/errors.js';
import type { ConfigStore } from '../../state/config-store.js';
import { isUsableProfileId } from '../../api-client/profile-ids.js';
import type { ResolvedProvider } from '../../providers/types.js';
import type { FlowContext, FlowState } from '../../providers/flow-state.js';
import { canonicalCode, describeError } from '../../providers/error-text.js';
import { withFlowStrings, type StringKey, type Strings } from '../../strings/en.js';
import { format } from '../../strings/format.js';
import { CwElement } from '../base.js';
import { apiContext, configStoreContext, stringsContext } from '../context.js';

/** Error codes whose fix is "get the right keys": show the developer-portal link with them. */
const KEY_CODES = new Set(['missing_client_credentials', 'invalid_api_key']);

export class CwFlowBase extends CwElement {
  /** The provider (manifest merged with presets and routes, see `describeProvider`). */
  @property({ attribute: false }) provider?: ResolvedProvider;

  /** CrossWatch profile id; sent as `?instance=` on every call. */
  @property() instance?: string;

  /** An API client to use instead of the one from `<cw-auth-providers>` (standalone use). */
  @property({ attribute: false }) client?: AuthApi;

  @consume({ context: apiContext, subscribe: true })
  @state()
  protected contextApi?: AuthApi;

  @consume({ context: stringsContext, subscribe: true })
  @state()
  protected contextStrings?: Strings;

  @consume({ context: configStoreContext, subscribe: true })
  @state()
  protected configStore?: ConfigStore;

  /** Text for the polite live region (said once per change, never the countdown). */
  @state() protected announcement = '';

  /** Parts to focus after the next render (first one found). */
  private focusTargets: string[] | undefined;
  /** Focus was inside when the flow moved on; the button used may be gone by the next render. */
  private hadFocus = false;

  protected get api(): AuthApi | undefined {
    return this.client ?? this.contextApi;
  }

  protected get t(): Strings {
    return withFlowStrings(this.contextStrings);
  }

  protected get providerLabel(): string {
    return this.provider?.label ?? '';
  }

  /** Getters the controllers read at call time. */
  protected get flowContext(): FlowContext {
    return {
      getApi: () => this.api,
      getProvider: () => this.provider,
      // An id that cannot be a profile (`__proto__`, empty, huge) is no profile: the default one.
      getInstance: () => (isUsableProfileId(this.instance) ? this.instance : undefined),
      getConfig: () => this.configStore?.config,
    };
  }

  /** A string with `{provider}` and the given params filled in. */
  protected s(key: StringKey, params: Record<string, string | number> = {}): string {
    return format(this.t[key], { provider: this.providerLabel, ...params });
  }

  /** Call on every state change, before the DOM changes: remembers whether focus was inside. */
  protected noteFocus(): void {
    if (this.matches(':focus-within')) this.hadFocus = true;
  }

  /** After the next render, focus the first of these parts, if focus was inside and is now lost. */
  protected focusPartAfterUpdate(...parts: string[]): void {
    this.focusTargets = parts;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!this.hasUpdated) return;
    const oldProvider = changed.get('provider') as ResolvedProvider | undefined;
    const providerChanged = changed.has('provider') && oldProvider?.id !== this.provider?.id;
    if (providerChanged || changed.has('instance')) this.targetChanged();
  }

  /**
   * The provider or profile changed: a flow (or its result) for the old one must not go on
   * under the new one. Subclasses cancel or reset their controller here.
   */
  protected targetChanged(): void {}

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const parts = this.focusTargets;
    if (!parts) return;
    this.focusTargets = undefined;
    // Keep keyboard users in place when the button they used was replaced; never take focus
    // from elsewhere on the page.
    const active = document.activeElement;
    if (this.hadFocus && (active === document.body || active === null || active === this)) {
      for (const part of parts) {
        const target = this.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`);
        if (target) {
          target.focus();
          break;
        }
      }
    }
    this.hadFocus = false;
  }

  protected announce(text: string): void {
    this.announcement = text;
  }

  /** Fires the cw-* events that belong to a state change. */
  protected emitFor(flow: FlowKind, next: FlowState, prev: FlowState): void {
    if (next.kind === prev.kind && next.kind !== 'error') return;
    const provider = this.provider?.manifest.name ?? '';
    const failed = (code: string, message: string) => this.emit('cw-flow-error', { provider, flow, code, message });
    switch (next.kind) {
      case 'starting':
        this.emit('cw-flow-start', { provider, flow });
        break;
      case 'connected':
        this.emit('cw-connected', next.account ? { provider, account: next.account } : { provider });
        break;
      case 'error':
        failed(next.error.code, describeError(next.error, this.t, this.providerLabel).message);
        break;
      case 'expired':
        failed('expired', this.s('flow.device.expired'));
        break;
      case 'denied':
        failed('denied', this.s(flow === 'oauth' ? 'flow.oauth.denied' : 'flow.device.denied'));
        break;
      case 'needs_keys':
        failed('missing_keys', this.needsKeysText(next.missing));
    }
  }

  protected needsKeysText(missing: FieldSchema[], key: StringKey = 'flow.needsKeys'): string {
    return this.s(key, { fields: missing.map((f) => f.label).join(this.t['flow.listSeparator']) });
  }

  protected renderHelpLink(): TemplateResult | typeof nothing {
    const href = this.provider?.helpUrl;
    return href
      ? html`<a part="help-link" class="link" href=${href} target="_blank" rel="noopener noreferrer">${this.t['flow.needsKeys.help']}</a>`
      : nothing;
  }

  /** The friendly message in the alert box. */
  protected renderMessage(text: string): TemplateResult {
    return html`<p part="error-message" class="message">${text}</p>`;
  }

  /** The friendly message, the server's own words when they add something, and the fix link. */
  protected renderError(error: ApiError): TemplateResult {
    const text = describeError(error, this.t, this.providerLabel);
    return html`${this.renderMessage(text.message)}${text.detail ? html`<p part="error-detail" class="detail">${text.detail}</p>` : nothing}${
      KEY_CODES.has(canonicalCode(error)) ? html`<p>${this.renderHelpLink()}</p>` : nothing
    }`;
  }

  protected renderNeedsKeys(missing: FieldSchema[], key: StringKey = 'flow.needsKeys'): TemplateResult {
    return html`${this.renderMessage(this.needsKeysText(missing, key))}<p>${this.renderHelpLink()}</p>`;
  }

  /** The alert for the states every flow shares (missing keys, error); nothing for the others. */
  protected renderFlowAlert(state: FlowState, needsKeysKey?: StringKey): TemplateResult | typeof nothing {
    return state.kind === 'needs_keys' ? this.renderNeedsKeys(state.missing, needsKeysKey) : state.kind === 'error' ? this.renderError(state.error) : nothing;
  }

  /**
   * Every flow's layout: the state's own markup, the role="alert" box, and the polite live region
   * for progress (said once per change, never the countdown; errors go to the alert box).
   */
  protected renderPanel(body: unknown, alert: unknown): TemplateResult {
    return html`<div class="panel" part="panel">${body}<div part="alert" class="alert" role="alert">${alert}</div><div
        class="visually-hidden"
        role="status"
        aria-live="polite"
      >${this.announcement}</div></div>`;
  }

  /** The result line of a connected flow. */
  protected renderConnected(account: string | undefined): TemplateResult {
    return html`<p part="status" class="status status--ok">${account ? this.s('flow.connectedAs', { account }) : this.s('flow.connected')}</p>`;
  }

  /** A progress or note line (`part` is `status` or `notice`). */
  protected renderLine(part: string, className: string, text: unknown): TemplateResult {
    return html`<p part=${part} class=${className}>${text}</p>`;
  }

  /** A row of buttons. */
  protected renderRow(content: unknown): TemplateResult {
    return html`<div class="row">${content}</div>`;
  }

  /** A plain (secondary) button. */
  protected renderButton(part: string, label: string, onClick: () => void, className = 'button'): TemplateResult {
    return html`<button part=${part} class=${className} type="button" @click=${onClick}>${label}</button>`;
  }

  /** The primary button that starts (or restarts) a flow. */
  protected renderStartButton(label: string, onClick: () => void): TemplateResult {
    return this.renderRow(this.renderButton('start-button', label, onClick, 'button button--primary'));
  }

  /** The disabled primary button, with a spinner, in its row, while something runs. */
  protected renderBusy(label: string): TemplateResult {
    return this.renderRow(html`<button part="busy" class="button button--primary" type="button" disabled aria-busy="true"><span
        class="spinner"
        aria-hidden="true"
      ></span><span>${label}</span></button>`);
  }
}
