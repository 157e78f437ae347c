import { LitElement } from 'lit';
import { createCwEvent, type CwEventDetailMap, type CwEventName } from '../events.js';
import { VERSION } from '../version.js';

/**
 * Base for every cw-* element: typed events, and a `define()` that never throws, so a page that
 * loads the bundle twice (or a host that already registered the tag) keeps working.
 */
export class CwElement extends LitElement {
  static readonly version: string = VERSION;

  /** Registers this class as `tag`. Safe when the tag exists: warns and keeps the first one. */
  static define(tag: string): void {
    const existing = customElements.get(tag);
    if (existing) {
      if (existing !== this) {
        const theirs = (existing as unknown as { version?: string }).version ?? 'unknown';
        const note = theirs === this.version ? `version ${theirs}` : `versions ${theirs} (registered) and ${this.version} (ignored)`;
        console.warn(`cw-auth-elements: <${tag}> is already defined; keeping the first registration (${note}).`);
      }
      return;
    }
    // A constructor can be registered under one name only; give other names a subclass.
    const ctor = customElements.getName(this) ? class extends this {} : this;
    customElements.define(tag, ctor);
  }

  /** Dispatches a typed, bubbling, composed `cw-*` event. */
  protected emit<K extends CwEventName>(name: K, detail: CwEventDetailMap[K]): boolean {
    return this.dispatchEvent(createCwEvent(name, detail));
  }
}
