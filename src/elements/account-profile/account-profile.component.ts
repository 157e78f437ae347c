import { html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { AccountProfileController, type AccountProfileState } from '../../providers/account-profile.controller.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import { CwFlowBase } from '../flow-base/flow-base.js';
import { VisibleRequestsController } from '../visible-requests.js';
import { flowStyles } from '../flow-base/flow-base.styles.js';
import styles from './account-profile.styles.js';

/**
 * @summary Which profile inside the linked account is synced, for providers whose account has
 * several (CrossWatch's Nuvio: its TV login selects the first viewer profile). Shown by the card
 * while connected; loads the list on its own and switches on change. A failed switch keeps the
 * previous profile selected and says why, with Retry.
 *
 * Not to be confused with `<cw-profile-switcher>`: those are CrossWatch's profiles of the provider
 * (several connections), this is a profile inside one connected account.
 *
 * @fires {CwAccountProfileChangeDetail} cw-account-profile-change - `{provider, profileId, name}` after the server switched.
 *
 * @csspart account-profile - The label and select row.
 * @csspart account-profile-select - The select.
 * @csspart status - "Syncing Kids now." after a switch.
 * @csspart alert - The error box (load or switch failed).
 * @csspart error-message - The friendly error sentence.
 * @csspart error-detail - The server's own words.
 * @csspart retry-button - Loads the list again, or repeats the failed switch.
 * @csspart busy - Shown while the list loads.
 *
 * @cssprop --cw-accent - Focus ring.
 * @cssprop --cw-danger - Error box.
 * @cssprop --cw-border - Select border.
 * @cssprop --cw-radius - Corners.
 * @cssprop --cw-space - Spacing unit.
 */
export class CwAccountProfile extends CwFlowBase {
  static override styles = [baseStyles, buttonStyles, flowStyles, styles];

  /** The list and the switch (hosts may read `profiles.state`). */
  /** The list is a request of the card's own: it waits until the card is in view, like the others. */
  private readonly visible = new VisibleRequestsController(this);

  readonly profiles = new AccountProfileController(this, {
    ...this.flowContext,
    listVia: (read, signal) => this.visible.whenVisible(read, signal),
    onChange: (next, prev) => this.onChange(next, prev),
    onSwitched: (profile) => this.emit('cw-account-profile-change', { provider: this.provider?.manifest.name ?? '', profileId: profile.id, name: profile.name }),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Attached again after removal (the request then was aborted): read the list again.
    if (this.hasUpdated && this.profiles.state.kind === 'idle') this.profiles.load();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Before the first render (a state set here does not cost another update).
    if (!this.hasUpdated) this.profiles.load();
  }

  protected override targetChanged(): void {
    this.profiles.reset();
    this.profiles.load();
  }

  private onChange(next: AccountProfileState, prev: AccountProfileState): void {
    this.noteFocus();
    const result = next.kind === 'ready' ? next.result : undefined;
    if (result?.kind === 'switched' && (prev.kind !== 'ready' || prev.result !== result)) this.announce(this.s('flow.accountProfile.switched', { name: result.name }));
    else if (next.kind !== 'ready' || next.switching) this.announce('');
    if (result?.kind === 'error' || next.kind === 'load_error') this.focusPartAfterUpdate('retry-button');
    // Retry (or the busy button) was replaced: land on the select once the list is there.
    else if ((prev.kind === 'ready' && prev.switching && next.kind === 'ready' && !next.switching) || (prev.kind === 'loading' && next.kind === 'ready')) {
      this.focusPartAfterUpdate('account-profile-select');
    }
  }

  private readonly onSelect = (event: Event): void => {
    this.profiles.select((event.target as HTMLSelectElement).value);
  };

  private readonly onRetry = (): void => {
    const state = this.profiles.state;
    if (state.kind === 'ready' && state.result?.kind === 'error') this.profiles.select(state.result.wanted.id);
    else this.profiles.load();
  };

  override render() {
    const state = this.profiles.state;
    const failed = state.kind === 'ready' && state.result?.kind === 'error' ? state.result : undefined;
    const error = state.kind === 'load_error' ? state.error : failed?.error;
    return this.renderPanel(
      this.renderMain(state),
      error
        ? [
            // Which switch failed, then why (the previous profile stays selected above).
            failed ? html`<p>${this.s('flow.accountProfile.switchFailed', { name: failed.wanted.name })}</p>` : nothing,
            this.renderError(error),
            this.renderRow(this.renderButton('retry-button', this.t['flow.retry'], this.onRetry)),
          ]
        : nothing,
    );
  }

  private renderMain(state: AccountProfileState): unknown {
    if (state.kind === 'loading') return this.renderBusy(this.s('flow.accountProfile.loading'));
    if (state.kind !== 'ready' || state.profiles.length < 2) return nothing; // one profile: nothing to choose
    const busy = Boolean(state.switching);
    return [
      html`<div part="account-profile" class="row">
        <label class="label" for="account-profile">${this.s('flow.accountProfile.label')}</label>
        <select
          id="account-profile"
          part="account-profile-select"
          class="select"
          .value=${live(state.switching ?? state.selected ?? '')}
          ?disabled=${busy}
          aria-busy=${String(busy)}
          @change=${this.onSelect}
        >
          ${state.selected === undefined ? html`<option value="" disabled selected>${this.t['flow.accountProfile.none']}</option>` : nothing}
          ${state.profiles.map((p) => html`<option value=${p.id} ?selected=${p.id === (state.switching ?? state.selected)}>${p.name}</option>`)}
        </select>
      </div>`,
      state.result?.kind === 'switched' && !busy ? this.renderLine('status', 'status status--ok', this.s('flow.accountProfile.switched', { name: state.result.name })) : nothing,
    ];
  }
}
