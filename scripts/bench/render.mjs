// Time from mount to all cards rendered (badge + body, then style and layout) for 18, 100 and
// 1000 providers, in headless Chromium, beside a plain-DOM baseline building the same markup
// from the same JSON. The widget gets a fake in-page fetch, so no network time is included.
import { launchChromium, startStaticServer } from '../../test/e2e/support.mjs';
import { manifests, maskedConfig } from './fixtures.mjs';

const SIZES = [18, 100, 1000];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (n) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

export async function run() {
  const server = await startStaticServer();
  const browser = await launchChromium();
  const config = await maskedConfig();
  const results = [];
  try {
    for (const size of SIZES) {
      const list = manifests(size);
      const lit = [];
      const fixed = [];
      const plain = [];
      for (let i = 0; i < RUNS; i++) {
        // A fresh page per run; the bundle is loaded and parsed before the clock starts.
        for (const variant of ['lit', 'fixed', 'plain']) {
          const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
          await page.goto(`${server.url}/scripts/bench/pages/blank.html`);
          const time = await page.evaluate(
            async ({ variant, list, config }) => {
              const helpers = await import('/scripts/bench/in-page.js');
              if (variant === 'plain') {
                const style = document.createElement('style');
                style.textContent = helpers.PLAIN_CSS;
                document.head.append(style);
                return helpers.timePlainMount({ manifestsText: JSON.stringify(list), configText: JSON.stringify(config) });
              }
              const { createApiClient } = await import('/dist/cw-auth.js');
              if (variant === 'fixed') {
                // Stand-in for the proposed card change: a new card's own context providers are not
                // announced to the list (the list would re-dispatch every earlier card's context
                // subscriptions for each new card: quadratic in the number of cards).
                const List = customElements.get('cw-auth-providers');
                const createRenderRoot = List.prototype.createRenderRoot;
                List.prototype.createRenderRoot = function () {
                  const root = createRenderRoot.call(this);
                  root.addEventListener('context-provider', (e) => {
                    if (e.contextTarget?.localName === 'cw-provider-card') e.stopPropagation();
                  });
                  return root;
                };
              }
              return helpers.timeLitMount({ manifests: list, config, createApiClient });
            },
            { variant, list, config },
          );
          ({ lit, fixed, plain })[variant].push(time);
          await page.close();
        }
      }
      results.push({ size, lit, fixed, plain });
      console.log(
        `render ${String(size).padStart(4)} providers: widget median ${ms(median(lit))} (min ${ms(Math.min(...lit))}), with the card fix ${ms(median(fixed))}, plain DOM median ${ms(median(plain))} (min ${ms(Math.min(...plain))})`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const lines = [
    `| providers | \`<cw-auth-providers>\` median (min–max) | ratio to baseline | same, card context fix applied¹ | plain-DOM baseline median (min–max) |`,
    '|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.size} | ${ms(median(r.lit))} (${ms(Math.min(...r.lit))}–${ms(Math.max(...r.lit))}) | ${(median(r.lit) / median(r.plain)).toFixed(1)}× | ${ms(median(r.fixed))} (${(median(r.fixed) / median(r.plain)).toFixed(1)}×) | ${ms(median(r.plain))} (${ms(Math.min(...r.plain))}–${ms(Math.max(...r.plain))}) |`,
    ),
    '',
    `${RUNS} runs per cell, each in a fresh page with the bundle already loaded. Widget: from \`append()\` until every \`<cw-provider-card>\` shows its badge and body (manifests validated, config hydrated, status asked), then a forced style + layout. Baseline: \`JSON.parse\` of the same manifests and config and the same elements (header, notes, hint, labelled fields, buttons) built with \`createElement\` into the light DOM with one stylesheet, then a forced layout. Lists above 18 repeat CrossWatch's 18 recorded manifests with numbered names; the config is CrossWatch's recorded \`config-fresh.json\`, masked.`,
    '',
    "¹ Each card is itself a `@lit/context` provider (for its fields and flows). When a provider connects it announces itself with a `context-provider` event, and the list's provider answers by re-dispatching a `context-request` for **every** subscription it holds (all earlier cards), so mounting n cards costs O(n²) event dispatches; a CPU profile of the 1000-card run is dominated by `dispatchEvent` and `onProviderRequest`. The column measures the same bundle with a listener that stops a card's own announcement before it reaches the list (safe: a new card's subtree subscribes to the card itself). The equivalent change belongs in `CwProviderCard`'s constructor: `this.addEventListener('context-provider', (e) => { if ((e as Event & { contextTarget?: Element }).contextTarget === this) e.stopPropagation(); })`. Once it is there, both columns measure the same thing.",
  ];
  return { title: 'Time to render', markdown: lines.join('\n'), figures: results };
}
