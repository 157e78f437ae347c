import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DeviceFlowController } from '../../providers/device-flow.controller.js';
import type { DeviceFlowState, StateOf } from '../../providers/flow-state.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import { CwFlowBase } from '../flow-base/flow-base.js';
import { flowStyles } from '../flow-base/flow-base.styles.js';
import '../copy-button/copy-button.js';
import '../qr-code/qr-code.js';
import styles from './device-flow.styles.js';

/** `ABCDEFGH` → `ABCD-EFGH`, `7XK2QF` → `7XK-2QF`; codes that already have separators stay. */
export function groupCode(code: string): string {
  const clean = code.trim();
  if (clean.length <= 5 || /[\s-]/.test(clean)) return clean;
  const size = clean.length % 4 === 0 ? 4 : clean.length % 3 === 0 ? 3 : Math.ceil(clean.length / 2);
  return clean.match(new RegExp(`.{1,${size}}`, 'g'))!.join('-');
}

/** Seconds as m:ss, or h:mm:ss from an hour on. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const ss = String(total % 60).padStart(2, '0');
  if (total < 3600) return `${Math.floor(total / 60)}:${ss}`;
  return `${Math.floor(total / 3600)}:${String(Math.floor(total / 60) % 60).padStart(2, '0')}:${ss}`;
}

/**
 * @summary Device code / PIN sign-in: gets a code, opens the provider's page, shows the code
 * (large, grouped, copyable, as a QR code on request) and a countdown, and polls the backend
 * politely until the user approved, denied, or the code expired.
 *
 * Works for our contract's `device/start|poll|cancel` and CrossWatch's `pin/new` (server-side
 * waiter), `pin/start|poll|cancel`, `device/*` and Jellyfin's `quickconnect/*` routes, as resolved
 * in `provider.routes.device`.
 *
 * @fires {CwFlowStartDetail} cw-flow-start - A code is being requested.
 * @fires {CwConnectedDetail} cw-connected - The provider was linked; `detail.account` when known. Hosts refresh status/config.
 * @fires {CwFlowErrorDetail} cw-flow-error - Failed, expired, denied, or keys missing; `detail.code` and a readable `detail.message`.
 *
 * @csspart start-button - "Get code" / "Get a new code" / "Try again".
 * @csspart instructions - "Enter this code at …".
 * @csspart code - The user code.
 * @csspart copy-button - The `<cw-copy-button>` next to the code.
 * @csspart open-button - "Open <provider>" link.
 * @csspart qr-toggle - Show / hide the QR code.
 * @csspart qr - The QR code (`<cw-qr-code>`).
 * @csspart countdown - "Expires in m:ss" (not announced).
 * @csspart next-check - "Next check in m:ss", while the server asked for a wait of a minute or more.
 * @csspart cancel-button - Cancel.
 * @csspart status - The visible progress / result line.
 * @csspart alert - The box for errors, expiry and denial.
 * @csspart error-message - The friendly error sentence.
 * @csspart error-detail - The server's own words.
 * @csspart help-link - Developer portal link when keys are missing or wrong.
 * @csspart busy - The disabled button while a code is requested.
 *
 * @cssprop --cw-accent - Primary buttons and focus ring.
 * @cssprop --cw-danger - Error box.
 * @cssprop --cw-success - Connected text.
 * @cssprop --cw-radius - Corners.
 * @cssprop --cw-space - Spacing unit.
 * @cssprop --cw-font - Font family (the code uses a monospace font).
 * @cssprop --cw-qr-size - QR code size.
 */
export class CwDeviceFlow extends CwFlowBase {
  static override styles = [baseStyles, buttonStyles, flowStyles, styles];

  /** Do not open the verification page automatically on "Get code" (the Open button remains). */
  @property({ type: Boolean, attribute: 'manual-open' }) manualOpen = false;

  /**
   * What the user typed in the card, keyed by field key. A start that sends fields (Jellyfin Quick
   * Connect sends the server URL) takes them from here before the saved config.
   */
  @property({ attribute: false }) values: Record<string, unknown> = {};

  @state() private showQr = false;
  /** Wall-clock time for the countdown; ticks once a second while a code is shown. */
  @state() private now = Date.now();

  private countdownTimer: ReturnType<typeof setTimeout> | undefined;

  /** The flow's state machine (read-only for hosts: `flow.state`). */
  readonly flow = new DeviceFlowController(this, {
    ...this.flowContext,
    openWindow: () => !this.manualOpen,
    getValues: () => this.values,
    onChange: (next, prev) => this.onFlowChange(next, prev),
  });

  /** Starts the flow (same as clicking "Get code"); must run inside a user gesture to open the page. */
  start(): void {
    this.flow.start();
  }

  /** Cancels a running flow and tells the server. */
  cancel(): void {
    this.flow.cancel();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopCountdown();
  }

