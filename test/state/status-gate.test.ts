/** StatusGate: one card's status reads, one at a time and one a second, whoever asks. */
import { expect } from '../helpers.js';
import { MIN_STATUS_GAP_MS, StatusGate } from '../../src/state/status-gate.js';
import { installClock, type FakeClock } from '../support/clock.js';

/** A request that answers when the test says; records when it started and whether it was aborted. */
function requests(clock: FakeClock) {
  const log: Array<{ key: string; at: number; aborted: () => boolean; answer: (v: string) => void }> = [];
  let inFlight = 0;
  let peak = 0;
  const task = (key: string) => (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      const end = () => (inFlight -= 1);
      signal.addEventListener('abort', () => (end(), reject(new DOMException('aborted', 'AbortError'))), { once: true });
      log.push({ key, at: clock.now, aborted: () => signal.aborted, answer: (v) => (end(), resolve(v)) });
    });
  return { log, task, peak: () => peak, inFlight: () => inFlight };
}

describe('StatusGate', () => {
  let clock: FakeClock;
  beforeEach(() => (clock = installClock({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })));
  afterEach(() => clock.uninstall());

  it('a flood of asks makes one request in flight and at most one a second, and each asker gets an answer', async () => {
    const gate = new StatusGate();
    const r = requests(clock);
    const answers: Array<Promise<string>> = [];
    for (let i = 0; i < 50; i++) {
      answers.push(gate.run('trakt', r.task('trakt')));
      await clock.tickAsync(20);
      r.log.at(-1)?.answer(`answer ${r.log.length}`);
    }
    await clock.tickAsync(3000);
    r.log.at(-1)?.answer(`answer ${r.log.length}`);
    const all = await Promise.all(answers);
    expect(r.peak(), 'requests in flight at once').to.equal(1);
    const gaps = r.log.slice(1).map((c, i) => c.at - r.log[i]!.at);
    expect(gaps.filter((g) => g < MIN_STATUS_GAP_MS), 'requests less than a second apart').to.deep.equal([]);
    expect(r.log.length, '50 asks in 1 s became few requests').to.be.at.most(3);
    expect(new Set(all).size, 'asks waiting together share one answer').to.equal(r.log.length);
  });

  it('an ask while a request is in flight gets a fresh request after it, never the answer that was already on its way', async () => {
    const gate = new StatusGate();
    const r = requests(clock);
    const first = gate.run('k', r.task('k'));
    await clock.tickAsync(10);
    const second = gate.run('k', r.task('k'));
    await clock.tickAsync(10);
    expect(r.log.length, 'the second waits while the first is in flight').to.equal(1);
    r.log[0]!.answer('old');
    expect(await first).to.equal('old');
    await clock.tickAsync(MIN_STATUS_GAP_MS);
    expect(r.log.length).to.equal(2);
    r.log[1]!.answer('new');
    expect(await second).to.equal('new');
  });

  it('different routes of one card also take turns', async () => {
    const gate = new StatusGate();
    const r = requests(clock);
    void gate.run('a', r.task('a'));
    void gate.run('b', r.task('b'));
    await clock.tickAsync(10);
    expect(r.log.map((c) => c.key)).to.deep.equal(['a']);
    r.log[0]!.answer('a');
    await clock.tickAsync(MIN_STATUS_GAP_MS);
    expect(r.log.map((c) => `${c.key}@${c.at - r.log[0]!.at}`)).to.deep.equal(['a@0', `b@${MIN_STATUS_GAP_MS}`]);
  });

  it('a caller that leaves drops only its own wait; the request is aborted when the last one leaves', async () => {
    const gate = new StatusGate();
    const r = requests(clock);
    const a = new AbortController();
    const b = new AbortController();
    const pa = gate.run('k', r.task('k'), a.signal);
    const pb = gate.run('k', r.task('k'), b.signal);
    await clock.tickAsync(0);
    a.abort();
    await pa.then(() => expect.fail('an aborted caller got an answer'), (e: DOMException) => expect(e.name).to.equal('AbortError'));
    expect(r.log[0]!.aborted(), 'still wanted by the other caller').to.equal(false);
    b.abort();
    await pb.catch(() => undefined);
    expect(r.log[0]!.aborted(), 'nobody wants it: aborted').to.equal(true);
  });

  it('dispose ends every wait and request: no timer, no later request', async () => {
    const gate = new StatusGate();
    const r = requests(clock);
    const first = gate.run('k', r.task('k')).catch((e: DOMException) => e.name);
    await clock.tickAsync(0);
    r.log[0]!.answer('x');
    await first;
    const waiting = gate.run('k', r.task('k')).catch((e: DOMException) => e.name);
    await clock.tickAsync(0);
    expect(clock.countTimers(), 'waiting for the 1 s gap').to.equal(1);
    gate.dispose();
    expect(await waiting).to.equal('AbortError');
    expect(clock.countTimers()).to.equal(0);
    await clock.tickAsync(5000);
    expect(r.log.length).to.equal(1);
  });
});
