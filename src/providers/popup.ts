/**
 * Popups opened inside the click. Browsers only allow `window.open` during user activation, so
 * the window is opened blank first and navigated once the server answered; nothing is ever
 * written into it (it shares our origin until it navigates).
 */
import { safeHttpUrl } from './urls.js';

const FEATURES = 'popup,width=560,height=760';

/**
 * Opens a blank named popup; null when blocked. `detach` drops `opener` so a third-party page
 * cannot reach back into ours (the device page needs no way back; OAuth keeps it for the
 * callback's postMessage).
 */
export function openBlankPopup(name: string, detach: boolean): Window | null {
  let popup: Window | null = null;
  try {
    popup = window.open('', name, FEATURES);
  } catch {
    popup = null;
  }
  if (popup && detach) {
    try {
      popup.opener = null;
    } catch {
      /* some browsers refuse; the page is ours until it navigates */
    }
  }
  return popup;
}

/** Navigates a popup we opened, only to an http(s) URL. False when it could not. */
export function navigatePopup(popup: Window | null | undefined, url: string | undefined): boolean {
  const safe = safeHttpUrl(url);
  if (!popup || !safe) return false;
  try {
    if (popup.closed) return false;
    popup.location.href = safe;
    return true;
  } catch {
    return false;
  }
}

export function closePopup(popup: Window | null | undefined): void {
  try {
    if (popup && !popup.closed) popup.close();
  } catch {
    /* already gone */
  }
}
