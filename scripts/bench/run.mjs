// `npm run bench`: builds if needed, runs every benchmark, prints the figures and writes them to
// docs/benchmarks.md. Benchmarks measure and report; they never assert timings.
//   node scripts/bench/run.mjs [size] [render] [keystroke] [leaks] [device] [--write]   (default: all;
//   --write lets a partial run replace its own sections of docs/benchmarks.md)
//   BENCH_RUNS=5 (render repetitions), BENCH_FIELDS=10000 BENCH_KEYS=40 (keystroke), BENCH_CYCLES=1000, BENCH_APPROVE_AFTER_MS=60000
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfNeeded, repoRoot } from '../../test/e2e/support.mjs';

const all = { size: './size.mjs', render: './render.mjs', keystroke: './keystroke.mjs', leaks: './leaks.mjs', device: './device-flow.mjs' };
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

const benchmarksMd = join(repoRoot, 'docs/benchmarks.md');
if (picked.length && picked.length < Object.keys(all).length && process.argv.includes('--write')) {
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
