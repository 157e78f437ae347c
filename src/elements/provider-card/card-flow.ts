/**
 * The card's flow slot: which connect flow (or, once connected, which connection parts) a
 * provider gets, each a lazy part from the registry (src/registry.ts), with a loading line while
 * its chunk arrives and a message with Retry should it fail to load.
 */
import { html, nothing, type ReactiveController, type ReactiveElement, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { lastSegment } from '../../api-client/config-paths.js';
import type { ConnectionStatusController } from '../../providers/connection-status.controller.js';
import type { StatusGate } from '../../state/status-gate.js';
import type { ConfigStore } from '../../state/config-store.js';
import type { FieldState } from '../../state/field-state.js';
import type { CardFields } from './card-fields.js';
import type { PartKey } from '../../registry.js';
import { missingKeys } from '../../providers/describe.js';
import type { ResolvedProvider } from '../../providers/types.js';
import type { ConfigObject } from '../../api-client/types.js';
import type { Strings } from '../../strings/en.js';
import { format } from '../../strings/format.js';
import { FLOW_PARTS } from './card-parts.js';
import { renderProblem } from './card-view.js';
import type { LazyParts } from './lazy-parts.js';

/** A device flow that can also run as OAuth with the user's own keys (CrossWatch's SIMKL). */
export function hasOwnAppWay(provider: ResolvedProvider): boolean {
  return provider.flow === 'device_code' && Boolean(provider.routes.device) && Boolean(provider.routes.authorize);
}

/** A password sign-in with a code approved on the user's own server as a second way (Quick Connect). */
function hasQuickConnectWay(provider: ResolvedProvider): boolean {
  const device = provider.routes.device;
  return device?.mode === 'poll' && Boolean(device.verifyAt);
}

/** The lazy parts the slot shows for this provider, connected or not. */
export function flowParts(provider: ResolvedProvider, connected: boolean): PartKey[] {
  if (connected) return provider.routes.accountProfiles ? ['connected', 'account_profile'] : ['connected'];
  const flow = provider.flow;
  if (flow === 'device_code') return hasOwnAppWay(provider) ? ['device_code', 'oauth'] : ['device_code'];
  if (flow === 'oauth') return ['oauth'];
  // A local provider with a connect route checks its values like a credentials one.
  if (flow === 'credentials' || (flow === 'local' && provider.routes.connect)) {
    return hasQuickConnectWay(provider) ? ['credentials', 'device_code'] : ['credentials'];
  }
  return []; // unknown flow, or local without a connect route: fields only
}

export interface FlowSlotInput {
  provider: ResolvedProvider;
  connected: boolean;
  instance: string | undefined;
  /** The typed values a credentials flow (and Quick Connect's start) sends. */
  values: () => Record<string, unknown>;
  saving: boolean;
  config: ConfigObject | undefined;
  t: Strings;
  parts: LazyParts;
  /** The card's reactions to what the connection parts report (their events do not bubble). */
  events: Pick<FlowEvents, 'onRefreshed' | 'onAccountProfileChange'>;
}

export function renderFlowSlot(input: FlowSlotInput): TemplateResult | typeof nothing {
  const { provider, instance, t, parts } = input;
  const keys = flowParts(provider, input.connected);
  if (!keys.length) return nothing;
  const states = keys.map((k) => parts.state(k));
  if (states.includes('failed')) {
    return renderProblem(t['card.flowLoadFailed'], () => parts.retry(), t);
  }
  // Not `.loading` (that is the settings load, which hides the card's body).
  if (states.includes('loading')) return html`<p class="loading-part" role="status">${t['card.flowLoading']}</p>`;

  if (input.connected) {
    return html`<cw-connection-actions
        exportparts=${FLOW_PARTS}
        .provider=${provider}
        .instance=${instance}
        @cw-connection-refreshed=${input.events.onRefreshed}
      ></cw-connection-actions>${provider.routes.accountProfiles
        ? html`<cw-account-profile
            exportparts=${FLOW_PARTS}
            .provider=${provider}
            .instance=${instance}
            @cw-account-profile-change=${input.events.onAccountProfileChange}
          ></cw-account-profile>`
        : nothing}`;
  }
  const label = { provider: provider.label };
  if (keys[0] === 'device_code') {
    const device = html`<cw-device-flow exportparts=${FLOW_PARTS} .provider=${provider} .instance=${instance}></cw-device-flow>`;
    if (!hasOwnAppWay(provider)) return device;
    // The second way below the device flow: OAuth with the user's own app, once its keys are saved.
    const missing = missingKeys(provider, input.config, instance, 'oauth') ?? [];
    return html`${device}<div part="own-app" class="own-app" role="group" aria-labelledby="own-app-title">
        <p part="own-app-title" class="own-app-title" id="own-app-title">${format(t['card.ownApp.title'], label)}</p>
        <cw-oauth-flow exportparts=${FLOW_PARTS} .provider=${provider} .instance=${instance} .missingKeys=${missing}></cw-oauth-flow>
      </div>`;
  }
  if (keys[0] === 'oauth') {
    return html`<cw-oauth-flow exportparts=${FLOW_PARTS} .provider=${provider} .instance=${instance}></cw-oauth-flow>`;
  }
  const values = input.values();
  const credentials = html`<cw-credentials-flow
    exportparts=${FLOW_PARTS}
    .provider=${provider}
    .instance=${instance}
    .values=${values}
    .disabled=${input.saving}
  ></cw-credentials-flow>`;
  if (keys.length === 1) return credentials;
  // The second way below a password sign-in: a code the user approves on their own server
  // (Jellyfin Quick Connect), for accounts without a password (SSO) or to keep it out of the dashboard.
  return html`${credentials}<div part="quick-connect" class="own-app" role="group" aria-labelledby="quick-connect-title">
      <p part="quick-connect-title" class="own-app-title" id="quick-connect-title">${format(t['card.quickConnect.title'], label)}</p>
      <p class="own-app-note">${format(t['card.quickConnect.note'], label)}</p>
      <cw-device-flow exportparts=${FLOW_PARTS} .provider=${provider} .instance=${instance} .values=${values}></cw-device-flow>
    </div>`;
}

export interface FlowEventsOptions {
  getProvider(): ResolvedProvider | undefined;
  getStore(): ConfigStore | undefined;
  connection: ConnectionStatusController;
  form: CardFields;
  /**
   * The card's one request gate (CardData's): a config re-read after a connection takes turns
   * with the status reads, so one answer cannot make the card send two requests in a second.
   */
  gate: StatusGate;
}

/**
 * What the card does when its flows report: a connection marks the badge and re-reads the config
 * (the fields that were sent are clean again); a disconnect asks the status again.
 */
export class FlowEvents implements ReactiveController {
  /** The fields a code way's start sent (see onFlowStart), settled once it connects. */
  private codeWaySent: FieldState[] = [];
  /** Aborted on disconnect: follow-up work (re-reads after a flow) must not outlive the card. */
  private lifetime = new AbortController();
  /** Focus was in the connection actions that a render replaces by the flow (after a disconnect). */
  private refocusFlow = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: FlowEventsOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.lifetime.signal.aborted) this.lifetime = new AbortController();
    this.host.addEventListener('cw-connected', this.onConnected);
    this.host.addEventListener('cw-flow-start', this.onFlowStart);
    this.host.addEventListener('cw-disconnected', this.onDisconnected);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('cw-connected', this.onConnected);
    this.host.removeEventListener('cw-flow-start', this.onFlowStart);
    this.host.removeEventListener('cw-disconnected', this.onDisconnected);
    this.lifetime.abort();
  }

  hostUpdate(): void {
    // A disconnect replaces the actions (where focus is) by the flow: keep keyboard users in the card.
    const root = this.host.shadowRoot;
    const actions = root?.querySelector('cw-connection-actions');
    if (actions && root?.activeElement === actions && this.options.connection.status.kind !== 'connected') this.refocusFlow = true;
  }

  hostUpdated(): void {
    if (!this.refocusFlow) return;
    const flow = this.host.shadowRoot?.querySelector<ReactiveElement>('cw-device-flow, cw-oauth-flow, cw-credentials-flow');
    if (!flow) return; // its chunk is still loading: after a later render
    this.refocusFlow = false;
    void flow.updateComplete.then(() => flow.shadowRoot?.querySelector<HTMLElement>('[part~="start-button"]')?.focus());
  }

  /** The event comes from the code way below a sign-in (Quick Connect). */
  private isCodeWay(event: Event): boolean {
    return Boolean((event.composedPath()[0] as Element | undefined)?.closest?.('[part~="quick-connect"]'));
  }

  private onFlowStart = (event: Event): void => {
    if (!this.isCodeWay(event)) return;
    const device = this.options.getProvider()?.routes.device;
    const sends = device?.mode === 'poll' ? device.send ?? [] : [];
    this.codeWaySent = this.options.form.states.filter((s) => sends.includes(lastSegment(s.field.key)));
  };

  private onConnected = (event: Event): void => {
    const { connection, form } = this.options;
    const detail = (event as CustomEvent<{ account?: string }>).detail;
    connection.markConnected(detail?.account);
    // Confirm with the status route: it also tells the new token's expiry (and so its lifetime).
    // Without one, the token paths in the config re-read below decide.
    if (this.options.getProvider()?.routes.status) void connection.load();
    const store = this.options.getStore();
    if (!store) return;
    // The flow wrote tokens (and a credentials flow the typed values): re-read, then the
    // fields that were sent are clean again. A code way (Quick Connect) sent only its start's
    // fields, as they were when the code was asked for: a password typed for the other way, or
    // a server URL edited while the code was shown, stays as typed.
    const sent = this.isCodeWay(event) ? this.codeWaySent : form.states;
    this.codeWaySent = [];
    const lifetime = this.lifetime.signal;
    // Through the card's re-read turn: a flow (or a page) reporting cw-connected in a loop makes
    // one re-read at a time and one a second; for token-path providers it is the status read.
    this.options.gate.run('config', (signal) => store.reload({ signal }), lifetime).then(
      (config) => {
        if (lifetime.aborted) return;
        const flow = this.options.getProvider()?.flow;
        if (flow === 'credentials' || flow === 'local') form.settle(sent, config);
      },
      () => undefined,
    );
  };

  /** The actions element reloads the config; the badge asks the server again. */
  private onDisconnected = (): void => void this.options.connection.load();

  /** A Refresh in the connection actions worked: the badge reads the new expiry from the server. */
  readonly onRefreshed = (): void => void this.options.connection.reloadAfterRefresh();

  /** Another profile of the linked account is synced now: the badge names it (CrossWatch's status says). */
  readonly onAccountProfileChange = (): void => {
    if (this.options.getProvider()?.routes.status) void this.options.connection.load();
  };
}
