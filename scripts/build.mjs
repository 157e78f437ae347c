// Builds everything `npm run build` ships:
//   dist/cw-auth.js        drop-in ES module, lit bundled, registers every element
//   dist/cw-auth.iife.js   drop-in classic <script>, same content, global `CwAuth`
//   dist/cw-auth-qr.js     the QR encoder (uqr), loaded by both drop-ins only when a QR code is shown
//   dist/cw-auth-de.js     the German strings, loaded by both drop-ins only when German is asked for
//   dist/cw-auth-profiles.js  <cw-profile-switcher>, loaded by both drop-ins only when a card has
//                          CrossWatch profiles to show; it takes lit etc. from the bundle (SHARED)
//   dist/cw-auth-flows.js  the connect flows, connection actions and account profile picker with
//                          the flows' strings and the flow answers' validators, fetched when idle
//                          after a list's first paint (SHARED)
//   dist/cw-auth-crosswatch.js  CrossWatch's route knowledge (the backend adapter), fetched with a
//                          list's config when its manifests declare no routes (SHARED)
//   dist/lib/**            npm package: ES modules + .d.ts, lit left as a dependency
//   dist/lib/mock/**       the mock backend for hosts' own tests (bundled: it embeds JSON fixtures)
//   custom-elements.json   Custom Elements Manifest (`cem analyze`, custom-elements-manifest.config.mjs)
//
// `node scripts/build.mjs --skip-lib` builds only the drop-in bundles and their lazy modules.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import ts from 'typescript';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { templateMinifierFor } from './template-minifier.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const skipLib = process.argv.includes('--skip-lib');
const started = Date.now();

const minify = { minify: true, comments: { annotation: false } };
const common = {
  root,
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: false, sourcemap: true, reportCompressedSize: false },
};
/**
 * Files loaded on demand (dynamic `import()` in src/). Each is built once as a standalone ES
 * module next to the bundles and both drop-ins fetch that same file, only when needed. A file
 * may hold several source modules (`entries`) that are loaded together anyway: one file, one
 * copy of what they share (flow-base, the flow strings), one request. A dynamic import of any
 * of them loads the file and takes that module's namespace from it.
 */
const src = (p) => join(root, 'src', p);
const LAZY = [
  { file: 'cw-auth-qr.js', entries: [join(root, 'node_modules/uqr/dist/index.mjs')], specifier: 'uqr' }, // the QR encoder
  { file: 'cw-auth-de.js', entries: [src('strings/de.ts')] }, // German strings (src/strings/load-de.ts)
  // The card's lazy parts (src/registry.ts) and the profile switcher
  // (src/elements/profile-switcher/load-profile-switcher.ts). Each needs lit, CwElement, the
  // contexts, the strings… of the bundle that loads it (one lit, one context key), so every
  // import it shares with the entry is `shared` (see sharedImportsOf).
  // The connect flows and what a connected card shows (Refresh / Disconnect, the account
  // profile picker): every card shows one of them, so a list fetches this file when idle after
  // its first paint. They share flow-base and the flows' strings: one file carries them once.
  {
    file: 'cw-auth-flows.js',
    entries: [
      src('elements/device-flow/device-flow.ts'),
      src('elements/oauth-flow/oauth-flow.ts'),
      src('elements/credentials-flow/credentials-flow.ts'),
      src('elements/connection-actions/connection-actions.ts'),
      src('elements/account-profile/account-profile.ts'),
      // The flow routes' answer validators (the API client imports them when such an answer arrives).
      src('api-client/flow-responses.ts'),
      // What a card does when its flows report (src/registry.ts `flow_events`).
      src('elements/provider-card/flow-events.ts'),
    ],
    shared: true,
  },
  { file: 'cw-auth-profiles.js', entries: [src('elements/profile-switcher/profiles-part.ts')], shared: true }, // the switcher + ProfilesController
  // CrossWatch's route knowledge (src/registry.ts `crosswatch`): fetched with a list's config when
  // a manifest declares no routes, by a card whose manifest does.
  // CrossWatch's all-providers answers' readers come with it (the API client imports them when
  // such an answer arrives; only a list of CrossWatch's manifests asks those routes).
  { file: 'cw-auth-crosswatch.js', entries: [src('adapters/crosswatch/crosswatch.ts'), src('api-client/crosswatch-aggregates.ts')], shared: true },
];
/**
 * The lazy file a dynamic import refers to (by package name, or by the source file it resolves
 * to) and which of its entries it is: `{ lazy, index }`.
 */
