/**
 * Connection status and the actions on an existing connection: refresh, and disconnect with a
 * confirm step. A 409 `provider_in_use` keeps the server's message and the usages it lists. The
 * status half (ConnectionStatusController) is in the entry; this comes with the connection parts.
 */
import type { ProviderStatus } from '../api-client/types.js';
import { ErrorCodes } from '../api-client/errors.js';
import { ConnectionStatusController } from './connection-status.controller.js';
import { isAbort, notReady, toApiError } from './flow-state.js';
// Loaded with the flow controllers, so the client's import() of the flow answers' validators
// finds them there (no fetch between a flow's answer and its screen).
import '../api-client/flow-responses.js';

export {
  ConnectionStatusController,
  type ConnectionAction,
  type ConnectionOptions,
  type ConnectionStatus,
  type StatusVia,
} from './connection-status.controller.js';

export class ConnectionController extends ConnectionStatusController {
  refresh(): void {
    if (this.busy) return;
    // Only a known earlier expiry tells a renewed token ("ok") from one kept as it was ("fresh").
    const refreshedAt = this.status.kind === 'connected' && this.status.expiresAt !== undefined ? Date.now() : undefined;
    this.act('refresh', (result) => {
      const prevAccount = this.status.kind === 'connected' ? this.status.account : undefined;
      if (result?.connected) this.setConnected(result.account ?? prevAccount, result.expiresAt, refreshedAt);
      this.setAction({ kind: 'idle', notice: 'refreshed' });
      this.options.onRefreshed?.(this.status);
    });
  }

  /** First step: ask for confirmation. */
  requestDisconnect(): void {
    if (this.busy) return;
    this.setAction({ kind: 'confirming' });
  }

  /**
   * Another provider or profile: a refresh or disconnect still running is for the old one. Its
   * request is aborted and its answer ignored.
   */
  abortAction(): void {
    this.actionAbort?.abort();
    this.actionAbort = undefined;
    if (this.busy) this.setAction({ kind: 'idle' });
  }

  cancelDisconnect(): void {
    if (this.action.kind === 'confirming' || this.action.kind === 'in_use' || this.action.kind === 'error') {
      this.setAction({ kind: 'idle' });
    }
  }

  /** Second step: disconnect. Only from the confirm step, so one click never disconnects. */
  confirmDisconnect(): void {
    if (this.action.kind !== 'confirming') return;
    this.act('disconnect', () => {
      this.setStatus({ kind: 'disconnected' });
      this.setAction({ kind: 'idle', notice: 'disconnected' });
      // Tokens (and on Plex whole blocks) are gone on the server: let the fields catch up.
      this.options.getConfigStore?.()?.reload().catch(() => undefined);
    });
  }

  /**
   * Runs a refresh or a disconnect on the provider's route. An answer that arrives after the
   * action was replaced or the host left is dropped. A 409 `provider_in_use` on disconnect keeps
   * the server's usages.
   */
  private act(action: 'refresh' | 'disconnect', done: (result: ProviderStatus | void | undefined) => void): void {
    const api = this.options.getApi();
    const route = this.options.getProvider()?.routes[action];
    if (!api || !route) {
      this.setAction({ kind: 'error', action, error: notReady(!api) });
      return;
    }
    const abort = new AbortController();
    this.actionAbort = abort;
    this.setAction({ kind: action === 'refresh' ? 'refreshing' : 'disconnecting' });
    api[action](route, { signal: abort.signal, instance: this.options.getInstance?.() }).then(
      (result) => {
        if (this.actionAbort !== abort) return;
        this.actionAbort = undefined;
        done(result);
      },
      (error: unknown) => {
        if (this.actionAbort !== abort || isAbort(error, abort.signal)) return;
        this.actionAbort = undefined;
        const apiError = toApiError(error);
        this.setAction(
          action === 'disconnect' && apiError.code === ErrorCodes.providerInUse
            ? { kind: 'in_use', error: apiError }
            : { kind: 'error', action, error: apiError },
        );
      },
    );
  }
}
