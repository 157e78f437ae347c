// `npm run bench`: builds if needed, runs every benchmark, prints the figures and writes them to
// docs/benchmarks.md. Benchmarks measure and report; they never assert timings.
//   node scripts/bench/run.mjs [size] [render] [requests] [leaks] [device]   (default: all)
//   BENCH_RUNS=5 (render repetitions), BENCH_CYCLES=1000, BENCH_APPROVE_AFTER_MS=60000
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded, repoRoot } from '../../test/e2e/support.mjs';

const all = { size: './size.mjs', render: './render.mjs', requests: './requests.mjs', leaks: './leaks.mjs', device: './device-flow.mjs' };
const picked = process.argv.slice(2).filter((a) => a in all);
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
