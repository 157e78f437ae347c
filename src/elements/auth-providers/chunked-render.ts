import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { settleUpdates } from '../../state/settle-updates.js';

/**
 * Cards rendered with the list itself: enough to fill a large screen. Longer lists render the rest
 * in later tasks (see `schedule`), so the first cards paint at once and no task blocks input.
 */
export const FIRST_CHUNK = 12;
/**
 * Lists up to this long render whole with the list: a second chunk would cost one more task and
 * one more frame before the last card shows, for a first paint only a few cards sooner.
 */
export const WHOLE_LIST_AT_ONCE = 24;
/** Script per later chunk (list update + the new cards' first renders), in ms of main thread. */
const CHUNK_BUDGET_MS = 40;
const MIN_CHUNK = 4;
const MAX_CHUNK = 400;

/**
 * How many items of a long list are rendered: FIRST_CHUNK at once, then chunk by chunk in later
 * tasks until all are. All rendered cards stay in the document in list order, so find-in-page,
 * the tab order and screen readers see a normal list (windowing would hide the cards off screen
 * from all three); `content-visibility: auto` on each card keeps off-screen cards from costing
 * style and layout. The chunk size adapts so that one chunk takes about CHUNK_BUDGET_MS.
 */
export class ChunkedRender implements ReactiveController {
  /** Items rendered so far, by chunks. */
  private rendered = FIRST_CHUNK;
  /** The pending next-chunk task (a MessageChannel port: no 4 ms timer clamp, and closing it cancels). */
  private task?: MessagePort;
  private size = FIRST_CHUNK;
  /** When the chunk being rendered was started (its cost sizes the next one). */
  private started = 0;
  /** When the frame after it began (its script was done by then), and the frame request marking it. */
  private scriptEnd?: number;
  private frame?: number;
  /** `updateComplete` callers waiting for the last chunk. */
  private waiters: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly hasUpdated: boolean },
    /** How many items the list has now (undefined: no list shown). */
    private readonly count: () => number | undefined,
  ) {
    host.addController(this);
  }

  /** Items to render now: a short list whole, a long one as far as its chunks got. */
  get limit(): number {
    const count = this.count();
    return count !== undefined && count <= WHOLE_LIST_AT_ONCE ? count : this.rendered;
  }

  /**
   * Items from this position on (display order) show their body once near the viewport: a long
   * list's cards after its first chunk (see card-body.ts). A short list shows every body at once.
   */
  get deferFrom(): number {
    const count = this.count();
    return count !== undefined && count > WHOLE_LIST_AT_ONCE ? FIRST_CHUNK : Infinity;
  }

  hostConnected(): void {
    // Re-attached mid-render: the remaining cards follow.
    if (this.host.hasUpdated) this.schedule();
  }

  hostDisconnected(): void {
    this.cancel();
  }

  hostUpdated(): void {
    this.schedule();
  }

  /** A first render of a list: FIRST_CHUNK items now, the rest chunk by chunk. */
  restart(): void {
    this.rendered = FIRST_CHUNK;
    this.size = FIRST_CHUNK;
    this.startClock();
  }

  /** Resolves after the host's update once no chunk is pending. */
  settle(update: () => Promise<boolean>): Promise<boolean> {
    return settleUpdates(update, () => (this.task ? new Promise<void>((resolve) => this.waiters.push(resolve)) : undefined));
  }

  private schedule(): void {
    const count = this.count();
    if (count === undefined || this.limit >= count || !this.host.isConnected) {
      this.cancel();
      return;
    }
    if (this.task) return;
    const channel = new MessageChannel();
    const task = channel.port1;
    this.task = task;
    task.onmessage = () => {
      task.close();
      if (this.task !== task) return;
      this.task = undefined;
      // What the last chunk's script cost (the list update, the cards' first renders) sizes the next.
      // A frame rendered in between is not counted: its cost grows with the list, not with the chunk,
      // and smaller chunks would only mean more frames.
      const spent = (this.scriptEnd ?? performance.now()) - this.started;
      // At most 1.5× the last one: one fast chunk (the CPU was free for a moment) must not make the next one long.
      const next = Math.min(this.size * 1.5, (this.size * CHUNK_BUDGET_MS) / Math.max(1, spent));
      this.size = Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, next)));
      this.startClock();
      this.rendered += this.size;
      this.host.requestUpdate();
      // The waiters re-check after this update (which schedules the next chunk, if any).
      this.release();
    };
    channel.port2.postMessage(null);
  }

  private cancel(): void {
    this.task?.close();
    this.task = undefined;
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.release();
  }

  /** A chunk starts now; the next frame marks the end of its script. */
  private startClock(): void {
    this.started = performance.now();
    this.scriptEnd = undefined;
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.scriptEnd = performance.now();
    });
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
