import { html } from 'lit';
import { PROFILE_LABEL_MAX } from '../../providers/profiles.controller.js';
import type { ProfileText } from './profile-text.js';

/** The switcher's inline editors (one open at a time); the element owns their state and intents. */

export function renameEditor(
  { t, s }: ProfileText,
  o: { draft: string; saving: boolean; onSubmit: (e: Event) => void; onInput: (e: Event) => void; onKeydown: (e: KeyboardEvent) => void; onCancel: () => void },
) {
  return html`<form class="editor" @submit=${o.onSubmit}>
    <label class="label" for="name">${t['profiles.nameLabel']}</label>
    <div class="row">
      <input
        part="profile-input"
        class="input"
        id="name"
        type="text"
        autocomplete="off"
        maxlength=${PROFILE_LABEL_MAX}
        aria-describedby="name-help"
        .value=${o.draft}
        ?readonly=${o.saving}
        @input=${o.onInput}
        @keydown=${o.onKeydown}
      />
      <button part="button" class="button button--small button--primary" type="submit" aria-disabled=${o.saving ? 'true' : 'false'}>
        ${o.saving ? t['profiles.savingName'] : t['profiles.saveName']}
      </button>
      <button part="button" class="button button--small" type="button" @click=${o.onCancel}>${t['profiles.cancel']}</button>
    </div>
    <p class="help" id="name-help">${s('profiles.nameHelp', { max: PROFILE_LABEL_MAX })}</p>
  </form>`;
}

export function discardConfirm(
  { t, s }: ProfileText,
  selectedLabel: string,
  o: { onKeydown: (e: KeyboardEvent) => void; onDiscard: () => void; onKeep: () => void },
) {
  return html`<div
    part="confirm"
    class="confirm"
    role="group"
    aria-labelledby="discard-question"
    aria-describedby="discard-detail"
    @keydown=${o.onKeydown}
  >
    <p id="discard-question">${t['profiles.discard.question']}</p>
    <p id="discard-detail" class="help">${s('profiles.discard.detail', { profile: selectedLabel })}</p>
    <div class="row">
      <button part="button discard-button" class="button button--small button--danger-solid" type="button" @click=${o.onDiscard}>
        ${t['profiles.discard.yes']}
      </button>
      <button part="button keep-editing-button" class="button button--small" type="button" @click=${o.onKeep}>
        ${t['profiles.discard.keep']}
      </button>
    </div>
  </div>`;
}

export function deleteConfirm({ t, s }: ProfileText, selectedLabel: string, deleting: boolean, o: { onConfirm: () => void; onKeep: () => void }) {
  return html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-question">
    <p id="confirm-question">${s('profiles.deleteConfirm', { profile: selectedLabel })}</p>
    <div class="row">
      <button
        part="button"
        class="button button--small button--danger-solid"
        type="button"
        aria-disabled=${deleting ? 'true' : 'false'}
        @click=${o.onConfirm}
      >
        ${deleting ? t['profiles.deleting'] : t['profiles.deleteYes']}
      </button>
      <button part="button keep" class="button button--small" type="button" @click=${o.onKeep}>${t['profiles.deleteKeep']}</button>
    </div>
  </div>`;
}
