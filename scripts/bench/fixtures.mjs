// Provider lists for the benchmarks: CrossWatch's 18 recorded manifests, repeated with numbered
// names for larger lists, and its recorded config masked the way the server sends it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../test/e2e/support.mjs';

const read = (file) => JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/crosswatch', file), 'utf8'));

/** `count` manifests: the 18 real ones first, then copies named e.g. TRAKT_19 with their own keys. */
export function manifests(count) {
  const base = read('auth-providers.json');
  const out = [];
  for (let i = 0; i < count; i++) {
    const m = structuredClone(base[i % base.length]);
    if (i >= base.length) {
      const id = m.name.toLowerCase();
      const suffix = `_${i + 1}`;
      m.name = `${m.name}${suffix}`;
      m.label = `${m.label} ${i + 1}`;
      m.fields = (m.fields ?? []).map((f) => ({ ...f, key: f.key.replace(new RegExp(`^${id}\\.`), `${id}${suffix}.`) }));
    }
    out.push(m);
  }
  return out;
}

/** config-fresh.json as CrossWatch sends it (secrets masked). */
export async function maskedConfig() {
  const { redactConfig } = await import(pathToFileURL(join(repoRoot, 'dist/lib/mock/crosswatch/index.js')).href);
  return redactConfig(read('config-fresh.json'));
}
