// kernelgl as its users get it: `npm pack` of the build, installed into small
// projects outside the repository that use only what the README documents,
// served on 127.0.0.1 and checked in headless Chromium (and in Node).
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'puppeteer-core';
import { createServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../../src/tooling/browser.js';
import { ExchangeServer } from '../../src/tooling/server.js';
import { badOptionError, elementCaptures, gpuAgainstCpu, workerOnCamera, workerRefused } from './pageChecks.js';
import { cleanEnv, installFixture, pack, REPO, repoBin, scratchDir, sh, type Packed } from './project.js';

/** The packed tarball's size limit: the library, the standalone file, the command and one sample photo. */
const MAX_TARBALL_BYTES = 400_000;

const scratch = scratchDir();
let packed: Packed;
let browser: Browser;

beforeAll(async () => {
  packed = await pack(scratch.dir);
  browser = await launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  scratch.remove();
});

describe('the tarball', () => {
  test('is small and holds what a consumer loads, and nothing else', () => {
    expect(packed.size).toBeLessThan(MAX_TARBALL_BYTES);
    const files = [...packed.files].sort();
    for (const needed of [
      'package.json',
      'README.md',
      'dist/lib/kernelgl.js',
      'dist/lib/element.js',
      'dist/standalone/kernelgl.standalone.js',
      'dist/types/index.d.ts',
      'dist/types/element.d.ts',
      'dist/runner/src/cli/runner/index.html',
      'dist/node/src/cli/main.js',
      'demo/samples/rocket.jpg',
    ]) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => /^(bench|shaders|src|test|demo\/(?!samples))|dist\/(app|node\/bench)/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /\.(jpe?g|png|webm|y4m)$/.test(f))).toEqual(['demo/samples/rocket.jpg']);
  });
});

describe('a Vite + TypeScript app', () => {
  let project: string;

  beforeAll(async () => {
    project = await installFixture('vite-app', scratch.dir, packed.path);
  }, 300_000);

  test('installs only the library and what it imports, running no install script', () => {
    expect(
      readdirSync(join(project, 'node_modules'))
        .filter((name) => !name.startsWith('.'))
        .sort(),
    ).toEqual(['gl-matrix', 'kernelgl', 'twgl.js']);
    const declarations = readdirRecursive(join(project, 'node_modules/kernelgl/dist/types')).filter((f) => f.endsWith('.d.ts'));
    expect(declarations.length).toBeGreaterThan(0);
    expect(declarations.filter((f) => readFileSync(f, 'utf8').includes('twgl'))).toEqual([]);
  });

  test.each([
    ['TypeScript 5.9', 'typescript/bin/tsc'],
    ['the newest TypeScript', 'typescript-latest/bin/tsc'],
  ])("every README snippet and the app pass %s's strict check with skipLibCheck off", async (_, tsc) => {
    writeReadmeSnippets(join(project, 'src/readme'));
    await sh(process.execPath, [repoBin(tsc), '-p', project], project);
  });

  test('built by vite: GPU equals CPU, errors keep their names, the element and the worker draw the camera, the console stays clean', async () => {
    await sh(process.execPath, [repoBin('vite/bin/vite.js'), 'build', project, '--logLevel', 'warn'], project);
    await checkServedPage(join(project, 'dist'), 'index.html', { element: 'camera', worker: true });
  });

  test('in vite dev: the same', async () => {
    const server = await createServer({
      configFile: false,
      root: project,
      logLevel: 'error',
      server: { host: '127.0.0.1', port: 0, hmr: false },
    });
    await server.listen();
    try {
      await checkPage(new URL('index.html', server.resolvedUrls!.local[0]).href, { element: 'camera', worker: true });
    } finally {
      await server.close();
    }
  });
});

describe('an esbuild-bundled page', () => {
  let project: string;

  beforeAll(async () => {
    project = await installFixture('esbuild-page', scratch.dir, packed.path);
  }, 300_000);

  const bundle = async (entry: string, out: string) => {
    await sh(repoBin('.bin/esbuild'), [entry, '--bundle', '--minify', '--format=esm', `--outfile=${out}`, '--log-level=warning'], project);
    return readFileSync(join(project, out));
  };

  test('GPU equals CPU, errors keep their names, the element and the worker draw the camera, the console stays clean', async () => {
    await bundle('main.js', 'dist/main.js');
    await checkServedPage(project, 'index.html', { element: 'camera', worker: true });
  });

  test('an app that only filters images does not carry the worker (bundle sizes in the log)', async () => {
    const gpuOnly = await bundle('gpuFilterOnly.js', 'dist/gpuFilterOnly.js');
    const element = await bundle('elementOnly.js', 'dist/elementOnly.js');
    const everything = await bundle('main.js', 'dist/main.js');
    console.info(
      `bundle sizes, minified (gzip): GpuFilter alone ${kb(gpuOnly.length)} (${kb(gzipSync(gpuOnly).length)}), ` +
        `<kernel-filter> alone ${kb(element.length)} (${kb(gzipSync(element).length)}), everything ${kb(everything.length)} (${kb(gzipSync(everything).length)})`,
    );
    // The worker's message names exist only in the worker and the code that talks to it.
    expect(gpuOnly.includes('snapshot-failed')).toBe(false);
    expect(element.includes('snapshot-failed')).toBe(false);
    expect(everything.includes('snapshot-failed')).toBe(true);
  });
});

