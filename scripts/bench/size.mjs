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

/**
 * One esbuild bundle of `entry` (minified, ES2022, one file): dynamic imports (the lazy chunks)
 * stay out, and so does every module whose path matches `leaveOut`. Returns its minified bytes,
 * gzip bytes and the bytes each input contributed.
 */
async function bundleOf(entry, leaveOut) {
  const name = 'cw-auth-bench-leave-out';
  const result = await esbuild({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: repoRoot, loader: 'ts' } }),
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    metafile: true,
    target: 'es2022',
    tsconfig: join(repoRoot, 'tsconfig.json'),
    logLevel: 'silent',
    plugins: [
      {
        name,
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'dynamic-import' || (leaveOut && leaveOut.test(args.path))) return { path: args.path, external: true };
            return undefined;
          });
        },
      },
    ],
  });
  const code = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  return { raw: code.length, gzip: gzip(code), inputs: Object.entries(output.inputs).map(([path, input]) => [path, input.bytesInOutput]) };
}

/** Which source areas the drop-in's bytes come from (esbuild, minified, same entry, lazy chunks left out). */
async function breakdown() {
  const bundle = await bundleOf(join(repoRoot, 'src/drop-in.ts'));
  const area = (path) => {
    if (path.includes('node_modules/')) {
      const pkg = path.split('node_modules/').pop().split('/');
      return pkg[0].startsWith('@') ? `${pkg[0]}/${pkg[1]}` : pkg[0];
    }
    const p = path.replace(/^src\//, '');
    if (p.startsWith('strings/')) return 'strings: English + locale';
    if (p.startsWith('elements/')) return `elements/${p.split('/')[1]}`;
    return p.split('/')[0];
  };
  const groups = new Map();
  for (const [path, bytes] of bundle.inputs) groups.set(area(path), (groups.get(area(path)) ?? 0) + bytes);
  const total = bundle.raw;
  // Areas under 0.5 KB go into one "other" row.
  const sorted = [...groups].sort((a, b) => b[1] - a[1]);
  const small = sorted.filter(([, bytes]) => bytes < 512);
  const kept = sorted.filter(([, bytes]) => bytes >= 512);
  if (small.length) kept.push([`other (${small.map(([n]) => n.replace(/\.ts$/, '')).join(', ')})`, small.reduce((n, [, b]) => n + b, 0)]);
  const rows = kept.map(([name, bytes]) => ({ name, bytes, share: bytes / total, gzipEstimate: Math.round((bytes / total) * bundle.gzip) }));
  const top = bundle.inputs
    .filter(([path]) => !path.includes('node_modules/'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([path, bytes]) => ({ path, bytes }));
  return { total, totalGzip: bundle.gzip, rows, top };
}

/**
 * Lower bounds for the budget: parts of the drop-in bundled alone, the same way as the breakdown.
 * "Cards without flows" leaves out everything a card shows only for connecting (the three flow
 * elements and their controllers, connection actions, QR, error texts, flow strings), so it is
 * what rendering the list of cards costs at least.
 */
const FLOW_MODULES = /(device-flow|oauth-flow|credentials-flow|connection-actions|account-profile|qr-code|flow-base)(\/|\.)|(connection|profiles)\.controller|error-text|en-flows|flow-run|popup|check-connected/;
/** `export { … } from '…'` lines for exactly the lit / @lit names src/ (mock excluded) imports. */
function litImportsOfSrc() {
  const names = new Map();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'mock') walk(full);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        for (const [, list, from] of readFileSync(full, 'utf8').matchAll(/^import \{([^}]*)\} from '((?:lit|@lit\/)[^']*)'/gm)) {
          const set = names.get(from) ?? new Set();
          for (const n of list.split(',').map((x) => x.trim())) if (n && !n.startsWith('type ')) set.add(n);
          names.set(from, set);
        }
      }
    }
  };
  walk(join(repoRoot, 'src'));
  return [...names].map(([from, set]) => `export { ${[...set].join(', ')} } from '${from}';`).join('\n');
}

async function floors() {
  const lit = await bundleOf({ contents: litImportsOfSrc() });
  const cards = await bundleOf(
    {
      contents: ['copy-button', 'provider-field', 'provider-card', 'auth-providers']
        .map((e) => `import './src/elements/${e}/${e}.ts';`)
        .join('\n'),
    },
    FLOW_MODULES,
  );
  const whole = await bundleOf(join(repoRoot, 'src/drop-in.ts'));
  return [
    { name: 'lit and @lit/context: exactly the names src/ imports', ...lit },
    { name: '`<cw-auth-providers>` + `<cw-provider-card>` + fields + copy buttons, without any connect flow, connection actions, account profile picker, QR, error texts or flow strings', ...cards },
    { name: 'the whole drop-in entry (src/drop-in.ts), same method', ...whole },
  ];
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
  const lowerBounds = await floors();

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
  lines.push(
    '',
    `**Lower bounds** (each bundled alone with esbuild, minified, lit included where used; the budget is ${kb(BUDGET_GZIP)} gzip):`,
    '',
    '| what | minified | gzip -9 |',
    '|---|---:|---:|',
    ...lowerBounds.map((f) => `| ${f.name} | ${kb(f.raw)} | ${kb(f.gzip)} |`),
  );
  const [litFloor, cardsFloor] = lowerBounds;
  lines.push(
    '',
    `Lit and @lit/context alone take ${((litFloor.gzip / BUDGET_GZIP) * 100).toFixed(0)} % of the budget. ` +
      (cardsFloor.gzip > BUDGET_GZIP
        ? `Rendering the cards without any connect flow already needs ${kb(cardsFloor.gzip)}, ${kb(cardsFloor.gzip - BUDGET_GZIP)} over the budget, so no split into lazy chunks that keeps the cards in the entry can meet it; only dropping behaviour or moving the cards themselves out of the entry could.`
        : `Rendering the cards without any connect flow needs ${kb(cardsFloor.gzip)}, within the budget: the flows could become lazy chunks.`),
  );

  console.log('size:');
  for (const b of bundles) console.log(`  ${b.file.padEnd(24)} ${kb(b.raw).padStart(9)} min  ${kb(b.gzip).padStart(8)} gzip  ${kb(b.brotli).padStart(8)} br`);
  console.log(`  ${'Lit-only baseline'.padEnd(24)} ${kb(litOnly.raw).padStart(9)} min  ${kb(litOnly.gzip).padStart(8)} gzip  ${kb(litOnly.brotli).padStart(8)} br`);
  console.log(`  drop-in: ${verdict.replace(/\*\*/g, '')}`);
  for (const f of lowerBounds) console.log(`  lower bound ${kb(f.gzip).padStart(8)} gzip: ${f.name.replace(/`/g, '')}`);
  for (const r of parts.rows.slice(0, 8)) console.log(`    ${r.name.padEnd(32)} ${kb(r.bytes).padStart(9)}  ${(r.share * 100).toFixed(1).padStart(5)} %`);
  return { title: 'Bundle size', markdown: lines.join('\n'), figures: { bundles, litOnly, dropInGzip: dropIn.gzip, iifeGzip: iife.gzip, breakdown: parts.rows, lowerBounds: lowerBounds.map(({ name, raw, gzip }) => ({ name, raw, gzip })) } };
}
