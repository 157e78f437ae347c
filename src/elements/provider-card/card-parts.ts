/** Part names the card's sub-elements expose, re-exported so hosts can style them from outside. */

/** Part names from a space-separated list (shorter than an array literal of strings). */
const partList = (names: string): string[] => names.split(' ');

const FIELD_PART_LIST = partList('field label input button error help');
const PROFILE_PART_LIST = partList(
  'profiles profile-label profile-select profile-input button profile-add profile-rename profile-delete ' +
    'confirm profile-message profile-note alert usages discard-button keep-editing-button',
);
export const FIELD_PARTS = FIELD_PART_LIST.join(', ');
export const PROFILE_PARTS = PROFILE_PART_LIST.join(', ');
export const COPY_PARTS = 'button, message';
const FLOW_BUTTONS = partList(
  'start-button cancel-button open-button qr-toggle refresh-button disconnect-button confirm-button keep-button dismiss-button retry-button',
);
const FLOW_OTHER_PARTS = partList(
  'instructions code copy-button qr countdown alert error-message error-detail help-link busy notice continue-link confirm usages account-profile account-profile-select',
);
/**
 * The flows' own part names, plus every flow button also as `button` (one rule styles all
 * buttons) and the flows' `status` line as `flow-status` (`status` is the card's badge).
 */
export const FLOW_PARTS = [...FLOW_BUTTONS.flatMap((p) => [p, `${p}:button`]), 'status:flow-status', ...FLOW_OTHER_PARTS].join(', ');

/** Every part a card exposes (for containers that re-export them); repeated names are harmless. */
export const CARD_PARTS = [
  ...partList('card header title status notes hint code link footer message unsaved save flow-status own-app own-app-title quick-connect quick-connect-title'),
  ...FIELD_PART_LIST,
  ...PROFILE_PART_LIST,
  ...FLOW_BUTTONS,
  ...FLOW_OTHER_PARTS,
].join(', ');
