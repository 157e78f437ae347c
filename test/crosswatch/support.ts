/**
 * The CrossWatch-flavoured mock (src/mock/crosswatch) behind a tracked fetch, for element tests
 * that must see CrossWatch's real routes, shapes, status codes, masking, gate and profiles.
 */
import { expect, fixture, fixtureCleanup, html } from '../helpers.js';
import { FakePopup, stubWindowOpen } from '../providers/flow-harness.js';
import '../../src/elements/auth-providers/auth-providers.js';
import type { CwAuthProviders } from '../../src/elements/auth-providers/auth-providers.component.js';
import type { CwProviderCard } from '../../src/elements/provider-card/provider-card.component.js';
import { createCrossWatchBackend, type CrossWatchBackend, type CrossWatchBackendOptions } from '../../src/mock/crosswatch/index.js';
import type { TrackedCall } from '../support/leaks.js';
import { serveBackend, until, type TestBackend } from '../elements/card-support.js';

export { deepQueryAll, deepText, fieldOf, inputOf, typeInto, until } from '../elements/card-support.js';

export type CrossWatchTest = TestBackend<CrossWatchBackend>;

export function startCrossWatch(options: CrossWatchBackendOptions = {}): CrossWatchTest {
  return serveBackend(createCrossWatchBackend(options));
}

/** `METHOD /path?query` of a tracked call, relative to the page. */
export function line(call: TrackedCall): string {
  const url = new URL(call.url, location.href);
  return `${call.method} ${url.pathname}${url.search}`;
}

/** Every call as `METHOD /path?query`, in order (optionally only those after `from`). */
export const lines = (cw: CrossWatchTest, from = 0) => cw.fetches.calls.slice(from).map(line);

/** The parsed JSON body of a call. */
export const bodyOf = (call: TrackedCall | undefined): unknown => (call?.body === undefined ? undefined : JSON.parse(call.body));

/** The calls (after `from`) whose `METHOD /path` (no query) matches. */
export function callsTo(cw: CrossWatchTest, method: string, path: string | RegExp, from = 0): TrackedCall[] {
  return cw.fetches.calls.slice(from).filter((c) => {
    const url = new URL(c.url, location.href);
    return c.method === method && (typeof path === 'string' ? url.pathname === path : path.test(url.pathname));
  });
}

/** The `instance` query parameter of a call (null when absent). */
export const instanceOf = (call: TrackedCall): string | null => new URL(call.url, location.href).searchParams.get('instance');

export const listRoot = (el: CwAuthProviders) => el.shadowRoot!;
export const cardsOf = (el: CwAuthProviders) => [...listRoot(el).querySelectorAll<CwProviderCard>('cw-provider-card')];
export const cardNamed = (el: CwAuthProviders, name: string) => {
  const card = cardsOf(el).find((c) => c.provider?.manifest.name === name);
  if (!card) throw new Error(`no card for ${name}`);
  return card;
};

/** Waits until nothing is in flight and stays so for a moment (flows chain requests). */
export async function settled(cw: CrossWatchTest): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await until(() => expect(cw.fetches.inFlight).to.equal(0));
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `<cw-auth-providers>` on the CrossWatch mock, loaded, every card settled. */
export async function mountList(cw: CrossWatchTest, template = html`<cw-auth-providers></cw-auth-providers>`): Promise<CwAuthProviders> {
  const el = await fixture<CwAuthProviders>(template);
  await until(() => expect(listRoot(el).querySelector('cw-provider-card, [part="state"]')).to.exist);
  await el.updateComplete; // every chunk of cards rendered
  await settled(cw);
  await Promise.all(cardsOf(el).map((c) => c.updateComplete));
  return el;
}

/** The card's status badge text. */
export const badgeOf = (card: CwProviderCard) =>
  card.shadowRoot!.querySelector('[part="status"]')!.textContent!.replace(/\s+/g, ' ').trim();

/** A button inside a card (through the flow's shadow root) by its part. */
export function partIn(card: CwProviderCard, part: string): HTMLElement | undefined {
  const roots: Array<ShadowRoot | Element> = [card.shadowRoot!];
  while (roots.length) {
    const root = roots.shift()!;
    const hit = root.querySelector<HTMLElement>(`[part~="${part}"]`);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  return undefined;
}

/**
 * Mocha hooks for card tests: remembered profiles cleared around each test, and popups blocked
 * (device flows open the verification page; a blocked popup keeps the test page alone).
 */
export function isolatePage(): void {
  let originalOpen: typeof window.open;
  beforeEach(() => {
    localStorage.clear();
    originalOpen = window.open;
    window.open = (() => null) as typeof window.open;
  });
  afterEach(() => {
    window.open = originalOpen;
    localStorage.clear();
  });
}

/**
 * Mocha hooks for card tests whose flows open windows: every `window.open` answers a FakePopup
 * (recorded in `popups`), remembered profiles are cleared, and after each test the fixtures are
 * removed and the mock started with `serve()` is uninstalled.
 */
export function popupTestPage() {
  let popups: ReturnType<typeof stubWindowOpen> | undefined;
  let served: CrossWatchTest | undefined;
  beforeEach(() => {
    localStorage.clear();
    popups = stubWindowOpen(() => new FakePopup());
  });
  afterEach(() => {
    fixtureCleanup();
    served?.restore();
    served = undefined;
    popups?.restore();
    localStorage.clear();
  });
  return {
    get popups(): ReturnType<typeof stubWindowOpen> {
      return popups!;
    },
    serve(options: CrossWatchBackendOptions = {}): CrossWatchTest {
      served = startCrossWatch(options);
      return served;
    },
  };
}
