/**
 * Loading the card's lazy parts (src/registry.ts): one import per part for the whole page,
 * started right after the first paint, a failed load reported to the cards
 * showing it (with Retry, never an uncaught error), and `updateComplete` of those cards waiting
 * for a pending load. Only the cards waiting for a part re-render when it arrives, a few per task
 * (a long list has thousands waiting: all at once was one task of several hundred ms).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PARTS, type PartKey, type PartModule } from '../../registry.js';
import { nextTask, runInSlices } from '../../state/slices.js';
import { settleUpdates } from '../../state/settle-updates.js';
import { NextUpdate } from '../next-update.js';

type Load = { kind: 'loading'; done: Promise<unknown> } | { kind: 'ready'; module: unknown } | { kind: 'failed' };

const loads = new Map<PartKey, Load>();
/** The cards that rendered a part before it was ready, per part, in the order they asked. */
const waiting = new Map<PartKey, Set<LazyParts>>();

/**
 * Right after the next paint (a task queued from the frame), not when the browser is idle: a long
 * list keeps it busy rendering chunks for seconds, and every card rendered meanwhile would render
 * twice (a loading line, then the part).
 */
const afterPaint = () =>
  new Promise<void>((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => void nextTask().then(resolve)) : setTimeout(resolve, 1)));

/** Loads `key` (after the next paint, when asked to). */
function start(key: PartKey, afterNextPaint = false): Load {
  const done = (afterNextPaint ? afterPaint() : Promise.resolve())
    .then((): Promise<unknown> => PARTS[key].load())
    .then(
      (module) => loads.set(key, { kind: 'ready', module }),
      () => loads.set(key, { kind: 'failed' }),
    )
    .then(() => {
      const cards = waiting.get(key);
      waiting.delete(key);
      // `done` (and so a waiting card's updateComplete) settles once every waiting card re-rendered.
      return runInSlices([...(cards ?? [])].map((card) => () => card.rerender()));
    });
  const load: Load = { kind: 'loading', done };
  loads.set(key, load);
  return load;
}

/**
 * Loads a part now, for what cards are about to paint (the list, for the backend adapters its
 * manifests need, while the config is still on its way). Resolves once it loaded or failed (a
 * failed one is the cards' to show, with Retry).
 */
export function preloadPart(key: PartKey): Promise<unknown> {
  const load = loads.get(key) ?? start(key);
  return load.kind === 'loading' ? load.done : Promise.resolve();
}

/** A card's view of its lazy parts: their state for rendering, Retry, and a settled `updateComplete`. */
export class LazyParts implements ReactiveController {
  private readonly asked = new Set<PartKey>();
  private readonly nextUpdate: NextUpdate;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
    this.nextUpdate = new NextUpdate(host);
  }

  hostDisconnected(): void {
    for (const key of this.asked) waiting.get(key)?.delete(this);
    this.asked.clear();
  }

  /** Re-renders the card (a part it waits for arrived); resolves once that update ran. */
  rerender(): Promise<void> {
    this.host.requestUpdate();
    return this.nextUpdate.wait();
  }

  /**
   * `ready`, `loading` or `failed` for a part the card shows. A part not asked for yet is fetched
   * right after this paint, so a click rarely waits (`now`: at once, for what the paint itself
   * needs, a backend adapter); a failed one waits for Retry.
   */
  state(key: PartKey, now = false): Load['kind'] {
    const kind = (loads.get(key) ?? start(key, !now)).kind;
    if (kind !== 'ready') {
      let cards = waiting.get(key);
      if (!cards) waiting.set(key, (cards = new Set()));
      cards.add(this);
      this.asked.add(key);
    }
    return kind;
  }

  /** What a ready part's chunk gives (its classes), else undefined. */
  module<K extends PartKey>(key: K): PartModule<K> | undefined {
    const load = loads.get(key);
    return load?.kind === 'ready' ? (load.module as PartModule<K>) : undefined;
  }

  /**
   * Loads the failed parts again: every failed one on the page, not only this card's (they share
   * files, and what failed one part failed the others), so one Retry mends every card.
   */
  retry(): void {
    for (const [key, load] of loads) if (load.kind === 'failed') start(key);
    this.host.requestUpdate();
  }

  /** Waits for every part this card asked for that is still loading, then for the update that shows it. */
  settle(updateComplete: () => Promise<boolean>): Promise<boolean> {
    return settleUpdates(updateComplete, () => {
      const pending = [...this.asked].map((k) => loads.get(k)).filter((l): l is Extract<Load, { kind: 'loading' }> => l?.kind === 'loading');
      return pending.length ? Promise.all(pending.map((l) => l.done)) : undefined;
    });
  }
}
