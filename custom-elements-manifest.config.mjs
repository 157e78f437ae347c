// Custom Elements Manifest (`npm run analyze` → custom-elements.json, referenced by package.json
// "customElements"). Attributes and properties come from Lit's decorators (--litelement), events,
// slots, CSS parts and custom properties from each class's JSDoc (@fires, @slot, @csspart,
// @cssprop).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';

/** `src/elements/x/x.component.ts` → `dist/lib/elements/x/x.component.js`: what the package ships. */
const toPublished = (path) => path.replace(/^\/?src\//, 'dist/lib/').replace(/\.ts$/, '.js');

/**
 * Our elements register through `CwElement.define('cw-x')` (a static method that never throws),
 * which the analyzer does not know; this records each call as a custom-element-definition export
 * so the class gets its tag name.
 */
function cwDefinePlugin() {
  let typescript;
  return {
    name: 'cw-define-calls',
    initialize({ ts }) {
      typescript = ts;
    },
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      const callee = node.expression;
      if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'define' || !ts.isIdentifier(callee.expression)) return;
      const [tagArg] = node.arguments;
      if (!tagArg || !ts.isStringLiteral(tagArg) || !/^cw-[a-z0-9-]+$/.test(tagArg.text)) return;
      const className = callee.expression.text;
      // Where the class comes from: an import in this module, or the module itself.
      let module = moduleDoc.path;
      for (const statement of node.getSourceFile().statements) {
        if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings) continue;
        const bindings = statement.importClause.namedBindings;
        if (!ts.isNamedImports(bindings) || !bindings.elements.some((e) => e.name.text === className)) continue;
        const from = statement.moduleSpecifier.text;
        const dir = moduleDoc.path.split('/').slice(0, -1).join('/');
        module = new URL(from, `file:///${dir}/`).pathname.slice(1).replace(/\.js$/, '.ts');
      }
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({ kind: 'custom-element-definition', name: tagArg.text, declaration: { name: className, module } });
    },
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer leaves `{@link X}` in a summary or description as raw AST nodes (which then
      // cannot be serialised); turn them back into text.
      const texts = (value) => {
        if (!value || typeof value !== 'object') return;
        for (const [key, inner] of Object.entries(value)) {
          if (Array.isArray(inner) && inner.some((part) => typeof part?.kind === 'number' && 'pos' in part)) {
            value[key] = typescript.getTextOfJSDocComment(inner) ?? '';
          } else {
            texts(inner);
          }
        }
      };
      texts(customElementsManifest);
      // Paths as published (dist/lib/…js), not as written (src/…ts).
      for (const mod of customElementsManifest.modules) {
        mod.path = toPublished(mod.path);
        for (const decl of mod.declarations ?? []) {
          if (decl.superclass?.module) decl.superclass.module = toPublished(decl.superclass.module);
          for (const member of decl.members ?? []) if (member.inheritedFrom?.module) member.inheritedFrom.module = toPublished(member.inheritedFrom.module);
          for (const attr of decl.attributes ?? []) if (attr.inheritedFrom?.module) attr.inheritedFrom.module = toPublished(attr.inheritedFrom.module);
          for (const event of decl.events ?? []) if (event.inheritedFrom?.module) event.inheritedFrom.module = toPublished(event.inheritedFrom.module);
        }
        for (const exp of mod.exports ?? []) if (exp.declaration?.module) exp.declaration.module = toPublished(exp.declaration.module);
      }
    },
  };
}

/** Where the framework typings go (package.json exports them as cw-auth-elements/react, …). */
const TYPES_DIR = 'dist/types';

