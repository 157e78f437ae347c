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
            ? html`
                <button
                  part="button profile-add"
                  class="button button--small"
                  type="button"
                  aria-disabled=${o.busy ? 'true' : 'false'}
                  @click=${o.onAdd}
                >
                  ${o.adding ? t['profiles.adding'] : t['profiles.add']}
                </button>
                ${o.isDefault
                  ? nothing
                  : html`<button
                        part="button profile-rename"
                        class="button button--small"
                        type="button"
                        aria-label=${s('profiles.renameLabel', { profile: o.selectedLabel })}
                        aria-disabled=${o.busy ? 'true' : 'false'}
                        @click=${o.onRename}
                      >
                        ${t['profiles.rename']}
                      </button>
                      <button
                        part="button profile-delete"
                        class="button button--small button--danger"
                        type="button"
                        aria-label=${s('profiles.deleteLabel', { profile: o.selectedLabel })}
                        aria-disabled=${o.busy ? 'true' : 'false'}
                        @click=${o.onDelete}
                      >
                        ${t['profiles.delete']}
                      </button>`}
              `
            : nothing}
        </div>`;
}
