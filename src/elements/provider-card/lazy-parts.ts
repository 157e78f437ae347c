/**
 * Loading the card's lazy parts (src/registry.ts): one import per part for the whole page,
 * started when the browser is idle after the first paint, a failed load reported to the cards
 * showing it (with Retry, never an uncaught error), and `updateComplete` of those cards waiting
 * for a pending load. Only the cards waiting for a part re-render when it arrives.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PARTS, type PartKey, type PartModule } from '../../registry.js';

type Load = { kind: 'loading'; done: Promise<unknown> } | { kind: 'ready'; module: unknown } | { kind: 'failed' };

const loads = new Map<PartKey, Load>();
/** The hosts that rendered a part before it was ready, per part. */
const waiting = new Map<PartKey, Set<ReactiveControllerHost>>();

const idle = () =>
  new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve()) : setTimeout(resolve, 1)));

/** Loads `key` (after the browser is idle, when asked to). */
function start(key: PartKey, whenIdle = false): Load {
  const done = (whenIdle ? idle() : Promise.resolve())
    .then((): Promise<unknown> => PARTS[key].load())
    .then(
      (module) => loads.set(key, { kind: 'ready', module }),
      () => loads.set(key, { kind: 'failed' }),
    )
    .then(() => {
      const hosts = waiting.get(key);
      waiting.delete(key);
      hosts?.forEach((host) => host.requestUpdate());
    });
  const load: Load = { kind: 'loading', done };
  loads.set(key, load);
  return load;
}

/** A card's view of its lazy parts: their state for rendering, Retry, and a settled `updateComplete`. */
export class LazyParts implements ReactiveController {
  private readonly asked = new Set<PartKey>();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const key of this.asked) waiting.get(key)?.delete(this.host);
    this.asked.clear();
  }

  /**
   * `ready`, `loading` or `failed` for a part the card shows. A part not asked for yet is fetched
   * once the browser is idle after this paint, so a click rarely waits; a failed one waits for Retry.
   */
  state(key: PartKey): Load['kind'] {
    const kind = (loads.get(key) ?? start(key, true)).kind;
    if (kind !== 'ready') {
      let hosts = waiting.get(key);
      if (!hosts) waiting.set(key, (hosts = new Set()));
      hosts.add(this.host);
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
  async settle(updateComplete: () => Promise<boolean>): Promise<boolean> {
    let result = await updateComplete();
    for (;;) {
      const pending = [...this.asked].map((k) => loads.get(k)).filter((l): l is Extract<Load, { kind: 'loading' }> => l?.kind === 'loading');
      if (!pending.length) return result;
      await Promise.all(pending.map((l) => l.done));
      result = await updateComplete();
    }
  }
}
