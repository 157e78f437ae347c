import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The loading skeleton appears only when loading takes longer than this (no flicker). */
export const SKELETON_DELAY_MS = 250;

/** Whether the list shows its loading skeleton: only once a load has taken SKELETON_DELAY_MS. */
export class DelayedSkeleton implements ReactiveController {
  shown = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Hides the skeleton; with `delay`, it appears once loading takes SKELETON_DELAY_MS. */
  reset(delay = false): void {
    clearTimeout(this.timer);
    this.show(false);
    this.timer = delay ? setTimeout(() => this.show(true), SKELETON_DELAY_MS) : undefined;
  }

  private show(shown: boolean): void {
    if (shown === this.shown) return;
    this.shown = shown;
    this.host.requestUpdate();
  }
}
