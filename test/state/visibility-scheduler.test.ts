import { expect, inView } from '../helpers.js';
import { VisibilityScheduler } from '../../src/state/visibility-scheduler.js';

/** A task that stays running until released. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { release, task: () => done };
}

describe('VisibilityScheduler', () => {
  let box: HTMLDivElement;
  beforeEach(() => {
    box = document.createElement('div');
    document.body.append(box);
  });
  afterEach(() => box.remove());

  const element = (style = 'height: 20px') => {
    const el = document.createElement('div');
    el.setAttribute('style', style);
    box.append(el);
    return el;
  };

  it('runs at most 4 tasks at once; the next starts when one settles', async () => {
    const scheduler = new VisibilityScheduler();
    const gates = Array.from({ length: 7 }, gate);
    const started: number[] = [];
    const signal = new AbortController().signal;
    const results = gates.map((g, i) =>
      scheduler.run(element(), () => (started.push(i), g.task()), signal),
    );
    await inView();
    expect(started).to.deep.equal([0, 1, 2, 3]);
    expect([scheduler.inFlight, scheduler.waiting]).to.deep.equal([4, 3]);
    gates[2]!.release();
    await results[2];
    await Promise.resolve();
    expect(started).to.deep.equal([0, 1, 2, 3, 4]);
    for (const g of gates) g.release();
    await Promise.all(results);
    expect([scheduler.inFlight, scheduler.waiting]).to.deep.equal([0, 0]);
  });

  it('an element far below the viewport waits until it is scrolled near; one a screen away does not', async () => {
    const scheduler = new VisibilityScheduler();
    const signal = new AbortController().signal;
    const near = element(`height: 20px; margin-top: ${Math.round(innerHeight * 1.5)}px`);
    const far = element(`height: 20px; margin-top: ${innerHeight * 4}px`);
    const ran: string[] = [];
    const nearDone = scheduler.run(near, async () => void ran.push('near'), signal);
    const farDone = scheduler.run(far, async () => void ran.push('far'), signal);
    await inView();
    await nearDone;
    expect(ran).to.deep.equal(['near']);
    far.scrollIntoView();
    await inView();
    await farDone;
    expect(ran).to.deep.equal(['near', 'far']);
    scrollTo(0, 0);
  });

  it('whenNear: resolves once the element is near, without a slot: 4 requests in flight do not hold it back', async () => {
    const scheduler = new VisibilityScheduler();
    const signal = new AbortController().signal;
    const gates = Array.from({ length: 4 }, gate);
    const running = gates.map((g) => scheduler.run(element(), g.task, signal));
    const far = element(`height: 20px; margin-top: ${innerHeight * 4}px`);
    let near = false;
    const nearDone = scheduler.whenNear(far, signal).then(() => (near = true));
    await inView();
    expect([scheduler.inFlight, near], 'four in flight; the far element not near yet').to.deep.equal([4, false]);
    far.scrollIntoView();
    await inView();
    await nearDone;
    expect([scheduler.inFlight, near], 'near while all four slots are still taken').to.deep.equal([4, true]);
    for (const g of gates) g.release();
    await Promise.all(running);
    scrollTo(0, 0);
  });

  it('whenNear: an aborted wait rejects with the reason and is forgotten', async () => {
    const scheduler = new VisibilityScheduler();
    const abort = new AbortController();
    const far = element(`height: 20px; margin-top: ${innerHeight * 4}px`);
    const waiting = scheduler.whenNear(far, abort.signal);
    expect(scheduler.waiting).to.equal(1);
    abort.abort(new Error('gone'));
    let reason: unknown;
    await waiting.catch((e: unknown) => (reason = e));
    expect((reason as Error).message).to.equal('gone');
    expect(scheduler.waiting).to.equal(0);
  });

  it('an element in a hidden container waits until the container shows, then runs (not lost)', async () => {
    const scheduler = new VisibilityScheduler();
    box.style.display = 'none';
    let ran = false;
    const done = scheduler.run(element(), async () => void (ran = true), new AbortController().signal);
    await inView();
    await inView();
    expect(ran, 'not while hidden').to.equal(false);
    expect(scheduler.waiting).to.equal(1);
    box.style.display = '';
    await inView();
    await done;
    expect(ran).to.equal(true);
  });

  it('an aborted waiting task never starts and rejects with the reason; dispose drops the rest', async () => {
    const scheduler = new VisibilityScheduler();
    box.style.display = 'none';
    const abort = new AbortController();
    let started = 0;
    const one = scheduler.run(element(), async () => void started++, abort.signal);
    const two = scheduler.run(element(), async () => void started++, new AbortController().signal);
    abort.abort(new DOMException('gone', 'AbortError'));
    const first = await one.then(() => 'resolved', (e: DOMException) => e.message);
    expect(first).to.equal('gone');
    expect(scheduler.waiting).to.equal(1);
    scheduler.dispose();
    const second = await two.then(() => 'resolved', (e: DOMException) => e.name);
    expect(second).to.equal('AbortError');
    box.style.display = '';
    await inView();
    expect([started, scheduler.waiting, scheduler.inFlight]).to.deep.equal([0, 0, 0]);
  });

  it('a task that throws frees its slot and rejects', async () => {
    const scheduler = new VisibilityScheduler({ maxInFlight: 1 });
    const signal = new AbortController().signal;
    const bad = scheduler.run(element(), () => {
      throw new Error('boom');
    }, signal);
    const good = scheduler.run(element(), async () => 'ok', signal);
    expect(await bad.then(() => '', (e: Error) => e.message)).to.equal('boom');
    expect(await good).to.equal('ok');
  });
});
