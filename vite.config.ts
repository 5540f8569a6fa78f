// The library build: src/index.ts as an ES module in dist/, with its
// dependencies left to the user's bundler. The pages (demo, command runner,
// benchmark) are built by vite.app.config.ts.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: 'kernelgl',
    },
    rolldownOptions: {
      external: ['twgl.js', 'gl-matrix'],
    },
  },
});
