/** Shared setup for the card and list tests: the bundled mock backend behind a tracked fetch. */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { sendKeys } from '@web/test-runner-commands';
import { createMockBackend, installMockFetch, type MockBackend, type MockBackendOptions } from '../support/mock.js';
import { trackFetch, type FetchTracker } from '../support/leaks.js';
import { createApiClient } from '../../src/api-client/client.js';
import type { ProviderManifest } from '../../src/api-client/types.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import type { CwProviderField } from '../../src/elements/provider-field/provider-field.component.js';

export interface TestBackend<B extends { handlers: RequestHandler[] } = MockBackend> {
  backend: B;
  fetches: FetchTracker;
  /** Handlers tried before the mock's own (per-test overrides). */
  use(...handlers: RequestHandler[]): void;
  restore(): void;
}

/** Any mock backend (contract or CrossWatch flavour) behind a tracked fetch, with per-test overrides. */
export function serveBackend<B extends { handlers: RequestHandler[] }>(backend: B): TestBackend<B> {
  const overrides: RequestHandler[] = [];
  const restoreMock = installMockFetch({
    get handlers() {
      return [...overrides, ...backend.handlers];
    },
  });
  const fetches = trackFetch();
  return {
    backend,
    fetches,
    use: (...handlers) => overrides.unshift(...handlers),
    restore() {
      fetches.restore();
      restoreMock();
    },
  };
}

export function startBackend(options: MockBackendOptions = {}): TestBackend {
  return serveBackend(createMockBackend(options));
}

/** A manifest as the client normalises it (fetched from the mock, not counted by the tracker). */
export async function manifestOf(name: string, tb: TestBackend): Promise<ProviderManifest> {
  const before = tb.fetches.calls.length;
  const list = await createApiClient().listProviders();
  tb.fetches.calls.splice(before);
  const manifest = list.manifests.find((m) => m.name === name);
  if (!manifest) throw new Error(`mock has no provider ${name}`);
  return manifest;
}

/** A providers route answering exactly this body. */
export const providersAnswer = (body: unknown) => http.get('*/api/auth/providers', () => HttpResponse.json(body as never));

/** Request paths (method + pathname) in order. */
export const paths = (tb: TestBackend) => tb.fetches.calls.map((c) => `${c.method} ${new URL(c.url, location.href).pathname}`);

/** querySelectorAll through every open shadow root. */
export function deepQueryAll(root: Element | ShadowRoot | Document, selector: string): Element[] {
  const found: Element[] = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...deepQueryAll(el.shadowRoot, selector));
  if (root instanceof Element && root.shadowRoot) found.push(...deepQueryAll(root.shadowRoot, selector));
  return found;
}

/** The text a person would read (through shadow roots), whitespace collapsed. */
export function deepText(root: Element | ShadowRoot): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof HTMLStyleElement) return;
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Waits until `check` passes (re-running it after every macrotask), or fails with its last error. */
export async function until<T>(check: () => T | Promise<T>, timeoutMs = 3000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      last = error;
    }
    if (performance.now() > deadline) throw last;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The card's `<cw-provider-field>` for a manifest field key; throws when the card has none. */
export function fieldOf(card: CwProviderCard, key: string): CwProviderField {
  const field = [...card.shadowRoot!.querySelectorAll<CwProviderField>('cw-provider-field')].find((f) => f.state?.field.key === key);
  if (!field) throw new Error(`no field ${key}`);
  return field;
}

/** The `<input>` inside the card's field for `key`. */
export const inputOf = (card: CwProviderCard, key: string): HTMLInputElement =>
  fieldOf(card, key).shadowRoot!.querySelector<HTMLInputElement>('input')!;

/** Replaces the field's value by typing `text` with real key presses, then waits for the card to update. */
export async function typeInto(card: CwProviderCard, key: string, text: string): Promise<void> {
  const input = inputOf(card, key);
  input.focus();
  input.select();
  await sendKeys({ type: text });
  await card.updateComplete;
}

export const XSS = '<img src=x onerror="window.__cwPwned=1"><script>window.__cwPwned=1</script>';
