// The fast CPU engine against the CPU reference: the same Float32Array, bit
// for bit (compared as Uint32 patterns, so -0 and NaN count), with each of
// its loops (WebAssembly SIMD and JavaScript) forced on, for every bank
// kernel, border, mode and channel option on odd sizes and the photo, every
// plan kind, pipelines, cases at the bottom of the float32 range (where the
// reference flushes subnormals) and random kernels, images and options.
// Replay or explore the random part: `FUZZ_SEED=7 FUZZ_RUNS=2000 npx vitest run test/unit/fastCpu.test.ts`.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { bank, gaussian } from '../../src/bank.js';
import { executePipeline } from '../../src/cpu/execute.js';
import { FastCpu, executePipelineFast, executePlanFast } from '../../src/cpu/fast/engine.js';
import { proveExactness, quantum } from '../../src/cpu/fast/exactness.js';
import { JsLoops } from '../../src/cpu/fast/jsLoops.js';
import { SimdLoops } from '../../src/cpu/fast/simdLoops.js';
import type { RgbaImage } from '../../src/image.js';
import { OptionError } from '../../src/errors.js';
import { Kernel } from '../../src/kernel.js';
import { parseKernelSpec } from '../../src/kernelSpec.js';
import { BORDERS, CHANNELS, MODES, resolveOptions, type FilterOptions } from '../../src/options.js';
import {
  abs,
  chain,
  edgeMagnitude,
  filter,
  magnitude,
  mix,
  planPipeline,
  singleFilter,
  source,
  unsharpMask,
  type PipelineNode,
  type PipelinePlan,
} from '../../src/pipeline.js';
import { toOutput } from '../../src/output.js';
import { makePlan } from '../../src/plan.js';
import { noiseImage, random } from '../support/noise.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** The first sample whose bits differ, or null when the two results are the same bit for bit. */
function firstDifference(got: Float32Array, expected: Float32Array): string | null {
  if (got.length !== expected.length) return `length ${got.length} != ${expected.length}`;
  const a = new Uint32Array(got.buffer, got.byteOffset, got.length);
  const b = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  for (let k = 0; k < a.length; k++)
    if (a[k] !== b[k]) return `sample ${k} (pixel ${k >> 2}, channel ${k & 3}): ${got[k]} != ${expected[k]}`;
  return null;
}

/** One engine for each of the loops, forced on. */
const bothLoops = (): FastCpu[] => [new FastCpu({ loops: 'simd' }), new FastCpu({ loops: 'js' })];

/** The engines' floats, and their bytes for both byte outputs, are the reference's (its floats through toOutput). */
function expectSame(pipeline: PipelinePlan, image: RgbaImage, engines = bothLoops()): void {
  const expected = executePipeline(pipeline, image, 'float32') as Float32Array<ArrayBuffer>;
  for (const engine of engines) {
    expect(firstDifference(engine.executePipeline(pipeline, image), expected), `${engine.loops} loops`).toBeNull();
    for (const output of ['saturate', 'abs'] as const) {
      const bytes = engine.executeToOutput({ ...pipeline, output }, image);
      expect(Array.from(bytes), `${engine.loops} loops, ${output}`).toEqual(Array.from(toOutput(expected, output)));
    }
  }
}

const planOf = (kernel: Kernel, options: FilterOptions): PipelinePlan => singleFilter(makePlan(kernel, resolveOptions(options)));

const SIZES = [
  [1, 1],
  [1, 9],
  [9, 1],
  [7, 5],
  [31, 17],
] as const;
const IMAGES = SIZES.map(([w, h], k) => noiseImage(w, h, 100 + k));
/** Border values that are not bytes, so the constant border is seen to be read per channel in float32. */
const BORDER_VALUE = [7, 200.5, -3.25, 1e6] as const;

describe('every bank kernel, border, mode and channel option', () => {
  for (const [name, kernel] of Object.entries(bank)) {
    test(name, () => {
      for (const border of BORDERS) {
        for (const mode of MODES) {
          for (const channels of CHANNELS) {
            const pipeline = planOf(kernel, { border, mode, channels, borderValue: BORDER_VALUE });
            expect(proveExactness(pipeline)).not.toBeNull();
            for (const image of IMAGES) expectSame(pipeline, image);
          }
        }
      }
    });
  }
});

describe('the photo', () => {
  const photo = ((): RgbaImage => {
    const { width, height, data } = jpeg.decode(readFileSync('demo/samples/rocket.jpg'), { useTArray: true, formatAsRGBA: true });
    return { width, height, data };
  })();
  test.each([
    ['sharpen', 'rgba'],
    ['gaussian:15:3', 'gray'],
  ] as const)('%s, %s', (spec, channels) => {
    expectSame(planOf(parseKernelSpec(spec), { channels, border: 'reflect101' }), photo);
  });
});

