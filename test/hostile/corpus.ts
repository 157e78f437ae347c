/**
 * The hostile corpus: what a broken or malicious backend may put in any answer, as fast-check
 * arbitraries, and `poison()`, which rewrites a JSON answer with them. Cases are generated from a
 * fixed seed (SEED) so a failure replays the same on every machine.
 */
import fc from 'fast-check';

/** Fixed seed and a modest number of runs: deterministic CI, bounded time on 2 cores. */
export const SEED = 20261207;
export const runs = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns, endOnFailure: true });

/** Set on window by any payload that manages to run. */
export const PWNED = '__cwPwned';

const run = `window.${PWNED}=1`;

/** Strings that must stay text, never markup, script or a link target. */
export const PAYLOADS = [
  `<img src=x onerror="${run}">`,
  `<script>${run}</script>`,
  `"><svg onload=${run}>`,
  `javascript:${run}`,
  ` JaVaScRiPt:${run}`,
  `data:text/html,<script>${run}</script>`,
  'vbscript:msgbox(1)',
  `</style><style>*{display:none}</style>`,
  '//evil.example/steal',
  'https://evil.example/steal',
  '../../admin',
  'q?x=1',
  'a.b',
  '__proto__',
  'constructor',
  'prototype',
  '\u202egnp.exe',
  '',
] as const;

/** A hostile string: a payload alone, or hidden after / before ordinary text. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...PAYLOADS)).map(([a, p]) => a + p),
  fc.constantFrom(...PAYLOADS).map((p) => p + 'x'.repeat(300)),
);

/** Numbers no server should send (NaN and Infinity cannot travel as JSON: strings and null do). */
export const BAD_NUMBERS: unknown[] = [0, 0.001, -1, -0, 1e9, 1e300, 2 ** 31, Number.MAX_SAFE_INTEGER, null, 'NaN', '5', true, {}];
export const hostileNumber: fc.Arbitrary<unknown> = fc.constantFrom(...BAD_NUMBERS);

/** Keys a server may add to any object, hoping they become object paths. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'a.b'] as const;

/** How one answer is rewritten: which leaves, with what. */
export interface Poison {
  /** Seed for choosing leaves (mulberry32). */
  seed: number;
  /** Share of leaves replaced, 0..1. */
  rate: number;
  strings: string[];
  numbers: unknown[];
  /** Also add a PROTO_KEYS key to objects. */
  protoKeys: boolean;
}

export const poisonArb: fc.Arbitrary<Poison> = fc.record({
  seed: fc.integer(),
  rate: fc.constantFrom(0.25, 0.5, 1),
  strings: fc.array(hostileString, { minLength: 1, maxLength: 4 }),
  numbers: fc.array(hostileNumber, { minLength: 1, maxLength: 3 }),
  protoKeys: fc.boolean(),
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A copy of `value` with a share of its string and number leaves replaced by the poison's, and
 * (protoKeys) a dangerous key added to objects. Works on plain JSON, so any route can be served.
 * The returned tree is JSON text (a `__proto__` key stays an own key, as from JSON.parse).
 */
export function poisonJson(value: unknown, poison: Poison): string {
  const rand = mulberry32(poison.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const walk = (v: unknown): string => {
    if (typeof v === 'string') return JSON.stringify(rand() < poison.rate ? pick(poison.strings) : v);
    if (typeof v === 'number') return JSON.stringify(rand() < poison.rate ? pick(poison.numbers) : v);
    if (Array.isArray(v)) return `[${v.map(walk).join(',')}]`;
    if (v && typeof v === 'object') {
      const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${walk(x)}`);
      if (poison.protoKeys && rand() < poison.rate) {
        entries.push(`${JSON.stringify(pick(PROTO_KEYS))}:{"polluted":${JSON.stringify(pick(poison.strings))}}`);
      }
      return `{${entries.join(',')}}`;
    }
    return JSON.stringify(v) ?? 'null';
  };
  return walk(value);
}

/**
 * fc.assert for the browser (with `examples` checked first): the failing case's own error message first (the runner does not
 * print an error's cause), then the case (shortened) and where to replay it.
 */
export async function check<T>(property: fc.IAsyncPropertyWithHooks<T>, numRuns: number, examples: T[] = []): Promise<void> {
  // Examples (the issue's own reproductions) run first, then the generated cases.
  const out = await fc.check(property, { ...(runs(numRuns) as fc.Parameters<T>), examples });
  if (!out.failed) return;
  const inner = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
  throw new Error(`${inner}\n  case ${out.numRuns} of ${numRuns}: ${fc.stringify(out.counterexample).slice(0, 600)}\n  replay: seed ${out.seed}, path "${out.counterexamplePath}"`);
}
