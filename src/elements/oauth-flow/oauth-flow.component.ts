import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { OAuthFlowController, type OAuthMode } from '../../providers/oauth-flow.controller.js';
import type { FieldSchema } from '../../api-client/types.js';
import type { OAuthFlowState } from '../../providers/flow-state.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import { CwFlowBase } from '../flow-base/flow-base.js';
import { flowStyles } from '../flow-base/flow-base.styles.js';
import styles from './oauth-flow.styles.js';

/**
 * @summary OAuth sign-in through the backend: opens the provider's consent page in a popup (or
 * redirects the page), then learns the result from the backend.
 *
 * The popup is opened inside the click and only navigated to an http(s) `authorize_url`. The
 * result comes from the status route (or the token in the config); a `postMessage` from the
 * callback page speeds this up and is accepted only from the backend's origin, from this popup,
 * with this flow's nonce. Blocked popups get a "Continue to <provider>" link.
 *
 * @fires {CwFlowStartDetail} cw-flow-start - The authorize request was sent.
 * @fires {CwConnectedDetail} cw-connected - The provider was linked; `detail.account` when known.
 * @fires {CwFlowErrorDetail} cw-flow-error - Failed, declined, timed out, or keys missing.
 *
 * @csspart start-button - "Connect with <provider>" / "Try again".
 * @csspart busy - The disabled button while the authorize URL is requested.
 * @csspart status - Progress and result line.
 * @csspart notice - Popup-blocked / closed notes.
 * @csspart continue-link - "Continue to <provider>" when the popup was blocked.
 * @csspart cancel-button - Cancel.
 * @csspart alert - The box for errors and denial.
 * @csspart error-message - The friendly error sentence.
 * @csspart error-detail - The server's own words.
 * @csspart help-link - Developer portal link when keys are missing or wrong.
 *
 * @cssprop --cw-accent - Primary buttons and focus ring.
 * @cssprop --cw-danger - Error box.
 * @cssprop --cw-success - Connected text.
 * @cssprop --cw-radius - Corners.
 * @cssprop --cw-space - Spacing unit.
 */
export class CwOAuthFlow extends CwFlowBase {
  static override styles = [baseStyles, buttonStyles, flowStyles, styles];

  /** `popup` (default) or `redirect` for hosts that prefer a full-page redirect. */
  @property({ attribute: 'oauth-mode' }) oauthMode: OAuthMode = 'popup';

  /**
   * Required keys the host knows are not saved yet. While any are listed the start button is
   * disabled and says which: a second way beside a keyless one must not look ready to use.
   */
  @property({ attribute: false }) missingKeys?: FieldSchema[];

  /** The flow's state machine (read-only for hosts: `flow.state`). */
  readonly flow = new OAuthFlowController(this, {
    ...this.flowContext,
    getMode: () => (this.oauthMode === 'redirect' ? 'redirect' : 'popup'),
    navigate: (url) => this.redirectTo(url),
    onChange: (next, prev) => this.onFlowChange(next, prev),
  });

  /** Starts the flow; must run inside a user gesture so the popup may open. */
  start(): void {
    this.flow.start();
  }

  cancel(): void {
    this.flow.cancel();
  }

  /** Redirect mode's full-page navigation (only ever to the validated http(s) authorize URL). */
  protected redirectTo(url: string): void {
    location.assign(url);
  }

  private onFlowChange(next: OAuthFlowState, prev: OAuthFlowState): void {
    this.noteFocus();
    this.emitFor('oauth', next, prev);
    if (next.kind === 'awaiting_callback' && prev.kind !== 'awaiting_callback') {
      this.announce(this.t['flow.announce.waiting']);
      this.focusPartAfterUpdate('continue-link', 'cancel-button');
    } else if (next.kind === 'connected') {
      this.announce(this.t['flow.announce.connected']);
    } else if (next.kind !== 'verifying') {
      this.announce('');
    }
    if (next.kind !== 'awaiting_callback' && next.kind !== 'verifying' && next.kind !== 'starting') {
      this.focusPartAfterUpdate('start-button');
    }
  }

  protected override targetChanged(): void {
    if (this.flow.busy) this.flow.cancel();
    this.flow.reset();
  }

  private readonly onStart = (): void => this.flow.start();
  private readonly onCancel = (): void => this.flow.cancel();

  override render() {
    const state = this.flow.state;
    const missing = this.missingKeys ?? [];
    if (missing.length > 0 && (state.kind === 'idle' || state.kind === 'needs_keys')) {
      // Said as part of the card's content, not as an alert: nothing went wrong yet.
      return this.renderPanel(
        html`${this.renderNeedsKeys(missing)}${this.renderRow(
          html`<button part="start-button" class="button button--primary" type="button" disabled>${this.s('flow.oauth.start')}</button>`,
        )}`,
        nothing,
      );
    }
    return this.renderPanel(
      this.renderState(state),
      state.kind === 'denied' ? this.renderMessage(this.s('flow.oauth.denied')) : this.renderFlowAlert(state),
    );
  }

  private renderState(state: OAuthFlowState): unknown {
    switch (state.kind) {
      case 'idle':
        return [
          state.notice && this.renderLine('notice', 'notice', this.s(`flow.notice.${state.notice}`)),
          this.renderStartButton(this.s('flow.oauth.start'), this.onStart),
        ];
      case 'starting':
        return this.renderBusy(this.s('flow.oauth.starting'));
      case 'awaiting_callback':
        if (this.oauthMode === 'redirect') return this.renderLine('status', 'status', this.s('flow.oauth.redirecting'));
        {
          const cancel = this.renderButton('cancel-button', this.t['flow.cancel'], this.onCancel);
          if (!state.popupBlocked) return [this.renderLine('status', 'status', this.s('flow.oauth.awaiting')), this.renderRow(cancel)];
          // One row: the way forward and Cancel side by side (Cancel alone below looked orphaned).
          return [
            this.renderLine('notice', 'notice', this.t['flow.oauth.popupBlocked']),
            this.renderRow([
              html`<a part="continue-link" class="button button--primary continue" href=${state.authorizeUrl} target="_blank" rel="noopener"
                >${this.s('flow.oauth.continue')}</a
              >`,
              cancel,
            ]),
          ];
        }
      case 'verifying':
        return this.renderLine('status', 'status', html`<span class="spinner" aria-hidden="true"></span> ${this.t['flow.oauth.verifying']}`);
      case 'connected':
        return this.renderConnected(state.account);
      default:
        // denied, needs_keys, error
        return this.renderStartButton(this.t['flow.retry'], this.onStart);
    }
  }
}