describe('every plan kind', () => {
  const image = noiseImage(23, 13, 7);
  const integers = (cols: number, rows: number, seed: number): number[][] => {
    const next = random(seed);
    return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.floor(next() * 9) - 4));
  };
  const fractions = (cols: number, rows: number, seed: number): number[][] => {
    const next = random(seed);
    return Array.from({ length: rows }, () => Array.from({ length: cols }, () => next() * 2 - 1));
  };
  /** A sum of `rank` outer products: a kernel that splits into exactly that many 1D pairs. */
  const ofRank = (rank: number, cols: number, rows: number, seed: number, make: typeof integers): Kernel => {
    const [cs, rs] = [make(rank, rows, seed), make(cols, rank, seed + 1)];
    return Kernel.from(
      Array.from({ length: rows }, (_, j) => Array.from({ length: cols }, (_, i) => cs[j]!.reduce((s, c, k) => s + c * rs[k]![i]!, 0))),
    );
  };

  // Seeds whose integer kernels the planner splits exactly (its integer search does not split every one).
  test.each([
    [1, 10],
    [2, 20],
    [3, 55],
    [4, 40],
  ])('separable rank %i, integer and fractional, off-centre anchors', (rank, seed) => {
    for (const make of [integers, fractions]) {
      const kernel = ofRank(rank, 9, 7, seed, make);
      const anchored = new Kernel(kernel.cols, kernel.rows, kernel.weights, { anchor: [1, 5] });
      for (const k of [kernel, anchored]) {
        for (const border of BORDERS) {
          const plan = makePlan(k, resolveOptions({ plan: 'separable', border, borderValue: BORDER_VALUE, channels: 'rgba' }));
          expect(plan.kind === 'separable' && plan.rank <= rank).toBe(true);
          expectSame(singleFilter(plan), image);
        }
      }
    }
  });

  test('direct plans of separable kernels, scale and delta, the packed gray plan', () => {
    for (const kernel of [bank.sobel_x, bank.large_blur, gaussian(7, 1.3), Kernel.from(fractions(4, 6, 3), { anchor: [3, 0] })]) {
      for (const options of [{ plan: 'direct' }, { scale: 0.125, delta: -7.5 }, { channels: 'gray', scale: 3, delta: 0.1 }] as const) {
        expectSame(planOf(kernel, options), image);
      }
    }
  });

  test('kernels larger than the image', () => {
    for (const border of BORDERS) expectSame(planOf(gaussian(21, 4), { border, channels: 'rgba' }), noiseImage(5, 3, 9));
  });
});

describe('pipelines', () => {
  const image = noiseImage(29, 11, 3);
  const blur = filter(source, 'gaussian:5');
  const nodes: [string, PipelineNode][] = [
    ['edgeMagnitude', edgeMagnitude()],
    ['unsharpMask', unsharpMask(1.5, 'gaussian:5:1.2')],
    ['mix', mix(blur, 0.3, filter(source, bank.laplacian), -2)],
    ['abs', abs(filter(source, bank.sobel_y))],
    ['chain', chain('sharpen', 'box:3', bank.scharr_x)],
    ['filter of a combiner', filter(magnitude(filter(source, bank.sobel_x), blur), 'box:2x3', { border: 'constant', borderValue: 0.5 })],
  ];
  test.each(nodes)('%s', (_, node) => {
    for (const channels of CHANNELS) {
      for (const border of ['reflect', 'constant'] as const)
        expectSame(planPipeline(node, { channels, border, borderValue: BORDER_VALUE }), image);
    }
  });

  test('executePlanFast and executePipelineFast are the reference', () => {
    const plan = makePlan(bank.emboss, resolveOptions({ channels: 'rgba' }));
    const pipeline = planPipeline(edgeMagnitude(), { channels: 'gray' });
    expect(firstDifference(executePlanFast(plan, image), executePipeline(singleFilter(plan), image) as Float32Array)).toBeNull();
    expect(firstDifference(executePipelineFast(pipeline, image), executePipeline(pipeline, image) as Float32Array)).toBeNull();
  });
});

