// Milliseconds per keystroke in a card with 10,000 fields, in headless Chromium, beside a plain-DOM
// baseline (10,000 labelled inputs whose input handler marks the form dirty). A keystroke: the
// typed field's input event, until the card (and the field) finished updating, then a forced
// style + layout. The card is standalone with a fake in-page fetch, so no network time is included.
import { blankPage, bundleUrl, median, withBrowser } from './common.mjs';

const FIELDS = Number(process.env.BENCH_FIELDS ?? 10_000);
const KEYS = Number(process.env.BENCH_KEYS ?? 40);
export const KEYSTROKE_TARGET_MS = 16;

const ms = (n) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

/** A local provider (fields only) with `count` text fields, as the server would send it. */
function manifest(count) {
  return {
    name: 'BENCHFIELDS',
    label: 'Many fields',
    flow: 'local',
    fields: Array.from({ length: count }, (_, i) => ({ key: `benchfields.f${i}`, label: `Field ${i}`, type: 'text', required: false })),
    actions: { start: false, finish: false, refresh: false, disconnect: false },
    notes: null,
  };
}

async function widget(page, { fields, keys }) {
  return page.evaluate(
    async ({ wire, keys, bundle }) => {
      const { createApiClient } = await import(bundle);
      const { createFakeFetch } = await import('/scripts/bench/in-page.js');
      const { fakeFetch } = createFakeFetch({ manifests: [wire], config: {} });
      const card = document.createElement('cw-provider-card');
      card.client = createApiClient({ fetch: fakeFetch });
      card.manifest = wire;
      card.profiles = 'off';
      document.body.append(card);
      const started = performance.now();
      for (;;) {
        await card.updateComplete;
        if (card.shadowRoot.querySelectorAll('cw-provider-field').length === wire.fields.length) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const mountMs = performance.now() - started;
      const field = card.shadowRoot.querySelectorAll('cw-provider-field')[Math.floor(wire.fields.length / 2)];
      await field.updateComplete;
      const input = field.shadowRoot.querySelector('input');
      const times = [];
      const scripts = [];
      for (let i = 0; i < keys; i++) {
        await new Promise((r) => setTimeout(r, 0));
        const t0 = performance.now();
        input.value += 'x';
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: 'x' }));
        await card.updateComplete;
        await field.updateComplete;
        scripts.push(performance.now() - t0);
        void document.body.offsetHeight;
        times.push(performance.now() - t0);
      }
      const unsaved = Boolean(card.shadowRoot.querySelector('[part="unsaved"]'));
      return { times, scripts, mountMs, unsaved, value: field.state.value.length };
    },
    { wire: manifest(fields), keys, bundle: bundleUrl() },
  );
}

async function plain(page, { fields, keys }) {
  return page.evaluate(
    async ({ count, keys }) => {
      const form = document.createElement('form');
      const marker = document.createElement('span');
      const initial = new Map();
      let dirty = 0;
      for (let i = 0; i < count; i++) {
        const label = document.createElement('label');
        label.textContent = `Field ${i}`;
        const input = document.createElement('input');
        input.name = `benchfields.f${i}`;
        label.append(input);
        form.append(label);
        initial.set(input, '');
      }
      // The same job as the card's: the typed field's state, the form's dirty marker.
      form.addEventListener('input', (e) => {
        const input = e.target;
        const was = input.dataset.dirty === '1';
        const now = input.value !== initial.get(input);
        if (was !== now) dirty += now ? 1 : -1;
        input.dataset.dirty = now ? '1' : '';
        marker.textContent = dirty ? 'Unsaved changes' : '';
      });
      form.append(marker);
      document.body.append(form);
      void document.body.offsetHeight;
      const input = form.querySelectorAll('input')[Math.floor(count / 2)];
      const times = [];
      const scripts = [];
      for (let i = 0; i < keys; i++) {
        await new Promise((r) => setTimeout(r, 0));
        const t0 = performance.now();
        input.value += 'x';
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: 'x' }));
        scripts.push(performance.now() - t0);
        void document.body.offsetHeight;
        times.push(performance.now() - t0);
      }
      return { times, scripts };
    },
    { count: fields, keys },
  );
}

