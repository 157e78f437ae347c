/**
 * The card's flow slot: which connect flow (or, once connected, which connection parts) a
 * provider gets, each a lazy part from the registry (src/registry.ts), with a loading line while
 * its chunk arrives and a message with Retry should it fail to load.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PartKey } from '../../registry.js';
import { missingKeys } from '../../providers/describe.js';
import type { ResolvedProvider } from '../../providers/types.js';
import type { ConfigObject } from '../../api-client/types.js';
import type { Strings } from '../../strings/en.js';
import { format } from '../../strings/format.js';
import { FLOW_PARTS } from './card-parts.js';
import { renderProblem } from './card-view.js';
import type { LazyParts } from './lazy-parts.js';
import type { FlowEvents } from './flow-events.js';

/** A device flow that can also run as OAuth with the user's own keys (CrossWatch's SIMKL). */
export function hasOwnAppWay(provider: ResolvedProvider): boolean {
  return provider.flow === 'device_code' && Boolean(provider.routes.device) && Boolean(provider.routes.authorize);
}

/** A password sign-in with a code approved on the user's own server as a second way (Quick Connect). */
function hasQuickConnectWay(provider: ResolvedProvider): boolean {
  const device = provider.routes.device;
  return device?.mode === 'poll' && Boolean(device.verifyAt);
}

/** The lazy parts the slot shows for this provider, connected or not. */
export function flowParts(provider: ResolvedProvider, connected: boolean): PartKey[] {
  if (connected) return provider.routes.accountProfiles ? ['connected', 'account_profile'] : ['connected'];
  const flow = provider.flow;
  if (flow === 'device_code') return hasOwnAppWay(provider) ? ['device_code', 'oauth'] : ['device_code'];
  if (flow === 'oauth') return ['oauth'];
  // A local provider with a connect route checks its values like a credentials one.
  if (flow === 'credentials' || (flow === 'local' && provider.routes.connect)) {
    return hasQuickConnectWay(provider) ? ['credentials', 'device_code'] : ['credentials'];
  }
  return []; // unknown flow, or local without a connect route: fields only
}

export interface FlowSlotInput {
  provider: ResolvedProvider;
  connected: boolean;
  instance: string | undefined;
  /** The typed values a credentials flow (and Quick Connect's start) sends. */
  values: () => Record<string, unknown>;
  saving: boolean;
  config: ConfigObject | undefined;
  t: Strings;
  parts: LazyParts;
  /**
   * The card's reactions to what its flows report (flow-events.ts, in the flows' chunk), made on
   * the first call: the slot calls it once its parts are there, before any flow can report. The
   * connection parts' own events do not bubble: their handlers go into the markup.
   */
  events: () => Pick<FlowEvents, 'onRefreshed' | 'onAccountProfileChange'>;
}

export function renderFlowSlot(input: FlowSlotInput): TemplateResult | typeof nothing {
  const { provider, instance, t, parts } = input;
  const keys = flowParts(provider, input.connected);
  if (!keys.length) return nothing;
  const states = [...keys, 'flow_events' as const].map((k) => parts.state(k));
  if (states.includes('failed')) {
    return renderProblem(t['card.flowLoadFailed'], () => parts.retry(), t);
  }
  // Not `.loading` (that is the settings load, which hides the card's body).
  if (states.includes('loading')) return html`<p class="loading-part" role="status">${t['card.flowLoading']}</p>`;
  const events = input.events();

  if (input.connected) {
    return html`<cw-connection-actions
        exportparts=${FLOW_PARTS}
        .provider=${provider}
        .instance=${instance}
        @cw-connection-refreshed=${events.onRefreshed}
      ></cw-connection-actions>${provider.routes.accountProfiles
        ? html`<cw-account-profile
            exportparts=${FLOW_PARTS}
            .provider=${provider}
            .instance=${instance}
            @cw-account-profile-change=${events.onAccountProfileChange}
          ></cw-account-profile>`
        : nothing}`;
  }
  const label = { provider: provider.label };
  if (keys[0] === 'device_code') {
    const device = html`<cw-device-flow exportparts=${FLOW_PARTS} .provider=${provider} .instance=${instance}></cw-device-flow>`;
    if (!hasOwnAppWay(provider)) return device;
    // The second way below the device flow: OAuth with the user's own app, once its keys are saved.
    const missing = missingKeys(provider, input.config, instance, 'oauth') ?? [];
    return html`${device}<div part="own-app" class="own-app" role="group" aria-labelledby="own-app-title">
        <p part="own-app-title" class="own-app-title" id="own-app-title">${format(t['card.ownApp.title'], label)}</p>
        <cw-oauth-flow exportparts=${FLOW_PARTS} .provider=${provider} .instance=${instance} .missingKeys=${missing}></cw-oauth-flow>
      </div>`;
  }
  if (keys[0] === 'oauth') {
    return html`<cw-oauth-flow exportparts=${FLOW_PARTS} .provider=${provider} .instance=${instance}></cw-oauth-flow>`;
  }
  const values = input.values();
  const credentials = html`<cw-credentials-flow
    exportparts=${FLOW_PARTS}
    .provider=${provider}
    .instance=${instance}
    .values=${values}
    .disabled=${input.saving}
  ></cw-credentials-flow>`;
  if (keys.length === 1) return credentials;
  // The second way below a password sign-in: a code the user approves on their own server
  // (Jellyfin Quick Connect), for accounts without a password (SSO) or to keep it out of the dashboard.
  return html`${credentials}<div part="quick-connect" class="own-app" role="group" aria-labelledby="quick-connect-title">
      <p part="quick-connect-title" class="own-app-title" id="quick-connect-title">${format(t['card.quickConnect.title'], label)}</p>
      <p class="own-app-note">${format(t['card.quickConnect.note'], label)}</p>
      <cw-device-flow exportparts=${FLOW_PARTS} .provider=${provider} .instance=${instance} .values=${values}></cw-device-flow>
    </div>`;
}
