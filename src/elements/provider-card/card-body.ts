/** The card's body: the hint, the fields and Save, the flow slot; and when it shows. */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ConfigObject } from '../../api-client/types.js';
import type { ResolvedProvider } from '../../providers/types.js';
import { valuesForConnect } from '../../state/field-state.js';
import type { Strings } from '../../strings/en.js';
import type { CardFields } from './card-fields.js';
import { renderFlowSlot } from './card-flow.js';
import { renderHint } from './card-hint.js';
import type { FlowEvents } from './flow-events.js';
import type { LazyParts } from './lazy-parts.js';

export interface CardBody {
  provider: ResolvedProvider;
  form: CardFields;
  config: ConfigObject;
  connected: boolean;
  instance: string | undefined;
  parts: LazyParts;
  events: () => FlowEvents;
  t: Strings;
}

/** The hint for missing keys, the fields with Save, and the flow slot below them. */
export function renderCardBody({ provider, form, config, connected, instance, parts, events, t }: CardBody): TemplateResult {
  return html`
    ${renderHint(provider, form.states, t)} ${form.renderFields()} ${form.renderFooter()}
    ${renderFlowSlot({ provider, connected, instance, values: () => valuesForConnect(form.states), saving: form.saving, config, t, parts, events })}
  `;
}

/**
 * Whether a card shows its body (fields, Save, the flow slot, the profile switcher) yet. A card
 * the list marks `deferBody` (a long list's cards after its first chunk) shows its header, notes
 * and hint at once, and its body from the first time it is near the viewport on: each field is
 * work for the page's style and layout and for Chromium's password-autofill scan of every form
 * field on the page (issue 10 §3: with 5,000 cards the scans alone were tasks of 150–175 ms).
 * A body once shown stays.
 */
export class CardBodyGate implements ReactiveController {
  /** Near the viewport once, or never deferred: the body shows from then on. */
  private near = false;
  private waiting?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { deferBody: boolean },
    private readonly whenNear: (signal: AbortSignal) => Promise<void>,
  ) {
    host.addController(this);
  }

  /** True once the body may render; while not, starts waiting for the card to come near. */
  get open(): boolean {
    if (this.near || !this.host.deferBody) return (this.near = true);
    if (!this.waiting && this.host.isConnected) {
      const waiting = (this.waiting = new AbortController());
      this.whenNear(waiting.signal).then(
        () => {
          if (this.waiting !== waiting) return;
          this.waiting = undefined;
          this.near = true;
          this.host.requestUpdate();
        },
        () => undefined,
      );
    }
    return false;
  }

  hostDisconnected(): void {
    this.waiting?.abort();
    this.waiting = undefined;
  }
}
