// Import test utilities from here, not from '@open-wc/testing' directly.
// Workaround for modernweb-dev/web#2967 / open-wc/open-wc#2880: WTR sends results through
// structuredClone(); a failed assertion whose actual/expected is a DOM node (or a function)
// throws DataCloneError in the browser and the run hangs instead of reporting the failure.
export * from '@open-wc/testing';

const toCloneable = (v: unknown): unknown => {
  try {
    structuredClone(v);
    return v;
  } catch {
    if (v instanceof Element) return v.outerHTML.slice(0, 500);
    if (v instanceof Node) return `[${v.nodeName}] ${v.textContent?.slice(0, 200) ?? ''}`;
    try {
      return String(v);
    } catch {
      return Object.prototype.toString.call(v);
    }
  }
};

afterEach(function () {
  const err = this.currentTest?.err as (Error & { actual?: unknown; expected?: unknown }) | undefined;
  if (err) {
    err.actual = toCloneable(err.actual);
    err.expected = toCloneable(err.expected);
  }
});

/**
 * Two rendered frames: cards ask their own routes once an IntersectionObserver saw them near the
 * viewport, and its report comes after a frame. requestAnimationFrame stays real under the fake clock.
 */
export const inView = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
