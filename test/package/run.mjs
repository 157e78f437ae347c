// The package as a consumer gets it: `npm pack`, the tarball installed into a scratch project,
// then checked there (`npm run test:package`).
//
//  1. Server rendering: importing `cw-auth-elements` and `cw-auth-elements/define` in Node
//     neither throws nor reads `window`, `document`, `location`, … from the package's own code
//     (Lit's server shims may probe them; that is Lit's documented SSR support).
//  2. The framework typings (generated from custom-elements.json by the cem plugins in
//     custom-elements-manifest.config.mjs) name every attribute, settable property and cw-*
//     event of every element, and every event in CwEventDetailMap reaches <cw-auth-providers>.
//  3. Strict consumers type-check against the installed package: React 19 and Preact (JSX),
//     Vue (GlobalComponents), Svelte (SvelteHTMLElements); each also holds @ts-expect-error
//     lines, so wrong values must keep failing.
//
// Offline apart from the package's own dependencies (lit, @lit/context, uqr), which npm takes
// from its cache (`--prefer-offline`, filled by `npm ci`); the framework type packages are linked
// from this repository's node_modules (dev dependencies).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildIfNeeded, repoRoot } from '../e2e/support.mjs';

const started = Date.now();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
const TYPE_PACKAGES = ['@types/react', 'preact', 'vue', 'svelte'];

buildIfNeeded();

