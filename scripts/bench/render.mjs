// Time from mount to all cards rendered (badge + body, then style and layout) for 18, 100 and
// 1000 providers, in headless Chromium, beside a plain-DOM baseline building the same markup
// from the same JSON. The widget gets a fake in-page fetch, so no network time is included.
import { blankPage, bundleUrl, median, ms, spread, withBrowser } from './common.mjs';
import { manifests, maskedConfig } from './fixtures.mjs';

const SIZES = [18, 100, 1000];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Issue #10's ceilings for the ratio. */
const TARGETS = { 18: '≤ 2×', 100: '≤ 2×', 1000: '≤ 3×' };

export async function run() {
  const config = await maskedConfig();
  const bundle = bundleUrl();
  const results = [];
  await withBrowser(async ({ browser, server }) => {
    for (const size of SIZES) {
      const list = manifests(size);
      const lit = [];
      const plain = [];
      for (let i = 0; i < RUNS; i++) {
        // A fresh page per run; the bundle is loaded and parsed before the clock starts.
        for (const variant of ['lit', 'plain']) {
          const page = await blankPage(browser, server);
          const time = await page.evaluate(
            async ({ variant, list, config, bundle }) => {
              const helpers = await import('/scripts/bench/in-page.js');
              if (variant === 'plain') {
                const style = document.createElement('style');
                style.textContent = helpers.PLAIN_CSS;
                document.head.append(style);
                return helpers.timePlainMount({ manifestsText: JSON.stringify(list), configText: JSON.stringify(config) });
              }
              const { createApiClient } = await import(bundle);
              return helpers.timeLitMount({ manifests: list, config, createApiClient });
            },
            { variant, list, config, bundle },
          );
          ({ lit, plain })[variant].push(time);
          await page.close();
        }
      }
      results.push({ size, lit, plain });
      console.log(
        `render ${String(size).padStart(4)} providers: widget median ${ms(median(lit))} (min ${ms(Math.min(...lit))}), plain DOM median ${ms(median(plain))} (min ${ms(Math.min(...plain))})`,
      );
    }
  });
  const lines = [
    `| providers | \`<cw-auth-providers>\` median (min–max) | ratio to baseline | target | plain-DOM baseline median (min–max) |`,
    '|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.size} | ${spread(r.lit)} | ${(median(r.lit) / median(r.plain)).toFixed(1)}× | ${TARGETS[r.size] ?? ''} | ${spread(r.plain)} |`,
    ),
    '',
    `${RUNS} runs per cell, each in a fresh page with the bundle already loaded. Widget: from \`append()\` until every \`<cw-provider-card>\` shows its badge and body (manifests validated, config hydrated, status asked) and the next frame is painted. Baseline: \`JSON.parse\` of the same manifests and config and the same elements (header, notes, hint, labelled fields, buttons) built with \`createElement\` into the light DOM with one stylesheet, until the next frame is painted. Lists above 18 repeat CrossWatch's 18 recorded manifests with numbered names; the config is CrossWatch's recorded \`config-fresh.json\`, masked. The end is taken in a task queued from \`requestAnimationFrame\` (after that frame's style, layout and paint), and waits between checks use a \`MessageChannel\` task, not \`setTimeout\` (whose 4 ms clamp for nested timers added to the widget's time only).`,
    '',
    "The list renders its first 12 cards with itself and the rest in later tasks (chunks of about 40 ms of script each), so lists above 12 include those task switches. Each list item has `content-visibility: auto`: cards far off screen cost no style, layout or paint until scrolled near, in the widget only (the baseline has no such rule).",
    '',
    "Each card is itself a `@lit/context` provider (for its fields and flows). Its provider announcements stop at the card (`CwProviderCard`'s constructor): when they bubbled, the list re-dispatched every earlier card's context requests for each new card, O(n²), and 1000 cards took 7.6 s in the run that found it.",
    '',
    "Where the time goes (issue 10 §3 profiling, main-thread CPU time from a Chromium trace of the same mounts, medians of 5): 18 cards 58 ms of main-thread work against the baseline's 8 ms (style 16, layout 18, paint 8 against 1, 4, 2), 100 cards 159 ms against 25, 1000 cards 1,250 ms against 191. The wall times above are about 4× those CPU times on this shared VM: frames between chunks, the flows chunk's fetch, and the other users' load. With the flows chunk loaded before the mount, 18 cards take 35 ms of main-thread work instead of 58: about 25 ms is the flows arriving after the first paint (the chunk's evaluation, every card rendering again with its flow, another style and layout round), the price of keeping the flows out of the entry. The rest is the cost of a card itself (a Lit element with its own shadow root, one more per field, flow and profile switcher, five context requests), about 1 ms of script per card once warm, against 0.2 ms for the baseline's plain elements; the first mount also pays for compiling the bundle's functions and preparing each template once. None of this is one hot spot: no change tried in this round (compile hints for the entry, the card and list items in block flow, smaller chunks) moved the ratio beyond the run-to-run noise, and the ratio targets are not met. Nor are the shadow roots (about 5 per card): a prototype with each `<cw-provider-field>` rendering into the card's shadow root (no shadow root of its own, its styles in the card's) took 103 ms of main-thread CPU for 18 cards against 107 ms for the same build without it, 240 against 248 ms for 100 (medians of 9 and 7 alternated runs, thread time from a trace: `node scripts/bench/main-thread.mjs`), within the noise; with the flows, the connection parts and the profile switcher in their card's root too (about 1.4 shadow roots per card), 111 and 269 ms. That probe counts each task with the microtask checkpoint Blink traces beside it (where Lit renders); the figures above appear to leave the checkpoints out (counting the tasks alone, it also gives about 55 ms for 18 cards). Style, layout and paint are 39 of the 18 cards' 102 ms; the rest is script, spread over Lit's rendering, the context requests and the cards' controllers. Not landed.",
  ];
  return { title: 'Time to render', markdown: lines.join('\n'), figures: results };
}
