/**
 * English strings only the connect flows and the connected card's parts show (owned by the flows
 * work). They load with those chunks (through en.ts), not with the entry: see en-core.ts.
 */
import { errorStringsEn } from './en-errors.js';

export const flowUiStringsEn = {
  'flow.cancel': 'Cancel',
  'flow.retry': 'Try again',
  'flow.dismiss': 'Dismiss',
  'flow.connected': 'Connected to {provider}',
  'flow.connectedAs': 'Connected to {provider} as {account}',
  'flow.notice.cancelled': 'Cancelled. Nothing was changed.',
  'flow.notice.popup_closed': 'The sign-in window was closed before it finished. Connect again when you are ready.',
  'flow.notice.redirect_unfinished': 'The sign-in with {provider} did not finish. Connect again to retry.',
  'flow.needsKeys': 'Enter and save {fields} first, then try again.',
  'flow.needsKeys.help': 'Where do I get these?',

  // Device code / PIN
  'flow.device.start': 'Get code',
  'flow.device.starting': 'Getting a code…',
  'flow.device.enterCode': 'Enter this code at {provider}',
  'flow.device.codeLabel': 'Your code',
  'flow.device.open': 'Open {provider}',
  'flow.device.popupBlocked': 'Your browser blocked the new window. Use “Open {provider}” and enter the code there.',
  'flow.device.expiresIn': 'Expires in {time}',
  'flow.device.nextCheck': 'The server asked to wait: next check in {time}.',
  'flow.device.waiting': 'Waiting for you to approve on {provider}…',
  'flow.device.showQr': 'Show QR code',
  'flow.device.hideQr': 'Hide QR code',
  'flow.device.qrLabel': 'QR code that opens {provider} on another device',
  'flow.device.qrLoading': 'Drawing the QR code…',
  'flow.device.qrFailed': 'The QR code could not be drawn. Use the link instead.',
  'flow.device.newCode': 'Get a new code',
  'flow.device.expired': 'The code expired before it was approved.',
  'flow.device.denied': 'Access was denied on {provider}.',

  // OAuth
  'flow.oauth.start': 'Connect with {provider}',
  'flow.oauth.starting': 'Opening {provider}…',
  'flow.oauth.awaiting': 'Finish signing in to {provider} in the window that opened.',
  'flow.oauth.redirecting': 'Taking you to {provider}…',
  'flow.oauth.popupBlocked': 'Your browser blocked the sign-in window.',
  'flow.oauth.continue': 'Continue to {provider}',
  'flow.oauth.verifying': 'Checking the connection…',
  'flow.oauth.denied': 'Access was declined on {provider}.',

  // Credentials / API key
  'flow.credentials.connect': 'Connect',
  'flow.credentials.missing': 'Fill in {fields}, then connect again.',
  'flow.credentials.verifying': 'Checking with {provider}…',

  // Refresh and disconnect
  'flow.refresh': 'Refresh',
  'flow.refreshing': 'Refreshing…',
  'flow.refreshed': 'Connection refreshed.',
  'flow.accountProfile.label': '{provider} profile to sync',
  'flow.accountProfile.loading': 'Loading {provider} profiles…',
  'flow.accountProfile.switched': 'Now syncing “{name}”.',
  'flow.accountProfile.none': 'Choose a profile',
  'flow.accountProfile.switchFailed': 'Could not switch to “{name}”; {provider} still syncs the profile selected above.',
  'flow.disconnect': 'Disconnect',
  'flow.disconnect.confirm': 'Disconnect {provider}? You will need to connect again to use it.',
  'flow.disconnect.yes': 'Yes, disconnect',
  'flow.disconnect.keep': 'Keep connected',
  'flow.disconnecting': 'Disconnecting…',
  'flow.disconnected': 'Disconnected from {provider}.',

  // Live-region announcements (said once, not on every tick)
  'flow.announce.codeReady': 'Code ready.',
  'flow.announce.waiting': 'Waiting for approval…',
  'flow.announce.connected': 'Connected.',
} as const;

/** Every `flow.*` string: the flows' own and the error sentences (the German table mirrors it). */
export const flowStringsEn = { ...flowUiStringsEn, ...errorStringsEn };
