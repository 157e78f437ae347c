import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ProviderInstance } from '../../api-client/types.js';
import type { ProfileText } from './profile-text.js';

/** The switcher's main row: the profile select and its Add / Rename / Delete buttons. */
export function profileRow(
  { t, s }: ProfileText,
  o: {
    profiles: readonly ProviderInstance[];
    selected: string;
    selectedLabel: string;
    labelFor: (id: string) => string;
    busy: boolean;
    disabled: boolean;
    /** Add / Rename / Delete show only while no editor is open. */
    actions: boolean;
    isDefault: boolean;
    adding: boolean;
    onSelectChange: (e: Event) => void;
    onAdd: () => void;
    onRename: () => void;
    onDelete: () => void;
  },
) {
  return html`<div class="row">
          <label part="profile-label" class="label" for="profile">${t['profiles.label']}</label>
          <select
            part="profile-select"
            class="input"
            id="profile"
            .value=${live(o.selected)}
            ?disabled=${o.busy || o.disabled}
            @change=${o.onSelectChange}
          >
            ${o.profiles.map(
              (p) => html`<option value=${p.id} ?selected=${p.id === o.selected}>${o.labelFor(p.id)}</option>`,
            )}
          </select>
          ${o.actions
            ? html`${smallButton(o.busy, 'profile-add', o.adding ? t['profiles.adding'] : t['profiles.add'], o.onAdd)}
              ${o.isDefault
                ? nothing
                : html`${smallButton(o.busy, 'profile-rename', t['profiles.rename'], o.onRename, {
                    label: s('profiles.renameLabel', { profile: o.selectedLabel }),
                  })}
                  ${smallButton(o.busy, 'profile-delete', t['profiles.delete'], o.onDelete, {
                    label: s('profiles.deleteLabel', { profile: o.selectedLabel }),
                    danger: true,
                  })}`}`
            : nothing}
        </div>`;
}

/** One of the row's small action buttons; busy reads as aria-disabled so focus stays put. */
function smallButton(
  busy: boolean,
  part: string,
  text: string,
  onClick: () => void,
  { label, danger = false }: { label?: string; danger?: boolean } = {},
) {
  return html`<button
    part="button ${part}"
    class="button button--small ${danger ? 'button--danger' : ''}"
    type="button"
    aria-label=${label ?? nothing}
    aria-disabled=${busy ? 'true' : 'false'}
    @click=${onClick}
  >
    ${text}
  </button>`;
}
