// `npm run bench`: builds if needed, runs every benchmark, prints the figures and writes them to
// docs/benchmarks.md. Benchmarks measure and report; they never assert timings.
//   node scripts/bench/run.mjs [name …] [--write]   (default: all; a partial run rewrites only its
//   own sections of the doc with --write, else nothing)
//   BENCH_RUNS=5 (render repetitions), BENCH_FIELDS=10000 BENCH_KEYS=40 (keystroke), BENCH_CYCLES=1000, BENCH_APPROVE_AFTER_MS=60000,
//   BENCH_BUNDLE=path/to/cw-auth.js (render benches: another build of the drop-in, e.g. main's)
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded, repoRoot } from '../../test/e2e/support.mjs';

// One line per benchmark, in the order of docs/benchmarks.md: its name on the command line and
// its module, which exports `run()` → `{ title, markdown }` (see common.mjs).
const BENCHMARKS = [
  ['size', './size.mjs'],
  ['render', './render.mjs'],
  ['requests', './requests.mjs'],
  ['large-list', './large-list.mjs'],
  ['keystroke', './keystroke.mjs'],
  ['leaks', './leaks.mjs'],
  ['device', './device-flow.mjs'],
  ['demo-latency', './demo-latency.mjs'],
];

const all = Object.fromEntries(BENCHMARKS);
const picked = process.argv.slice(2).filter((a) => a in all);
const unknown = process.argv.slice(2).filter((a) => !(a in all) && a !== '--write');
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

const benchmarksMd = join(repoRoot, 'docs/benchmarks.md');
if (picked.length && picked.length < Object.keys(all).length && process.argv.includes('--write') && !process.env.BENCH_BUNDLE) {
  // A partial run with --write replaces only its own sections (by title), dated, and keeps the rest.
  let md = readFileSync(benchmarksMd, 'utf8');
  for (const s of sections) {
    const body = `## ${s.title}\n\n_${environment} (this section only: \`node scripts/bench/run.mjs ${names.join(' ')} --write\`)._\n\n${s.markdown}\n\n`;
    const start = md.indexOf(`## ${s.title}\n`);
    if (start < 0) {
      md = `${md.trimEnd()}\n\n${body}`;
    } else {
      const next = md.indexOf('\n## ', start + 1);
      md = md.slice(0, start) + body + (next < 0 ? '' : md.slice(next + 1));
    }
  }
  writeFileSync(benchmarksMd, `${md.trimEnd()}\n`);
  console.log(`updated ${sections.map((s) => `"${s.title}"`).join(', ')} in docs/benchmarks.md`);
} else if (picked.length && picked.length < Object.keys(all).length) {
  console.log(`(partial run: docs/benchmarks.md not rewritten; add --write to update these sections, or run \`npm run bench\` for all)`);
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
  writeFileSync(benchmarksMd, md);
  console.log(`wrote docs/benchmarks.md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
