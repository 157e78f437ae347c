import { html, nothing, type TemplateResult } from 'lit';
import { PROFILE_ID_MAX, type SkippedProfile } from '../../api-client/profile-ids.js';
import type { ProfileActivity } from '../../providers/profiles.controller.js';
import type { CoreStringKey } from '../../strings/en-core.js';
import type { ProfileText } from './profile-text.js';

/** Entries of the server's list that were not used: never silently (issue 11). */
export function skippedNote({ s }: ProfileText, skipped: readonly SkippedProfile[]): TemplateResult | typeof nothing {
  if (!skipped.length) return nothing;
  const ids = skipped.map((p) => (p.id ? `“${p.id}”` : s('profiles.skipped.noId'))).join(', ');
  const key: CoreStringKey = skipped.length === 1 ? 'profiles.skipped.one' : 'profiles.skipped.other';
  return html`<p part="profile-note" class="note">${s(key, { count: skipped.length, ids, max: PROFILE_ID_MAX })}</p>`;
}

/** The result line of the last add, rename or delete ("Profile added."), else empty. */
export function noticeText({ s }: ProfileText, a: ProfileActivity, selectedLabel: string): string {
  if (a.kind !== 'idle' || !a.notice) return '';
  const profile = a.notice.action === 'delete' ? a.notice.label : selectedLabel;
  const key: CoreStringKey = a.notice.action === 'add' ? 'profiles.added' : a.notice.action === 'rename' ? 'profiles.renamed' : 'profiles.deleted';
  return s(key, { profile });
}
