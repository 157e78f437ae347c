/**
 * Loading the card's lazy parts (src/registry.ts): one import per part for the whole page,
 * started when the browser is idle after the first paint (or at once when a card shows it), a
 * failed load reported to the cards showing it (with Retry, never an uncaught error), and
 * `updateComplete` of those cards waiting for a pending load.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PARTS, type PartKey } from '../../registry.js';

type Load = { kind: 'loading'; done: Promise<unknown> } | { kind: 'ready' } | { kind: 'failed' };

const loads = new Map<PartKey, Load>();
const waiting = new Set<ReactiveControllerHost>();

const idle = () =>
  new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve()) : setTimeout(resolve, 1)));

/** Loads `key` (after the browser is idle, when asked to). */
function start(key: PartKey, whenIdle = false): Load {
  const done = (whenIdle ? idle() : Promise.resolve()).then((): Promise<unknown> => PARTS[key].load()).then(
    () => loads.set(key, { kind: 'ready' }),
    () => loads.set(key, { kind: 'failed' }),
  );
  const load: Load = { kind: 'loading', done };
  loads.set(key, load);
  void done.then(() => {
    for (const host of waiting) host.requestUpdate();
  });
  return load;
}

/** Starts loading `key` unless it is loaded or loading; returns where it stands. */
export function loadPart(key: PartKey): Load {
  const load = loads.get(key);
  return load && load.kind !== 'failed' ? load : start(key);
}


/** A card's view of its lazy parts: their state for rendering, Retry, and a settled `updateComplete`. */
export class LazyParts implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    waiting.add(this.host);
  }

  hostDisconnected(): void {
    waiting.delete(this.host);
  }

  /**
   * `ready`, `loading` or `failed` for a part the card shows. A part not asked for yet is fetched
   * once the browser is idle after this paint, so a click rarely waits; a failed one waits for Retry.
   */
  state(key: PartKey): Load['kind'] {
    return (loads.get(key) ?? start(key, true)).kind;
  }

  /** Loads the failed parts again. */
  retry(keys: readonly PartKey[]): void {
    for (const key of keys) if (loads.get(key)?.kind === 'failed') start(key);
    this.host.requestUpdate();
  }

  /** Waits for every part still loading, then for the update that shows it. */
  async settle(updateComplete: () => Promise<boolean>): Promise<boolean> {
    let result = await updateComplete();
    for (;;) {
      const pending = [...loads.values()].filter((l): l is Extract<Load, { kind: 'loading' }> => l.kind === 'loading');
      if (!pending.length) return result;
      await Promise.all(pending.map((l) => l.done));
      result = await updateComplete();
    }
  }
}
