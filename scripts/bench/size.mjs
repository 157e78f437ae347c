// Bundle sizes: gzip (level 9) and brotli (quality 11) of the drop-in entry and each lazy chunk,
// and their total, beside two baselines built in the same run with the same settings: the previous
// single-file drop-in (the source at BASELINE_COMMIT, before the split into chunks) and a Lit-only
// element; plus a by-module breakdown of the entry from an esbuild metafile.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { repoRoot } from '../../test/e2e/support.mjs';
import { templateMinifierFor } from '../template-minifier.mjs';

/** Issue #10: the entry's gate and goal (gzip). */
export const BUDGET_GZIP = 20 * 1024;
export const GOAL_GZIP = 15 * 1024;
/** The last commit with the single-file drop-in (every flow inside it). */
export const BASELINE_COMMIT = '92cf7db';

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
 * The previous single-file drop-in: the sources at BASELINE_COMMIT (git archive into .cache),
 * built with their own scripts/build.mjs and this checkout's node_modules.
 */
function buildBaseline() {
  const dir = join(repoRoot, '.cache/bench/baseline');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['archive', BASELINE_COMMIT, 'src', 'scripts/build.mjs', 'package.json', 'tsconfig.json', 'tsconfig.build.json'], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, [join(dir, 'scripts/build.mjs'), '--skip-lib'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const files = readdirSync(join(dir, 'dist')).filter((f) => f.endsWith('.js')).sort();
  return files.map((f) => measure(join(dir, 'dist', f)));
}

/**
 * A source tree's drop-in as one file: every dynamic import inlined (flows, profiles, QR, German),
 * minified like the drop-in. Tells code growth (baseline vs now, both as one file) from what the
 * split into files costs (the chunks' total vs this).
 */
async function oneFileOf(tree, name) {
  const out = join(repoRoot, '.cache/bench/one-file', name);
  await viteBuild({
    root: tree,
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    plugins: [templateMinifierFor(tree)],
    build: {
      target: 'es2022',
      outDir: out,
      emptyOutDir: true,
      reportCompressedSize: false,
      lib: { entry: join(tree, 'src/drop-in.ts'), formats: ['es'], fileName: () => 'cw-auth-one-file.js' },
      rolldownOptions: { output: { minify: true, comments: { annotation: false }, codeSplitting: false } },
    },
  });
  return measure(join(out, 'cw-auth-one-file.js'));
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
 * Why each area of the entry is there: what the first paint of a list (or its first click) needs of
 * it, and what of it could still move to a chunk. Areas without a line here get "(no reason given)",
 * so a new area in the entry shows up in docs/benchmarks.md unexplained.
 */
const WHY = {
  'elements/provider-card':
    'the card shell every card paints (header, badge, notes, hint, fields, Save) and its parts: status, fields + save, strings, the flow slot (which part, its loading/failed line; what a connection or disconnect does to the badge and the fields, FlowEvents, is flow-events.ts in the flows chunk), the profile choice before the first request, the loader of the lazy parts',
  providers:
    'before any click: status (connection-status.controller: read, expiry; Refresh/Disconnect are connection.controller.ts in the flows chunk), route knowledge (routes.ts: the contract\'s default routes and how a manifest\'s own merge over a backend\'s; backends.ts: which backend adapter claims a manifest; CrossWatch\'s route table is its adapter, the cw-auth-crosswatch.js chunk), error sentences\' choice (error-text), presets (labels, groups, brand colours), the profile choice (profile-choice)',
  'api-client':
    'createApiClient: every route (public API; a host may pass its own client), the answers a card reads before any click validated as untrusted (manifest, responses: status and profile lists, parse-error with CrossWatch\'s error shapes); the flow answers\' validators are flow-responses.ts in the flows chunk, imported by the client\'s flow methods when such an answer arrives, and CrossWatch\'s all-providers answers\' readers (crosswatch-aggregates.ts) are in its adapter\'s chunk likewise',
  'strings: English + locale':
    'the English card strings (en-card) and every error sentence (en-errors: a failed status read or save can show any code); the flows\' own strings are in the flows chunk; locale switch, German lazily',
  'elements/auth-providers': 'the list: loading, grouping, chunked rendering of long lists',
  'lit-html': 'Lit (templates, the repeat/live/guard/style-map directives)',
  '@lit/reactive-element': 'Lit (reactive properties, controllers, styles)',
  'lit-element': 'Lit (LitElement)',
  '@lit/context': 'the API client, config store, strings, status hub and scheduler reach every card through @lit/context',
  'elements/provider-field': 'one field (text, secret, select, …) with its own re-render on typing',
  state: 'the shared config store, per-field state, the all-providers StatusHub, the VisibilityScheduler (≤ 4 per-card requests in flight), the status gate (one status read at a time, one a second)',
  styles: 'the theme and the shared button/input styles',
  'elements/copy-button': 'the copy button of hints (redirect URLs)',
  'elements/visible-requests.ts': "a card's first status and profile list: from the list's all-providers answers, else once in view",
  'registry.ts': 'the lazy parts (flows, connection parts, the card\'s flow_events, profiles) by key: tag and loader',
};

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

export async function run() {
  const dist = join(repoRoot, 'dist');
  const entryFiles = ['dist/cw-auth.js', 'dist/cw-auth.iife.js'];
  const bundles = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => measure(join(dist, f)));
  const chunks = bundles.filter((b) => !entryFiles.includes(b.file));
  const libFiles = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'mock') walk(full);
      } else if (e.name.endsWith('.js')) libFiles.push(full);
    }
  };
  if (existsSync(join(dist, 'lib'))) walk(join(dist, 'lib'));
  const libRaw = libFiles.reduce((n, f) => n + statSync(f).size, 0);
  const litOnly = await buildLitOnly();
  const baseline = buildBaseline();
  const oneFileNow = await oneFileOf(repoRoot, 'now');
  const oneFileBefore = await oneFileOf(join(repoRoot, '.cache/bench/baseline'), 'baseline');
  const parts = await breakdown();
  const litFloor = await bundleOf({ contents: litImportsOfSrc() });

  const dropIn = bundles.find((b) => b.file === 'dist/cw-auth.js');
  const iife = bundles.find((b) => b.file === 'dist/cw-auth.iife.js');
  const before = baseline.find((b) => b.file.endsWith('/dist/cw-auth.js'));
  const beforeChunks = baseline.filter((b) => !/\/dist\/cw-auth(\.iife)?\.js$/.test(b.file));
  const sum = (list, key) => list.reduce((n, b) => n + b[key], 0);
  // Everything a page can fetch: the ES entry and every chunk (the IIFE is the same entry again).
  const total = { raw: dropIn.raw + sum(chunks, 'raw'), gzip: dropIn.gzip + sum(chunks, 'gzip'), brotli: dropIn.brotli + sum(chunks, 'brotli') };
  const beforeTotal = { raw: before.raw + sum(beforeChunks, 'raw'), gzip: before.gzip + sum(beforeChunks, 'gzip'), brotli: before.brotli + sum(beforeChunks, 'brotli') };
  // What the list's first paint needs of the flows: the entry plus the three connect flows (fetched when idle).
  const firstFlows = chunks.filter((c) => /-flows\.js$/.test(c.file));

  const row = (b, note = '') => `| ${b.file}${note} | ${kb(b.raw)} | ${kb(b.gzip)} | ${kb(b.brotli)} | ${(b.gzip / litOnly.gzip).toFixed(2)} |`;
  const lines = [];
  lines.push('| file | minified | gzip -9 | brotli -q 11 | × Lit-only (gzip) |', '|---|---:|---:|---:|---:|');
  lines.push(row(dropIn, ' (entry, ES)'), row(iife, ' (entry, classic script)'));
  for (const c of chunks) lines.push(row(c, ' (lazy)'));
  lines.push(`| **total: entry + every chunk** | ${kb(total.raw)} | **${kb(total.gzip)}** | ${kb(total.brotli)} | |`);
  lines.push(`| baseline: previous single-file drop-in (${BASELINE_COMMIT}) dist/cw-auth.js | ${kb(before.raw)} | ${kb(before.gzip)} | ${kb(before.brotli)} | ${(before.gzip / litOnly.gzip).toFixed(2)} |`);
  lines.push(`| baseline: ${BASELINE_COMMIT} total with its ${beforeChunks.length} lazy files (${beforeChunks.map((b) => b.file.split('/').pop()).join(', ')}) | ${kb(beforeTotal.raw)} | ${kb(beforeTotal.gzip)} | ${kb(beforeTotal.brotli)} | |`);
  lines.push(`| this source as one file (every chunk inlined) | ${kb(oneFileNow.raw)} | ${kb(oneFileNow.gzip)} | ${kb(oneFileNow.brotli)} | |`);
  lines.push(`| ${BASELINE_COMMIT}'s source as one file (its lazy files inlined too) | ${kb(oneFileBefore.raw)} | ${kb(oneFileBefore.gzip)} | ${kb(oneFileBefore.brotli)} | |`);
  lines.push(`| baseline: Lit-only element | ${kb(litOnly.raw)} | ${kb(litOnly.gzip)} | ${kb(litOnly.brotli)} | 1.00 |`);
  lines.push(`| dist/lib (npm package, ${libFiles.length} unminified modules without lit, mock excluded) | ${kb(libRaw)} raw | | | |`);
  const gate = dropIn.gzip <= BUDGET_GZIP ? `within the ${kb(BUDGET_GZIP)} gate` : `**over** the ${kb(BUDGET_GZIP)} gate by ${kb(dropIn.gzip - BUDGET_GZIP)}`;
  const goal = dropIn.gzip <= GOAL_GZIP ? `, within the ${kb(GOAL_GZIP)} goal` : ` (goal ${kb(GOAL_GZIP)})`;
  const totalVerdict = total.gzip <= before.gzip ? 'no bigger than' : '**bigger than**';
  lines.push(
    '',
    `The entry \`dist/cw-auth.js\` is ${kb(dropIn.gzip)} gzip, ${((1 - dropIn.gzip / before.gzip) * 100).toFixed(0)} % less than the single file before (${kb(before.gzip)}): ${gate}${goal}. ` +
      `With the flows chunk a list fetches right after its first paint it is ${kb(dropIn.gzip + sum(firstFlows, 'gzip'))}. ` +
      `All files together are ${kb(total.gzip)} gzip (each chunk compressed on its own), ${totalVerdict} the single file before (${kb(before.gzip)}).`,
    '',
    `Why the total is what it is: the source has grown since ${BASELINE_COMMIT} (hardening, all-providers status, profiles, limits): built as one file with every chunk inlined it was ${kb(oneFileBefore.gzip)} then and is ${kb(oneFileNow.gzip)} now (${kb(oneFileNow.gzip - oneFileBefore.gzip)} more). ` +
      `Split into the entry and ${chunks.length} chunks it is ${kb(total.gzip)}: the split itself costs ${kb(total.gzip - oneFileNow.gzip)} (each file compressed on its own, the hand-over of shared modules), no module is in two files (scripts/build.mjs checks the chunks take lit, the contexts and the strings from the entry).`,
  );
  lines.push('', `**Where the entry's bytes come from** (esbuild metafile of the same entry, lazy chunks left out, minified: ${kb(parts.total)}, ${kb(parts.totalGzip)} gzip; the gzip column splits that total by each area's share of minified bytes, an estimate since gzip does not add up per module):`, '');
  lines.push('| area | minified | share | ≈ gzip | why it is in the entry |', '|---|---:|---:|---:|---|');
  for (const r of parts.rows) lines.push(`| ${r.name} | ${kb(r.bytes)} | ${(r.share * 100).toFixed(1)} % | ${kb(r.gzipEstimate)} | ${WHY[r.name] ?? (r.name.startsWith('other') ? 'small helpers: elements/base, events, contexts, version, the entry itself' : '(no reason given)')} |`);
  lines.push(
    '',
    'The measured floor: after the flows, their strings, the connection parts, the profiles controller, FlowEvents (≈ 2 KB minified, 0.5 KB gzip of the entry) and the flow answers\' validators (≈ 2.7 KB, 0.8 KB gzip) moved out (those two cost the total 0.4 KB: the flows chunk compresses them on its own and takes their helpers over from the entry), what is left is what a list and its cards paint and validate before any click. ' +
      'Tried and measured on the entry (gzip -9), kept when it paid: the template minifier (scripts/template-minifier.mjs, CSS comments and spaces, whitespace around line breaks in `html`) saves 1.1 KB of the entry and 1.3 KB of the total; removing every remaining line break of the entry would save at most 0.14 KB and inter-tag whitespace can change inline layout, so it stays; `static properties` instead of the `@property`/`@state` decorators ≈ 0.08 KB while `__decorate` stays for `@consume`/`@query` (not done); further CSS shortening (`calc()` spaces, `!important`, `>`) 0.02 KB; a second minifier pass (esbuild over the output) is 0.5 KB bigger. ' +
      'What could still move: the profile switcher\'s 35 English strings (≈ 2.0 KB minified, ≈ 0.5 KB gzip; en-card.ts) are read only in the profiles chunk, but the complete English table `en` (public, and imported by the flows chunk) must hold them, so they would sit in two files. CrossWatch\'s route table and the readers of its all-providers answers (3.5 KB minified) moved out as its adapter (cw-auth-crosswatch.js, fetched beside the config when a card shown declares no routes; a page whose cards all declare routes never loads it); they took 0.5 KB gzip out of the entry (net of the code that loads them), and a CrossWatch list\'s first paint now waits for that chunk beside its config. ' +
      `Lit and @lit/context alone are ${kb(litFloor.gzip)}; the gate (${kb(BUDGET_GZIP)}) would leave ≈ ${kb(BUDGET_GZIP - litFloor.gzip)} for the list, the card, its fields, the client and the strings, which are ≈ ${kb(parts.totalGzip - litFloor.gzip)} today: not reachable without dropping behaviour from the first paint.`,
  );
  lines.push('', 'Largest single modules: ' + parts.top.map((t) => `\`${t.path.replace(/^src\//, '')}\` ${kb(t.bytes)}`).join(', ') + '.');
  lines.push('', `Lit and @lit/context, exactly the names src/ imports, bundled alone: ${kb(litFloor.raw)} minified, ${kb(litFloor.gzip)} gzip.`);

  console.log('size:');
  for (const b of [...bundles, ...baseline]) console.log(`  ${b.file.padEnd(40)} ${kb(b.raw).padStart(9)} min  ${kb(b.gzip).padStart(8)} gzip  ${kb(b.brotli).padStart(8)} br`);
  console.log(`  ${'total (entry + chunks)'.padEnd(40)} ${kb(total.raw).padStart(9)} min  ${kb(total.gzip).padStart(8)} gzip; before: ${kb(beforeTotal.gzip)} with its lazy files`);
  console.log(`  ${'one file, every chunk inlined: now'.padEnd(40)} ${kb(oneFileNow.raw).padStart(9)} min  ${kb(oneFileNow.gzip).padStart(8)} gzip; ${BASELINE_COMMIT}: ${kb(oneFileBefore.gzip)}`);
  console.log(`  ${'Lit-only baseline'.padEnd(40)} ${kb(litOnly.raw).padStart(9)} min  ${kb(litOnly.gzip).padStart(8)} gzip  ${kb(litOnly.brotli).padStart(8)} br`);
  console.log(`  entry: ${gate.replace(/\*\*/g, '')}${goal}`);
  for (const r of parts.rows.slice(0, 10)) console.log(`    ${r.name.padEnd(32)} ${kb(r.bytes).padStart(9)}  ${(r.share * 100).toFixed(1).padStart(5)} %`);
  return {
    title: 'Bundle size',
    markdown: lines.join('\n'),
    figures: { bundles, baseline, total, beforeTotal, oneFileNow, oneFileBefore, litOnly, dropInGzip: dropIn.gzip, iifeGzip: iife.gzip, breakdown: parts.rows, litFloor: { raw: litFloor.raw, gzip: litFloor.gzip } },
  };
}
