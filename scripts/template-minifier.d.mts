// Types of template-minifier.mjs for the node test that checks it (test/node/template-minifier.test.ts).
export function minifyCss(text: string): string;
export function minifyHtmlParts(parts: string[]): string[];
export function templateMinifierFor(root: string): {
  name: string;
  transform(code: string, id: string): { code: string; map: null } | null;
};