function lazyFor(source, importer) {
  const byName = LAZY.find((l) => l.specifier === source);
  if (byName) return { lazy: byName, index: 0 };
  let path = source;
  if (source.startsWith('.') && importer) path = resolve(dirname(importer), source);
  if (!isAbsolute(path)) return undefined;
  path = path.replace(/\.js$/, '.ts');
  const lazy = LAZY.find((l) => l.entries.includes(path));
  return lazy && { lazy, index: lazy.entries.indexOf(path) };
}
/** A file with several entries is built from a generated module exposing each as `m<i>`. */
const entryOf = (lazy) => {
  if (lazy.entries.length === 1) return lazy.entries[0];
  const file = join(root, '.cache/lazy-entries', lazy.file.replace(/\.js$/, '.ts'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, lazy.entries.map((e, i) => `export * as m${i} from ${JSON.stringify(e)};`).join('\n') + '\n');
  return file;
};

/** The relative, non-type imports and re-exports of one source file: [statement, absolute .ts path or package name]. */
function importsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const out = [];
  for (const statement of source.statements) {
    const isImport = ts.isImportDeclaration(statement);
    if (!isImport && !ts.isExportDeclaration(statement)) continue;
    if (!statement.moduleSpecifier || (isImport ? statement.importClause?.isTypeOnly : statement.isTypeOnly)) continue;
    const specifier = statement.moduleSpecifier.text;
    out.push([statement, specifier.startsWith('.') ? resolve(dirname(file), specifier).replace(/\.js$/, '.ts') : specifier]);
  }
  return out;
}

/** The source files the drop-in entry reaches through static imports (dynamic imports are chunks). */
const ENTRY = join(root, 'src/drop-in.ts');
function entryGraph() {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, target] of importsOf(file)) if (isAbsolute(target)) visit(target);
  };
  visit(ENTRY);
  return seen;
}
const inEntry = entryGraph();

// The flows' own English strings come with the flows chunk (src/strings/en-core.ts): no module of
// the entry may read one, or it would show undefined until that chunk arrived.
{
  const flowKeys = [...readFileSync(join(root, 'src/strings/en-flows.ts'), 'utf8').matchAll(/^\s+'([^']+)':/gm)].map((m) => m[1]);
  for (const file of inEntry) {
    if (file.includes('/src/strings/')) continue;
    const code = readFileSync(file, 'utf8');
    const read = flowKeys.find((key) => code.includes(`'${key}'`) || code.includes(`\`${key}`));
    if (read) throw new Error(`${file} reads '${read}', a flow string the entry does not carry: use en-core keys, or read it in a flow.`);
  }
}

/**
 * A `shared` lazy module is built from the source files its entry reaches that the drop-in entry
 * does not (its own files); every import of a module the drop-in has (lit, @lit/context,
 * src/elements/base.ts, the strings, …) is taken from the bundle that loads it. This lists those
 * imports: module (package name or absolute .ts path) → the names the chunk uses. The loader (the
 * module with the dynamic import) imports exactly these names and hands them over in a global
 * array read by the chunk, so the bundle keeps tree-shaking and the chunk carries only its own code.
 */
