// OpenCV's filter2D (opencv.js) as an external oracle (DESIGN.md section 1,
// "Parity"): against exact arithmetic, kernels of integer weights and box
// kernels are bit-exact, other kernels at most 1 off in under 0.01% of
// samples. The GPU runs in the page; OpenCV and the CPU reference run here in
// Node on the very bytes the page filtered.
//
// Which OpenCV output is the oracle: filter2D into CV_64F (double-precision
// sums), rounded half to even and clamped here. Its CV_8U output sums in
// float32 (and OpenCV documents a DFT path for kernels of about 11x11 and
// up), so it is not exact arithmetic itself; the table shows how far it is.
// Gray goes through OpenCV's own cvtColor(RGBA2GRAY), as a user of OpenCV
// would filter it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bank } from '../../src/bank.js';
import { cpuFilter } from '../../src/cpu/filter.js';
import { luma, type RgbaImage } from '../../src/image.js';
import type { Kernel } from '../../src/kernel.js';
import { kernelData } from '../../src/kernelData.js';
import { CHANNELS, MODES, type Channels } from '../../src/options.js';
import { BORDER_VALUE, LARGE_IMAGES, SMALL_IMAGES } from './cases.js';
import { kernelOf, random, type Difference, type GpuCase, type ImageSpec, type KernelCase } from './parity.js';
import { loadOpenCv, openCvFilter, openCvGray, type Cv, type OpenCvOptions } from '../support/opencv.js';
import { openPage, type TestPage } from '../support/page.js';

/** A kernel with weights from a seeded generator: integers -8..8 or float32 in [-1, 1). */
function randomKernel(cols: number, rows: number, anchor: [number, number], kind: 'integer' | 'float', seed: number): KernelCase {
  const next = random(seed);
  const weight = kind === 'integer' ? () => Math.floor(next() * 17) - 8 : () => Math.fround(next() * 2 - 1);
  return { cols, rows, weights: Array.from({ length: cols * rows }, weight), anchor, name: `${kind} ${cols}x${rows}` };
}

const KERNELS: readonly { readonly label: string; readonly kernel: KernelCase }[] = [
  ...Object.keys(bank).map((name) => ({ label: name, kernel: name })),
  { label: 'gaussian:5:1.1', kernel: 'gaussian:5:1.1' },
  { label: 'gaussian:15:3', kernel: 'gaussian:15:3' },
  { label: 'float 5x3 @(1,2)', kernel: randomKernel(5, 3, [1, 2], 'float', 101) },
  { label: 'float 4x6 @(3,0)', kernel: randomKernel(4, 6, [3, 0], 'float', 102) },
  { label: 'integer 6x2 @(5,1)', kernel: randomKernel(6, 2, [5, 1], 'integer', 103) },
  { label: 'integer 3x7 @(0,6)', kernel: randomKernel(3, 7, [0, 6], 'integer', 104) },
];

/** DESIGN's exact class: integer weights, or one number times an integer matrix (here: box kernels, all weights equal). */
function exactClass(kernel: Kernel): boolean {
  const nonzero = kernel.weights.filter((w) => w !== 0);
  return kernel.isInteger || new Set(nonzero).size === 1;
}

/** filter2D's borders (it has no BORDER_WRAP), constant both with OpenCV's 0 and with a value padded in. */
const BORDERS: readonly Pick<OpenCvOptions, 'border' | 'borderValue'>[] = [
  { border: 'replicate', borderValue: [0, 0, 0, 0] },
  { border: 'reflect', borderValue: [0, 0, 0, 0] },
  { border: 'reflect101', borderValue: [0, 0, 0, 0] },
  { border: 'constant', borderValue: [0, 0, 0, 0] },
  { border: 'constant', borderValue: BORDER_VALUE },
];

interface OracleCase extends GpuCase {
  readonly options: OpenCvOptions;
  /** Also measure the CPU reference's float64 mode (slow for large kernels, so not on every large case). */
  readonly float64: boolean;
}

/**
 * Small images get every border, mode and channel option. Large images get
 * every border and mode, the channel option rotating through the three, and
 * the float64 reference on the first of them.
 */