describe('a plain HTML page with kernelgl/standalone', () => {
  let project: string;

  beforeAll(async () => {
    project = await installFixture('plain-page', scratch.dir, packed.path);
  }, 300_000);

  test('the declared element draws the photo; GPU equals CPU; the worker draws the camera; the console stays clean', async () => {
    await checkServedPage(project, 'index.html', { element: '#photo', worker: true });
  });

  test('under a Content-Security-Policy that forbids workers, createWorkerFilter says why it cannot start', async () => {
    const server = await ExchangeServer.start(project);
    const page = await browser.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(new URL('csp.html', server.url).href);
      await page.waitForFunction(() => 'kernelgl' in window, { timeout: 60_000 });
      const failure = await page.evaluate(workerRefused);
      expect(failure).toMatchObject({ name: 'GpuError', reported: ['GpuError'] });
      expect(failure.message).toContain('worker-src blob:');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/violates the following Content Security Policy directive/);
    } finally {
      await page.close();
      await server.close();
    }
  });
});

describe('a Node project', () => {
  let project: string;

  beforeAll(async () => {
    project = await installFixture('node-script', scratch.dir, packed.path);
  }, 300_000);

  test('import: cpuFilter gives the hand-computed result; a bad option is an OptionError by name', async () => {
    const { stdout } = await sh(process.execPath, ['filter.js'], project);
    // [1, 0, -1] over 10 20 40 with replicated borders: |10 - 20|, |10 - 40|, |20 - 40|; alpha copied.
    expect(JSON.parse(stdout)).toEqual({
      data: [10, 10, 10, 255, 30, 30, 30, 255, 20, 20, 20, 255],
      plan: 'direct',
      error: { name: 'OptionError', code: 'ERR_OPTION', isOptionError: true },
    });
  });

  test('require() works too', async () => {
    const { stdout } = await sh(process.execPath, ['require.cjs'], project);
    expect(JSON.parse(stdout)).toEqual({ data: [7, 8, 9, 255] });
  });

  test('npx kernelgl without its own packages says which to install, and runs nothing', async () => {
    const failed = await sh('npx', ['--no-install', 'kernelgl', 'node_modules/kernelgl/demo/samples/rocket.jpg', '--cpu'], project).then(
      () => null,
      (error: Error) => error,
    );
    expect(failed?.message).toMatch(/needs sharp, which is not installed/);
    expect(failed?.message).toMatch(/npm install --save-dev sharp/);
  });

  test('with them installed, npx kernelgl filters on the GPU and the CPU, into Windows-safe names, with equal bytes', async () => {
    await sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--save-dev', 'puppeteer-core', 'sharp'], project);
    const photo = 'node_modules/kernelgl/demo/samples/rocket.jpg';
    for (const [engine, flags] of [
      ['gpu', []],
      ['cpu', ['--cpu']],
    ] as const) {
      await sh(
        'npx',
        ['--no-install', 'kernelgl', photo, '-k', 'gaussian:5:1', '-k', 'sobel_x', '--output', 'abs', '-o', engine, ...flags],
        project,
        cleanEnv(),
      );
    }
    for (const name of ['rocket.gaussian-5-1.png', 'rocket.sobel_x.png']) {
      const gpu = readFileSync(join(project, 'gpu', name));
      expect(gpu.equals(readFileSync(join(project, 'cpu', name)))).toBe(true);
    }
  }, 300_000);
});

interface PageChecks {
  /** `camera` for a `<kernel-filter webcam>` made by the check, or the selector of one the page declares. */
  readonly element: string;
  readonly worker: boolean;
}

async function checkServedPage(root: string, path: string, checks: PageChecks): Promise<void> {
  const server = await ExchangeServer.start(root);
  try {
    await checkPage(new URL(path, server.url).href, checks);
  } finally {
    await server.close();
  }
}

async function checkPage(url: string, checks: PageChecks): Promise<void> {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  try {
    await page.goto(url);
    await page.waitForFunction(() => 'kernelgl' in window, { timeout: 60_000 });
    expect(Object.values(await page.evaluate(gpuAgainstCpu))).toEqual([0, 0, 0]);
    expect(await page.evaluate(badOptionError)).toMatchObject({ name: 'OptionError', code: 'ERR_OPTION', isOptionError: true });
    const captures = await page.evaluate(elementCaptures, checks.element === 'camera' ? null : checks.element);
    expect(Math.min(...captures.drawn, captures.blob)).toBeGreaterThan(100);
    if (checks.element === 'camera') expect(captures.changed).toBeGreaterThan(0);
    if (checks.worker) {
      const worker = await page.evaluate(workerOnCamera);
      expect(worker.frames).toBeGreaterThan(3);
      expect(worker.snapshotDiffering).toBe(0);
      expect(worker.lit).toBeGreaterThan(100);
    }
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url ?? ''})`);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

/**
 * Each ```ts block of the README as a module of its own, after declarations
 * of the values the snippets take as given (an image, a canvas, a video...).
 */
function writeReadmeSnippets(dir: string): void {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThan(3);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'given.d.ts'), GIVEN);
  blocks.forEach((code, i) => writeFileSync(join(dir, `snippet${i + 1}.ts`), `${code}\nexport {};\n`));
}

/** The values README snippets use without defining them. */
const GIVEN = `declare const imageData: ImageData;
declare const image: ImageData;
declare const canvas: HTMLCanvasElement;
declare const img: HTMLImageElement;
declare const videoElement: HTMLVideoElement;
declare const peer: RTCPeerConnection;
declare const gpu: import('kernelgl').GpuFilter;
declare function save(blob: Blob | null): void;
`;

function readdirRecursive(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? readdirRecursive(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

// Fails the file early, with a clear message, when the build is missing.
if (!existsSync(join(REPO, 'dist/lib/kernelgl.js')))
  throw new Error('the consumer suite packs the build: run npm run build first (npm test does).');
