// The library builds. Default: the `kernelgl` and `kernelgl/element` entries
// as ES modules in dist/lib, with twgl.js and gl-matrix left to the user's
// bundler. `--mode standalone`: one minified file with everything inside
// (and `<kernel-filter>` defined) for a plain <script type="module">.
import { defineConfig, type UserConfig } from 'vite';
import { inlineWorker } from './vite.inlineWorker.js';
import { publicTypes } from './vite.publicTypes.js';

const library: UserConfig = {
  plugins: [inlineWorker(), publicTypes('tsconfig.types.json', ['index.d.ts', 'element.d.ts'], 'dist/types')],
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    lib: { entry: { kernelgl: 'src/index.ts', element: 'src/element.ts' }, formats: ['es'] },
    rolldownOptions: {
      external: ['twgl.js', 'gl-matrix'],
      // element.js imports kernelgl.js rather than both importing a third, shared chunk.
      preserveEntrySignatures: 'allow-extension',
    },
  },
};

const standalone: UserConfig = {
  plugins: [inlineWorker()],
  build: {
    outDir: 'dist/standalone',
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    lib: { entry: { 'kernelgl.standalone': 'src/element.ts' }, formats: ['es'] },
    // The map locates code in src/ by file, line and name; the sources stay out of the package.
    rolldownOptions: { output: { sourcemapExcludeSources: true } },
  },
};

export default defineConfig(({ mode }) => (mode === 'standalone' ? standalone : library));
