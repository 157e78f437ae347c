// Where a mount's main-thread time goes, from a Chromium trace: thread CPU time (not wall time,
// so other users of a shared machine skew it far less), style/layout/paint, and the longest
// tasks after the first paint by who posted them (a frame, Lit's work, Chromium's password
// autofill scanning the page's forms, …). Not part of `npm run bench`: a probe for comparing
// builds, alternated run by run.
//   node scripts/bench/main-thread.mjs <providers> [runs] [bundle … | plain]
//   e.g. node scripts/bench/main-thread.mjs 5000 3 dist/cw-auth.js /tmp/main/dist/cw-auth.js plain
// Bundles are paths under the repo root (served by the bench's static server); `plain` is the
// render benchmark's plain-DOM baseline. Default: dist/cw-auth.js and plain.
import { blankPage, median, withBrowser } from './common.mjs';
import { manifests, maskedConfig } from './fixtures.mjs';

const [countArg = '18', runsArg = '5', ...variantArgs] = process.argv.slice(2);
const COUNT = Number(countArg);
const RUNS = Number(runsArg);
const variants = variantArgs.length ? variantArgs : ['dist/cw-auth.js', 'plain'];
/** `toplevel` names each task's poster (src_func); `devtools.timeline` its style, layout and paint. */
const CATEGORIES = ['toplevel', 'devtools.timeline'];
const TASK = 'ThreadControllerImpl::RunTask';
const CHECKPOINT = 'BlinkScheduler_PerformMicrotaskCheckpoint';
/** Posters worth a name of their own in the report. */
const POSTERS = {
  ExtractFormsAndNotifyPasswordAutofillAgent: 'autofill',
  ScheduledActionSendBeginMainFrame: 'frame',
};

/** In the page: mounts one variant; resolves to the first paint (ms after the start mark). */
async function mountInPage({ variant, list, config }) {
  const helpers = await import('/scripts/bench/in-page.js');
  await new Promise((resolve) => setTimeout(resolve, 50));
  let firstPaint;
  if (variant === 'plain') {
    const style = document.createElement('style');
    style.textContent = helpers.PLAIN_CSS;
    document.head.append(style);
    console.timeStamp('cw-mount-start');
    const t0 = performance.now();
    helpers.renderPlainCards(JSON.stringify(list), JSON.stringify(config), document.body);
    await helpers.afterNextPaint();
    firstPaint = performance.now() - t0;
  } else {
    const { createApiClient } = await import(variant);
    const { fakeFetch } = helpers.createFakeFetch({ manifests: list, config });
    const el = document.createElement('cw-auth-providers');
    el.client = createApiClient({ fetch: fakeFetch });
    const shows = () => Boolean(el.shadowRoot?.querySelector('cw-provider-card')?.shadowRoot?.querySelector('[data-kind]'));
    console.timeStamp('cw-mount-start');
    const t0 = performance.now();
    const frame = () => (shows() ? void helpers.nextTask().then(() => (firstPaint ??= performance.now() - t0)) : requestAnimationFrame(frame));
    requestAnimationFrame(frame);
    document.body.append(el);
    await helpers.whenCardsRendered(el, list.length);
    await helpers.afterNextPaint();
  }
  // What the last change set off (autofill's scan of the new form controls runs ~100 ms later).
  await new Promise((resolve) => setTimeout(resolve, 1000));
  console.timeStamp('cw-mount-end');
  return firstPaint;
}

