import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { CwElement } from '../base.js';
import { stringsContext } from '../context.js';
import type { ApiError } from '../../api-client/errors.js';
import {
  DEFAULT_PROFILE,
  PROFILE_LABEL_MAX,
  profileLabel,
  type ProfileAction,
  type ProfileActivity,
  type ProfilesState,
} from '../../providers/profiles.controller.js';
import type { Strings } from '../../strings/en.js';
import { enCore, type CoreStringKey, type CoreStrings } from '../../strings/en-core.js';
import { format } from '../../strings/format.js';
import { baseStyles, buttonStyles } from '../../styles/shared.styles.js';
import styles from './profile-switcher.styles.js';
import { activityAlert, listFailure } from './profile-alerts.js';
import { profileRow } from './profile-row.js';
import { deleteConfirm, discardConfirm, renameEditor } from './profile-editors.js';
import { editingAfter, type Editing, type Leave } from './profile-editing.js';
import { noticeText, skippedNote } from './profile-notes.js';
import type { ProfileText } from './profile-text.js';

export interface ProfileSelectDetail {
  id: string;
}
export interface ProfileRenameDetail {
  id: string;
  label: string;
}

/**
 * @summary Picks, adds, renames and deletes the profiles (CrossWatch "instances") of one provider.
 *
 * A presentational element: it renders the `state` and `activity` of a `ProfilesController`
 * (src/providers/profiles.controller.ts) and reports what the user wants as events; the host
 * (`<cw-provider-card>`) runs the requests. It renders nothing until the profile list is there,
 * and nothing at all when the backend has no profiles.
 *
 * Rename opens an inline input (at most 12 characters); Delete asks first, and a 409
 * `provider_in_use` shows the server's message with the places that still use the profile.
 * The default profile can be neither renamed nor deleted. While the host has `unsaved` changes,
 * picking another profile (or adding one, which switches to it) asks first: "Discard unsaved
 * changes?" with Discard and Keep editing; Keep editing leaves the select on the current profile.
 *
 * The events do not cross the host's shadow root (`composed: false`).
 *
 * @fires {ProfileSelectDetail} cw-profile-select - `{id}` the user picked another profile.
 * @fires {undefined} cw-profile-add - The user asked for a new profile.
 * @fires {ProfileRenameDetail} cw-profile-rename - `{id, label}` the user saved a new name.
 * @fires {ProfileSelectDetail} cw-profile-delete - `{id}` the user confirmed the deletion.
 * @fires {undefined} cw-profile-retry - The user asked to load the list again after it failed.
 * @fires {undefined} cw-profile-dismiss - The user closed an error message.
 *
 * @slot - Nothing is slotted.
 *
 * @csspart profiles - The wrapper.
 * @csspart profile-label - The "Profile" label.
 * @csspart profile-select - The profile select.
 * @csspart profile-input - The name input while renaming.
 * @csspart button - Every button.
 * @csspart profile-add - Add profile.
 * @csspart profile-rename - Rename.
 * @csspart profile-delete - Delete (first step).
 * @csspart confirm - The delete (or discard-changes) confirmation box.
 * @csspart discard-button - "Discard" (the unsaved changes, then switch).
 * @csspart keep-editing-button - "Keep editing" (stay on the current profile).
 * @csspart profile-message - The result line ("Profile added.").
 * @csspart profile-note - Which entries of the server's profile list are not shown, and why.
 * @csspart alert - The error box.
 * @csspart usages - The places that still use a profile (409).
 *
 * @cssprop --cw-accent - Focus ring, primary buttons.
 * @cssprop --cw-danger - Delete and error colours.
 * @cssprop --cw-success - The result line.
 * @cssprop --cw-border - Control borders.
 * @cssprop --cw-surface - Control background.
 * @cssprop --cw-text - Text.
 * @cssprop --cw-muted - Help text.
 * @cssprop --cw-radius - Corners.
 * @cssprop --cw-space - Spacing unit.
 */
export class CwProfileSwitcher extends CwElement {
  static override styles = [baseStyles, buttonStyles, styles];

  /** The profile list as the controller has it. */
  @property({ attribute: false }) state: ProfilesState = { kind: 'off' };

  /** The last or running add/rename/delete. */
  @property({ attribute: false }) activity: ProfileActivity = { kind: 'idle' };