function sharedImportsOf(lazy) {
  const own = new Set();
  const shared = new Map();
  const visit = (file) => {
    if (own.has(file)) return;
    own.add(file);
    for (const [statement, target] of importsOf(file)) {
      if (isAbsolute(target) && !inEntry.has(target)) {
        visit(target);
        continue;
      }
      const isImport = ts.isImportDeclaration(statement);
      // A module the entry has already ran: a side-effect import of it needs nothing.
      if (isImport && !statement.importClause && isAbsolute(target)) continue;
      // `export { a } from …` takes `a` like an import does.
      const bindings = isImport ? statement.importClause?.namedBindings : statement.exportClause;
      const named = bindings && (isImport ? ts.isNamedImports(bindings) && !statement.importClause.name : ts.isNamedExports(bindings));
      if (!named) {
        throw new Error(`${file}: only named imports can come from outside ${lazy.file} (${statement.moduleSpecifier.text})`);
      }
      const names = shared.get(target) ?? new Set();
      for (const element of bindings.elements) if (!element.isTypeOnly) names.add((element.propertyName ?? element.name).text);
      if (names.size) shared.set(target, names);
    }
  };
  for (const entry of lazy.entries) visit(entry);
  return { own, key: `Symbol.for('cw-auth.shared:${lazy.file}')`, modules: [...shared].map(([module, names]) => ({ module, names: [...names] })) };
}
for (const lazy of LAZY) if (lazy.shared) lazy.shared = sharedImportsOf(lazy);

/**
 * In the lazy build: each shared import becomes a virtual module reading the loader's hand-over,
 * a flat array in `modules` order (positions, not names: nothing but the array reaches the page).
 */
const takeShared = (lazy) => ({
  name: 'cw-auth-take-shared',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === '\0cw-shared') return source;
    if (!importer || importer.startsWith('\0') || !lazy.shared.own.has(importer.replace(/\?.*$/, ''))) return null;
    const target = source.startsWith('.') ? resolve(dirname(importer), source).replace(/\.js$/, '.ts') : source;
    const index = lazy.shared.modules.findIndex((m) => m.module === target);
    if (index >= 0) return `\0cw-shared:${index}`;
    // A side-effect import of a module the entry has (and so has run): nothing to bundle.
    return isAbsolute(target) && inEntry.has(target) ? '\0cw-shared-none' : null;
  },
  load(id) {
    if (id === '\0cw-shared-none') return '';
    const count = lazy.shared.modules.reduce((n, m) => n + m.names.length, 0);
    if (id === '\0cw-shared') return `export const [${Array.from({ length: count }, (_, i) => `s${i}`).join(', ')}] = globalThis[${lazy.shared.key}];`;
    if (!id.startsWith('\0cw-shared:')) return null;
    const index = Number(id.slice('\0cw-shared:'.length));
    const offset = lazy.shared.modules.slice(0, index).reduce((n, m) => n + m.names.length, 0);
    const { names } = lazy.shared.modules[index];
    return `export { ${names.map((n, i) => `s${offset + i} as ${n}`).join(', ')} } from '\\0cw-shared';`;
  },
});

/**
 * In the drop-ins: one loader module per lazy file (`\0cw-auth-load:<i>`), whatever number of
 * dynamic imports name it. A `shared` one first hands the bundle's modules over, in the order
 * takeShared reads them.
 */
function loaderCode(lazy) {
  const load = `export const load = () => loadSibling(${JSON.stringify(lazy.file)});`;
  if (!lazy.shared) return `import { loadSibling } from ${JSON.stringify(HELPER)};\n${load}`;
  const locals = [];
  const imports = lazy.shared.modules.map(({ module, names }, i) => {
    const bindings = names.map((n) => {
      locals.push(`s${i}_${n}`);
      return `${n} as s${i}_${n}`;
    });
    return `import { ${bindings.join(', ')} } from ${JSON.stringify(module)};`;
  });
  return [
    `import { loadSibling } from ${JSON.stringify(HELPER)};`,
    ...imports,
    `export const load = () => ((globalThis[${lazy.shared.key}] ??= [${locals.join(', ')}]), loadSibling(${JSON.stringify(lazy.file)}));`,
  ].join('\n');
}

const templateMinifier = templateMinifierFor(root);