  private onFlowChange(next: DeviceFlowState, prev: DeviceFlowState): void {
    this.noteFocus();
    this.emitFor('device_code', next, prev);
    if (next.kind === 'waiting' && prev.kind !== 'waiting') {
      this.announce(`${this.t['flow.announce.codeReady']} ${this.t['flow.announce.waiting']}`);
      this.now = Date.now();
      this.focusPartAfterUpdate('open-button', 'cancel-button');
    } else if (next.kind === 'connected') {
      this.announce(this.t['flow.announce.connected']);
    } else if (next.kind !== 'waiting') {
      this.announce('');
    }
    if (next.kind !== 'waiting') {
      this.showQr = false;
      this.stopCountdown();
      if (prev.kind === 'waiting' || prev.kind === 'starting') this.focusPartAfterUpdate('start-button');
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.flow.state.kind === 'waiting' && this.countdownTimer === undefined) this.scheduleTick();
  }

  private scheduleTick(): void {
    const state = this.flow.state;
    if (state.kind !== 'waiting') return;
    // Align to the next whole second of the remaining time.
    const remaining = state.deadline - Date.now();
    const delay = remaining > 0 ? ((remaining - 1) % 1000) + 1 : 1000;
    this.countdownTimer = setTimeout(() => {
      this.countdownTimer = undefined;
      this.now = Date.now();
    }, delay);
  }

  private stopCountdown(): void {
    clearTimeout(this.countdownTimer);
    this.countdownTimer = undefined;
  }

  protected override targetChanged(): void {
    if (this.flow.busy) this.flow.cancel();
    this.flow.reset();
  }

  private readonly onStart = (): void => this.flow.start();
  private readonly onCancel = (): void => this.flow.cancel();
  private readonly onToggleQr = (): void => {
    this.showQr = !this.showQr;
  };

  override render() {
    const state = this.flow.state;
    return this.renderPanel(this.renderState(state), this.renderAlert(state));
  }

  private renderState(state: DeviceFlowState): unknown {
    switch (state.kind) {
      case 'idle':
        return [
          state.notice && this.renderLine('status', 'notice', this.s(`flow.notice.${state.notice}`)),
          this.renderStartButton(this.t['flow.device.start'], this.onStart),
        ];
      case 'starting':
        return this.renderBusy(this.t['flow.device.starting']);
      case 'waiting':
        return this.renderWaiting(state);
      case 'connected':
        return this.renderConnected(state.account);
      case 'expired':
      case 'denied':
        return this.renderStartButton(this.t['flow.device.newCode'], this.onStart);
      default:
        // needs_keys, error
        return this.renderStartButton(this.t['flow.retry'], this.onStart);
    }
  }

  private renderWaiting(state: StateOf<'waiting'>): TemplateResult {
    const { openUrl } = state;
    const showQr = this.showQr;
    return html`<p part="instructions" class="instructions">${this.s('flow.device.enterCode')}</p>
      <div class="code-row">
        <span part="code" class="code"><span class="visually-hidden">${this.t['flow.device.codeLabel']}: </span>${groupCode(state.userCode)}</span>
        <cw-copy-button part="copy-button" .value=${state.userCode}></cw-copy-button>
      </div>
      ${state.popupBlocked ? this.renderLine('notice', 'notice', this.s('flow.device.popupBlocked')) : nothing}
      <div class="row">
        ${openUrl
          ? html`<a part="open-button" class="button button--primary" href=${openUrl} target="_blank" rel="noopener noreferrer">${this.s('flow.device.open')}</a
              ><button part="qr-toggle" class="button" type="button" aria-expanded=${String(showQr)} aria-controls="qr" @click=${this.onToggleQr}>
                ${this.t[showQr ? 'flow.device.hideQr' : 'flow.device.showQr']}
              </button>`
          : nothing}
        ${this.renderButton('cancel-button', this.t['flow.cancel'], this.onCancel)}
      </div>
      <div id="qr" class="qr">
        ${showQr && openUrl ? html`<cw-qr-code part="qr" .value=${openUrl} .label=${this.s('flow.device.qrLabel')}></cw-qr-code>` : nothing}
      </div>
      <p part="status" class="status">
        ${this.s('flow.device.waiting')}
        <span part="countdown" class="countdown" aria-live="off">${this.s('flow.device.expiresIn', { time: formatRemaining(state.deadline - this.now) })}</span>
        ${state.nextCheckAt !== undefined
          ? html`<span part="next-check" class="next-check">${this.s('flow.device.nextCheck', { time: formatRemaining(state.nextCheckAt - this.now) })}</span>`
          : nothing}
      </p>`;
  }

  private renderAlert(state: DeviceFlowState): unknown {
    return state.kind === 'expired'
      ? this.renderMessage(this.t['flow.device.expired'])
      : state.kind === 'denied'
        ? this.renderMessage(this.s('flow.device.denied'))
        : this.renderFlowAlert(state);
  }
}
