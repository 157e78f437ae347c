/**
 * `npm run mock`: serves the mock backend on http://127.0.0.1:8787.
 *
 *   --port N | PORT=N          listen port (0 = any free port)
 *   --host H | HOST=H          listen address (default 127.0.0.1)
 *   --flavor contract|crosswatch   our contract (default) or CrossWatch's real API shapes
 *   --latency MS               delay every /api answer (contract flavour)
 *   --providers N              list N manifests: numbered copies after the real ones (contract flavour)
 *   --no-aggregates            no all-providers routes (/api/auth/status; CrossWatch's /api/status and
 *                              /api/provider-instances): a backend whose cards ask one by one
 */
import { createMockBackend } from './index.js';
import { startMockServer, type MockServerBackend } from './server.js';

interface CliOptions {
  port: number;
  host: string;
  flavor: 'contract' | 'crosswatch';
  latencyMs: number;
  providerCount: number;
  aggregates: boolean;
}

const USAGE = `Usage: npm run mock -- [--port N] [--host H] [--flavor contract|crosswatch] [--latency MS] [--providers N] [--no-aggregates]
  PORT and HOST environment variables work too. Defaults: 127.0.0.1:8787, flavor contract.`;

function die(message: string): never {
  console.error(`mock: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const options: CliOptions = {
    port: env.PORT !== undefined && env.PORT !== '' ? Number(env.PORT) : 8787,
    host: env.HOST || '127.0.0.1',
    flavor: 'contract',
    latencyMs: 0,
    providerCount: 0,
    aggregates: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) die(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--port':
      case '-p':
        options.port = Number(value());
        break;
      case '--host':
        options.host = value();
        break;
      case '--flavor':
      case '--flavour': {
        const v = value();
        if (v !== 'contract' && v !== 'crosswatch') die(`--flavor must be "contract" or "crosswatch", not "${v}".`);
        options.flavor = v;
        break;
      }
      case '--latency':
        options.latencyMs = Number(value());
        break;
      case '--providers':
        options.providerCount = Number(value());
        break;
      case '--no-aggregates':
        options.aggregates = false;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        die(`unknown argument "${arg}".`);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) die('the port must be 0–65535.');
  if (!Number.isFinite(options.latencyMs) || options.latencyMs < 0) die('--latency must be a number of ms ≥ 0.');
  if (!Number.isInteger(options.providerCount) || options.providerCount < 0 || options.providerCount > 10_000) die('--providers must be 0–10000.');
  return options;
}

async function loadBackend(options: CliOptions): Promise<MockServerBackend> {
  if (options.flavor === 'contract') {
    return createMockBackend({ latencyMs: options.latencyMs, providerCount: options.providerCount, statusAll: options.aggregates });
  }
  let mod: { createCrossWatchBackend?: (opts?: { latencyMs?: number; aggregates?: boolean }) => MockServerBackend };
  try {
    // The `as string` keeps TypeScript from requiring the module while it is being written;
    // esbuild still bundles it when it exists and leaves this import alone when it does not.
    mod = await import('./crosswatch/index.js' as string);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    die(`the CrossWatch flavour is not available in this build (src/mock/crosswatch/index.ts: ${detail}).`);
  }
  if (typeof mod.createCrossWatchBackend !== 'function') {
    die('src/mock/crosswatch/index.ts does not export createCrossWatchBackend().');
  }
  return mod.createCrossWatchBackend({ latencyMs: options.latencyMs, aggregates: options.aggregates });
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2), process.env);
  const backend = await loadBackend(options);
  let server;
  try {
    server = await startMockServer({ backend, port: options.port, host: options.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') die(`port ${options.port} is in use; pick another with --port or PORT.`);
    throw error;
  }
  const { url } = server;
  console.log(`cw-auth-elements mock backend (${options.flavor}) listening on ${url}`);
  console.log(`  providers:   curl ${url}/api/auth/providers`);
  if (options.flavor === 'contract') {
    console.log(`  activation:  ${url}/mock/activate  (device codes: Approve / Deny)`);
    console.log(`  control:     ${url}/mock/control/state  (POST /mock/control/faults, /mock/control/reset; see docs/mock.md)`);
  } else {
    console.log(`  overview:    ${url}/mock`);
  }
  console.log('  Ctrl+C stops it.');
  const stop = () => {
    void server.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('mock: failed to start:', error);
  process.exit(1);
});