export async function run() {
  const { lit, base } = await withBrowser(async ({ browser, server }) => {
    const litPage = await blankPage(browser, server);
    const lit = await widget(litPage, { fields: FIELDS, keys: KEYS });
    await litPage.close();
    const plainPage = await blankPage(browser, server);
    const base = await plain(plainPage, { fields: FIELDS, keys: KEYS });
    await plainPage.close();
    return { lit, base };
  });
  if (!lit.unsaved || lit.value !== KEYS) throw new Error(`keystroke bench: the card did not take the typing (value length ${lit.value}, unsaved marker ${lit.unsaved})`);
  const litMedian = median(lit.times);
  const baseMedian = median(base.times);
  const litScript = median(lit.scripts);
  const baseScript = median(base.scripts);
  const verdict = litMedian <= KEYSTROKE_TARGET_MS ? `within the ${KEYSTROKE_TARGET_MS} ms target` : `**over** the ${KEYSTROKE_TARGET_MS} ms target`;
  console.log(
    `keystroke, ${FIELDS} fields: widget median ${ms(litMedian)} (script ${ms(litScript)}, max ${ms(Math.max(...lit.times))}), plain DOM median ${ms(baseMedian)} (script ${ms(baseScript)}, max ${ms(Math.max(...base.times))}); ${verdict.replace(/\*\*/g, '')}`,
  );
  const lines = [
    '| fields | | `<cw-provider-card>` ms per keystroke, median (max) | plain-DOM baseline, median (max) | ratio |',
    '|---:|---|---:|---:|---:|',
    `| ${FIELDS.toLocaleString('en')} | with style + layout | ${ms(litMedian)} (${ms(Math.max(...lit.times))}) | ${ms(baseMedian)} (${ms(Math.max(...base.times))}) | ${(litMedian / baseMedian).toFixed(1)}× |`,
    `| ${FIELDS.toLocaleString('en')} | script only (until the update completed) | ${ms(litScript)} (${ms(Math.max(...lit.scripts))}) | ${ms(baseScript)} (${ms(Math.max(...base.scripts))}) | |`,
    '',
    `${KEYS} keystrokes in the middle field of a standalone card with ${FIELDS.toLocaleString('en')} text fields (mounted in ${(lit.mountMs / 1000).toFixed(1)} s), each from the input event until the card and the field finished updating plus a forced style + layout: ${verdict}. The field's own state is patched and handed to that field alone; the card re-renders its footer and hint (dirty state), never the other fields. Baseline: ${FIELDS.toLocaleString('en')} labelled inputs in the light DOM whose input handler tracks the typed field's dirty state and the form's "Unsaved changes" marker${baseMedian > KEYSTROKE_TARGET_MS ? `; on this machine the baseline itself is over the ${KEYSTROKE_TARGET_MS} ms target (its inline labels form one line box of ${FIELDS.toLocaleString('en')} items, laid out again on each keystroke)` : ''}.`,
    '',
    "Fields far off screen cost nothing per keystroke: a card with more than 24 fields gives each `content-visibility: auto` (with `overflow-clip-margin` so paint containment does not clip the focus ring; where that is not supported every field renders), so a keystroke styles and lays out the fields near the viewport, not 10,000. On the machine of that change (session 4, where the baseline took 48–60 ms) it moved the figure from 16–17 ms to 1.2–1.6 ms; the same code before measured 6.6 ms on the faster machine before (baseline 21 ms).",
    '',
    "The card's fields are in block flow. They were a CSS grid, and a keystroke changed the typed input's text, which re-ran the grid's track sizing over all 10,000 fields: a trace showed one full layout of 80,000 layout objects (12 dirty) per keystroke, 27 ms of the 28 ms, and 48 ms per keystroke in the run before the change. Script was never the cost (1.3 ms).",
  ];
  return { title: 'Typing with 10,000 fields', markdown: lines.join('\n'), figures: { fields: FIELDS, widget: lit.times, plain: base.times, widgetScripts: lit.scripts, plainScripts: base.scripts, widgetMedian: litMedian, plainMedian: baseMedian } };
}
