import type { ReactiveControllerHost } from 'lit';
import { ContextProvider } from '@lit/context';
import { statusHubContext } from '../context.js';
import type { AuthApi } from '../../api-client/api.js';
import type { ProviderList } from '../../api-client/types.js';
import { StatusHub } from '../../state/status-hub.js';
import { StatusGate } from '../../state/status-gate.js';
import { shapeOf } from './list-view.js';

/**
 * The all-providers answers of the list on screen, served to its cards through
 * `statusHubContext`: a new hub per loaded list, none while the list is off the page. The turns
 * per all-providers route outlive the hubs, so a list moved in a loop still asks once a second.
 */
export class ListStatus {
  private hub?: StatusHub;
  private readonly gates = new Map<string, StatusGate>();
  private readonly provider: ContextProvider<typeof statusHubContext>;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.provider = new ContextProvider(host, { context: statusHubContext });
  }

  /** Whether a hub serves the cards now. */
  get serving(): boolean {
    return this.hub !== undefined;
  }

  /** Serves the answers of `list`; the previous hub's requests end. */
  serve(api: AuthApi, list: ProviderList): void {
    this.set(new StatusHub(api, shapeOf(list), this.gate));
  }

  /** Ends the current hub's requests; the cards get no hub. */
  stop(): void {
    this.set(undefined);
  }

  private readonly gate = (route: string): StatusGate => {
    let gate = this.gates.get(route);
    if (!gate) this.gates.set(route, (gate = new StatusGate()));
    return gate;
  };

  private set(hub: StatusHub | undefined): void {
    this.hub?.dispose();
    this.hub = hub;
    this.provider.setValue(hub);
  }
}
