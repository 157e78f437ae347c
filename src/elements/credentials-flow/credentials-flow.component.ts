import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { CredentialsFlowController } from '../../providers/credentials-flow.controller.js';
import type { CredentialsFlowState } from '../../providers/flow-state.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import { CwFlowBase } from '../flow-base/flow-base.js';
import { flowStyles } from '../flow-base/flow-base.styles.js';
import styles from './credentials-flow.styles.js';

/**
 * @summary Connects a credentials / API-key provider: sends the field values to the provider's
 * connect route and shows verifying, then the account or the server's specific reason
 * (wrong key, unreachable server, version too old, two-factor code required, …).
 *
 * The host (the card) renders the fields and passes their values keyed by field key
 * (`tautulli.history.user_id`); this element sends them keyed by the last segment (`user_id`),
 * leaves out masked (untouched) and blank secrets, and falls back to saved values for fields the
 * user did not touch. Also fits `local` providers (a connect route without fields).
 *
 * @fires {CwFlowStartDetail} cw-flow-start - The values were sent.
 * @fires {CwConnectedDetail} cw-connected - The server accepted them; `detail.account` when known.
 * @fires {CwFlowErrorDetail} cw-flow-error - Rejected or failed; `detail.code` and a readable `detail.message`.
 *
 * @csspart start-button - "Connect".
 * @csspart busy - The disabled button while the server checks.
 * @csspart status - Result line.
 * @csspart alert - The error box.
 * @csspart error-message - The friendly error sentence.
 * @csspart error-detail - The server's own words.
 * @csspart help-link - Developer portal link when the key was rejected.
 *
 * @cssprop --cw-accent - Primary button and focus ring.
 * @cssprop --cw-danger - Error box.
 * @cssprop --cw-success - Connected text.
 * @cssprop --cw-radius - Corners.
 * @cssprop --cw-space - Spacing unit.
 */
export class CwCredentialsFlow extends CwFlowBase {
  static override styles = [baseStyles, buttonStyles, flowStyles, styles];

  /** Current field values keyed by field key (`jellyfin.server`). Secrets never leave in events. */
  @property({ attribute: false }) values: Record<string, unknown> = {};

  /** Disables Connect (e.g. while the card has invalid input). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Button label; defaults to the "Connect" string. */
  @property() label?: string;

  /** The flow's state machine (read-only for hosts: `flow.state`). */
  readonly flow = new CredentialsFlowController(this, {
    ...this.flowContext,
    onChange: (next, prev) => this.onFlowChange(next, prev),
  });

  /** Sends the current `values`. */
  submit(): void {
    if (this.disabled) return;
    this.flow.submit(this.values);
  }

  private onFlowChange(next: CredentialsFlowState, prev: CredentialsFlowState): void {
    this.noteFocus();
    if (next.kind === 'verifying') {
      this.emit('cw-flow-start', { provider: this.provider?.manifest.name ?? '', flow: 'credentials' });
    } else {
      this.emitFor('credentials', next, prev);
    }
    this.announce(next.kind === 'connected' ? this.t['flow.announce.connected'] : '');
    if (prev.kind === 'verifying') this.focusPartAfterUpdate('start-button');
  }

  protected override targetChanged(): void {
    this.flow.cancel();
  }

  private readonly onSubmit = (): void => this.submit();

  override render() {
    const state = this.flow.state;
    return this.renderPanel(this.renderState(state), this.renderFlowAlert(state, 'flow.credentials.missing'));
  }

  private renderState(state: CredentialsFlowState): unknown {
    if (state.kind === 'verifying') return this.renderBusy(this.s('flow.credentials.verifying'));
    return [
      state.kind === 'connected' ? this.renderConnected(state.account) : nothing,
      this.renderRow(
        html`<button part="start-button" class="button button--primary" type="button" ?disabled=${this.disabled} @click=${this.onSubmit}>
          ${this.label || this.t['flow.credentials.connect']}
        </button>`,
      ),
    ];
  }
}