describe('the bottom of the float32 range', () => {
  const image = noiseImage(9, 7, 11);
  const tiny = Kernel.from([
    [1e-39, 1e-30, 3e-38],
    [2e-38, -1e-37, 1],
  ]);
  test.each<[string, FilterOptions]>([
    ['tiny weights', {}],
    ['scale 1e-30', { scale: 1e-30 }],
    ['scale 1e-30 on an integer kernel', { scale: 1e-30, delta: 1e-38 }],
    ['a subnormal border value', { border: 'constant', borderValue: [1e-40, -1e-39, 3e-45, 0] }],
    ['a border value near the bottom', { border: 'constant', borderValue: [2e-38, -1e-37, 1.5e-38, 1] }],
    ['a delta that cancels', { scale: 2 ** -100, delta: -(2 ** -100) * 3 }],
  ])('%s', (_, options) => {
    for (const kernel of [tiny, bank.sharpen, gaussian(5, 0.7)]) {
      for (const channels of CHANNELS) expectSame(planOf(kernel, { ...options, channels }), image);
    }
  });

  test('the proof refuses what it cannot rule out and keeps what it can', () => {
    expect(proveExactness(planOf(bank.sharpen, { scale: 1e-37 }))).toBeNull();
    expect(proveExactness(planOf(tiny, { scale: 1e-30 }))).toBeNull();
    expect(proveExactness(planOf(bank.sharpen, { border: 'constant', borderValue: 1e-37 }))).toBeNull();
    expect(proveExactness(planOf(bank.sharpen, { scale: 1e-30 }))).not.toBeNull();
    expect(proveExactness(planPipeline(mix(source, 1e-37, source, 1e-30)))).toBeNull();
  });

  test('quantum: the largest power of two dividing a number', () => {
    expect([quantum(12), quantum(0.75), quantum(-1), quantum(2 ** -149), quantum(3 * 2 ** 100), quantum(0)]).toEqual([
      4,
      0.25,
      1,
      2 ** -149,
      2 ** 100,
      Infinity,
    ]);
  });

  test('integer sums past 2^24, which float32 rounds', () => {
    const large = Kernel.from([
      [100_001, 3],
      [100_003, 7],
    ]);
    expect(proveExactness(planOf(large, {}))).toEqual([[false]]);
    for (const channels of CHANNELS) expectSame(planOf(large, { channels, plan: 'direct' }), image);
  });

  test('overflow to infinity and NaN', () => {
    const huge = Kernel.from([[1e35, 1e35, -1e35]]);
    for (const border of ['replicate', 'constant'] as const)
      expectSame(planOf(huge, { border, borderValue: 3e38, scale: 1e10, channels: 'rgba' }), image);
  });
});

describe('an engine across frames', () => {
  test('reuses its planes for one size and starts over for another', () => {
    const engines = bothLoops();
    const pipelines = [
      planOf(bank.small_blur, { channels: 'rgba' }),
      planPipeline(unsharpMask(0.7), { channels: 'gray' }),
      planOf(bank.sharpen, {}),
    ];
    // Large, small (a fresh WebAssembly memory), large again (grown again).
    for (const [w, h, seed] of [
      [12, 9, 1],
      [12, 9, 2],
      [5, 14, 3],
      [300, 200, 5],
      [7, 3, 6],
      [12, 9, 4],
      [301, 199, 7],
    ] as const) {
      for (const pipeline of pipelines) expectSame(pipeline, noiseImage(w, h, seed), engines);
    }
  });

  test('writes into a given array, and refuses one of the wrong length', () => {
    const image = noiseImage(6, 4, 5);
    for (const engine of bothLoops()) {
      const into = new Float32Array(6 * 4 * 4).fill(NaN);
      for (const pipeline of [planOf(bank.sharpen, { channels: 'rgb' }), planOf(bank.sharpen, { scale: 1e-37 })]) {
        expect(engine.executePipeline(pipeline, image, into)).toBe(into);
        expect(firstDifference(into, executePipeline(pipeline, image) as Float32Array)).toBeNull();
      }
      expect(() => engine.executePipeline(planOf(bank.sharpen, {}), image, new Float32Array(5))).toThrow(OptionError);
    }
  });
});

describe('which loops run', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  test('WebAssembly SIMD runs the interiors and finishes where it is supported (Node 20 supports it)', () => {
    const simd = [vi.spyOn(SimdLoops.prototype, 'sumInterior'), vi.spyOn(SimdLoops.prototype, 'finish')];
    const js = [vi.spyOn(JsLoops.prototype, 'sumInterior'), vi.spyOn(JsLoops.prototype, 'finish')];
    const engine = new FastCpu();
    expect(engine.loops).toBe('simd');
    expectSame(planOf(bank.small_blur, { channels: 'rgb' }), noiseImage(40, 30, 1), [engine]);
    for (const spy of simd) expect(spy).toHaveBeenCalled();
    for (const spy of js) expect(spy).not.toHaveBeenCalled();
  });

  test('without WebAssembly SIMD, auto takes the JavaScript loops and simd refuses', async () => {
    vi.resetModules();
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    const fresh = await import('../../src/cpu/fast/engine.js');
    expect(new fresh.FastCpu().loops).toBe('js');
    expect(() => new fresh.FastCpu({ loops: 'simd' })).toThrow(/needs WebAssembly with SIMD/);
    expectSame(planOf(bank.sharpen, {}), noiseImage(9, 8, 2), [new fresh.FastCpu()]);
  });
});

