// @ts-check
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** Flags for Debian's Chromium on a closed network (see ../shared/reference/toolchain.md). */
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Where the browser gets @sinonjs/fake-timers as an ES module. */
export const FAKE_TIMERS_PATH = '/__fake-timers.js';

/**
 * @sinonjs/fake-timers is CommonJS only, and WTR serves node_modules as-is (no CommonJS
 * conversion), so the package cannot be imported in the browser as it is. This plugin resolves
 * `import … from '@sinonjs/fake-timers'` (see test/support/fake-timers.ts) to FAKE_TIMERS_PATH
 * and answers that path with an ESM bundle of the package (default export: its exports object,
 * plus the same as named exports), built by esbuild on the first request and kept in memory for
 * the rest of the run. The package requires Node builtins only inside try/catch or behind
 * `process` checks: left external, they are skipped in the browser.
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
export function fakeTimersPlugin() {
  /** @type {Promise<string> | undefined} */
  let bundle;
  const buildBundle = async () => {
    const result = await build({
      stdin: {
        contents: [
          "import FakeTimers from '@sinonjs/fake-timers';",
          'export default FakeTimers;',
          'export const { timers, createClock, install, withGlobal } = FakeTimers;',
        ].join('\n'),
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
        sourcefile: 'fake-timers-entry.js',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      external: ['util', 'timers', 'timers/promises', 'perf_hooks'],
      logLevel: 'silent',
    });
    return result.outputFiles[0].text;
  };
  return {
    name: 'fake-timers-esm',
    resolveImport({ source }) {
      return source === '@sinonjs/fake-timers' ? FAKE_TIMERS_PATH : undefined;
    },
    async serve(context) {
      if (context.path !== FAKE_TIMERS_PATH) return undefined;
      bundle ??= buildBundle().catch((error) => {
        bundle = undefined; // let the next request try again
        throw error;
      });
      return { body: await bundle, type: 'js' };
    },
  };
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/**/*.test.ts', '!test/node/**', '!test/e2e/**'],
  nodeResolve: true,
  // tsconfig carries experimentalDecorators/useDefineForClassFields for Lit decorators
  plugins: [fakeTimersPlugin(), esbuildPlugin({ ts: true, json: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  middleware: [
    (ctx, next) => {
      // msw's worker lives in public/ but must be served from the root scope
      if (ctx.path === '/mockServiceWorker.js') ctx.path = '/public/mockServiceWorker.js';
      return next();
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: chromiumArgs,
      },
      // one browser context per page: background tabs in a shared context never get
      // requestAnimationFrame (modernweb-dev/web#2588), which hangs fixture()
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  // Lit announces dev mode once per test page; every other browser log still reaches the report.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  testsFinishTimeout: 120000,
  testFramework: { config: { timeout: 8000 } },
};