let scratch;
let installed;
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cw-auth-consumer-'));
  const [{ filename }] = JSON.parse(
    execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'cw-auth-consumer', private: true, type: 'module' }, null, 2));
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', join(scratch, filename)], {
    cwd: scratch,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (const name of TYPE_PACKAGES) {
    const link = join(scratch, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', name), link, 'dir');
  }
  installed = join(scratch, 'node_modules/cw-auth-elements');
});
after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  console.log(`# package tests finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

describe('the packed package', () => {
  test('ships the framework typings and the manifest', () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    for (const entry of ['./jsx', './react', './preact', './vue', './svelte']) {
      const types = pkg.exports[entry]?.types;
      assert.ok(types, `exports["${entry}"].types`);
      assert.ok(readFileSync(join(installed, types), 'utf8').length > 100, `${types} is in the tarball`);
    }
    assert.ok(JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8')).modules.length > 0);
  });

  test('imports in Node (server rendering) without touching window or document', () => {
    const probe = `
      const reads = [];
      for (const name of ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'matchMedia', 'requestAnimationFrame']) {
        if (name in globalThis) continue;
        Object.defineProperty(globalThis, name, {
          configurable: true,
          get() {
            const caller = (new Error().stack ?? '').split('\\n')[2] ?? '';
            if (caller.includes('/node_modules/cw-auth-elements/')) reads.push(name + ' ' + caller.trim());
            return undefined;
          },
        });
      }
      const lib = await import('cw-auth-elements');
      await import('cw-auth-elements/define');
      console.log(JSON.stringify({
        reads,
        classes: typeof lib.CwAuthProviders === 'function' && typeof lib.createApiClient === 'function',
        defined: typeof customElements?.get('cw-auth-providers') === 'function',
        windowAfter: typeof globalThis.window,
      }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: scratch, encoding: 'utf8' });
    assert.equal(run.status, 0, `importing the package in Node failed:\n${run.stderr}`);
    const result = JSON.parse(run.stdout.trim().split('\n').pop());
    assert.deepEqual(result.reads, [], 'the package read browser globals at import');
    assert.equal(result.classes, true, 'the classes and the client are exported');
    assert.equal(result.defined, true, "define registers the tags (in Lit's server registry)");
    assert.equal(result.windowAfter, 'undefined', 'nothing defined a window');
  });

  test('define.js reaches the flows, their answers\' validators, the profile switcher, QR and German only through dynamic imports', () => {
    // The static import graph of `cw-auth-elements/define` in the installed package (tsc's ES
    // modules: one file per source module), and every dynamic import met on the way.
    const lib = join(installed, 'dist/lib');
    const staticGraph = new Set();
    const dynamic = new Set();
    const dynamicEntries = new Set();
    const visit = (file, graph = staticGraph) => {
      if (graph.has(file)) return;
      graph.add(file);
      const code = readFileSync(file, 'utf8');
      for (const [, spec] of code.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gm)) {
        if (spec.startsWith('.')) visit(join(dirname(file), spec), graph);
      }
      for (const [, spec] of code.matchAll(/^import\s+'([^']+)'/gm)) if (spec.startsWith('.')) visit(join(dirname(file), spec), graph);
      for (const [, spec] of code.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) {
        dynamicEntries.add(spec.startsWith('.') ? join(dirname(file), spec) : join(lib, spec)); // a package (uqr): only named
      }
    };
    visit(join(lib, 'define.js'));
    // A lazy module is loaded by a dynamic import of itself or of a part that imports it statically
    // (e.g. the switcher through elements/profile-switcher/profiles-part.js).
    for (let grew = true; grew; ) {
      grew = false;
      for (const entry of [...dynamicEntries]) {
        const key = entry.slice(lib.length + 1);
        if (dynamic.has(key)) continue;
        dynamic.add(key);
        grew = true;
        if (!key.endsWith('.js')) continue;
        const closure = new Set();
        visit(entry, closure);
        for (const f of closure) dynamic.add(f.slice(lib.length + 1));
      }
    }
    const reached = [...staticGraph].map((f) => f.slice(lib.length + 1));
    assert.ok(reached.includes('elements/provider-card/provider-card.js') && reached.includes('registry.js'), `the card and the registry are reached (${reached.length} modules)`);
    const lazy = [
      'elements/device-flow/device-flow.js',
      'elements/oauth-flow/oauth-flow.js',
      'elements/credentials-flow/credentials-flow.js',
      'elements/connection-actions/connection-actions.js',
      'elements/account-profile/account-profile.js',
      'elements/profile-switcher/profiles-part.js',
      'strings/de.js',
      // The flow answers' validators: the client imports them when a flow's answer arrives.
      'api-client/flow-responses.js',
      // What a card does when its flows report: a lazy part with them.
      'elements/provider-card/flow-events.js',
    ];
    const laziness = ['flow-base/', 'qr-code/', 'profile-switcher/profile-switcher', 'profiles.controller.js', 'strings/en-flows.js', 'strings/de-', 'uqr'];
    assert.deepEqual(reached.filter((f) => lazy.includes(f) || laziness.some((part) => f.includes(part))), [], 'statically imported by define.js');
    assert.deepEqual(lazy.filter((f) => !dynamic.has(f)), [], 'each is loaded by a dynamic import on the way (itself or a part importing it)');
    assert.ok(!readFileSync(join(installed, 'dist/lib/elements/provider-card/provider-card.component.js'), 'utf8').includes("from 'uqr'"));
  });

  test('the typings name every attribute, settable property and cw-* event', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8'));
    const files = {
      jsx: readFileSync(join(installed, 'dist/types/jsx.d.ts'), 'utf8'),
      vue: readFileSync(join(installed, 'dist/types/vue.d.ts'), 'utf8'),
      svelte: readFileSync(join(installed, 'dist/types/svelte-elements.d.ts'), 'utf8'),
    };
    const propsOf = (text, className) => {
      const start = text.search(new RegExp(`type ${className}Props = \\{`));
      assert.ok(start >= 0, `${className}Props`);
      return text.slice(start, text.indexOf('\n};', start));
    };
    const has = (block, key) => block.includes(`"${key}"?:`) || new RegExp(`^\\s*${key}\\?:`, 'm').test(block);
    const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
    assert.ok(elements.length >= 10, `${elements.length} elements in the manifest`);
    const missing = [];
    for (const element of elements) {
      const attributes = (element.attributes ?? []).map((a) => a.name);
      const properties = (element.members ?? [])
        .filter((m) => m.kind === 'field' && !m.static && !m.readonly && !m.privacy && !m.attribute && !m.name.startsWith('#'))
        .map((m) => m.name);
      const events = (element.events ?? []).map((e) => e.name).filter((n) => /^cw-/.test(n));
      for (const event of element.events ?? []) {
        if (/^cw-/.test(event.name) && !event.type?.text) missing.push(`${element.tagName}: @fires ${event.name} has no {type}`);
      }
      for (const [kind, text] of Object.entries(files)) {
        assert.ok(text.includes(`"${element.tagName}"`), `${kind}: <${element.tagName}>`);
        const block = propsOf(text, element.name);
        for (const name of attributes) if (!has(block, name)) missing.push(`${kind}: ${element.tagName} attribute ${name}`);
        for (const name of properties) if (!has(block, name)) missing.push(`${kind}: ${element.tagName} property ${name}`);
        for (const name of events) if (!has(block, `on${name}`)) missing.push(`${kind}: ${element.tagName} event ${name}`);
      }
    }
    assert.deepEqual(missing, []);
    for (const [kind, text] of Object.entries(files)) assert.ok(!text.includes('CustomEvent<never>'), `${kind}: every event has a detail type`);
    // Every public event bubbles and is composed: the container declares them all.
    const eventMap = readFileSync(join(repoRoot, 'src/events.ts'), 'utf8').match(/interface CwEventDetailMap \{([^}]*)\}/)[1];
    const publicEvents = [...eventMap.matchAll(/'(cw-[a-z-]+)'/g)].map((m) => m[1]);
    assert.ok(publicEvents.length >= 9);
    const container = elements.find((e) => e.tagName === 'cw-auth-providers');
    assert.deepEqual(publicEvents.filter((n) => !container.events.some((e) => e.name === n)), [], '<cw-auth-providers> @fires every CwEventDetailMap event');
  });

  // One consumer per kind (./consumer): jsx.tsx for React and Preact, props.ts for Vue and
  // Svelte; framework-<name>.ts, copied in as framework.ts, switches that framework's typings on.
  const consumers = {
    react: { file: 'jsx.tsx', options: { jsx: 'react-jsx' } },
    preact: { file: 'jsx.tsx', options: { jsx: 'react-jsx', jsxImportSource: 'preact' } },
    vue: { file: 'props.ts', options: {} },
    svelte: { file: 'props.ts', options: {} },
  };
  for (const [name, { file, options }] of Object.entries(consumers)) {
    test(`a strict ${name} consumer type-checks (and wrong values do not)`, () => {
      const dir = join(scratch, name);
      mkdirSync(dir);
      copyFileSync(join(repoRoot, 'test/package/consumer', file), join(dir, file));
      copyFileSync(join(repoRoot, 'test/package/consumer', `framework-${name}.ts`), join(dir, 'framework.ts'));
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'bundler',
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            types: [],
            skipLibCheck: false,
            ...options,
          },
          files: [file, 'framework.ts'],
        }),
      );
      const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
      assert.equal(run.status, 0, `tsc in ${name}/:\n${run.stdout}${run.stderr}`);
    });
  }
});