describe('random kernels, images and options', () => {
  const weight = fc.oneof(
    fc.integer({ min: -6, max: 6 }),
    fc.float({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -0, 0.5, 1 / 3, 1e-39, 1e-30, 2 ** -120, 1e30, 65_537, -100_003),
  );
  const kernel = fc
    .record({ cols: fc.integer({ min: 1, max: 6 }), rows: fc.integer({ min: 1, max: 6 }) })
    .chain(({ cols, rows }) =>
      fc.record({
        weights: fc.array(weight, { minLength: cols * rows, maxLength: cols * rows }),
        anchor: fc.tuple(fc.integer({ min: 0, max: cols - 1 }), fc.integer({ min: 0, max: rows - 1 })),
        cols: fc.constant(cols),
        rows: fc.constant(rows),
      }),
    )
    .map(({ cols, rows, weights, anchor }) => new Kernel(cols, rows, weights, { anchor }));
  const scalar = fc.oneof(
    fc.constantFrom(0, 1, -1, 0.5, 1 / 49, 1e-30, 1e-20),
    fc.float({ min: -300, max: 300, noNaN: true, noDefaultInfinity: true }),
  );
  const options = fc.record({
    border: fc.constantFrom(...BORDERS),
    mode: fc.constantFrom(...MODES),
    channels: fc.constantFrom(...CHANNELS),
    plan: fc.constantFrom('auto', 'direct'),
    scale: scalar,
    delta: scalar,
    borderValue: fc.tuple(scalar, scalar, scalar, scalar),
  });
  const image = fc
    .record({ w: fc.integer({ min: 1, max: 12 }), h: fc.integer({ min: 1, max: 12 }), seed: fc.nat() })
    .map(({ w, h, seed }) => noiseImage(w, h, seed));

  test('a filter', () => {
    fc.assert(
      fc.property(kernel, options, image, (k, o, img) => {
        expectSame(planOf(k, o), img);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('a pipeline of two filters and a combiner', () => {
    const combiner = fc.constantFrom('mix', 'magnitude', 'abs');
    fc.assert(
      fc.property(kernel, kernel, combiner, scalar, options, image, (a, b, op, w, o, img) => {
        const [fa, fb] = [filter(source, a, { border: o.border }), filter(source, b, { mode: o.mode })];
        const node = op === 'mix' ? mix(fa, w, fb, 1 - w) : op === 'magnitude' ? magnitude(fa, fb) : abs(filter(fa, b));
        expectSame(planPipeline(node, { channels: o.channels, borderValue: o.borderValue }), img);
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });
});

describe('median and morphology', () => {
  const SPECS = [
    'median:1',
    'median:3',
    'median:7',
    'erode:rect:5',
    'dilate:ellipse:7x5',
    'open:cross:3:2',
    'gradient:rect:4x2',
    'tophat:ellipse:5',
    'blackhat:rect:3:3',
  ];
  const image = noiseImage(23, 17, 71);

  test.each(SPECS)('%s on every border and channel option', (spec) => {
    for (const border of BORDERS) {
      for (const channels of CHANNELS) {
        expectSame(planPipeline(filter(source, spec), { border, channels, borderValue: [9, 250, 128.5, 3] }), image);
      }
    }
    expectSame(planPipeline(filter(source, spec), { channels: 'gray' }), image);
  });

  test('on float results, with scale and delta, in pipelines', () => {
    const edges = filter(source, bank.sobel_x);
    for (const spec of SPECS) {
      expectSame(planPipeline(filter(edges, spec, { scale: 0.5, delta: -3 }), { channels: 'rgb' }), image);
      expectSame(planPipeline(filter(filter(source, spec), bank.laplacian), { channels: 'gray', output: 'float' }), image);
    }
  });

  test('bilateral on the source runs across the channels; what reads its results runs in the reference', () => {
    for (const channels of CHANNELS) {
      for (const border of BORDERS)
        expectSame(planPipeline(filter(source, 'bilateral:5:30:10'), { channels, border, borderValue: 300 }), image);
      expectSame(planPipeline(filter(source, 'bilateral:0:12:2', { scale: 0.25, delta: 1 }), { channels, output: 'float' }), image);
    }
    expect(proveExactness(planPipeline(filter(source, 'bilateral:5:30:10')))).not.toBeNull();
    for (const after of [filter(filter(source, 'bilateral:5:30:10'), 'sobel_x'), filter(filter(source, 'box:3'), 'bilateral:5:30:10')]) {
      const pipeline = planPipeline(after, { channels: 'rgb' });
      expect(proveExactness(pipeline)).toBeNull();
      expectSame(pipeline, image);
    }
  });
});
