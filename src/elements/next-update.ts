import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * "Once the host's next update ran": unlike `updateComplete`, which resolves at once when no
 * update is pending, this waits for the next one, e.g. the one that shows an answer handed over
 * now. Leaving the page ends every wait (no update may come).
 */
export class NextUpdate implements ReactiveController {
  private waiting: (() => void)[] = [];

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Resolves once the host's next update ran (or it left the page). */
  wait(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  hostUpdated(): void {
    this.release();
  }

  hostDisconnected(): void {
    this.release();
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
