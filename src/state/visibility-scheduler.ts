/**
 * Per-card requests wait for their card: a task runs once its element is in or near the viewport
 * (an IntersectionObserver with a margin of about one screen), and at most `maxInFlight` tasks
 * run at once across everything that shares the scheduler (`<cw-auth-providers>` shares one with
 * its cards; a card on its own has its own).
 *
 * A card that is not rendered (inside `display: none`, a closed `<details>`, a zero-height
 * clipping box) waits until it is: the observer reports it the moment it shows. Without
 * IntersectionObserver (old engines, some test DOMs) tasks only wait for a free slot.
 *
 * Nothing outlives its caller: a task whose signal aborts while waiting is dropped (its promise
 * rejects with the signal's reason), an element without waiting tasks is no longer observed, and
 * `dispose()` drops everything and stops the observer.
 */

/** Requests per list in flight at once (issue 10: at most 4). */
export const MAX_IN_FLIGHT = 4;
/** "Near the viewport": one screen above and below. */
export const NEAR_VIEWPORT_MARGIN = '100% 0px';

interface Waiting {
  element: Element;
  start: () => void;
  drop: (reason: unknown) => void;
  /** Takes one of the `maxInFlight` slots (a request); `whenNear` waiters do not. */
  slot: boolean;
}

export interface VisibilitySchedulerOptions {
  maxInFlight?: number;
  rootMargin?: string;
}

export class VisibilityScheduler {
  private readonly maxInFlight: number;
  private readonly rootMargin: string;
  private observer: IntersectionObserver | undefined;
  /** Tasks per element that is not near the viewport yet. */
  private readonly hidden = new Map<Element, Set<Waiting>>();
  /** Near the viewport, waiting for a free slot, in arrival order. */
  private readonly ready: Waiting[] = [];
  private running = 0;

  constructor(options: VisibilitySchedulerOptions = {}) {
    this.maxInFlight = Math.max(1, Math.floor(options.maxInFlight ?? MAX_IN_FLIGHT));
    this.rootMargin = options.rootMargin ?? NEAR_VIEWPORT_MARGIN;
  }

  /** Tasks running now. */
  get inFlight(): number {
    return this.running;
  }

  /** Tasks waiting for their element or for a slot. */
  get waiting(): number {
    let n = this.ready.length;
    for (const set of this.hidden.values()) n += set.size;
    return n;
  }

  /**
   * Runs `task` once `element` is near the viewport and a slot is free. Rejects with the
   * signal's reason when `signal` aborts before it starts; once started, `task` gets `signal`
   * and its own settling frees the slot.
   */
  run<T>(element: Element, task: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    return this.wait(element, task, signal, true);
  }

  /**
   * Resolves once `element` is near the viewport, without a slot (nothing is sent): what a card
   * in a long list waits for before it renders its fields and flows. Rejects like `run` on abort.
   */
  whenNear(element: Element, signal: AbortSignal): Promise<void> {
    return this.wait(element, () => Promise.resolve(), signal, false);
  }

  private wait<T>(element: Element, task: (signal: AbortSignal) => Promise<T>, signal: AbortSignal, slot: boolean): Promise<T> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        this.forget(waiting);
        reject(signal.reason);
      };
      const waiting: Waiting = {
        element,
        slot,
        start: () => {
          signal.removeEventListener('abort', onAbort);
          if (!slot) {
            resolve(task(signal));
            return;
          }
          this.running += 1;
          let settled: Promise<T>;
          try {
            settled = task(signal);
          } catch (error) {
            settled = Promise.reject(error);
          }
          settled.then(resolve, reject).finally(() => {
            this.running -= 1;
            this.pump();
          });
        },
        drop: (reason) => {
          signal.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const observer = this.observe();
      if (!observer) {
        if (!slot) waiting.start();
        else {
          this.ready.push(waiting);
          this.pump();
        }
        return;
      }
      let set = this.hidden.get(element);
      if (!set) {
        this.hidden.set(element, (set = new Set()));
        observer.observe(element);
      }
      set.add(waiting);
    });
  }

  /** Drops every waiting task (rejected with an AbortError) and stops observing. */
  dispose(): void {
    const reason = new DOMException('The scheduler was disposed.', 'AbortError');
    const all = [...this.ready, ...[...this.hidden.values()].flatMap((set) => [...set])];
    this.ready.length = 0;
    this.hidden.clear();
    this.observer?.disconnect();
    this.observer = undefined;
    for (const waiting of all) waiting.drop(reason);
  }

  private observe(): IntersectionObserver | undefined {
    if (this.observer || typeof IntersectionObserver === 'undefined') return this.observer;
    this.observer = new IntersectionObserver((entries) => this.onEntries(entries), { rootMargin: this.rootMargin });
    return this.observer;
  }

  private onEntries(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const set = this.hidden.get(entry.target);
      if (!set) continue;
      this.hidden.delete(entry.target);
      this.observer?.unobserve(entry.target);
      for (const waiting of set) {
        if (waiting.slot) this.ready.push(waiting);
        else waiting.start();
      }
    }
    this.pump();
  }

  private forget(waiting: Waiting): void {
    const at = this.ready.indexOf(waiting);
    if (at >= 0) this.ready.splice(at, 1);
    const set = this.hidden.get(waiting.element);
    if (set?.delete(waiting) && set.size === 0) {
      this.hidden.delete(waiting.element);
      this.observer?.unobserve(waiting.element);
    }
  }

  private pump(): void {
    while (this.running < this.maxInFlight && this.ready.length) this.ready.shift()!.start();
  }
}
