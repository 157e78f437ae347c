import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(`./demo/${name}.html`, import.meta.url));

/**
 * The demo: `npm run demo` serves demo/ (with msw's worker from public/) on 127.0.0.1:5173;
 * `npm run demo:build` writes a static copy to demo-dist/ with relative paths, so it works from
 * any directory of any static server. The library bundles are built by scripts/build.mjs.
 */
export default defineConfig({
  root: 'demo',
  base: './',
  publicDir: '../public',
  server: { host: '127.0.0.1', port: 5173, strictPort: true, fs: { allow: ['..'] } },
  // Crawl every page up front: a dependency first seen when a popup opens would make Vite
  // re-optimize and reload every open page, losing the flow in progress.
  optimizeDeps: { entries: ['index.html', 'activate.html', 'consent.html'], include: ['uqr'] },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: {
    outDir: '../demo-dist',
    emptyOutDir: true,
    target: 'es2022',
    // msw + the mock + lit in one demo chunk; size does not matter for a demo.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: { index: page('index'), activate: page('activate'), consent: page('consent') },
    },
  },
});
