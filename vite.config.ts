// The library builds. Default: the `kernelgl` and `kernelgl/element` entries
// as ES modules in dist/lib, with twgl.js and gl-matrix left to the user's
// bundler. `--mode standalone`: one minified file with everything inside
// (and `<kernel-filter>` defined) for a plain <script type="module">.
import { defineConfig, type UserConfig } from 'vite';
import { compactShaders } from './vite.compactShaders.js';
import { inlineWorker } from './vite.inlineWorker.js';
import { publicTypes } from './vite.publicTypes.js';

const library: UserConfig = {
  plugins: [compactShaders(), inlineWorker(), publicTypes('tsconfig.types.json', ['index.d.ts', 'element.d.ts'], 'dist/types')],
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
  plugins: [compactShaders(), inlineWorker()],
  build: {
    outDir: 'dist/standalone',
    emptyOutDir: true,
    minify: true,
    // No source map: it would take the package past 400 kB (DESIGN.md section 5); kernelgl's own modules are readable.
    lib: { entry: { 'kernelgl.standalone': 'src/element.ts' }, formats: ['es'] },
  },
};

export default defineConfig(({ mode }) => (mode === 'standalone' ? standalone : library));