function oracleCases(kernel: KernelCase): OracleCase[] {
  const cases: OracleCase[] = [];
  const add = (image: ImageSpec, options: OpenCvOptions, float64: boolean): void => {
    cases.push({ kernel, image, options, float64 });
  };
  for (const image of SMALL_IMAGES) {
    for (const b of BORDERS) for (const mode of MODES) for (const channels of CHANNELS) add(image, { ...b, mode, channels }, true);
  }
  for (const image of LARGE_IMAGES) {
    BORDERS.forEach((b, i) => MODES.forEach((mode, j) => add(image, { ...b, mode, channels: CHANNELS[(i + j) % 3]! }, i + j === 0)));
  }
  return cases;
}

/** How many leading samples of each RGBA pixel an option filters (gray: R; G, B and alpha are copies). */
const filteredPerPixel = (channels: Channels): number => (channels === 'gray' ? 1 : channels === 'rgb' ? 3 : 4);

/** Differences over many cases, counted over the samples `counts` selects. */
class Tally {
  samples = 0;
  differing = 0;
  maxDiff = 0;
  first: string | null = null;

  add(got: ArrayLike<number>, want: ArrayLike<number>, counts: (sample: number) => boolean, label: () => string): void {
    for (let k = 0; k < want.length; k++) {
      if (!counts(k)) continue;
      this.samples++;
      const d = Math.abs(got[k]! - want[k]!);
      if (d === 0) continue;
      this.differing++;
      this.maxDiff = Math.max(this.maxDiff, d);
      this.first ??= `${label()} at sample ${k}: ${got[k]} vs ${want[k]}`;
    }
  }

  /** Adds a comparison made in the page. */
  count(d: Difference, label: () => string): void {
    this.samples += d.samples;
    this.differing += d.differing;
    this.maxDiff = Math.max(this.maxDiff, d.maxDiff);
    if (d.first) this.first ??= `${label()} at (${d.first.x}, ${d.first.y}) channel ${d.first.c}: ${d.first.gpu} vs ${d.first.cpu}`;
  }

  get exactPercent(): string {
    return `${(100 * (1 - this.differing / Math.max(1, this.samples))).toFixed(4)}%`;
  }

  /** The bound DESIGN states against exact arithmetic. */
  withinBounds(exact: boolean): boolean {
    return exact ? this.differing === 0 : this.maxDiff <= 1 && this.differing < 1e-4 * this.samples;
  }
}

/**
 * What the unfiltered samples of a result must hold, given its filtered ones:
 * rgb copies the source alpha; gray repeats R in G and B, with alpha 255.
 */
function copiesOf(result: Uint8ClampedArray, source: RgbaImage, channels: Channels): Uint8ClampedArray {
  if (channels === 'rgb') return result.map((v, k) => ((k & 3) === 3 ? source.data[k]! : v));
  if (channels === 'gray') return result.map((v, k) => ((k & 3) === 3 ? 255 : result[k - (k & 3)]!));
  return result;
}

/** Comparisons with OpenCV, kept apart for gray, whose input is OpenCV's own cvtColor. */
interface VsOpenCv {
  readonly color: Tally;
  readonly gray: Tally;
}

const vsOpenCv = (): VsOpenCv => ({ color: new Tally(), gray: new Tally() });

interface Row {
  readonly label: string;
  readonly exact: boolean;
  /** Over every sample: the GPU must equal the CPU reference everywhere. */
  readonly gpuVsCpu: Tally;
  readonly gpu: VsOpenCv;
  readonly float64: VsOpenCv;
  readonly eightBit: VsOpenCv;
  /** Unfiltered samples (rgb's alpha; gray's G, B and alpha) that do not hold their copies: always wrong. */
  readonly copies: Tally;
}

let t: TestPage;
let cv: Cv;
let renderer: string;
const images = new Map<string, RgbaImage>();

async function image(spec: ImageSpec): Promise<RgbaImage> {
  const key = JSON.stringify(spec);
  if (!images.has(key)) {
    const got = await t.page.evaluate((s) => window.parity.imageBytes(s), spec);
    images.set(key, { width: got.width, height: got.height, data: new Uint8ClampedArray(Buffer.from(got.data, 'base64')) });
  }
  return images.get(key)!;
}

