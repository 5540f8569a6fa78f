// The built `kernelgl` command with the filters beyond kernels: medians,
// every morphology operation (shapes, a custom element inline and in a
// .json file, iterations) and bilateral filters, on small gray and colour
// images, on the CPU and the GPU engine. What it writes is held to OpenCV
// itself (opencv.js: medianBlur, morphologyEx, bilateralFilter, each with its
// default border, as the command applies each kind's own when --border is
// not given), and the two engines to each other byte for byte.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readImage } from '../../src/cli/imageFiles.js';
import { cpuFilter } from '../../src/cpu/filter.js';
import type { Filter } from '../../src/filterSpec.js';
import { parseFilterSpec } from '../../src/filterSpec.js';
import { Kernel } from '../../src/kernel.js';
import type { RgbaImage } from '../../src/image.js';
import type { Channels, FilterOptions } from '../../src/options.js';
import { expectBuiltCommand, runCommand } from '../support/command.js';
import { compare } from '../support/compare.js';
import { noiseImage } from '../support/noise.js';
import { loadOpenCv, openCvNonlinear, type Cv } from '../support/opencv.js';

/** A custom element with its anchor off centre, in a .json file: its files are named after the file. */
const HOOK = {
  morph: 'blackhat',
  element: [
    [1, 1, 0],
    [0, 1, 0],
    [0, 1, 1],
  ],
  anchor: [0, 2],
  iterations: 1,
};
const PLUS = '{"morph":"erode","element":[[0,1,0],[1,1,1],[0,1,0]],"anchor":[1,1],"iterations":2}';

/** Every filter of the run, by the name its files have. */
const FILTERS: Record<string, string> = {
  'median-5': 'median:5',
  'median-3': 'median:3',
  'erode-rect-5': 'erode:rect:5',
  'dilate-ellipse-7x5': 'dilate:ellipse:7x5',
  'open-cross-3-2': 'open:cross:3:2',
  'close-ellipse-5': 'close:ellipse:5',
  'gradient-rect-3': 'gradient:rect:3',
  'tophat-ellipse-5x3': 'tophat:ellipse:5x3',
  'blackhat-rect-3x5-3': 'blackhat:rect:3x5:3',
  custom1: PLUS,
  hook: 'hook.json',
  'bilateral-9-75-75': 'bilateral:9:75:75',
  'bilateral-5-30-4': 'bilateral:5:30:4',
};
const ARGS = Object.values(FILTERS).flatMap((spec) => ['-k', spec]);
const INPUTS = { noise: 'set/noise.png', photo: 'set/photo.png' };
const ENGINES = ['cpu', 'gpu'] as const;
const CHANNELS = ['rgb', 'gray'] as const satisfies readonly Channels[];

let dir: string;
let cv: Cv;

const kernelgl = (args: readonly string[]) => runCommand(args, dir);

function pngBytes(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  return PNG.sync.write(png);
}

/** A 40x30 crop of the sample photo: edges and flat sky, where noise has neither. */
function photo(): RgbaImage {
  const full = jpeg.decode(readFileSync('demo/samples/rocket.jpg'), { useTArray: true, formatAsRGBA: true });
  const [w, h, x0, y0] = [40, 30, Math.floor(full.width / 3), Math.floor(full.height / 3)];
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++)
    data.set(full.data.subarray(((y0 + y) * full.width + x0) * 4, ((y0 + y) * full.width + x0 + w) * 4), y * w * 4);
  return { width: w, height: h, data };
}

/** A written result as RGBA (a gray PNG decodes to R = G = B, alpha 255). */
async function written(path: string): Promise<{ width: number; data: Uint8ClampedArray<ArrayBuffer>; colorType: number }> {
  const bytes = await readFile(path);
  const png = PNG.sync.read(bytes);
  return { width: png.width, data: Uint8ClampedArray.from(png.data), colorType: bytes[25]! };
}

/** OpenCV's result for a filter with every default as OpenCV has it (medianBlur's replicated border, morphologyDefaultBorderValue, reflect101). */
function openCv(image: RgbaImage, filter: Filter, channels: Channels): Uint8ClampedArray<ArrayBuffer> {
  if (filter instanceof Kernel) throw new Error(`${filter.name} is a kernel; these tests are of the other filters`);
  return openCvNonlinear(cv, image, filter, channels);
}

const out = (engine: string, channels: Channels) => `out-${engine}-${channels}`;

