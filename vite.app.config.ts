// The pages: the demo and the benchmark page (dist/app, served by
// `npm run dev`), and with `--mode runner` the page the `kernelgl` command
// drives in headless Chromium (dist/runner, the only page in the package).
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { inlineWorker } from './vite.inlineWorker.js';

const page = (path: string) => resolve(import.meta.dirname, path);
/**
 * The runner page loads the library as the package ships it, the standalone
 * file beside it in dist/ (from dist/runner/assets/), rather than a second
 * bundled copy of the engine.
 */
const runnerUsesStandalone: Plugin = {
  name: 'kernelgl:runner-uses-standalone',
  enforce: 'pre',
  resolveId: (source, importer) =>
    importer?.endsWith('src/cli/runner/runner.ts') && source === '../../index.js'
      ? { id: '../../standalone/kernelgl.standalone.js', external: true }
      : null,
};

const PAGES: Record<string, Record<string, string>> = {
  runner: { runner: page('src/cli/runner/index.html') },
  production: { demo: page('demo/index.html'), bench: page('bench/page/index.html') },
};

export default defineConfig(({ mode }) => ({
  base: './',
  plugins: mode === 'runner' ? [runnerUsesStandalone] : [inlineWorker()],
  // The demo's CPU worker imports the library too.
  worker: { plugins: () => [inlineWorker()] },
  build: {
    outDir: mode === 'runner' ? 'dist/runner' : 'dist/app',
    emptyOutDir: true,
    // The benchmark page bundles its peers, fabric.js and TF.js (about 770 kB minified).
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      input: PAGES[mode] ?? PAGES.production,
    },
  },
  server: { open: '/demo/' },
}));
