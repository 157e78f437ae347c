// Where the time of GET /api/auth/status goes in the built demo (msw's service worker, mock
// latency 0): while the page loads the "Full widget" story, and on the idle page afterwards. Each
// request is split at the points msw's round trip passes (docs/mock.md explains them):
//   fetch() called → the worker got it (its `interceptedAt`) → the page's main thread took msw's
//   REQUEST message → the handler posted its answer → the response arrived (Resource Timing
//   responseEnd) → the fetch promise resolved in the page (what the demo's request log shows),
// and, from a Chrome trace of each load, the main thread's tasks between fetch() and the moment it
// took msw's message: how much of that wait it was busy, and its longest task.
import { join } from 'node:path';
import { buildDemoIfNeeded, repoRoot, sleep } from '../../test/e2e/support.mjs';
import { median, ms, withBrowser } from './common.mjs';

const RUNS = Number(process.env.BENCH_RUNS) || 5;
const PATH = '/api/auth/status';

/** Installed before any page script: records msw's messages, the answers, fetch and long tasks. */
function instrument(path) {
  const rec = { requests: [] };
  window.__latency = rec;
  const fromDate = (t) => t - performance.timeOrigin;
  // Registered before msw's own listener, so it sees REQUEST messages first.
  navigator.serviceWorker.addEventListener('message', (event) => {
    const data = event.data;
    if (data?.type !== 'REQUEST' || new URL(data.payload.url).pathname !== path) return;
    console.timeStamp('status-taken'); // marks the trace
    const entry = { taken: performance.now(), intercepted: fromDate(data.payload.interceptedAt) };
    rec.requests.push(entry);
    const port = event.ports[0];
    const post = port.postMessage.bind(port);
    port.postMessage = (message, ...rest) => {
      entry.answered = performance.now();
      return post(message, ...rest);
    };
  });
  const original = window.fetch;
  window.fetch = function (input, init) {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const called = performance.now();
    const promise = original.call(this, input, init);
    if (url.pathname === path) {
      console.timeStamp('status-fetch');
      const row = { called };
      rec.fetches = [...(rec.fetches ?? []), row];
      promise.then(
        () => (row.resolved = performance.now()),
        () => undefined,
      );
    }
    return promise;
  };
}

/** Joins the page's records of each status request into one row of durations. */
function collect(path) {
  const rec = window.__latency;
  const timing = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === path);
  return (rec.fetches ?? []).map((f, i) => {
    const r = rec.requests[i] ?? {};
    const t = timing[i];
    return {
      total: f.resolved - f.called,
      toWorker: r.intercepted - f.called,
      waitMain: r.taken - r.intercepted,
      handler: r.answered - r.taken,
      back: t ? t.responseEnd - r.answered : NaN,
      resolve: t ? f.resolved - t.responseEnd : NaN,
    };
  });
}

const COLUMNS = [
  ['total', 'fetch() to resolved'],
  ['toWorker', 'to the worker'],
  ['waitMain', 'worker → main thread takes it'],
  ['handler', 'handler'],
  ['back', 'answer back'],
  ['resolve', 'responseEnd → promise'],
  ['busy', 'main thread busy, fetch() → taken'],
  ['longest', 'its longest task'],
];

/** From a Chrome trace: the main thread's tasks between the first status-fetch and status-taken marks. */
function busyWhileWaiting(traceBuffer) {
  const parsed = JSON.parse(traceBuffer.toString());
  const events = parsed.traceEvents ?? parsed;
  const mark = (label) => events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === label);
  const from = mark('status-fetch');
  const to = mark('status-taken');
  if (!from || !to) return {};
  const tasks = events.filter(
    (e) => e.pid === from.pid && e.tid === from.tid && e.name === 'RunTask' && e.ph === 'X' && e.ts + e.dur > from.ts && e.ts < to.ts,
  );
  const busy = tasks.reduce((sum, t) => sum + Math.min(t.ts + t.dur, to.ts) - Math.max(t.ts, from.ts), 0);
  return { busy: busy / 1000, longest: Math.max(0, ...tasks.map((t) => t.dur)) / 1000, tasks: tasks.length };
}

function table(rows) {
  const lines = ['| | ' + COLUMNS.map(([, label]) => label).join(' | ') + ' |', '|---|' + COLUMNS.map(() => '---:').join('|') + '|'];
  for (const [name, list] of rows) {
    const cell = (key) => {
      const xs = list.map((r) => r[key]).filter(Number.isFinite);
      return xs.length ? `${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})` : '–';
    };
    lines.push(`| ${name} (${list.length}) | ${COLUMNS.map(([key]) => cell(key)).join(' | ')} |`);
  }
  return lines.join('\n');
}

export async function run() {
  buildDemoIfNeeded();
  const { startStaticServer } = await import('../../test/e2e/support.mjs');
  const server = await startStaticServer({ root: join(repoRoot, 'demo-dist') });
  try {
    return await withBrowser(async ({ browser }) => {
      const load = [];
      const idle = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await context.addInitScript(instrument, PATH);
        const page = await context.newPage();
        await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
        await page.goto(`${server.url}/#/full-widget`);
        await page.waitForFunction(() => document.getElementById('stage')?.dataset.played === 'full-widget');
        await page.waitForFunction(
          (p) =>
            (window.__latency.fetches ?? []).some((f) => f.resolved) &&
            performance.getEntriesByType('resource').some((e) => e.name.endsWith(p)),
          PATH,
        );
        await sleep(1500);
        const [first, ...rest] = await page.evaluate(collect, PATH);
        load.push({ ...first, ...busyWhileWaiting(await browser.stopTracing()) }, ...rest);
        // The same request on the settled page, as the log's Restart or a card's refresh would.
        await page.evaluate(() => {
          window.__latency.fetches = [];
          window.__latency.requests = [];
          performance.clearResourceTimings();
        });
        for (let k = 0; k < 5; k++) {
          await page.evaluate((p) => fetch(p).then((r) => r.text()), PATH);
          await sleep(100);
        }
        idle.push(...(await page.evaluate(collect, PATH)));
        await context.close();
      }
      const markdown = [
        `GET ${PATH} in the built demo (msw service worker, mock latency 0), ${RUNS} page loads of "Full widget"; median (min–max).`,
        '',
        table([
          ['while the story loads', load],
          ['idle page', idle],
        ]),
      ].join('\n');
      console.log(markdown);
      return { title: 'Demo: status latency through msw', markdown };
    });
  } finally {
    await server.close();
  }
}
