// Builds everything `npm run build` ships:
//   dist/cw-auth.js        drop-in ES module, lit bundled, registers every element
//   dist/cw-auth.iife.js   drop-in classic <script>, same content, global `CwAuth`
//   dist/cw-auth-qr.js     the QR encoder (uqr), loaded by both drop-ins only when a QR code is shown
//   dist/cw-auth-de.js     the German strings, loaded by both drop-ins only when German is asked for
//   dist/lib/**            npm package: ES modules + .d.ts, lit left as a dependency
//   dist/lib/mock/**       the mock backend for hosts' own tests (bundled: it embeds JSON fixtures)
//   custom-elements.json   Custom Elements Manifest (`cem analyze`, custom-elements-manifest.config.mjs)
//
// `node scripts/build.mjs --skip-lib` builds only the drop-in bundles and their lazy modules.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import ts from 'typescript';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * Modules loaded on demand (dynamic `import()` in src/). Each is built once as a standalone ES
 * module next to the bundles and both drop-ins fetch that same file, only when needed.
 */
const LAZY = [
  { file: 'cw-auth-qr.js', entry: join(root, 'node_modules/uqr/dist/index.mjs'), specifier: 'uqr' }, // the QR encoder
  { file: 'cw-auth-de.js', entry: join(root, 'src/strings/de.ts') }, // German strings (src/strings/load-de.ts)
];
/** The lazy module a dynamic import refers to: by package name, or by the source file it resolves to. */
function lazyFor(source, importer) {
  const byName = LAZY.find((l) => l.specifier === source);
  if (byName) return byName;
  let path = source;
  if (source.startsWith('.') && importer) path = resolve(dirname(importer), source);
  if (!isAbsolute(path)) return undefined;
  path = path.replace(/\.js$/, '.ts');
  return LAZY.find((l) => l.entry === path);
}

rmSync(join(root, 'dist'), { recursive: true, force: true });

// 1. The lazy modules on their own.
for (const lazy of LAZY) {
  await viteBuild({
    ...common,
    build: {
      ...common.build,
      lib: { entry: lazy.entry, formats: ['es'], fileName: () => lazy.file },
      rolldownOptions: { output: minify },
    },
  });
}

// 2. ES drop-in: the lazy imports stay dynamic imports, pointed at ./cw-auth-*.js (resolved
//    against the bundle's own URL).
await viteBuild({
  ...common,
  build: {
    ...common.build,
    lib: { entry: 'src/drop-in.ts', formats: ['es'], fileName: () => 'cw-auth.js' },
    rolldownOptions: {
      external: (source, importer) => Boolean(lazyFor(source, importer)),
      output: { ...minify, paths: (id) => (lazyFor(id) ? `./${lazyFor(id).file}` : id), chunkFileNames: 'cw-auth-[name]-[hash].js' },
    },
  },
});

// 3. IIFE drop-in: a classic script cannot split chunks nor import a sibling by relative
//    specifier, so each lazy `import('…')` becomes `loadSibling('cw-auth-….js')`, which resolves
//    the file against the URL of the script itself. The helper is a virtual module imported
//    statically, so it runs while `document.currentScript` is still set.
const HELPER = '\0cw-auth-iife-lazy';
const HELPER_CODE = `
function bundleUrl() {
  const current = document.currentScript;
  if (current && current.src) return current.src;
  // Executed some other way (e.g. injected later): find the script by name.
  const found = document.querySelector('script[src*="cw-auth"][src$=".js"]');
  return (found && found.src) || document.baseURI;
}
const base = bundleUrl();
export function loadSibling(file) {
  return import(/* @vite-ignore */ new URL(file, base).href);
}
`;
const dynamicImport = /\bimport\(\s*(['"])([^'"]+)\1\s*\)/g;
const iifeLazyLoader = {
  name: 'cw-auth-iife-lazy',
  enforce: 'pre',
  resolveId: (id) => (id === HELPER ? HELPER : null),
  load: (id) => (id === HELPER ? HELPER_CODE : null),
  transform(code, id) {
    if (id === HELPER || !id.startsWith(root) || id.includes('/node_modules/')) return null;
    let changed = false;
    const rewritten = code.replace(dynamicImport, (whole, _quote, source) => {
      const lazy = lazyFor(source, id);
      if (!lazy) return whole;
      changed = true;
      return `__cwLoadSibling(${JSON.stringify(lazy.file)})`;
    });
    return changed ? { code: `import { loadSibling as __cwLoadSibling } from ${JSON.stringify(HELPER)};\n${rewritten}`, map: null } : null;
  },
};
await viteBuild({
  ...common,
  plugins: [iifeLazyLoader],
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
for (const file of ['cw-auth.js', 'cw-auth.iife.js']) {
  const text = readFileSync(join(root, 'dist', file), 'utf8');
  for (const lazy of LAZY) {
    if (!text.includes(lazy.file)) throw new Error(`dist/${file} does not load ${lazy.file}: it was bundled in (${statSync(join(root, 'dist', file)).size} bytes).`);
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
