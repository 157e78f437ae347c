/**
 * The drop-ins' template minifier (scripts/template-minifier.mjs): it slims only the literal text
 * of `html`/`svg`/`css` templates, never an expression, a `<pre>`/`<textarea>`, a CSS string or
 * the single space between inline content.
 *
 * Built by scripts/build-node.mjs; run: node --test .cache/node-tests/
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { minifyCss, minifyHtmlParts, templateMinifierFor } from '../../scripts/template-minifier.mjs';

const root = '/repo';
const transform = (code: string) => templateMinifierFor(root).transform(code, `${root}/src/x.ts`)?.code ?? code;

describe('template minifier', () => {
  it('keeps every ${} expression as written, nested templates slimmed on their own', () => {
    const code = [
      'const a = html`',
      '  <p class="x">',
      '    ${t[`card.save`]}   ${cond ? html`',
      '      <b>${ n  +  1 }</b>',
      '    ` : nothing}',
      '  </p>',
      '`;',
    ].join('\n');
    assert.equal(transform(code), 'const a = html`\n<p class="x">\n${t[`card.save`]}   ${cond ? html`\n<b>${ n  +  1 }</b>\n` : nothing}\n</p>\n`;');
  });

  it('keeps the space between inline content and expressions on one line', () => {
    assert.deepEqual(minifyHtmlParts(['<span>a</span> <span>b</span> ', ' x']), ['<span>a</span> <span>b</span> ', ' x']);
  });

  it('leaves <pre> and <textarea> alone, also across expressions', () => {
    const parts = ['<div>\n    <pre>\n    one\n      ', '\n    two\n  </pre>\n    <textarea>\n  a\n</textarea >\n  <p>\n  x</p>'];
    assert.deepEqual(minifyHtmlParts(parts), ['<div>\n<pre>\n    one\n      ', '\n    two\n  </pre>\n<textarea>\n  a\n</textarea >\n<p>\nx</p>']);
  });

  it('strips CSS comments and spaces, but not inside quoted strings', () => {
    assert.equal(
      minifyCss(`\n  /* why */\n  .a > .b ,\n  .c {\n    content: ' , ; ';\n    font-family: "A  B", serif;\n    margin: 0 auto;\n  }\n`),
      ` .a > .b,.c{content:' , ; ';font-family:"A  B",serif;margin:0 auto}`,
    );
  });

  it('leaves a CSS part whose string runs into an expression as written', () => {
    const text = `.a { content: '`;
    assert.equal(minifyCss(text), text);
  });

  it('touches only files under src/ and only tagged templates', () => {
    const code = 'const s = `  a\n   b`; const c = css`a { b: c; }`;';
    assert.equal(transform(code), 'const s = `  a\n   b`; const c = css`a{b:c}`;');
    assert.equal(templateMinifierFor(root).transform(code, '/elsewhere/x.ts'), null);
  });
});
