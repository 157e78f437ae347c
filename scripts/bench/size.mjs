// Bundle sizes: gzip (level 9) and brotli (quality 11) of each dist bundle, beside a Lit-only
// element built in the same run with the same settings, plus a by-module breakdown of the
// drop-in from an esbuild metafile.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { repoRoot } from '../../test/e2e/support.mjs';

export const BUDGET_GZIP = 18 * 1024;

const gzip = (buf) => gzipSync(buf, { level: 9 }).length;
const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function measure(file) {
  const buf = readFileSync(file);
  return { file: relative(repoRoot, file), raw: buf.length, gzip: gzip(buf), brotli: brotli(buf) };
}

const LIT_ONLY = `
import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
export class LitOnly extends LitElement {
  static override styles = css\`:host { display: block; color: var(--x, #123); }\`;
  @property() name = 'World';
  override render() { return html\`<p>Hello, \${this.name}!</p>\`; }
}
customElements.define('lit-only', LitOnly);
`;

/** The baseline: one trivial Lit element (lit bundled), built exactly like the drop-in. */
async function buildLitOnly() {
  const dir = join(repoRoot, '.cache/bench/lit-only');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'lit-only.ts'), LIT_ONLY);
  await viteBuild({
    root: repoRoot,
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    build: {
      target: 'es2022',
      outDir: join(dir, 'out'),
      emptyOutDir: true,
      reportCompressedSize: false,
      lib: { entry: join(dir, 'lit-only.ts'), formats: ['es'], fileName: () => 'lit-only.js' },
      rolldownOptions: { output: { minify: true, comments: { annotation: false } } },
    },
  });
  return measure(join(dir, 'out/lit-only.js'));
}

/** Which source areas the drop-in's bytes come from (esbuild, minified, same entry). */
async function breakdown() {
  const result = await esbuild({
    entryPoints: [join(repoRoot, 'src/drop-in.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    outdir: join(repoRoot, '.cache/bench/esbuild'),
    metafile: true,
    write: true,
    target: 'es2022',
    tsconfig: join(repoRoot, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const main = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint?.endsWith('src/drop-in.ts'));
  const [outFile, output] = main;
  const area = (path) => {
    if (path.includes('node_modules/')) {
      const pkg = path.split('node_modules/').pop().split('/');
      return pkg[0].startsWith('@') ? `${pkg[0]}/${pkg[1]}` : pkg[0];
    }
    const p = path.replace(/^src\//, '');
    if (p.startsWith('strings/de')) return 'strings: German (de)';
    if (p.startsWith('strings/')) return 'strings: English + locale';
    if (p.startsWith('elements/')) return `elements/${p.split('/')[1]}`;
    return p.split('/')[0];
  };
  const groups = new Map();
  const modules = [];
  for (const [path, input] of Object.entries(output.inputs)) {
    groups.set(area(path), (groups.get(area(path)) ?? 0) + input.bytesInOutput);
    modules.push([path, input.bytesInOutput]);
  }
  const total = output.bytes;
  const totalGzip = gzip(readFileSync(join(repoRoot, outFile)));
  // Areas under 0.5 KB go into one "other" row.
  const sorted = [...groups].sort((a, b) => b[1] - a[1]);
  const small = sorted.filter(([, bytes]) => bytes < 512);
  const kept = sorted.filter(([, bytes]) => bytes >= 512);
  if (small.length) kept.push([`other (${small.map(([n]) => n.replace(/\.ts$/, '')).join(', ')})`, small.reduce((n, [, b]) => n + b, 0)]);
  const rows = kept.map(([name, bytes]) => ({ name, bytes, share: bytes / total, gzipEstimate: Math.round((bytes / total) * totalGzip) }));
  const top = modules.sort((a, b) => b[1] - a[1]).slice(0, 12).map(([path, bytes]) => ({ path, bytes }));
  return { total, totalGzip, rows, top };
}

export async function run() {
  const dist = join(repoRoot, 'dist');
  const bundles = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => measure(join(dist, f)));
  const libFiles = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'mock') walk(full);
      } else if (e.name.endsWith('.js')) libFiles.push(full);
    }
  };
  walk(join(dist, 'lib'));
  const libRaw = libFiles.reduce((n, f) => n + statSync(f).size, 0);
  const litOnly = await buildLitOnly();
  const parts = await breakdown();

  const dropIn = bundles.find((b) => b.file === 'dist/cw-auth.js');
  const iife = bundles.find((b) => b.file === 'dist/cw-auth.iife.js');
  const lines = [];
  lines.push('| file | minified | gzip -9 | brotli -q 11 | × Lit-only (gzip) |', '|---|---:|---:|---:|---:|');
  for (const b of [...bundles, { ...litOnly, file: `baseline: Lit-only element (${litOnly.file})` }]) {
    lines.push(`| ${b.file} | ${kb(b.raw)} | ${kb(b.gzip)} | ${kb(b.brotli)} | ${(b.gzip / litOnly.gzip).toFixed(2)} |`);
  }
  lines.push(`| dist/lib (npm package, ${libFiles.length} unminified modules without lit, mock excluded) | ${kb(libRaw)} raw | | | |`);
  const verdict =
    dropIn.gzip <= BUDGET_GZIP
      ? `within the ${kb(BUDGET_GZIP)} gzip budget`
      : `**over** the ${kb(BUDGET_GZIP)} gzip budget by ${kb(dropIn.gzip - BUDGET_GZIP)} (${((dropIn.gzip / BUDGET_GZIP) * 100).toFixed(0)} % of it)`;
  lines.push('', `The drop-in \`dist/cw-auth.js\` is ${kb(dropIn.gzip)} gzip: ${verdict}. The QR encoder (\`dist/cw-auth-qr.js\`) is loaded only when a QR code is shown and is not counted.`);
  lines.push('', `**Where the drop-in's bytes come from** (esbuild metafile of the same entry, minified: ${kb(parts.total)}, ${kb(parts.totalGzip)} gzip; the gzip column splits that total by each area's share of minified bytes, an estimate since gzip does not add up per module):`, '');
  lines.push('| area | minified | share | ≈ gzip |', '|---|---:|---:|---:|');
  for (const r of parts.rows) lines.push(`| ${r.name} | ${kb(r.bytes)} | ${(r.share * 100).toFixed(1)} % | ${kb(r.gzipEstimate)} |`);
  lines.push('', 'Largest single modules: ' + parts.top.map((t) => `\`${t.path.replace(/^src\//, '')}\` ${kb(t.bytes)}`).join(', ') + '.');

  console.log('size:');
  for (const b of bundles) console.log(`  ${b.file.padEnd(24)} ${kb(b.raw).padStart(9)} min  ${kb(b.gzip).padStart(8)} gzip  ${kb(b.brotli).padStart(8)} br`);
  console.log(`  ${'Lit-only baseline'.padEnd(24)} ${kb(litOnly.raw).padStart(9)} min  ${kb(litOnly.gzip).padStart(8)} gzip  ${kb(litOnly.brotli).padStart(8)} br`);
  console.log(`  drop-in: ${verdict.replace(/\*\*/g, '')}`);
  for (const r of parts.rows.slice(0, 8)) console.log(`    ${r.name.padEnd(32)} ${kb(r.bytes).padStart(9)}  ${(r.share * 100).toFixed(1).padStart(5)} %`);
  return { title: 'Bundle size', markdown: lines.join('\n'), figures: { bundles, litOnly, dropInGzip: dropIn.gzip, iifeGzip: iife.gzip, breakdown: parts.rows } };
}
