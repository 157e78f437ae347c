/**
 * The card's status part: which badge the connection status reads as, its markup, and the timer
 * that re-renders an "Expires in …" badge when its text next changes.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ConnectionStatus } from '../../providers/connection-status.controller.js';
import { isReadonlyField, type FieldState } from '../../state/field-state.js';
import type { Strings } from '../../strings/en.js';
import { format } from '../../strings/format.js';

export type BadgeKind = 'not-configured' | 'keys-saved' | 'connected' | 'expiring' | 'expired' | 'error';

export interface Badge {
  kind: BadgeKind;
  text: string;
  detail?: string;
}

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const YEAR = 365 * 24 * HOUR;

/**
 * How long before its expiry a token's badge turns to the warning colour.
 *
 * Relative to the token's lifetime when the card saw it issued (a flow finished or a refresh
 * renewed it here): its last tenth, so a 24 h Trakt token warns in its last 2.4 h and an hour-long
 * MDBList token in its last 6 minutes, never earlier than a day before. A token that was already
 * there has an unknown lifetime: its last hour, which a fresh day-long token does not trip (a fixed
 * day did, so every new Trakt connection started out as a warning) and which still leaves time to
 * refresh.
 */
export function expiringThreshold(lifetimeMs: number | undefined): number {
  if (lifetimeMs === undefined || !(lifetimeMs > 0)) return HOUR;
  return Math.min(24 * HOUR, Math.max(MINUTE, lifetimeMs / 10));
}

/**
 * Milliseconds until an expiry `leftMs` away reads differently: the whole minutes left drop by one
 * (and at the expiry itself). The badge is re-rendered then, at most once a minute.
 */
export function nextExpiryTick(leftMs: number): number {
  return ((Math.ceil(leftMs) - 1) % MINUTE) + 1;
}

/**
 * "in 5 minutes", "in 23 hours", "in 3 days". Whole minutes at best: the badge changes once a
 * minute, never counts seconds. Started minutes count as whole ones, so a token that still works
 * never reads "in 0 minutes".
 */
export function relativeTime(deltaMs: number, locale: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const sign = deltaMs < 0 ? -1 : 1;
  const minutes = Math.max(1, Math.ceil(Math.abs(deltaMs) / MINUTE));
  if (minutes < 60) return rtf.format(sign * minutes, 'minute');
  const hours = Math.round(Math.abs(deltaMs) / HOUR);
  if (hours < 48) return rtf.format(sign * hours, 'hour');
  return rtf.format(sign * Math.round(hours / 24), 'day');
}

/** Every required field has a stored value (or, without required fields, any field does). */
export function keysSaved(states: readonly FieldState[]): boolean {
  const stored = (s: FieldState) => s.sourcePath !== undefined && (s.saved || (s.initial !== '' && s.initial !== false));
  const required = states.filter((s) => s.field.required && !isReadonlyField(s.field));
  return required.length > 0 ? required.every(stored) : states.some(stored);
}

/**
 * The badge for a connection status. `tokenLifetimeMs` is the provider's known token lifetime
 * (used when the card did not see the token issued); `keysSaved` tells the two unconnected kinds apart.
 */
export function badgeFor(status: ConnectionStatus, t: Strings, tokenLifetimeMs: number | undefined, keysSaved: boolean): Badge {
  if (status.kind === 'connected') {
    const text = status.account ? format(t['card.status.connectedAs'], { account: status.account }) : t['card.status.connected'];
    if (status.expiresAt !== undefined) {
      const left = status.expiresAt - Date.now();
      if (left <= 0) return { kind: 'expired', text: t['card.status.expired'] };
      // A year or more ahead (or `expires_at: 1e300`) is no date to count down to.
      const detail = left > YEAR ? t['card.status.expiresAfterAYear'] : format(t['card.status.expiresIn'], { relative: relativeTime(left, t['meta.locale']) });
      // The lifetime seen here (a flow or refresh issued the token), else the provider's known one.
      const lifetime = status.lifetimeMs ?? tokenLifetimeMs;
      return { kind: left < expiringThreshold(lifetime) ? 'expiring' : 'connected', text, detail };
    }
    return { kind: 'connected', text };
  }
  if (status.kind === 'error') return { kind: 'error', text: t['card.status.error'] };
  if (status.kind === 'disconnected' && status.reason && /expired/i.test(status.reason)) {
    return { kind: 'expired', text: t['card.status.expired'] };
  }
  return keysSaved ? { kind: 'keys-saved', text: t['card.status.keysSaved'] } : { kind: 'not-configured', text: t['card.status.notConfigured'] };
}

/**
 * The badge's markup. It is no live region: its expiry ticks every minute and must not be read out
 * each time; the flows and actions announce the state changes themselves.
 */
export function renderBadge(badge: Badge, t: Strings) {
  return html`<span part="status" class="status" data-kind=${badge.kind}>
    <span class="visually-hidden">${t['card.status.label']}:</span>
    <span>${badge.text}</span>
    ${badge.detail ? html`<span class="detail">· ${badge.detail}</span>` : nothing}
  </span>`;
}

/**
 * While the badge shows an expiry, re-renders the host when its text next changes (at most once a
 * minute; at the expiry itself it turns to "Expired"). Nothing runs otherwise, nor once removed.
 */
export class ExpiryTicks implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly getStatus: () => ConnectionStatus,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    this.stop();
    const status = this.getStatus();
    if (!this.host.isConnected || status.kind !== 'connected' || status.expiresAt === undefined) return;
    const left = status.expiresAt - Date.now();
    if (left <= 0) return; // "Expired" stays as it is
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.host.requestUpdate();
    }, nextExpiryTick(left));
  }

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
