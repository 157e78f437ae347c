/** Fills `{name}` placeholders. Values are plain text: Lit escapes them when rendered. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}
