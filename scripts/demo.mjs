#!/usr/bin/env node
// `npm run demo`: Vite's dev server for demo/ (vite.config.ts), on 127.0.0.1:5173 unless told
// otherwise:
//
//   npm run demo                        http://127.0.0.1:5173/
//   npm run demo -- --port 5174         or PORT=5174 npm run demo
//   npm run demo -- --host 0.0.0.0      reachable from other machines (HOST= works too)
//
// The port is strict (a popup must find the tab that opened it on the same origin), so a port in
// use is reported in one line with the way out instead of Vite's stack trace. package.json runs
// this with `exec`, so SIGTERM/SIGINT sent to `npm run demo` reach this process, where Vite's own
// handler closes the server.
import { createServer } from 'vite';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const host = option('host', process.env.HOST || '127.0.0.1');
const portText = option('port', process.env.PORT || '5173');
const port = Number(portText);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port must be a number from 1 to 65535, got "${portText}".`);
  process.exit(2);
}

const server = await createServer({ server: { host, port, strictPort: true } });
try {
  await server.listen();
} catch (error) {
  await server.close();
  if (error?.code === 'EADDRINUSE' || /already in use/i.test(String(error?.message))) {
    console.error(`Port ${port} on ${host} is already in use (another demo running?).`);
    console.error(`Stop it, or start this one on another port: npm run demo -- --port ${port === 65535 ? 5174 : port + 1}`);
  } else {
    console.error(`The demo could not start: ${error?.message ?? error}`);
  }
  process.exit(1);
}
server.printUrls();
server.bindCLIShortcuts({ print: true });
