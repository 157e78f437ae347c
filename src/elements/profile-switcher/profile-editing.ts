import type { ProfileActivity } from '../../providers/profiles.controller.js';

/** What switching away from the current profile would do (asked first while the host has unsaved changes). */
export type Leave = { kind: 'select'; id: string } | { kind: 'add' };

/** Step of the inline editors; only one is open at a time. `id` is the profile it belongs to. */
export type Editing =
  | { kind: 'none' }
  | { kind: 'rename'; id: string }
  | { kind: 'confirm-delete'; id: string }
  | { kind: 'confirm-discard'; id: string; leave: Leave };

/**
 * The editor once the host's activity or profile changed: a finished rename or delete closes its
 * editor (and says which part gets the focus back), a failed delete closes its confirmation, and
 * an editor whose profile is no longer the selected one closes.
 */
export function editingAfter(
  editing: Editing,
  previous: ProfileActivity | undefined,
  next: ProfileActivity,
  selected: string | undefined,
): { editing: Editing; focus?: string } {
  if (previous?.kind === 'busy' && next.kind === 'idle') {
    if (previous.action === 'rename' && editing.kind === 'rename') return { editing: { kind: 'none' }, focus: 'profile-rename' };
    if (previous.action === 'delete' && editing.kind === 'confirm-delete') return { editing: { kind: 'none' }, focus: 'profile-select' };
    if (previous.action === 'add') return { editing: closedIfMoved(editing, selected), focus: 'profile-select' };
  }
  if (previous?.kind === 'busy' && next.kind === 'error' && next.action === 'delete') return { editing: { kind: 'none' } };
  return { editing: closedIfMoved(editing, selected) };
}

/** `selected` is the new selection when it changed, else undefined. */
const closedIfMoved = (editing: Editing, selected: string | undefined): Editing =>
  selected !== undefined && editing.kind !== 'none' && editing.id !== selected ? { kind: 'none' } : editing;