interface GpuResult {
  readonly bytes: Uint8ClampedArray;
  readonly cpu: Difference;
}

const gpuRuns = (cases: readonly GpuCase[]): Promise<GpuResult[]> =>
  t.page
    .evaluate((cs) => window.parity.gpuRuns(cs), cases)
    .then((all) => all.map((run) => ({ bytes: new Uint8ClampedArray(Buffer.from(run.bytes, 'base64')), cpu: run.cpu })));

beforeAll(async () => {
  let opencv: { cv: Cv };
  [t, opencv] = await Promise.all([openPage(), loadOpenCv()]);
  cv = opencv.cv;
  renderer = await t.page.evaluate(() => window.parity.gpu().renderer);
  for (const spec of [...SMALL_IMAGES, ...LARGE_IMAGES]) await image(spec);
});
afterAll(async () => t?.close());

/** Everything measured for one kernel, from the GPU bytes of its cases. */
async function measure(label: string, kernelCase: KernelCase, cases: readonly OracleCase[], gpu: readonly GpuResult[]): Promise<Row> {
  const kernel = kernelOf(kernelCase);
  const row: Row = {
    label,
    exact: exactClass(kernel),
    gpuVsCpu: new Tally(),
    gpu: vsOpenCv(),
    float64: vsOpenCv(),
    eightBit: vsOpenCv(),
    copies: new Tally(),
  };
  for (const [k, c] of cases.entries()) {
    const img = await image(c.image);
    const filtered = filteredPerPixel(c.options.channels);
    const isFiltered = (sample: number): boolean => (sample & 3) < filtered;
    const name = (): string => `${label} ${JSON.stringify(c.options)} on ${JSON.stringify(c.image)}`;
    const opencv = openCvFilter(cv, img, kernel, c.options);
    const { bytes: got, cpu } = gpu[k]!;
    const part = c.options.channels === 'gray' ? 'gray' : 'color';
    row.gpuVsCpu.count(cpu, name);
    row.gpu[part].add(got, opencv.exact, isFiltered, name);
    row.copies.add(got, copiesOf(got, img, c.options.channels), (sample) => !isFiltered(sample), name);
    row.eightBit[part].add(opencv.eightBit, opencv.exact, isFiltered, name);
    if (c.float64)
      row.float64[part].add(cpuFilter(img, kernel, { ...c.options, precision: 'float64' }).data, opencv.exact, isFiltered, name);
  }
  return row;
}

const COLUMNS: readonly [string, (r: Row) => Tally][] = [
  ['GPU vs CPU ref', (r) => r.gpuVsCpu],
  ['GPU vs cv rgb(a)', (r) => r.gpu.color],
  ['GPU vs cv gray', (r) => r.gpu.gray],
  ['f64 vs cv rgb(a)', (r) => r.float64.color],
  ['f64 vs cv gray', (r) => r.float64.gray],
  ['cv 8U vs 64F rgb(a)', (r) => r.eightBit.color],
];

function table(rows: readonly Row[]): string {
  const cell = (tally: Tally): string => `${String(tally.maxDiff).padStart(3)} ${tally.exactPercent.padStart(9)}`;
  const line = (first: string, cells: readonly string[]): string => [first.padEnd(18), ...cells.map((c) => c.padEnd(19))].join(' | ');
  return [
    `renderer: ${renderer}`,
    'each cell: max |diff|, then % of filtered samples exact; cv = opencv.js filter2D into CV_64F, rounded; f64 = cpuFilter precision float64',
    line(
      'kernel',
      COLUMNS.map(([name]) => name),
    ),
    ...rows.map((r) =>
      line(
        r.label,
        COLUMNS.map(([, of]) => cell(of(r))),
      ),
    ),
  ].join('\n');
}

let measured: Promise<Row[]> | null = null;

