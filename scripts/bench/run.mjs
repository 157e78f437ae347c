// `npm run bench`: builds if needed, runs every benchmark, prints the figures and writes them to
// docs/benchmarks.md. Benchmarks measure and report; they never assert timings.
//   node scripts/bench/run.mjs [name …]   (default: all; a partial run does not rewrite the doc)
//   BENCH_RUNS=5 (render repetitions), BENCH_CYCLES=1000, BENCH_APPROVE_AFTER_MS=60000,
//   BENCH_BUNDLE=path/to/cw-auth.js (render benches: another build of the drop-in, e.g. main's)
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded, repoRoot } from '../../test/e2e/support.mjs';

// One line per benchmark, in the order of docs/benchmarks.md: its name on the command line and
// its module, which exports `run()` → `{ title, markdown }` (see common.mjs).
const BENCHMARKS = [
  ['size', './size.mjs'],
  ['render', './render.mjs'],
  ['requests', './requests.mjs'],
  ['large-list', './large-list.mjs'],
  ['leaks', './leaks.mjs'],
  ['device', './device-flow.mjs'],
];

const all = Object.fromEntries(BENCHMARKS);
const picked = process.argv.slice(2).filter((a) => a in all);
const unknown = process.argv.slice(2).filter((a) => !(a in all));
if (unknown.length) console.warn(`unknown benchmark(s) ${unknown.join(', ')}; known: ${Object.keys(all).join(', ')}`);
const names = picked.length ? picked : Object.keys(all);

buildIfNeeded();
const started = Date.now();
const sections = [];
for (const name of names) {
  const { run } = await import(all[name]);
  const result = await run();
  sections.push(result);
}

let chromium = 'unknown';
try {
  chromium = execFileSync(process.env.CHROME_PATH || '/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
} catch {
  /* reported as unknown */
}
const environment = `${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${chromium} (headless) · ${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'CPU'}`;

if (picked.length && picked.length < Object.keys(all).length) {
  console.log(`(partial run: docs/benchmarks.md not rewritten; run \`npm run bench\` for all)`);
} else if (process.env.BENCH_BUNDLE) {
  console.log('(BENCH_BUNDLE set: docs/benchmarks.md not rewritten)');
} else {
  const md = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (scripts/bench/); every figure beside a baseline measured in the same run. ${environment}. KB = 1024 bytes. Timings on a shared 2-core VM vary by ±30 % between runs; compare ratios, not absolute times.`,
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', s.markdown, '']),
  ].join('\n');
  writeFileSync(join(repoRoot, 'docs/benchmarks.md'), md);
  console.log(`wrote docs/benchmarks.md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
