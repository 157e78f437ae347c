import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiError } from '../../api-client/errors.js';
import type { ProviderManifest } from '../../api-client/types.js';
import { describeError } from '../../providers/error-text.js';
import type { Strings } from '../../strings/en.js';
import { format } from '../../strings/format.js';
import type { Theme } from '../../styles/theme.js';
import { CARD_PARTS } from '../provider-card/provider-card.component.js';
import type { Item } from './list-view.js';

/** The list's markup pieces; the element only picks which one shows. */

export const skeleton = (t: Strings) => html`<div part="list" class="group">
  <p class="visually-hidden" role="status">${t['list.loading']}</p>
  <div class="cards" aria-hidden="true">
    ${[0, 1, 2].map(() => html`<div part="skeleton" class="skeleton"></div>`)}
  </div>
</div>`;

export function loadError(error: ApiError, t: Strings, retry: () => void) {
  const text = describeError(error, t, t['list.providerFallback']);
  const message = text.detail ? `${text.message} ${text.detail}` : text.message;
  return html`<div part="state" class="state error" role="alert">
    <p>${format(t['list.error'], { message })}</p>
    <button part="button" class="button" type="button" @click=${retry}>${t['list.retry']}</button>
  </div>`;
}

/** What every card of the list is given besides its manifest. */
export type CardOptions = {
  theme?: Theme;
  autosave: boolean;
  profilesFor: (manifest: ProviderManifest) => 'auto' | 'on' | 'off' | undefined;
  /** Cards from this display position on show their body once near the viewport. */
  deferFrom: number;
};

/** The cards of one section; `offset`: the display position of its first item. */
export function cardList(items: Item[], offset: number, level: number, t: Strings, o: CardOptions) {
  return html`<ul class="cards" role="list">
    ${repeat(
      items,
      (item) => (item.kind === 'card' ? `card:${item.manifest.name}` : `invalid:${item.invalid.index}`),
      (item, i) =>
        item.kind === 'card'
          ? html`<li>
              <cw-provider-card
                exportparts=${CARD_PARTS}
                .manifest=${item.manifest}
                heading-level=${level}
                theme=${ifDefined(o.theme)}
                profiles=${ifDefined(o.profilesFor(item.manifest))}
                ?autosave=${o.autosave}
                .deferBody=${offset + i >= o.deferFrom}
              ></cw-provider-card>
            </li>`
          : html`<li>
              <div part="card invalid" class="invalid">
                <div class="title" role="heading" aria-level=${level}>
                  ${item.invalid.name ? format(t['list.invalid.named'], { name: item.invalid.name }) : t['list.invalid.title']}
                </div>
                <p>${format(t['list.invalid.detail'], { message: item.invalid.error.message })}</p>
              </div>
            </li>`,
    )}
  </ul>`;
}