/** Measures every kernel once (the tests below judge parts of it) and prints the table. */
function measureAll(): Promise<Row[]> {
  measured ??= (async () => {
    const rows: Row[] = [];
    const casesOf = KERNELS.map((k) => oracleCases(k.kernel));
    // The page filters the next kernel while Node runs OpenCV on this one.
    let pending = gpuRuns(casesOf[0]!);
    for (const [i, { label, kernel }] of KERNELS.entries()) {
      const gpu = await pending;
      if (i + 1 < KERNELS.length) pending = gpuRuns(casesOf[i + 1]!);
      rows.push(await measure(label, kernel, casesOf[i]!, gpu));
    }
    console.log(table(rows));
    return rows;
  })();
  return measured;
}

function outOfBounds(r: Row, what: string, tally: Tally): string[] {
  return tally.withinBounds(r.exact)
    ? []
    : [`${r.label}: ${what}: ${tally.differing} of ${tally.samples} differ (max ${tally.maxDiff}); first ${tally.first}`];
}

describe('kernelgl against OpenCV filter2D', () => {
  test('rgb and rgba: every kernel within the bounds of exact arithmetic, on the GPU and in the float64 reference', async () => {
    const broken = (await measureAll()).flatMap((r) => [
      ...(r.gpuVsCpu.differing ? [`${r.label}: GPU vs CPU reference: ${r.gpuVsCpu.first}`] : []),
      ...(r.copies.differing ? [`${r.label}: copied samples: ${r.copies.first}`] : []),
      ...outOfBounds(r, 'GPU vs OpenCV', r.gpu.color),
      ...outOfBounds(r, 'CPU float64 vs OpenCV', r.float64.color),
    ]);
    expect(broken).toEqual([]);
    expect(t.errors).toEqual([]);
  });

  test('gray: every kernel within the bounds, OpenCV filtering its own cvtColor(RGBA2GRAY)', async () => {
    const broken = (await measureAll()).flatMap((r) => [
      ...outOfBounds(r, 'GPU vs OpenCV', r.gpu.gray),
      ...outOfBounds(r, 'CPU float64 vs OpenCV', r.float64.gray),
    ]);
    expect(broken).toEqual([]);
  });

  test("cvtColor(RGBA2GRAY) equals kernelgl's luma on every image", async () => {
    const mismatches: string[] = [];
    for (const spec of [...SMALL_IMAGES, ...LARGE_IMAGES]) {
      const { width, height, data } = await image(spec);
      const gray = openCvGray(cv, { width, height, data });
      const differing = [...gray.keys()].filter((p) => gray[p] !== luma(data[4 * p]!, data[4 * p + 1]!, data[4 * p + 2]!));
      const p = differing[0];
      if (p === undefined) continue;
      const rgb = [data[4 * p]!, data[4 * p + 1]!, data[4 * p + 2]!] as const;
      mismatches.push(
        `${JSON.stringify(spec)}: ${differing.length} of ${gray.length} pixels; first RGB ${rgb.join(',')}: cvtColor ${gray[p]}, luma ${luma(...rgb)}`,
      );
    }
    expect(mismatches).toEqual([]);
  });

  test('the oracle tells borders, modes and anchors apart', async () => {
    const spec = SMALL_IMAGES[3]!;
    const img = await image(spec);
    const emboss = kernelOf('emboss');
    const shifted = kernelOf({ ...kernelData(emboss), anchor: [0, 0] });
    const options: OpenCvOptions = { border: 'reflect', borderValue: [0, 0, 0, 0], mode: 'correlate', channels: 'rgba' };
    const [gpu] = await gpuRuns([{ kernel: 'emboss', image: spec, options }]);
    const differing = (other: Kernel, o: OpenCvOptions): number => {
      const want = openCvFilter(cv, img, other, o).exact;
      return gpu!.bytes.filter((v, k) => v !== want[k]).length;
    };
    expect(differing(emboss, options)).toBe(0);
    expect(differing(emboss, { ...options, border: 'reflect101' })).toBeGreaterThan(0);
    expect(differing(emboss, { ...options, mode: 'convolve' })).toBeGreaterThan(0);
    expect(differing(shifted, options)).toBeGreaterThan(0);
  });
});