  /** Id of the profile in use. */
  @property() selected = DEFAULT_PROFILE;

  /** Provider label, used in labels and messages. */
  @property({ attribute: 'provider-label' }) providerLabel = '';

  /** Blocks switching while the host is busy (saving). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The host has changes that are not saved: switching profile asks before it drops them. */
  @property({ type: Boolean }) unsaved = false;

  @consume({ context: stringsContext, subscribe: true })
  @state()
  private contextStrings?: Strings;

  @state() private editing: Editing = { kind: 'none' };
  @state() private draft = '';

  /** Part to focus after the next render (keyboard users stay in place when a control goes away). */
  private focusNext: string | undefined;

  private get t(): CoreStrings {
    return this.contextStrings ?? enCore;
  }

  private s(key: CoreStringKey, params: Record<string, string | number> = {}): string {
    return format(this.t[key], { provider: this.providerLabel, ...params });
  }

  /** The strings and the formatter the switcher's templates take. */
  private get text(): ProfileText {
    return { t: this.t, s: (key, params) => this.s(key, params) };
  }

  private get profiles() {
    return this.state.kind === 'ready' ? this.state.profiles : [];
  }

  private labelFor(id: string): string {
    return profileLabel(
      this.profiles.find((p) => p.id === id),
      id,
      this.t['profiles.default'],
    );
  }

