/**
 * What the card does when its flows report: a connection marks the badge and re-reads the config
 * (the fields that were sent are clean again); a disconnect asks the status again. Only flows
 * report, so this comes with them (a lazy part, src/registry.ts): the card makes it once the
 * flows' chunk is there (card-flow.ts, renderFlowSlot), before any flow is on screen.
 */
import type { ReactiveController, ReactiveControllerHost, ReactiveElement } from 'lit';
import { lastSegment } from '../../api-client/config-paths.js';
import type { ConnectionStatusController } from '../../providers/connection-status.controller.js';
import type { StatusGate } from '../../state/status-gate.js';
import type { ConfigStore } from '../../state/config-store.js';
import type { FieldState } from '../../state/field-state.js';
import type { ResolvedProvider } from '../../providers/types.js';
import type { CardFields } from './card-fields.js';

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