beforeAll(async () => {
  expectBuiltCommand();
  dir = await mkdtemp(join(tmpdir(), 'kernelgl-filters-'));
  await mkdir(join(dir, 'set'));
  await writeFile(join(dir, INPUTS.noise), pngBytes(noiseImage(23, 17, 11)));
  await writeFile(join(dir, INPUTS.photo), pngBytes(photo()));
  await writeFile(join(dir, 'hook.json'), JSON.stringify(HOOK));
  ({ cv } = await loadOpenCv());
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.each(ENGINES)('--engine %s', (engine) => {
  test.each(CHANNELS)('--channels %s: every filter, named by its spec, equals OpenCV with each kind its own border', async (channels) => {
    const manifest = `${engine}-${channels}.json`;
    const outcome = await kernelgl([
      'set',
      ...ARGS,
      '--engine',
      engine,
      '--channels',
      channels,
      '-o',
      out(engine, channels),
      '--manifest',
      manifest,
    ]);
    expect(outcome.stderr).not.toMatch(/failed/);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(new RegExp(`^${engine.toUpperCase()}: `));
    const names = Object.keys(INPUTS).flatMap((stem) => Object.keys(FILTERS).map((name) => `${stem}.${name}.png`));
    expect((await readdir(join(dir, out(engine, channels)))).sort()).toEqual(names.sort());

    const bilateral = { differing: 0, samples: 0 };
    for (const [stem, input] of Object.entries(INPUTS)) {
      const image = await readImage(join(dir, input), () => {});
      for (const [name, spec] of Object.entries(FILTERS)) {
        const filter = parseFilterSpec(spec.endsWith('.json') ? JSON.stringify(HOOK) : spec);
        const file = join(dir, out(engine, channels), `${stem}.${name}.png`);
        const result = await written(file);
        expect(result.colorType, `${file}: grayscale for gray, RGBA otherwise`).toBe(channels === 'gray' ? 0 : 6);
        const theirs = compare(result, { data: openCv(image, filter, channels) });
        if ('kind' in filter && filter.kind === 'bilateral') {
          expect(theirs.maxDiff, file).toBeLessThanOrEqual(1);
          bilateral.differing += theirs.differing;
          bilateral.samples += theirs.samples;
        } else {
          expect(theirs, `${file} against OpenCV`).toMatchObject({ differing: 0 });
        }
        expect(compare(result, cpuFilter(image, filter, { channels })), `${file} against cpuFilter`).toMatchObject({ differing: 0 });
      }
    }
    console.log(`bilateral vs OpenCV, ${engine} ${channels}: ${bilateral.differing} of ${bilateral.samples} samples differ by 1`);
    expect(bilateral.differing / bilateral.samples).toBeLessThan(0.01);

    // The manifest says what ran, with each kind's own border.
    const records = JSON.parse(await readFile(join(dir, manifest), 'utf8')) as { kernel: string; plan: string; border: string }[];
    const ran = (kernel: string) => records.find((r) => r.kernel === kernel)!;
    expect(ran('median:5')).toMatchObject({ plan: 'median 5x5', border: 'replicate' });
    expect(ran('erode:rect:5')).toMatchObject({ plan: 'morphology erode, 2 passes', border: 'constant' });
    expect(ran('hook')).toMatchObject({ plan: expect.stringMatching(/^morphology blackhat, /), border: 'constant' });
    expect(ran('custom1')).toMatchObject({ plan: 'morphology erode, 2 passes', border: 'constant' });
    expect(ran('bilateral:9:75:75')).toMatchObject({ plan: expect.stringMatching(/^bilateral, radius 4, /), border: 'reflect101' });
    expect(records).toHaveLength(Object.keys(INPUTS).length * Object.keys(FILTERS).length);
  });
});

test('the GPU writes the very bytes of the CPU engine', async () => {
  for (const channels of CHANNELS) {
    const names = await readdir(join(dir, out('cpu', channels)));
    for (const name of names) {
      const [cpu, gpu] = await Promise.all(ENGINES.map((engine) => readFile(join(dir, out(engine, channels), name))));
      expect(gpu!.equals(cpu!), `${channels} ${name}`).toBe(true);
    }
  }
});

test('a --border given applies to every kind, and the plan says so', async () => {
  const options: FilterOptions = { border: 'reflect', channels: 'gray' };
  const specs = { 'median-5': 'median:5', 'close-ellipse-5': 'close:ellipse:5', 'bilateral-5-30-4': 'bilateral:5:30:4' };
  const args = ['set/noise.png', ...Object.values(specs).flatMap((s) => ['-k', s]), '--border', 'reflect', '--channels', 'gray'];
  const outcome = await kernelgl([...args, '--cpu', '-o', 'out-reflect', '--manifest', 'reflect.json']);
  expect(outcome.code).toBe(0);
  const image = await readImage(join(dir, INPUTS.noise), () => {});
  for (const [name, spec] of Object.entries(specs)) {
    const file = join(dir, 'out-reflect', `noise.${name}.png`);
    expect(compare(await written(file), cpuFilter(image, spec, options)), file).toMatchObject({ differing: 0 });
  }
  const records = JSON.parse(await readFile(join(dir, 'reflect.json'), 'utf8')) as { border: string }[];
  expect(records.map((r) => r.border)).toEqual(['reflect', 'reflect', 'reflect']);
});

test.each([
  [['-k', 'median:4'], "a median's size must be an odd integer from 1 to 255"],
  [['-k', 'median:five'], 'is not a median spec; write median:K with K odd'],
  [['-k', 'erode:disc:5'], 'SHAPE one of rect, cross, ellipse'],
  [['-k', 'open:rect:5:0'], 'is not a spec for open'],
  [['-k', 'bilateral:9:75'], 'is not a bilateral spec; write bilateral:D:SIGMACOLOR:SIGMASPACE'],
  [['-k', '{"morph":"erode"}'], 'a morphology object needs "element"'],
  [['-k', '{"morph":"shrink","element":[[1]]}'], 'a morphology operation must be one of erode, dilate'],
  [['-k', 'median:5', '-k', 'median:5'], 'the kernel "median:5" is given twice'],
])('%j is refused before anything runs', async (args, message) => {
  const outcome = await kernelgl(['set/noise.png', '--cpu', '-o', 'never', ...args]);
  expect(outcome.stderr).toContain(message);
  expect(outcome.code).toBe(2);
  expect(existsSync(join(dir, 'never'))).toBe(false);
});

test('--help lists the filter specs', async () => {
  const { stdout, code } = await kernelgl(['--help']);
  expect(code).toBe(0);
  for (const text of [
    'median:K',
    'OP:SHAPE:W[xH][:ITERATIONS]',
    'erode, dilate, open, close, gradient, tophat, blackhat',
    'bilateral:D:SIGMACOLOR:SIGMASPACE',
    '"morph"',
  ]) {
    expect(stdout).toContain(text);
  }
});
