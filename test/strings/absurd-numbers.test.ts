/**
 * Numbers a server sent are shown as something a person can use (issue 11): no "Wait 1000000000
 * seconds", no "Expires in 11,574,074,074,074,073,0…", in English and German.
 */
import { expect } from '../helpers.js';
import { ApiError } from '../../src/api-client/errors.js';
import { describeError } from '../../src/providers/error-text.js';
import { badgeFor } from '../../src/elements/provider-card/card-status.js';
import { en, type Strings } from '../../src/strings/en.js';
import { de } from '../../src/strings/de.js';

const rateLimited = (retryAfter: number | undefined) =>
  new ApiError({ code: 'rate_limited', message: 'slow', status: 429, ...(retryAfter !== undefined ? { retryAfter } : {}) });
const DAY_MS = 86_400_000;

describe('absurd numbers: what the person reads', () => {
  it('a rate limit: seconds when short, minutes when longer, "try again later" beyond', () => {
    const text = (s: number | undefined, strings: Strings = en) => describeError(rateLimited(s), strings, 'Acme').message;
    expect(text(30)).to.equal('Too many attempts. Wait 30 seconds, then try again.');
    expect(text(600)).to.equal('Too many attempts. Wait 10 minutes, then try again.');
    expect(text(86_400)).to.equal('Too many attempts. Try again later.');
    expect(text(1_000_000_000)).to.equal('Too many attempts. Try again later.');
    expect(text(undefined)).to.equal('Too many attempts. Wait a moment, then try again.');
    expect(text(600, de)).to.equal('Zu viele Versuche. Warte 10 Minuten, dann versuche es erneut.');
    expect(text(1_000_000_000, de)).to.equal('Zu viele Versuche. Versuche es später erneut.');
    for (const s of [1e9, 251_606_062_532]) expect(text(s)).not.to.match(/\d{4,}/);
  });

  it('a badge expiry more than a year away reads "expires in more than a year"', () => {
    const detail = (leftMs: number, strings: Strings = en) => badgeFor({ kind: 'connected', expiresAt: Date.now() + leftMs }, strings, undefined, true).detail;
    expect(detail(400 * DAY_MS)).to.equal('Expires in more than a year');
    expect(detail(400 * DAY_MS, de)).to.equal('Läuft in mehr als einem Jahr ab');
    expect(detail(1e300)).to.equal('Expires in more than a year');
    expect(detail(30 * DAY_MS)).to.equal('Expires in 30 days');
  });
});