/**
 * Framework typings generated from the manifest, so they cannot drift from the elements: JSX
 * (React 19, Preact), Vue (`GlobalComponents`) and Svelte, each with every attribute, property
 * and `cw-*` event. Attribute and property types are taken from the classes themselves
 * (`CwAuthProviders['theme']`, imported from dist/lib/index.js), event details from the
 * `@fires {Type}` in each class's JSDoc. The generators get the manifest without what a page
 * cannot set: read-only members (getters, controllers) and events that are not a literal `cw-*`
 * name (the analyzer records `new CustomEvent(name)` as an event called "name").
 */
function frameworkTypesPlugin() {
  return {
    name: 'cw-framework-types',
    packageLinkPhase({ customElementsManifest }) {
      const settable = structuredClone(customElementsManifest);
      for (const mod of settable.modules) {
        mod.declarations = (mod.declarations ?? []).filter((d) => d.customElement && d.tagName);
        for (const decl of mod.declarations) {
          decl.members = (decl.members ?? []).filter((m) => !m.readonly);
          decl.events = (decl.events ?? []).filter((e) => /^cw-[a-z-]+$/.test(e.name ?? ''));
        }
      }
      const common = { outdir: TYPES_DIR, globalTypePath: '../lib/index.js', hideLogs: true };
      generateJsxTypes(settable, { ...common, fileName: 'jsx.d.ts' });
      generateVuejsTypes(settable, { ...common, fileName: 'vue.d.ts' });
      generateSvelteTypes(settable, { ...common, fileName: 'svelte-elements.d.ts' });
      // Three fixes to the generators' output (custom-element-*-integration 1.x):
      // - they import a detail type once per element that fires it: one import each (TS2300);
      // - Svelte's file refers to a global `JSX` that a Svelte project does not have;
      // - Svelte 5 sets properties as plain attributes (`headers={…}`) and takes events as
      //   `oncw-…` attributes; the generator writes only `bind:headers` and `on:cw-…`.
      const fix = (file, edit) => {
        const path = join(TYPES_DIR, file);
        writeFileSync(path, edit(readFileSync(path, 'utf8')));
      };
      const oneImportEach = (text) =>
        text.replace(/import type \{([^}]*)\} from "\.\.\/lib\/index\.js";/, (_, names) => {
          const unique = [...new Set(names.split(',').map((n) => n.trim()).filter(Boolean))];
          return `import type { ${unique.join(', ')} } from '../lib/index.js';`;
        });
      fix('jsx.d.ts', oneImportEach);
      fix('vue.d.ts', oneImportEach);
      fix('svelte-elements.d.ts', (text) =>
        oneImportEach(text)
          .replace('children?: JSX.Element;', 'children?: unknown;')
          .replace('style?: JSX.CSSProperties;', 'style?: string;')
          .replace(/^(\s*)"bind:([\w]+)"\?: (.*);$/gm, '$1"bind:$2"?: $3;\n$1$2?: $3;')
          .replace(/^(\s*)"on:(cw-[a-z-]+)"\?: (.*);$/gm, '$1"on:$2"?: $3;\n$1"on$2"?: $3;'),
      );
      // The JSX file declares the types; these hook them into each framework's JSX namespace.
      const augment = (file, module, body) =>
        writeFileSync(join(TYPES_DIR, file), `// Generated by custom-elements-manifest.config.mjs.\n${body(module)}\nexport {};\n`);
      const jsx = (module) =>
        `import type { CustomElements } from './jsx.js';\ndeclare module '${module}' {\n  namespace JSX {\n    interface IntrinsicElements extends CustomElements {}\n  }\n}`;
      augment('react.d.ts', 'react', jsx);
      augment('preact.d.ts', 'preact', jsx);
      augment(
        'svelte.d.ts',
        'svelte/elements',
        (module) => `import type { CustomElements } from './svelte-elements.js';\ndeclare module '${module}' {\n  interface SvelteHTMLElements extends CustomElements {}\n}`,
      );
    },
  };
}

export default {
  // The elements only: the client, presets and strings are plain modules, documented by their .d.ts.
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: true,
  plugins: [cwDefinePlugin(), frameworkTypesPlugin()],
};