  private send(name: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: false }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Focus goes back where the user started when an editor closes.
    const after = editingAfter(this.editing, changed.get('activity') as ProfileActivity | undefined, this.activity, changed.has('selected') ? this.selected : undefined);
    if (after.editing !== this.editing) this.editing = after.editing;
    if (after.focus) this.queueFocus(after.focus);
  }

  protected override updated(): void {
    const part = this.focusNext;
    if (!part) return;
    this.focusNext = undefined;
    this.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
  }

  private queueFocus(part: string): void {
    // Only when focus is inside: never take it from elsewhere on the page.
    if (this.matches(':focus-within')) this.focusNext = part;
  }

  override render() {
    const s = this.state;
    if (s.kind === 'failed') return this.renderListFailure(s.error);
    if (s.kind !== 'ready') return nothing;
    const busy = this.activity.kind === 'busy';
    const selectedLabel = this.labelFor(this.selected);
    const isDefault = this.selected === DEFAULT_PROFILE;
    return html`
      <div part="profiles" class="profiles" role="group" aria-label=${this.s('profiles.groupLabel')} aria-busy=${busy ? 'true' : 'false'}>
        ${profileRow(
          this.text,
          {
            profiles: this.profiles,
            selected: this.selected,
            selectedLabel,
            labelFor: (id) => this.labelFor(id),
            busy,
            disabled: this.disabled,
            actions: this.editing.kind === 'none',
            isDefault,
            adding: this.busyAction('add'),
            onSelectChange: this.onSelectChange,
            onAdd: this.onAdd,
            onRename: this.onRename,
            onDelete: this.onDelete,
          },
        )}
        ${this.renderEditor(selectedLabel)}
        <p part="profile-message" class="message" role="status">${noticeText(this.text, this.activity, selectedLabel)}</p>
        ${skippedNote(this.text, s.skipped ?? [])}
        ${this.renderActivityError()}
      </div>
    `;
  }

  private busyAction(action: ProfileAction): boolean {
    return this.activity.kind === 'busy' && this.activity.action === action;
  }

  private renderEditor(selectedLabel: string): TemplateResult | typeof nothing {
    const e = this.editing;
    const text = this.text;
    if (e.kind === 'rename') {
      return renameEditor(text, {
        draft: this.draft,
        saving: this.busyAction('rename'),
        onSubmit: this.onRenameSubmit,
        onInput: this.onDraftInput,
        onKeydown: this.onEditorKeydown,
        onCancel: this.closeEditor,
      });
    }
    if (e.kind === 'confirm-discard') {
      return discardConfirm(text, selectedLabel, { onKeydown: this.onDiscardKeydown, onDiscard: this.onDiscard, onKeep: this.onKeepEditing });
    }
    if (e.kind === 'confirm-delete') {
      return deleteConfirm(text, selectedLabel, this.busyAction('delete'), { onConfirm: this.onConfirmDelete, onKeep: this.closeEditor });
    }
    return nothing;
  }

  private renderActivityError(): TemplateResult {
    return activityAlert(this.activity, this.text, this.providerLabel, this.onDismiss);
  }

  private renderListFailure(error: ApiError): TemplateResult | typeof nothing {
    // Without a chosen profile there is nothing at stake (and the backend may have no profiles).
    if (this.selected === DEFAULT_PROFILE) return nothing;
    return listFailure(error, this.text, this.providerLabel, () => this.send('cw-profile-retry'));
  }

  // ---------------------------------------------------------------- intents

  private get busy(): boolean {
    return this.activity.kind === 'busy';
  }

  private onSelectChange = (event: Event): void => {
    const select = event.target as HTMLSelectElement;
    const id = select.value;
    if (this.busy || this.disabled || id === this.selected) {
      // Back to the profile in use (the select shows `selected` on every render).
      if (this.editing.kind === 'confirm-discard' && id === this.selected) this.editing = { kind: 'none' };
      this.requestUpdate();
      return;
    }
    this.leave({ kind: 'select', id });
  };

  private onAdd = (): void => {
    if (this.busy) return;
    this.leave({ kind: 'add' });
  };

  /** Switches (or adds, which switches), after asking while the host has unsaved changes. */
  private leave(leave: Leave): void {
    if (this.unsaved) {
      this.editing = { kind: 'confirm-discard', id: this.selected, leave };
      // The safe choice, as the delete confirmation does.
      this.focusNext = 'keep-editing-button';
      if (this.activity.kind !== 'busy') this.send('cw-profile-dismiss');
      return;
    }
    this.editing = { kind: 'none' };
    if (leave.kind === 'add') this.send('cw-profile-add');
    else this.send('cw-profile-select', { id: leave.id } satisfies ProfileSelectDetail);
  }

  private onDiscard = (): void => {
    const e = this.editing;
    if (e.kind !== 'confirm-discard' || this.busy || this.disabled) return;
    this.editing = { kind: 'none' };
    this.focusNext = 'profile-select';
    if (e.leave.kind === 'add') this.send('cw-profile-add');
    else this.send('cw-profile-select', { id: e.leave.id } satisfies ProfileSelectDetail);
  };

  /** Escape is the safe choice too. */
  private onDiscardKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.onKeepEditing();
  };

  private onKeepEditing = (): void => {
    this.editing = { kind: 'none' };
    // The select still shows the picked profile: the next render puts it back on the current one.
    this.focusNext = 'profile-select';
  };

  private onRename = (): void => {
    if (this.busy) return;
    const current = this.profiles.find((p) => p.id === this.selected);
    // Start from the stored name; the standard name ("P01") is what an empty name gives.
    this.draft = current && current.label !== current.id && !/^P\d{2}$/.test(current.label) ? current.label : '';
    this.editing = { kind: 'rename', id: this.selected };
    this.focusNext = 'profile-input';
    if (this.activity.kind !== 'busy') this.send('cw-profile-dismiss');
  };

  private onDelete = (): void => {
    if (this.busy) return;
    this.editing = { kind: 'confirm-delete', id: this.selected };
    this.focusNext = 'keep';
    if (this.activity.kind !== 'busy') this.send('cw-profile-dismiss');
  };

  private onDraftInput = (event: Event): void => {
    this.draft = (event.target as HTMLInputElement).value;
  };

  private onEditorKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.closeEditor();
    }
  };

  private onRenameSubmit = (event: Event): void => {
    event.preventDefault();
    if (this.editing.kind !== 'rename' || this.busy) return;
    this.send('cw-profile-rename', { id: this.editing.id, label: this.draft.trim().slice(0, PROFILE_LABEL_MAX).trim() } satisfies ProfileRenameDetail);
  };

  private onConfirmDelete = (): void => {
    if (this.editing.kind !== 'confirm-delete' || this.busy) return;
    this.send('cw-profile-delete', { id: this.editing.id } satisfies ProfileSelectDetail);
  };

  private closeEditor = (): void => {
    if (this.busy) return;
    const was = this.editing.kind;
    this.editing = { kind: 'none' };
    this.focusNext = was === 'rename' ? 'profile-rename' : 'profile-delete';
  };

  private onDismiss = (): void => {
    this.send('cw-profile-dismiss');
    this.focusNext = 'profile-select';
  };
}
