/**
 * Registers every element under its default `cw-*` tag (safe to load twice, see CwElement.define).
 * The list, the card and what its first paint shows are registered here; the connect flows, the
 * connection actions, the account profile picker and `<cw-profile-switcher>` are lazy parts
 * (src/registry.ts) a card loads and registers when it shows them; `await loadParts()` registers
 * them earlier, e.g. to use a flow element on its own.
 */
import './elements/copy-button/copy-button.js';
import './elements/provider-field/provider-field.js';
import './elements/provider-card/provider-card.js';
import './elements/auth-providers/auth-providers.js';
