// Bundles the TypeScript that runs in Node (the mock HTTP server, Node-side tests) with esbuild:
// Node 20 cannot run .ts files itself. `node scripts/build-node.mjs` builds tests and server;
// `node scripts/build-node.mjs mock` builds only the server.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  tsconfig: 'tsconfig.json',
};

const onlyMock = process.argv[2] === 'mock';
await build({ ...common, entryPoints: ['src/mock/server-cli.ts'], outfile: '.cache/mock-server.mjs' });
if (!onlyMock) {
  const tests = readdirSync('test/node').filter((f) => f.endsWith('.test.ts')).map((f) => `test/node/${f}`);
  await build({ ...common, entryPoints: tests, outdir: '.cache/node-tests', outExtension: { '.js': '.mjs' }, entryNames: '[name]' });
}
