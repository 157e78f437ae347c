// Heap, listeners and timers after 1000 mount/unmount cycles of <cw-auth-providers> (the 7
// contract manifests, fake in-page fetch), beside the same measurements before the cycles and
// beside 1000 cycles of the plain-DOM markup. Every other cycle unmounts while the first requests
// are still pending; the others wait until the cards rendered and start a device flow (a poll
// timer and a visibility listener running) before unmounting.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { launchChromium, repoRoot, startStaticServer } from '../../test/e2e/support.mjs';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 1000);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const signedKb = (n) => `${n >= 0 ? '+' : '−'}${(Math.abs(n) / 1024).toFixed(0)} KB`;

async function contractManifests() {
  const { PROVIDERS } = await import(pathToFileURL(join(repoRoot, 'dist/lib/mock/index.js')).href);
  return PROVIDERS.map((p) => p.manifest('http://127.0.0.1'));
}

export async function run() {
  const server = await startStaticServer();
  const browser = await launchChromium(['--js-flags=--expose-gc']);
  const list = await contractManifests();
  try {
    const page = await browser.newPage();
    // Trackers go in before any of our code runs.
    await page.addInitScript({ content: 'window.open = () => null; /* popups "blocked": the flow shows its link */' });
    await page.goto(`${server.url}/scripts/bench/pages/blank.html`);
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const cdpListeners = async () => {
      let count = 0;
      for (const expression of ['window', 'document']) {
        const { result } = await cdp.send('Runtime.evaluate', { expression });
        const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
        count += listeners.length;
        await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
      }
      return count;
    };
    await page.evaluate(async () => {
      const helpers = await import('/scripts/bench/in-page.js');
      helpers.installTrackers();
      window.__helpers = helpers;
      window.__cw = await import('/dist/cw-auth.js');
    });

    const cycle = (variant, count) =>
      page.evaluate(
        async ({ variant, count, list }) => {
          const { createFakeFetch, whenCardsRendered, renderPlainCards } = window.__helpers;
          const { fakeFetch, counts, manifestsText, configText } = createFakeFetch({ manifests: list, config: {} });
          const started = performance.now();
          let flowsStarted = 0;
          let mountedTimers = 0;
          let mountedListeners = 0;
          for (let i = 0; i < count; i++) {
            if (variant === 'plain') {
              renderPlainCards(manifestsText, configText, document.body).remove();
              continue;
            }
            const el = document.createElement('cw-auth-providers');
            el.client = window.__cw.createApiClient({ fetch: fakeFetch });
            document.body.append(el);
            if (i % 2 === 0) {
              await whenCardsRendered(el, list.length);
              const plex = el.shadowRoot.querySelector('cw-provider-card');
              const start = plex.shadowRoot.querySelector('cw-device-flow').shadowRoot.querySelector('[part~="start-button"]');
              start.click();
              // Wait until the code is shown: the poll timer is armed.
              for (let n = 0; n < 50 && !plex.shadowRoot.querySelector('cw-device-flow').shadowRoot.querySelector('[part~="code"]'); n++) {
                await new Promise((r) => setTimeout(r, 0));
              }
              // What is live while mounted, to show the counters see it.
              if (plex.shadowRoot.querySelector('cw-device-flow').shadowRoot.querySelector('[part~="code"]')) flowsStarted++;
              mountedTimers = Math.max(mountedTimers, window.__cwTrack.timers.size);
              mountedListeners = Math.max(mountedListeners, window.__cwTrack.listenerCount());
            } else {
              await Promise.resolve();
            }
            el.remove();
          }
          return { ms: performance.now() - started, requests: counts.total, flowsStarted, mountedTimers, mountedListeners };
        },
        { variant, count, list },
      );
    const snapshot = async () => ({
      heap: await heap(),
      ...(await page.evaluate(() => ({
        timers: window.__cwTrack.timers.size,
        listeners: window.__cwTrack.listenerCount(),
        listenerSummary: window.__cwTrack.listenerSummary(),
        elements: document.querySelectorAll('*').length,
      }))),
      cdpListeners: await cdpListeners(),
    });
    const settle = () => page.evaluate(() => new Promise((r) => setTimeout(r, 1000)));

    // Warm-up (JIT, lazy style sheets, first-use caches), then the baseline.
    await cycle('lit', 20);
    await cycle('plain', 20);
    await settle();
    const before = await snapshot();
    const lit = await cycle('lit', CYCLES);
    await settle();
    const afterLit = await snapshot();
    // A second batch: a per-cycle leak grows again by the same amount; one-off caches do not.
    const lit2 = await cycle('lit', CYCLES);
    await settle();
    const afterLit2 = await snapshot();
    const plain = await cycle('plain', CYCLES);
    await settle();
    const afterPlain = await snapshot();

    console.log(`leaks: ${CYCLES} widget cycles in ${(lit.ms / 1000).toFixed(1)} s (${lit.requests} fake requests, ${lit.flowsStarted} device flows started; while mounted up to ${lit.mountedTimers} timers, ${lit.mountedListeners} global listeners)`);
    console.log(`  heap ${kb(before.heap)} → ${kb(afterLit.heap)} (${signedKb(afterLit.heap - before.heap)}) → ${kb(afterLit2.heap)} after ${CYCLES} more (${signedKb(afterLit2.heap - afterLit.heap)}); plain DOM ${CYCLES} cycles: ${signedKb(afterPlain.heap - afterLit2.heap)}`);
    console.log(`  listeners on window/document/html/body ${before.listeners} → ${afterLit.listeners} (CDP: ${before.cdpListeners} → ${afterLit.cdpListeners}); pending timers ${before.timers} → ${afterLit.timers}; elements ${before.elements} → ${afterLit.elements}`);
    const lines = [
      '| after | heap (after GC) | listeners on window, document, html, body | same, CDP `getEventListeners` (window + document) | pending timers | elements in the document |',
      '|---|---:|---:|---:|---:|---:|',
      `| while mounted with a device flow polling (max seen) | | ${lit.mountedListeners} | | ${lit.mountedTimers} | |`,
      `| warm-up (20 + 20 cycles), before | ${kb(before.heap)} | ${before.listeners} | ${before.cdpListeners} | ${before.timers} | ${before.elements} |`,
      `| ${CYCLES} widget cycles | ${kb(afterLit.heap)} (${signedKb(afterLit.heap - before.heap)}) | ${afterLit.listeners} | ${afterLit.cdpListeners} | ${afterLit.timers} | ${afterLit.elements} |`,
      `| ${CYCLES} more widget cycles | ${kb(afterLit2.heap)} (${signedKb(afterLit2.heap - afterLit.heap)}) | ${afterLit2.listeners} | ${afterLit2.cdpListeners} | ${afterLit2.timers} | ${afterLit2.elements} |`,
      `| then ${CYCLES} plain-DOM cycles (baseline) | ${kb(afterPlain.heap)} (${signedKb(afterPlain.heap - afterLit2.heap)}) | ${afterPlain.listeners} | ${afterPlain.cdpListeners} | ${afterPlain.timers} | ${afterPlain.elements} |`,
      '',
      `A per-cycle leak would grow the heap again in the second batch of ${CYCLES} widget cycles; it grew by ${signedKb(afterLit2.heap - afterLit.heap)}, against ${signedKb(afterPlain.heap - afterLit2.heap)} for the plain-DOM baseline, so the first batch's growth is one-off (compiled code, caches), not retained cards.`,
      '',
      `One page, Chromium with \`--js-flags=--expose-gc\`; heap is V8's used size after two \`HeapProfiler.collectGarbage\` calls, 1 s after the last cycle. Each widget cycle mounts \`<cw-auth-providers>\` with the 7 contract manifests and a fake in-page fetch; even cycles wait for all cards and click Plex's **Get code** (so a device flow is polling) before \`remove()\`, odd cycles remove it while its first requests are pending. ${CYCLES} widget cycles took ${(lit.ms / 1000).toFixed(1)} s and ${lit.requests} requests; ${lit.flowsStarted} device flows reached "code shown". Timers are counted by wrapping \`setTimeout\`/\`setInterval\` (a fired or cleared timer is no longer pending); listeners by wrapping \`add/removeEventListener\` on the four long-lived targets.`,
    ];
    if (afterLit2.listeners !== before.listeners) lines.push('', `Listeners left: \`${JSON.stringify(afterLit2.listenerSummary)}\``);
    return { title: 'Leaks after mount/unmount cycles', markdown: lines.join('\n'), figures: { before, afterLit, afterLit2, afterPlain, lit, lit2, plain } };
  } finally {
    await browser.close();
    await server.close();
  }
}