/** Thread CPU figures of the renderer's main thread between the page's two marks. */
function analyse(traceEvents, firstPaintMs) {
  const mark = (message) => traceEvents.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === message);
  const start = mark('cw-mount-start');
  const end = mark('cw-mount-end');
  const onMain = traceEvents.filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X' && e.ts >= start.ts && e.ts < end.ts);
  const cpu = (e) => (e.tdur ?? e.dur) / 1000;
  const sum = (names) => onMain.filter((e) => names.includes(e.name)).reduce((s, e) => s + cpu(e), 0);
  // A task, and the microtask checkpoint Blink runs right after it (traced beside it, not inside):
  // together they are what the Long Tasks API sees as one task.
  const units = [];
  for (const e of onMain.filter((x) => x.name === TASK || x.name === CHECKPOINT).sort((a, b) => a.ts - b.ts)) {
    const last = units[units.length - 1];
    if (last && e.ts < last.end) continue; // nested in the previous one
    // (A checkpoint after an untraced message, e.g. the bench's own evaluate, goes to the task before it.)
    if (e.name === CHECKPOINT && last) {
      last.cpu += cpu(e);
      last.end = Math.max(last.end, e.ts + e.dur);
    } else {
      units.push({ ts: e.ts, end: e.ts + e.dur, cpu: cpu(e), src: e.args?.src_func });
    }
  }
  const paintAt = start.ts + firstPaintMs * 1000;
  const after = units.filter((t) => t.ts >= paintAt);
  const poster = (t) => POSTERS[t.src] ?? 'other';
  const longest = (kind) => Math.max(0, ...after.filter((t) => kind === undefined || poster(t) === kind).map((t) => t.cpu));
  const top = [...after].sort((a, b) => b.cpu - a.cpu)[0];
  return {
    cpu: units.reduce((s, t) => s + t.cpu, 0),
    style: sum(['UpdateLayoutTree']),
    layout: sum(['Layout']),
    paint: sum(['PrePaint', 'Paint', 'Layerize']),
    firstPaint: firstPaintMs,
    longest: longest(),
    longestBy: top ? poster(top) : '–',
    autofill: longest('autofill'),
    autofillTotal: after.filter((t) => poster(t) === 'autofill').reduce((s, t) => s + t.cpu, 0),
    autofillCount: after.filter((t) => poster(t) === 'autofill').length,
    frame: longest('frame'),
    other: longest('other'),
    over50: after.filter((t) => t.cpu > 50).length,
  };
}

const config = await maskedConfig();
const list = manifests(COUNT);
const results = new Map(variants.map((v) => [v, []]));
await withBrowser(async ({ browser, server }) => {
  for (let run = 0; run < RUNS; run++) {
    for (const name of variants) {
      const variant = name === 'plain' ? 'plain' : `/${name.replace(/^\/+/, '')}`;
      const page = await blankPage(browser, server);
      // The bundle is loaded and parsed before the trace starts (as in the render benchmark).
      await page.evaluate(async (v) => (v === 'plain' ? undefined : import(v)), variant);
      await browser.startTracing(page, { categories: CATEGORIES });
      const firstPaint = await page.evaluate(mountInPage, { variant, list, config });
      const trace = JSON.parse((await browser.stopTracing()).toString());
      results.get(name).push(analyse(trace.traceEvents ?? trace, firstPaint));
      await page.close();
    }
  }
});

const f = (n) => n.toFixed(0);
console.log(`${COUNT} providers, ${RUNS} runs each, medians; ms of main-thread CPU (thread time)`);
for (const [name, rs] of results) {
  const m = (key) => median(rs.map((r) => r[key]));
  const by = [...new Set(rs.map((r) => r.longestBy))].join('/');
  console.log(
    `${name}: total ${f(m('cpu'))} (runs ${rs.map((r) => f(r.cpu)).join(' ')}), style ${f(m('style'))}, layout ${f(m('layout'))}, paint ${f(m('paint'))}; ` +
      `after the first paint (${f(m('firstPaint'))} ms): longest task ${f(m('longest'))} (${by}; runs ${rs.map((r) => f(r.longest)).join(' ')}), ` +
      `longest frame ${f(m('frame'))}, longest autofill scan ${f(m('autofill'))} (${f(m('autofillCount'))} scans, ${f(m('autofillTotal'))} in all), longest other ${f(m('other'))}, tasks over 50 ms ${f(m('over50'))}`,
  );
}
