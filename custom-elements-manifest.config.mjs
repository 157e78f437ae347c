// Custom Elements Manifest (`npm run analyze` → custom-elements.json, referenced by package.json
// "customElements"). Attributes and properties come from Lit's decorators (--litelement), events,
// slots, CSS parts and custom properties from each class's JSDoc (@fires, @slot, @csspart,
// @cssprop).

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

export default {
  // The elements only: the client, presets and strings are plain modules, documented by their .d.ts.
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: true,
  plugins: [cwDefinePlugin()],
};
