/**
 * @sinonjs/fake-timers for the browser tests, typed by the package's own declarations.
 *
 * The package is CommonJS only and Web Test Runner serves node_modules as-is, so this import would
 * fail in the browser by itself ("does not provide an export named 'default'").
 * fakeTimersPlugin in web-test-runner.config.mjs resolves it to /__fake-timers.js, an ESM bundle
 * of the package built once per run with esbuild. Import the library from here, so the one place
 * that depends on that plugin is obvious.
 *
 * Tests should normally use installClock() (./clock.ts), which adds the yielding Lit and fetch need.
 */
import FakeTimers from '@sinonjs/fake-timers';

export { FakeTimers };
export type { Clock, Config, FakeMethod } from '@sinonjs/fake-timers';
