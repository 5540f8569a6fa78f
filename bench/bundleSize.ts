/**
 * What kernelgl weighs: the built library (dist/lib/kernelgl.js) minified,
 * and the bundle of a user who imports only `GpuFilter` and `kernels`, with
 * twgl.js and gl-matrix bundled in and everything else tree-shaken away.
 * Both are built with Vite into a temporary folder; sizes are the minified
 * bytes and their zlib gzip at level 9.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

export interface ByteSize {
  /** Minified bytes. */
  readonly min: number;
  /** The minified bytes gzipped at level 9. */
  readonly gzip: number;
}

export interface BundleSizes {
  readonly library: ByteSize;
  readonly user: ByteSize;
}

/** The sizes, or why they could not be measured (the timings run regardless). */
export type BundleReport = BundleSizes | { readonly error: string };

/** The library's own dependencies, left out of the library size as the published build leaves them to the user's bundler. */
const DEPENDENCIES = ['twgl.js', 'gl-matrix'];

export async function bundleSizes(library: string): Promise<BundleSizes> {
  const from = JSON.stringify(library);
  return {
    library: await bundle(`export * from ${from};\n`, DEPENDENCIES),
    user: await bundle(`export { GpuFilter, kernels } from ${from};\n`, []),
  };
}

/** Bundles `entry` (module source) minified, with `external` left as imports, and measures it. */
async function bundle(entry: string, external: readonly string[]): Promise<ByteSize> {
  const dir = await mkdtemp(join(tmpdir(), 'kernelgl-bundle-'));
  try {
    await writeFile(join(dir, 'entry.js'), entry);
    await build({
      configFile: false,
      root: dir,
      logLevel: 'silent',
      build: {
        outDir: join(dir, 'out'),
        minify: true,
        modulePreload: false,
        rolldownOptions: {
          input: join(dir, 'entry.js'),
          external: [...external],
          preserveEntrySignatures: 'strict',
          output: { format: 'es', entryFileNames: 'bundle.js' },
        },
      },
    });
    const code = await readFile(join(dir, 'out', 'bundle.js'));
    return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
