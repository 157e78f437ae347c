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
import type { ResolvedProvider } from '../../providers/types.js';
import type { FlowContext, FlowState } from '../../providers/flow-state.js';
import { canonicalCode, describeError } from '../../providers/error-text.js';
import { en, type StringKey, type Strings } from '../../strings/en.js';
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
    return this.contextStrings ?? en;
  }

  protected get providerLabel(): string {
    return this.provider?.label ?? '';
  }

  /** Getters the controllers read at call time. */
  protected get flowContext(): FlowContext {
    return {
      getApi: () => this.api,
      getProvider: () => this.provider,
      getInstance: () => this.instance,
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
    const provider = this.provider?.manifest.name ?? '';
    if (next.kind === prev.kind && next.kind !== 'error') return;
    switch (next.kind) {
      case 'starting':
        this.emit('cw-flow-start', { provider, flow });
        break;
      case 'connected':
        this.emit('cw-connected', next.account ? { provider, account: next.account } : { provider });
        break;
      case 'error': {
        const text = describeError(next.error, this.t, this.providerLabel);
        this.emit('cw-flow-error', { provider, flow, code: next.error.code, message: text.message });
        break;
      }
      case 'expired':
        this.emit('cw-flow-error', { provider, flow, code: 'expired', message: this.s('flow.device.expired') });
        break;
      case 'denied':
        this.emit('cw-flow-error', { provider, flow, code: 'denied', message: this.s(flow === 'oauth' ? 'flow.oauth.denied' : 'flow.device.denied') });
        break;
      case 'needs_keys':
        this.emit('cw-flow-error', { provider, flow, code: 'missing_keys', message: this.needsKeysText(next.missing) });
        break;
      default:
        break;
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

  /** The friendly message, the server's own words when they add something, and the fix link. */
  protected renderError(error: ApiError): TemplateResult {
    const text = describeError(error, this.t, this.providerLabel);
    return html`
      <p part="error-message" class="message">${text.message}</p>
      ${text.detail ? html`<p part="error-detail" class="detail">${text.detail}</p>` : nothing}
      ${KEY_CODES.has(canonicalCode(error)) ? html`<p>${this.renderHelpLink()}</p>` : nothing}
    `;
  }

  protected renderNeedsKeys(missing: FieldSchema[], key: StringKey = 'flow.needsKeys'): TemplateResult {
    return html`
      <p part="error-message" class="message">${this.needsKeysText(missing, key)}</p>
      <p>${this.renderHelpLink()}</p>
    `;
  }

  /** The alert for the states every flow shares (missing keys, error); nothing for the others. */
  protected renderFlowAlert(state: FlowState, needsKeysKey?: StringKey): TemplateResult | typeof nothing {
    if (state.kind === 'needs_keys') return this.renderNeedsKeys(state.missing, needsKeysKey);
    if (state.kind === 'error') return this.renderError(state.error);
    return nothing;
  }

  /** Every flow's layout: the state's own markup, the role="alert" box, the polite live region. */
  protected renderPanel(body: TemplateResult | typeof nothing, alert: TemplateResult | typeof nothing): TemplateResult {
    return html`<div class="panel" part="panel">
      ${body}
      <div part="alert" class="alert" role="alert">${alert}</div>
      ${this.renderAnnouncer()}
    </div>`;
  }

  /** The result line of a connected flow. */
  protected renderConnected(account: string | undefined): TemplateResult {
    return html`<p part="status" class="status status--ok">
      ${account ? this.s('flow.connectedAs', { account }) : this.s('flow.connected')}
    </p>`;
  }

  /** The primary button that starts (or restarts) a flow. */
  protected renderStartButton(label: string, onClick: () => void): TemplateResult {
    return html`<div class="row">
      <button part="start-button" class="button button--primary" type="button" @click=${onClick}>${label}</button>
    </div>`;
  }

  /** The polite region for progress; errors go to the element's role="alert" box instead. */
  protected renderAnnouncer(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  protected renderBusy(label: string, part = 'busy'): TemplateResult {
    return html`<button part=${part} class="button button--primary" type="button" disabled aria-busy="true">
      <span class="spinner" aria-hidden="true"></span><span>${label}</span>
    </button>`;
  }
}
