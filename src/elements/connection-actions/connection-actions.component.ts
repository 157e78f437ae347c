import { html, nothing } from 'lit';
import type { ProviderUsage } from '../../api-client/errors.js';
import { ConnectionController, type ConnectionAction, type ConnectionStatus } from '../../providers/connection.controller.js';
import type { ResolvedRoutes } from '../../providers/types.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import { CwFlowBase } from '../flow-base/flow-base.js';
import { flowStyles } from '../flow-base/flow-base.styles.js';
import styles from './connection-actions.styles.js';

/** Detail of `cw-connection-refreshed`: what the refresh answered (nothing secret). */
export interface ConnectionRefreshedDetail {
  provider: string;
  /** The new expiry (epoch ms), when the server said. */
  expiresAt?: number;
}

/**
 * @summary Refresh and Disconnect for an existing connection. Disconnect asks first; when the
 * server answers 409 `provider_in_use`, its message and the places that still use the connection
 * (sync pairs, watcher, webhooks) are listed.
 *
 * Refresh shows when the provider has a refresh route (manifest `actions.refresh`), Disconnect
 * when it has a disconnect route (CrossWatch's `token/delete` or `disconnect`).
 *
 * @fires {CwDisconnectedDetail} cw-disconnected - The connection was removed.
 * @fires {ConnectionRefreshedDetail} cw-connection-refreshed - `{provider, expiresAt?}` a Refresh worked. For the hosting card
 * (it reads its status again): dispatched on this element only, it neither bubbles nor leaves the
 * host's shadow root.
 *
 * @csspart refresh-button - Refresh.
 * @csspart disconnect-button - Disconnect (first step).
 * @csspart confirm - The confirm box.
 * @csspart confirm-button - "Yes, disconnect".
 * @csspart keep-button - "Keep connected".
 * @csspart usages - The list of places that use the connection.
 * @csspart dismiss-button - Closes the in-use or error box.
 * @csspart retry-button - Repeats the failed action.
 * @csspart status - Short result line ("Connection refreshed.").
 * @csspart alert - The error / in-use box.
 * @csspart error-message - The friendly error sentence.
 * @csspart error-detail - The server's own words.
 * @csspart busy - The disabled button while working.
 *
 * @cssprop --cw-accent - Buttons and focus ring.
 * @cssprop --cw-danger - Disconnect and error colours.
 * @cssprop --cw-radius - Corners.
 * @cssprop --cw-space - Spacing unit.
 */
export class CwConnectionActions extends CwFlowBase {
  static override styles = [baseStyles, buttonStyles, flowStyles, styles];

  /** Status and actions (hosts may read `connection.status` / `connection.action`, or call `load()`). */
  readonly connection = new ConnectionController(this, {
    ...this.flowContext,
    getConfigStore: () => this.configStore,
    onActionChange: (next, prev) => this.onActionChange(next, prev),
    onRefreshed: (status) => this.onRefreshed(status),
  });

  refresh(): void {
    this.connection.refresh();
  }

  /** First step of disconnecting: shows the confirm box. */
  disconnect(): void {
    this.connection.requestDisconnect();
  }

  private onActionChange(next: ConnectionAction, prev: ConnectionAction): void {
    this.noteFocus();
    const provider = this.provider?.manifest.name ?? '';
    if (next.kind === 'idle' && next.notice === 'disconnected') {
      this.emit('cw-disconnected', { provider });
      this.announce(this.s('flow.disconnected'));
    } else if (next.kind === 'idle' && next.notice === 'refreshed') {
      this.announce(this.t['flow.refreshed']);
    } else {
      this.announce('');
    }
    if (next.kind === 'confirming') this.focusPartAfterUpdate('keep-button');
    else if (next.kind === 'in_use' || next.kind === 'error') this.focusPartAfterUpdate('dismiss-button');
    else if (next.kind === 'idle' && prev.kind !== 'idle') this.focusPartAfterUpdate('disconnect-button', 'refresh-button');
  }

  private onRefreshed(status: ConnectionStatus): void {
    const detail: ConnectionRefreshedDetail = { provider: this.provider?.manifest.name ?? '' };
    if (status.kind === 'connected' && status.expiresAt !== undefined) detail.expiresAt = status.expiresAt;
    this.dispatchEvent(new CustomEvent('cw-connection-refreshed', { detail, bubbles: false, composed: false }));
  }

  protected override targetChanged(): void {
    this.connection.abortAction();
    this.connection.cancelDisconnect();
  }

  private readonly onRefresh = (): void => this.connection.refresh();
  private readonly onDisconnect = (): void => this.connection.requestDisconnect();
  private readonly onConfirm = (): void => this.connection.confirmDisconnect();
  private readonly onKeep = (): void => this.connection.cancelDisconnect();
  private readonly onRetry = (): void => {
    const action = this.connection.action;
    if (action.kind !== 'error') return;
    if (action.action === 'refresh') {
      this.connection.refresh();
    } else {
      // Already confirmed once: go straight to the request.
      this.connection.requestDisconnect();
      this.connection.confirmDisconnect();
    }
  };

  override render() {
    return this.renderPanel(this.renderMain(this.connection.action), this.renderAlert(this.connection.action));
  }

  private renderMain(action: ConnectionAction): unknown {
    const { refresh, disconnect }: ResolvedRoutes = this.provider?.routes ?? {};
    switch (action.kind) {
      case 'refreshing':
        return this.renderBusy(this.t['flow.refreshing']);
      case 'disconnecting':
        return this.renderBusy(this.t['flow.disconnecting']);
      case 'confirming':
        return html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-question">
          <p id="confirm-question">${this.s('flow.disconnect.confirm')}</p>
          ${this.renderRow([
            this.renderButton('confirm-button', this.t['flow.disconnect.yes'], this.onConfirm, 'button button--danger-solid'),
            this.renderButton('keep-button', this.t['flow.disconnect.keep'], this.onKeep),
          ])}
        </div>`;
      case 'idle':
        if (!refresh && !disconnect) return nothing;
        return [
          action.notice && this.renderLine('status', 'status', action.notice === 'refreshed' ? this.t['flow.refreshed'] : this.s('flow.disconnected')),
          this.renderRow([
            refresh && this.renderButton('refresh-button', this.t['flow.refresh'], this.onRefresh),
            disconnect && this.renderButton('disconnect-button', this.t['flow.disconnect'], this.onDisconnect, 'button button--danger'),
          ]),
        ];
      default:
        // in_use, error: the alert box says it all
        return nothing;
    }
  }

  private usageText(usage: ProviderUsage): string {
    const label = usage.label || usage.feature;
    const text = usage.role ? this.s('flow.inUse.usage', { label, role: usage.role }) : label;
    return usage.enabled === false ? this.s('flow.inUse.disabled', { label: text }) : text;
  }

  private renderAlert(action: ConnectionAction): unknown {
    if (action.kind !== 'in_use' && action.kind !== 'error') return nothing;
    const usages = (action.kind === 'in_use' && action.error.usages) || [];
    return [
      this.renderError(action.error),
      usages.length
        ? html`<p>${this.t['flow.inUse.fix']}</p>
            <ul part="usages" class="usages">
              ${usages.map((u) => html`<li>${this.usageText(u)}</li>`)}
            </ul>`
        : nothing,
      this.renderRow([
        action.kind === 'error' ? this.renderButton('retry-button', this.t['flow.retry'], this.onRetry) : nothing,
        this.renderButton('dismiss-button', this.t['flow.dismiss'], this.onKeep),
      ]),
    ];
  }
}
