// The drop-ins' template minifier (a Vite/Rolldown plugin), shared by scripts/build.mjs and the
// size bench (which builds baselines the same way).
import ts from 'typescript';
import { join } from 'node:path';

/**
 * Lit templates keep the source's indentation. In the drop-ins' `html`/`svg` tagged templates,
 * whitespace around a line break becomes one line break (renders the same: no template puts
 * indented text in a `white-space: pre` box); `css` templates lose comments and the spaces that
 * CSS does not need (runs of whitespace → one space, none around `{ } ; ,` or after `:`).
 * Only the templates' literal text changes, never `${…}` or other strings.
 */
export const templateMinifierFor = (root) => ({
  name: 'cw-auth-template-minifier',
  transform(code, id) {
    if (!id.startsWith(join(root, 'src/')) || !id.endsWith('.ts') || !/\b(html|css|svg)`/.test(code)) return null;
    const file = ts.createSourceFile(id, code, ts.ScriptTarget.ES2022, true);
    const edits = [];
    const visit = (node) => {
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && ['html', 'css', 'svg'].includes(node.tag.text)) {
        const isCss = node.tag.text === 'css';
        const t = node.template;
        const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((span) => span.literal)];
        for (const part of parts) {
          // The raw text between the backtick / `}` and the `${` / backtick.
          const start = part.getStart(file) + 1;
          const end = part.getEnd() - (part.kind === ts.SyntaxKind.TemplateHead || part.kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1);
          const text = code.slice(start, end);
          const slim = isCss
            ? text
                .replace(/\/\*[^]*?\*\//g, '')
                .replace(/\s+/g, ' ')
                .replace(/ ?([{};,]) ?/g, '$1')
                .replace(/: /g, ':')
                .replace(/;}/g, '}')
            : text.replace(/\s*\n\s*/g, '\n');
          if (slim !== text) edits.push([start, end, slim]);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    if (!edits.length) return null;
    let out = code;
    for (const [start, end, slim] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + slim + out.slice(end);
    return { code: out, map: null };
  },
});
