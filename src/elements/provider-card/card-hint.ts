/** The card's hint part: which required keys are still empty (as the user types), and where to get them. */
import { html, nothing } from 'lit';
import { requiredFieldsFor } from '../../providers/describe.js';
import type { ResolvedProvider } from '../../providers/types.js';
import { isEmpty, type FieldState } from '../../state/field-state.js';
import type { Strings } from '../../strings/en.js';
import { format } from '../../strings/format.js';
import { hasOwnAppWay } from './card-flow.js';
import { COPY_PARTS } from './card-parts.js';

/** Required fields (for the current flow) that are still empty. */
export function missingFields(provider: ResolvedProvider, states: readonly FieldState[]): FieldState[] {
  // With an own-app way the keys are that way's, never the keyless device flow's.
  const flow = hasOwnAppWay(provider) ? 'oauth' : provider.flow;
  const required = new Set(requiredFieldsFor(provider, flow).map((f) => f.key));
  return states.filter((s) => required.has(s.field.key) && isEmpty(s));
}

export function renderHint(provider: ResolvedProvider, states: readonly FieldState[], t: Strings) {
  const missing = missingFields(provider, states);
  if (missing.length === 0) return nothing;
  const label = { provider: provider.label };
  const names = missing.map((s) => s.field.label).join(t['flow.listSeparator'] ?? ', ');
  return html`
    <div part="hint" class="hint" id="hint">
      <p>${format(t[hasOwnAppWay(provider) ? 'card.hint.missingOwnApp' : 'card.hint.missing'], { ...label, fields: names })}</p>
      ${provider.helpUrl
        ? html`<p>
            <a part="link" class="link" href=${provider.helpUrl} target="_blank" rel="noopener noreferrer">${format(t['card.hint.help'], label)}</a>
          </p>`
        : nothing}
      ${provider.redirectUrl
        ? html`<div class="redirect">
            <span>${format(t['card.hint.redirect'], label)}</span>
            <code part="code">${provider.redirectUrl}</code>
            <cw-copy-button exportparts=${COPY_PARTS} .value=${provider.redirectUrl} label=${t['card.hint.copyRedirect']}></cw-copy-button>
          </div>`
        : nothing}
    </div>
  `;
}
