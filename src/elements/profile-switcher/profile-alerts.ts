import { html, nothing } from 'lit';
import type { ApiError, ProviderUsage } from '../../api-client/errors.js';
import { describeError } from '../../providers/error-text.js';
import type { ProfileActivity } from '../../providers/profiles.controller.js';
import type { CoreStringKey } from '../../strings/en-core.js';
import type { ProfileText } from './profile-text.js';

/** The switcher's failure messages, each with its way forward (Dismiss, Retry). */

function usageText({ s }: ProfileText, usage: ProviderUsage): string {
  const label = usage.label || usage.feature;
  const text = usage.role ? s('flow.inUse.usage', { label, role: usage.role }) : label;
  return usage.enabled === false ? s('flow.inUse.disabled', { label: text }) : text;
}

/** The live alert region: empty unless an add, rename or delete failed. */
export function activityAlert(a: ProfileActivity, text: ProfileText, providerLabel: string, onDismiss: () => void) {
  const { t, s } = text;
  if (a.kind !== 'error') return html`<div part="alert" class="alert" role="alert"></div>`;
  const key: CoreStringKey = a.action === 'add' ? 'profiles.error.add' : a.action === 'rename' ? 'profiles.error.rename' : 'profiles.error.delete';
  const described = describeError(a.error, t, providerLabel);
  const usages = a.error.code === 'provider_in_use' ? a.error.usages ?? [] : [];
  return html`<div part="alert" class="alert" role="alert">
    <p class="error">${s(key, { message: described.message })}</p>
    ${described.detail ? html`<p class="detail">${described.detail}</p>` : nothing}
    ${usages.length
      ? html`<p>${t['profiles.inUse.fix']}</p>
          <ul part="usages" class="usages">
            ${usages.map((u) => html`<li>${usageText(text, u)}</li>`)}
          </ul>`
      : nothing}
    <div class="row">
      <button part="button" class="button button--small" type="button" @click=${onDismiss}>${t['profiles.dismiss']}</button>
    </div>
  </div>`;
}

/** The profile list could not be read while a profile other than the default is chosen. */
export function listFailure(error: ApiError, { t, s }: ProfileText, providerLabel: string, onRetry: () => void) {
  const described = describeError(error, t, providerLabel);
  return html`<div part="profiles" class="profiles">
    <div part="alert" class="alert" role="alert">
      <p class="error">${s('profiles.error.list', { message: described.message })}</p>
      ${described.detail ? html`<p class="detail">${described.detail}</p>` : nothing}
      <div class="row">
        <button part="button" class="button button--small" type="button" @click=${onRetry}>${t['profiles.retry']}</button>
      </div>
    </div>
  </div>`;
}
