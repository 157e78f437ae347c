/**
 * How a card's own requests are answered, so that mounting a list costs requests for what is
 * visible, not for the whole list:
 * - its first status from the list's all-providers answer (StatusHub) when that has the provider;
 *   on CrossWatch a connected card whose own route names the account still asks it, in view;
 * - its first profile list from CrossWatch's all-providers profile list likewise;
 * - everything else a card asks on mount (its own status and profile routes) waits until the card
 *   is near the viewport, at most 4 at once across the list (VisibilityScheduler).
 * Inside `<cw-auth-providers>` the hub and the scheduler come through context; a card on its own
 * has no hub and a scheduler of its own, dropped when it leaves the page.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { ProviderInstance } from '../api-client/types.js';
import type { StatusVia } from '../providers/connection-status.controller.js';
import { DEFAULT_PROFILE } from '../providers/profile-choice.js';
import type { ResolvedProvider } from '../providers/types.js';
import { SliceQueue } from '../state/slices.js';
import { VisibilityScheduler } from '../state/visibility-scheduler.js';
import { schedulerContext, statusHubContext } from './context.js';
import { NextUpdate } from './next-update.js';

/**
 * The cards an all-providers answer releases at once (every card rendered while it was on its
 * way: hundreds on a long list and a slow backend) apply it a few per task.
 */
const answered = new SliceQueue();

export class VisibleRequestsController implements ReactiveController {
  private readonly hub;
  private readonly shared;
  private own: VisibilityScheduler | undefined;
  /** The hub answers a card's first read only; later reads (another profile, Retry) are the card's. */
  private statusFromHub = true;
  private profilesFromHub = true;
  private readonly nextUpdate: NextUpdate;

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
    this.hub = new ContextConsumer(host, { context: statusHubContext, subscribe: true });
    this.shared = new ContextConsumer(host, { context: schedulerContext, subscribe: true });
    this.nextUpdate = new NextUpdate(host);
  }

  hostDisconnected(): void {
    this.own?.dispose();
    this.own = undefined;
    // Attached again, the card reads afresh: the list then serves a new all-providers answer.
    this.statusFromHub = this.profilesFromHub = true;
  }

  /**
   * Resolves on the card's turn in the list-wide queue; the turn ends once the card's next update
   * (which shows the answer) ran.
   */
  private inTurn(): Promise<void> {
    return new Promise<void>((resolve) =>
      void answered.run(() => {
        resolve();
        return this.nextUpdate.wait();
      }),
    );
  }

  private get scheduler(): VisibilityScheduler {
    return this.shared.value ?? (this.own ??= new VisibilityScheduler());
  }

  /** Runs `task` once the card is near the viewport and one of the list's slots is free. */
  whenVisible<T>(task: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    return this.scheduler.run(this.host, task, signal);
  }

  /** Resolves once the card is near the viewport (no slot taken: nothing is sent). */
  whenNear(signal: AbortSignal): Promise<void> {
    return this.scheduler.whenNear(this.host, signal);
  }

  /** How the card's next status read is answered (see the module comment). */
  statusVia(provider: ResolvedProvider, instance: string | undefined): StatusVia {
    const hub = this.statusFromHub ? this.hub.value : undefined;
    this.statusFromHub = false;
    return async (ask, signal, early) => {
      // Token paths: the config the card already holds answers, without a request.
      if (!provider.routes.status) return ask(signal);
      const entry = await hub?.status(provider.manifest.name, signal);
      const answer = !instance || instance === DEFAULT_PROFILE ? entry : entry?.instances?.get(instance);
      if (answer) {
        await this.inTurn();
        if (hub?.shape !== 'crosswatch' || !(answer.connected && provider.routes.statusDetail)) return answer;
        early(answer);
      }
      return this.whenVisible(ask, signal);
    };
  }

  /** How the card's next profile-list read is answered. */
  profilesVia(provider: ResolvedProvider | undefined) {
    const hub = this.profilesFromHub ? this.hub.value : undefined;
    this.profilesFromHub = false;
    return async (list: (signal: AbortSignal) => Promise<ProviderInstance[]>, signal: AbortSignal): Promise<ProviderInstance[]> => {
      const answer = provider && (await hub?.instances(provider.manifest.name, signal));
      if (!answer) return this.whenVisible(list, signal);
      await this.inTurn();
      return answer;
    };
  }
}
