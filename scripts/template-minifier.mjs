// The drop-ins' template minifier (a Vite/Rolldown plugin), shared by scripts/build.mjs and the
// size bench (which builds baselines the same way).
import ts from 'typescript';
import { join } from 'node:path';

/**
 * Lit templates keep the source's indentation. In the drop-ins' `html`/`svg` tagged templates,
 * whitespace around a line break becomes one line break (renders the same: no template puts
 * indented text in a `white-space: pre` box; a `white-space: pre-line` one keeps the break), except
 * inside `<pre>` and `<textarea>`; `css` templates lose comments and the spaces that CSS does not
 * need (runs of whitespace → one space, none around `{ } ; ,` or after `:`), except inside quoted
 * strings (`content: ', '`). Only the templates' literal text changes, never `${…}` or other strings.
 */
export function minifyCss(text) {
  const code = text.replace(/\/\*[^]*?\*\//g, '');
  // Odd quotes: a string runs into a `${…}`; left as written (comments aside).
  if ((code.match(/['"]/g) ?? []).length % 2) return code;
  return code
    .split(/('[^']*'|"[^"]*")/)
    .map((piece, i) =>
      i % 2
        ? piece
        : piece
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/** Where whitespace is content: nothing between these tags is changed. */
const RAW = /<(pre|textarea)\b|<\/(pre|textarea)\s*>/gi;
/**
 * The literal parts of one `html` template (split at its `${…}`), slimmed: whitespace around a
 * line break → one line break, outside `<pre>`/`<textarea>` (which may span several parts).
 */
export function minifyHtmlParts(parts) {
  let raw = false;
  return parts.map((text) => {
    let out = '';
    let from = 0;
    const slim = (piece) => (raw ? piece : piece.replace(/\s*\n\s*/g, '\n'));
    for (const m of text.matchAll(RAW)) {
      out += slim(text.slice(from, m.index));
      out += m[0];
      from = m.index + m[0].length;
      raw = Boolean(m[1]);
    }
    return out + slim(text.slice(from));
  });
}

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
        // The raw text of each part: between the backtick / `}` and the `${` / backtick.
        const spans = parts.map((part) => {
          const start = part.getStart(file) + 1;
          const end = part.getEnd() - (part.kind === ts.SyntaxKind.TemplateHead || part.kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1);
          return [start, end];
        });
        const texts = spans.map(([start, end]) => code.slice(start, end));
        const slim = isCss ? texts.map(minifyCss) : minifyHtmlParts(texts);
        spans.forEach(([start, end], i) => slim[i] !== texts[i] && edits.push([start, end, slim[i]]));
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