rmSync(join(root, 'dist'), { recursive: true, force: true });

// 1. The lazy modules on their own. A lazy module's own dynamic imports of other lazy modules
//    (the device flow's QR encoder) stay dynamic imports of the sibling file.
const lazyExternal = (self) => ({
  external: (source, importer) => Boolean(lazyFor(source, importer)) && lazyFor(source, importer).lazy !== self,
  paths: (id) => (lazyFor(id) ? `./${lazyFor(id).lazy.file}` : id),
});
for (const lazy of LAZY) {
  await viteBuild({
    ...common,
    plugins: [templateMinifier, ...(lazy.shared ? [takeShared(lazy)] : [])],
    build: {
      ...common.build,
      lib: { entry: entryOf(lazy), formats: ['es'], fileName: () => lazy.file },
      rolldownOptions: { external: lazyExternal(lazy).external, output: { ...minify, paths: lazyExternal(lazy).paths } },
    },
  });
}

/** Both drop-ins' loader of sibling files. */
const HELPER = '\0cw-auth-lazy';
const dynamicImport = /\bimport\(\s*(['"])([^'"]+)\1\s*\)/g;
/**
 * Rewrites the dynamic imports of lazy modules in one source file of a drop-in: each becomes
 * `load()` of that file's loader module (loaderCode), and the entry's namespace out of a file
 * that holds several.
 */
const LOADER = '\0cw-auth-load:';
function rewriteLazyImports(code, id) {
  if (!id.startsWith(root) || id.includes('/node_modules/')) return null;
  const header = new Set();
  const rewritten = code.replace(dynamicImport, (whole, _quote, source) => {
    const found = lazyFor(source, id);
    if (!found) return whole;
    const { lazy, index } = found;
    const n = LAZY.indexOf(lazy);
    header.add(`import { load as __cwLoad${n} } from ${JSON.stringify(LOADER + n)};`);
    return lazy.entries.length > 1 ? `__cwLoad${n}().then((m) => m.m${index})` : `__cwLoad${n}()`;
  });
  return header.size ? { code: `${[...header].join('\n')}\n${rewritten}`, map: null } : null;
}

/**
 * loadSibling(file) imports a lazy module from beside the bundle itself: the ES drop-in knows its
 * URL (import.meta.url); a classic script cannot import a sibling by relative specifier, so the
 * IIFE takes the URL of the script itself (the helper is a virtual module imported statically, so
 * it runs while `document.currentScript` is still set). A load that failed is asked again under a
 * new URL (`?retry=n`), so Retry reaches the network instead of a cached failure.
 */
const helperCode = (iife) => `
${
  iife
    ? `function bundleUrl() {
  const current = document.currentScript;
  if (current && current.src) return current.src;
  // Executed some other way (e.g. injected later): find the script by name.
  const found = document.querySelector('script[src*="cw-auth"][src$=".js"]');
  return (found && found.src) || document.baseURI;
}
const base = bundleUrl();`
    : 'const base = import.meta.url;'
}
const failures = new Map();
export function loadSibling(file) {
  const tries = failures.get(file) || 0;
  const url = new URL(file, base);
  if (tries) url.searchParams.set('retry', String(tries));
  return import(/* @vite-ignore */ url.href).catch((error) => {
    failures.set(file, tries + 1);
    throw error;
  });
}
`;
const lazyLoader = (iife) => ({
  name: 'cw-auth-lazy',
  enforce: 'pre',
  resolveId: (id) => (id === HELPER || id.startsWith(LOADER) ? id : null),
  load: (id) => (id === HELPER ? helperCode(iife) : id.startsWith(LOADER) ? loaderCode(LAZY[Number(id.slice(LOADER.length))]) : null),
  transform: (code, id) => (id.startsWith('\0') ? null : rewriteLazyImports(code, id)),
});

// 2. ES drop-in.
await viteBuild({
  ...common,
  plugins: [lazyLoader(false), templateMinifier],
  build: {
    ...common.build,
    lib: { entry: 'src/drop-in.ts', formats: ['es'], fileName: () => 'cw-auth.js' },
    rolldownOptions: { output: { ...minify, chunkFileNames: 'cw-auth-[name]-[hash].js' } },
  },
});

// 3. IIFE drop-in (global `CwAuth`): the same, from one classic <script>.
await viteBuild({
  ...common,
  plugins: [lazyLoader(true), templateMinifier],
  build: {
    ...common.build,
    lib: { entry: 'src/drop-in.ts', formats: ['iife'], name: 'CwAuth', fileName: () => 'cw-auth.iife.js' },
    rolldownOptions: { output: minify },
  },
});

// Both drop-ins must leave every lazy module out and load it by name; fail loudly if a source
// change inlined one again or added a dynamic import this script does not know.
const expected = new Set(['cw-auth.js', 'cw-auth.iife.js', ...LAZY.map((l) => l.file)]);
const extra = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js') && !expected.has(f));
if (extra.length) throw new Error(`unexpected chunks in dist/: ${extra.join(', ')}; add their dynamic imports to LAZY in scripts/build.mjs.`);
// Every lazy module is loaded by name: by both drop-ins, or (the QR encoder) by another lazy module.
const texts = Object.fromEntries([...expected].map((f) => [f, readFileSync(join(root, 'dist', f), 'utf8')]));
for (const lazy of LAZY) {
  const loaders = Object.keys(texts).filter((f) => f !== lazy.file && texts[f].includes(lazy.file));
  const byDropIns = ['cw-auth.js', 'cw-auth.iife.js'].every((f) => loaders.includes(f));
  if (!byDropIns && !loaders.some((f) => LAZY.some((l) => l.file === f))) {
    throw new Error(`no bundle loads ${lazy.file}: it was bundled in (dist/cw-auth.js is ${statSync(join(root, 'dist/cw-auth.js')).size} bytes).`);
  }
}

if (!skipLib) {
  // 4. npm package: plain tsc emit keeps one module per source file and leaves lit/@lit/context
  //    external. src/mock is excluded there (tsconfig.build.json) and handled below.
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

  // 5. The mock: bundled per entry (msw and other packages stay external), because the CrossWatch
  //    flavour imports its recorded fixtures from test/fixtures, outside src/.
  const mockEntries = { index: 'src/mock/index.ts', server: 'src/mock/server.ts', 'crosswatch/index': 'src/mock/crosswatch/index.ts' };
  await esbuild({
    entryPoints: Object.entries(mockEntries).map(([out, input]) => ({ in: join(root, input), out })),
    outdir: join(root, 'dist/lib/mock'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    packages: 'external',
    external: ['node:*'],
    sourcemap: true,
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  // Their declarations: emitted with the repo as root (the fixtures lie outside src/), then copied
  // beside the bundles. They import ../api-client/*.js etc., which step 4 emitted.
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const dtsDir = join(root, '.cache/mock-dts');
  rmSync(dtsDir, { recursive: true, force: true });
  const program = ts.createProgram(
    Object.values(mockEntries).map((p) => join(root, p)),
    { ...parsed.options, types: ['node'], rootDir: root, outDir: dtsDir, declaration: true, emitDeclarationOnly: true, sourceMap: false, noEmit: false },
  );
  const emitted = program.emit();
  const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (problems.length) {
    console.error(ts.formatDiagnosticsWithColorAndContext(problems, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
    throw new Error('mock declarations failed');
  }
  cpSync(join(dtsDir, 'src/mock'), join(root, 'dist/lib/mock'), { recursive: true });
  // The fixtures' own declarations are not needed (types are inlined where used).
  if (existsSync(join(root, 'dist/lib/mock')) && readdirSync(join(root, 'dist/lib/mock')).length === 0) throw new Error('mock not emitted');

  // 6. custom-elements.json
  execFileSync(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--config', 'custom-elements-manifest.config.mjs'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

console.log(`built dist/${skipLib ? ' (drop-in bundles only)' : ' and custom-elements.json'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
