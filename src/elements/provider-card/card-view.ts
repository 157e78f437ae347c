/** The card's plain markup: a failure with Retry, and the card without a usable manifest. */
import { html, nothing, type TemplateResult } from 'lit';
import type { ApiError } from '../../api-client/errors.js';
import type { CoreStrings } from '../../strings/en-core.js';
import { format } from '../../strings/format.js';

/** Something the card could not load (status, settings, a lazy part): what went wrong, and Retry. */
export function renderProblem(text: string, retry: () => void, t: CoreStrings): TemplateResult {
  return html`
    <div class="problem" role="alert">
      <p>${text}</p>
      <button part="button" class="button button--small" type="button" @click=${retry}>${t['card.retry']}</button>
    </div>
  `;
}

/**
 * A card whose backend knowledge (an adapter's chunk) is on its way: its title and a loading
 * line; when the chunk failed, what went wrong and Retry.
 */
export function renderWaitingCard(label: string, failed: (() => void) | undefined, headingLevel: number, t: CoreStrings): TemplateResult {
  return html`
    <article part="card" class="card theme-scope" lang=${t['meta.locale']} aria-labelledby="title">
      <div part="title" class="title" id="title" role="heading" aria-level=${headingLevel}>${label}</div>
      ${failed
        ? renderProblem(format(t['card.backendLoadFailed'], { provider: label }), failed, t)
        : html`<p class="loading" role="status">${t['card.loading']}</p>`}
    </article>
  `;
}

/** No manifest, or one the card cannot use: a titled card that says so. */
export function renderNoProvider(error: ApiError | undefined, headingLevel: number, t: CoreStrings): TemplateResult {
  return html`
    <article part="card" class="card theme-scope" lang=${t['meta.locale']} aria-labelledby="title">
      <div part="title" class="title" id="title" role="heading" aria-level=${headingLevel}>${error ? t['list.invalid.title'] : t['card.noManifest']}</div>
      ${error ? html`<p class="message error">${format(t['list.invalid.detail'], { message: error.message })}</p>` : nothing}
    </article>
  `;
}
