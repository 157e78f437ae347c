import { defineConfig } from 'vite';

// Demo: `npm run demo` serves demo/ with the msw worker from public/.
// The library build (drop-in bundles) is configured in the ship issue.
export default defineConfig({
  root: 'demo',
  publicDir: '../public',
  server: { host: '127.0.0.1', port: 5173, strictPort: true, fs: { allow: ['..'] } },
});
