// The filter worker as text inside the library. Bundlers and plain pages
// differ in how (and whether) they copy a worker file that a library
// references, so kernelgl ships none: `virtual:kernelgl/filter-worker` is
// the worker bundled on its own (classic script, minified) as a string
// constant, which a bundler drops when createWorkerFilter is not used.
import { fileURLToPath } from 'node:url';
import { build, type Plugin, type Rolldown } from 'vite';
import { compactShaders } from './vite.compactShaders.js';

const ID = 'virtual:kernelgl/filter-worker';
const RESOLVED = `\0${ID}`;
const ENTRY = fileURLToPath(new URL('src/video/filterWorker.ts', import.meta.url));

export function inlineWorker(): Plugin {
  let code: Promise<string> | null = null;
  let shipped = false;
  return {
    name: 'kernelgl:inline-worker',
    configResolved: (config) => void (shipped = config.command === 'build'),
    resolveId: (id) => (id === ID ? RESOLVED : null),
    async load(id) {
      if (id !== RESOLVED) return null;
      this.addWatchFile(ENTRY);
      code ??= bundleWorker(shipped);
      return `export default ${JSON.stringify(await code)};`;
    },
  };
}

/** The worker as one minified script; `shipped` (a build, not the dev server) compacts its shaders as the library's are. */
async function bundleWorker(shipped: boolean): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    plugins: shipped ? [compactShaders()] : [],
    build: {
      write: false,
      minify: true,
      lib: { entry: ENTRY, formats: ['iife'], name: 'kernelglFilterWorker' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((file) => file.type === 'chunk');
  if (!chunk) throw new Error('kernelgl: the filter worker bundle produced no code.');
  return chunk.code;
}
