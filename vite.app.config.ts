// The pages: the demo, the page the `kernelgl` command drives in headless
// Chromium, and the benchmark page. Served by `npm run dev`, built to dist/app.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        demo: resolve(import.meta.dirname, 'demo/index.html'),
        runner: resolve(import.meta.dirname, 'src/cli/runner/index.html'),
        bench: resolve(import.meta.dirname, 'bench/page/index.html'),
      },
    },
  },
  server: { open: '/demo/' },
});
