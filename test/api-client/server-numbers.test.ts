/**
 * Numbers a server sends are held to bounds when parsed: `0.001`, `1e9` and `1e300` never reach a
 * timer or the page as they came (issue 11).
 */
import { expect } from '../helpers.js';
import { normalizeStatus, toEpochMs } from '../../src/api-client/responses.js';
import { normalizeDevicePoll, normalizeDeviceStart } from '../../src/api-client/flow-responses.js';
import { errorFromAnswer } from '../../src/api-client/parse-error.js';
import { SERVER_BOUNDS, serverSeconds } from '../../src/api-client/server-numbers.js';

const DAY_S = 86_400;

describe('server numbers: bounds when parsing', () => {
  it('a device start interval below a second is raised to one second; zero, negative, NaN or text means 5 s', () => {
    const start = (interval: unknown) => normalizeDeviceStart({ user_code: 'ABCD', interval, expires_in: 600 }).interval;
    expect([0.001, 0, -3, 'fast', null, Infinity].map(start)).to.deep.equal([1, 5, 5, 5, 5, 5]);
    expect(start(1e9), 'a huge interval is held to a day').to.equal(DAY_S);
  });

  it('a code lifetime above a day counts as not sent (600 s)', () => {
    expect(normalizeDeviceStart({ user_code: 'ABCD', expires_in: 1e9 }).expiresIn).to.equal(600);
    expect(normalizeDeviceStart({ user_code: 'ABCD', expires_in: 1800 }).expiresIn).to.equal(1800);
  });

  it('a poll answer: interval and retry_after held to [1 s, a day] and [0, a day]', () => {
    expect(normalizeDevicePoll({ status: 'pending', interval: 0.001 }).interval).to.equal(1);
    expect(normalizeDevicePoll({ status: 'slow_down', interval: 1e9, retry_after: 1e9 })).to.deep.equal({
      status: 'slow_down',
      interval: DAY_S,
      retryAfter: DAY_S,
    });
  });

  it('an expiry before 2000 or after 3000 (1e300) is treated as absent', () => {
    expect(normalizeStatus({ connected: true, expires_at: 1e300 })).to.deep.equal({ connected: true });
    expect(toEpochMs(1e300)).to.equal(undefined);
    expect(toEpochMs(5)).to.equal(undefined);
    expect(toEpochMs('+275760-09-13T00:00:00Z')).to.equal(undefined);
    expect(toEpochMs(1_900_000_000)).to.equal(1_900_000_000_000);
  });

  it('Retry-After 1e9 seconds, or an HTTP date far away, is held to a day', () => {
    const retry = (value: string) => errorFromAnswer(429, new Headers({ 'retry-after': value }), null, '').retryAfter;
    expect(retry('1000000000')).to.equal(DAY_S);
    expect(retry('1e9')).to.equal(DAY_S);
    expect(retry('Fri, 31 Dec 9999 23:59:59 GMT')).to.equal(DAY_S);
    expect(retry('30')).to.equal(30);
    const body = errorFromAnswer(429, new Headers(), { ok: false, error: { code: 'rate_limited', message: 'x', retry_after: 1e300 } }, '');
    expect(body.retryAfter).to.equal(DAY_S);
  });

  it('serverSeconds: undefined for what is no finite non-negative number', () => {
    expect([NaN, -1, Infinity, '5', undefined].map((v) => serverSeconds(v, SERVER_BOUNDS.interval))).to.deep.equal([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
