// Median, morphology and bilateral filters on the GPU against the CPU
// reference, bit for bit (DESIGN.md section 6): raw float32 results by their
// bits (so -0 and +0 differ) and 8-bit results by value, for every operation,
// shape and border, in colour and packed gray, alone, in pipelines that keep
// float32 results on the GPU, and in tiles. The matrices are spread over
// images, borders, channels and outputs by rotation rather than crossed in
// full, to keep the file quick in software WebGL; random custom elements
// come from fast-check.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MORPH_OPS } from '../../src/filters.js';
import { BORDERS, CHANNELS, MODES, type FilterOptions, type Output } from '../../src/options.js';
import type { RgbaImage } from '../../src/image.js';
import { SHAPES } from '../../src/structuringElement.js';
import { useTestPage } from '../support/page.js';
import { BORDER_VALUE, PHOTO } from './cases.js';

/**
 * An image a case names: seeded noise, noise quantized to `levels` values
 * from 0 to 255 (ties, zeros and flat runs, where orders and borders show),
 * or a crop of the photo.
 */
type CaseImage =
  | { readonly kind: 'noise'; readonly width: number; readonly height: number; readonly seed: number; readonly levels?: number }
  | { readonly kind: 'photo'; readonly path: string; readonly crop: readonly [number, number, number, number] };

/** Filter specs applied in turn (one: `filter`, several: `pipeline`), with the options, output included. */
interface Case {
  readonly filters: readonly string[];
  readonly image: CaseImage;
  readonly options: FilterOptions;
}

const noise = (width: number, height: number, seed: number, levels?: number): CaseImage => ({ kind: 'noise', width, height, seed, levels });

/** 1x1, a column, a row, even and odd sizes, few levels, and the photo. */
const IMAGES: readonly CaseImage[] = [
  noise(1, 1, 1),
  noise(1, 9, 2),
  noise(9, 1, 3),
  noise(8, 6, 4),
  noise(13, 11, 5, 3),
  noise(17, 14, 6),
  { kind: 'photo', path: PHOTO, crop: [300, 200, 40, 28] },
];

/** Every border; constant with the default value, a byte value per channel, and values no byte holds. */
const BORDER_OPTIONS: readonly FilterOptions[] = [
  ...BORDERS.map((border) => ({ border })),
  { border: 'constant', borderValue: BORDER_VALUE },
  { border: 'constant', borderValue: [2.5, 300, -1, 0] },
];

const OUTPUTS: readonly Output[] = ['saturate', 'float', 'abs'];

/**
 * Options and image for the k-th case of a matrix: each axis turns at its
 * own rate (coprime lengths), so that neighbouring cases differ in all of them.
 */
function rotation(k: number, images: readonly CaseImage[] = IMAGES): { image: CaseImage; options: FilterOptions } {
  const border = BORDER_OPTIONS[k % BORDER_OPTIONS.length]!;
  const channels = CHANNELS[k % CHANNELS.length]!;
  const output = OUTPUTS[(k >> 1) % OUTPUTS.length]!;
  return { image: images[k % images.length]!, options: { ...border, channels, output } };
}

/** Sides 1..15, square and not. */
const ELEMENT_SIZES = ['1', '2', '3', '4', '5', '6', '7', '9', '11', '12', '15', '3x5', '7x2', '15x4', '1x9', '13x1', '2x11'];

function morphologyCases(): Case[] {
  const cases: Case[] = [];
  for (const op of MORPH_OPS) {
    for (const shape of SHAPES) {
      for (const size of ELEMENT_SIZES) {
        const k = cases.length;
        const iterations = 1 + (k % 3);
        cases.push({ filters: [`${op}:${shape}:${size}${iterations > 1 ? `:${iterations}` : ''}`], ...rotation(k) });
      }
    }
  }
  return cases;
}

/** Medians 1..25: the selections (up to 7) on every image, the counting ones on the small images. */
function medianCases(): Case[] {
  const cases: Case[] = [];
  for (let size = 1; size <= 25; size += 2) {
    for (let r = 0; r < 4; r++) {
      const k = cases.length;
      cases.push({ filters: [`median:${size}`], ...rotation(k, size <= 7 ? IMAGES : IMAGES.slice(0, 5)) });
    }
  }
  return cases;
}

/** Diameters given and derived from sigmaSpace (0 and below), small and large sigmas. */
const BILATERALS = [
  'bilateral:3:20:2',
  'bilateral:5:75:75',
  'bilateral:9:40:3',
  'bilateral:0:30:2',
  'bilateral:1:10:1',
  'bilateral:-1:200:1.2',
];

function bilateralCases(): Case[] {
  return BILATERALS.flatMap((spec, s) => [0, 1, 2].map((r) => ({ filters: [spec], ...rotation(3 * s + r) })));
}

/** Nonlinear filters after float32 steps (float keys, saturated bilateral input) and before linear ones, chained with no readback. */
const PIPELINES: readonly (readonly string[])[] = [
  ['median:5', 'sobel_x'],
  ['sobel_x', 'median:3'],
  ['sobel_x', 'median:9'],
  ['erode:rect:3', 'dilate:ellipse:5'],
  ['scharr_x', 'erode:rect:15'],
  ['sobel_y', 'tophat:cross:5'],
  ['gaussian:5:1.3', 'bilateral:5:40:3'],
  ['median:7', 'gradient:ellipse:3:2', 'bilateral:3:30:2'],
];

function pipelineCases(): Case[] {
  return PIPELINES.flatMap((filters, p) =>
    CHANNELS.flatMap((channels, c) =>
      (['saturate', 'float'] as const).map((output) => ({
        filters,
        image: noise(21, 13, 30 + p, p % 2 ? 5 : undefined),
        options: { ...BORDER_OPTIONS[(p + c) % BORDER_OPTIONS.length]!, channels, output },
      })),
    ),
  );
}

/**
 * Runs each case on the GPU (a fresh GpuFilter with `tileSize`, or the
 * page's) and on the CPU reference, in the page, and returns the cases that
 * differ or that only one side rejects. `flip`: the case whose GPU result
 * has its sample 5's lowest bit flipped, to show that a one-ulp difference
 * is caught.
 */
async function checkInPage(cases: readonly Case[], tileSize: number | null, flip: number | null): Promise<string[]> {
  const k = window.kernelgl;
  const gpu = tileSize === null ? window.parity.gpu() : new k.GpuFilter({ tileSize });
  const load = async (spec: CaseImage): Promise<RgbaImage> => {
    if (spec.kind === 'photo') {
      const { width, height, data } = await window.parity.imageBytes(spec);
      return { width, height, data: Uint8ClampedArray.from(atob(data), (c) => c.charCodeAt(0)) };
    }
    const image = window.parity.noiseImage(spec.width, spec.height, spec.seed);
    const levels = spec.levels;
    if (levels !== undefined)
      image.data.forEach((v, i) => (image.data[i] = Math.round(Math.floor((v * levels) / 256) * (255 / (levels - 1)))));
    return image;
  };
  // Float samples by their bits; bytes by value.
  const words = (data: ArrayLike<number>): ArrayLike<number> =>
    data instanceof Float32Array ? new Uint32Array(data.buffer, data.byteOffset, data.length) : data;
  const failures: string[] = [];
  try {
    for (const [index, c] of cases.entries()) {
      const label = `${c.filters.join(' | ')} ${JSON.stringify(c.options)} on ${JSON.stringify(c.image)}`;
      const image = await load(c.image);
      const output = c.options.output ?? 'saturate';
      let expected;
      try {
        const raw = window.internals.referencePipelineFloats(image, c.filters, c.options);
        expected = output === 'float' ? raw : k.toOutput(raw, output);
      } catch (error) {
        failures.push(`${label}: the CPU reference threw ${String(error)}`);
        continue;
      }
      try {
        const { data } = c.filters.length === 1 ? gpu.filter(image, c.filters[0]!, c.options) : gpu.pipeline(image, c.filters, c.options);
        if (index === flip) new Uint32Array(data.buffer, data.byteOffset, 8)[5]! ^= 1;
        const [a, b] = [words(data), words(expected)];
        let first = -1;
        let differing = 0;
        for (let i = 0; i < Math.max(a.length, b.length); i++) {
          if (a[i] === b[i]) continue;
          differing++;
          if (first < 0) first = i;
        }
        if (differing > 0) {
          const at = `(${(first >> 2) % image.width}, ${Math.floor((first >> 2) / image.width)}) channel ${first & 3}`;
          failures.push(`${label}: ${differing} of ${b.length} samples differ; first at ${at}: GPU ${data[first]}, CPU ${expected[first]}`);
        }
      } catch (error) {
        failures.push(`${label}: the GPU threw where the CPU did not: ${String(error)}`);
      }
    }
  } finally {
    if (tileSize !== null) gpu.dispose();
  }
  return failures;
}

/** Random structuring elements (any mask with a 1, any anchor), operations, iterations and options. */
const SEED = Number(process.env.PROPERTY_SEED ?? 20_261_127);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 120);

const element = fc.record({ cols: fc.integer({ min: 1, max: 9 }), rows: fc.integer({ min: 1, max: 9 }) }).chain(({ cols, rows }) =>
  fc.record({
    mask: fc
      .array(fc.array(fc.constantFrom(0, 1), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })
      .filter((m) => m.flat().includes(1)),
    anchor: fc.tuple(fc.integer({ min: 0, max: cols - 1 }), fc.integer({ min: 0, max: rows - 1 })),
  }),
);

const borderValue = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.double({ min: -300, max: 600, noNaN: true }));

const morphologyCase: fc.Arbitrary<Case> = fc
  .record({
    op: fc.constantFrom(...MORPH_OPS),
    element,
    iterations: fc.integer({ min: 1, max: 3 }),
    image: fc.record({
      width: fc.integer({ min: 1, max: 24 }),
      height: fc.integer({ min: 1, max: 24 }),
      seed: fc.nat(),
      levels: fc.option(fc.integer({ min: 2, max: 4 }), { nil: undefined }),
    }),
    options: fc.record(
      {
        border: fc.constantFrom(...BORDERS),
        borderValue: fc.oneof(borderValue, fc.tuple(borderValue, borderValue, borderValue, borderValue)),
        mode: fc.constantFrom(...MODES),
        channels: fc.constantFrom(...CHANNELS),
        output: fc.constantFrom(...OUTPUTS),
        scale: fc.oneof(fc.constant(1), fc.double({ min: -4, max: 4, noNaN: true })),
        delta: fc.oneof(fc.constant(0), fc.double({ min: -300, max: 300, noNaN: true })),
      },
      { requiredKeys: ['border', 'channels', 'output'] },
    ),
  })
  .map(({ op, element: { mask, anchor }, iterations, image, options }) => ({
    filters: [JSON.stringify({ morph: op, element: mask, anchor, iterations })],
    image: noise(image.width, image.height, image.seed, image.levels),
    options,
  }));

const page = useTestPage();

const check = (cases: readonly Case[], tileSize: number | null = null, flip: number | null = null): Promise<string[]> =>
  page().page.evaluate(checkInPage, cases, tileSize, flip);

describe('GPU equals the CPU reference bit for bit', () => {
  test.each([
    ['every morphology operation, shape, size 1..15 and iteration count', morphologyCases],
    ['medians 1..25', medianCases],
    ['bilateral filters', bilateralCases],
    ['pipelines with no readback between steps', pipelineCases],
  ])('%s', async (_, cases) => {
    expect((await check(cases())).slice(0, 5)).toEqual([]);
  });
});

test(`random structuring elements, anchors and options: ${RUNS} cases (seed ${SEED})`, async () => {
  const cases = fc.sample(morphologyCase, { seed: SEED, numRuns: RUNS });
  const failures = await check(cases);
  if (failures.length > 0) {
    // fast-check's own run from the same seed shrinks the first failure it meets.
    const details = await fc.check(
      fc.asyncProperty(morphologyCase, async (c) => (await check([c])).length === 0),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(fc.defaultReportMessage(details));
  }
  expect(failures.slice(0, 5)).toEqual([]);
});

test('in tiles of 24 pixels, every filter kind equals the reference, as untiled', async () => {
  const image = noise(61, 47, 40);
  const tiled = [
    ['median:9'],
    ['median:5'],
    ['erode:rect:15'],
    ['tophat:ellipse:5'],
    ['bilateral:9:50:3'],
    ['sobel_x', 'median:5'],
  ].flatMap((filters, f) =>
    (['rgb', 'gray'] as const).map((channels, c) => ({
      filters,
      image,
      options: { ...BORDER_OPTIONS[(2 * f + c) % BORDER_OPTIONS.length]!, channels, output: 'float' as const },
    })),
  );
  expect(await check(tiled, 24)).toEqual([]);
});

test('signed zeros: medians and morphology order -0 below +0 as the reference does, whatever the method', async () => {
  const found = await page().page.evaluate(() => {
    const k = window.kernelgl;
    const image = window.parity.noiseImage(15, 11, 9);
    image.data.forEach((v, i) => (image.data[i] = v < 160 ? 0 : 255));
    // -0 from the border (page arguments travel as JSON, where -0 is lost) and from a combiner, -0 + -0 where
    // two samples are 0; a delta of -0 keeps the sign in the result (v + 0 would make it +0).
    const negativeZero = -1 * 0;
    const shifted = new k.Kernel(3, 1, [0, 0, 1]);
    const negated = k.mix(k.source, -1, k.filter(k.source, shifted), -1);
    const bits = (data: ArrayLike<number>): Uint32Array => new Uint32Array(Float32Array.from(data).buffer);
    const differing = (a: ArrayLike<number>, b: ArrayLike<number>): number => bits(a).filter((w, i) => w !== bits(b)[i]).length;
    const nodes = (f: string, options: object) => [
      { node: [f], options: { border: 'constant' as const, borderValue: negativeZero, delta: negativeZero, ...options } },
      { node: k.filter(negated, f, { border: 'constant', borderValue: 0, delta: negativeZero, ...options }), options: {} },
    ];
    const out = { failures: [] as string[], negativeZeros: 0, positiveZeros: 0 };
    for (const channels of ['rgb', 'gray'] as const) {
      for (const f of ['median:3', 'median:9', 'erode:rect:3', 'dilate:rect:13x3', 'erode:ellipse:5', 'gradient:cross:3']) {
        for (const { node, options } of nodes(f, {})) {
          const all = { ...options, channels, output: 'float' as const };
          const expected = window.internals.referencePipelineFloats(image, node, all);
          const n = differing(window.parity.gpu().pipeline(image, node, all).data, expected);
          if (n) out.failures.push(`${f} ${channels}: ${n} samples differ from the reference`);
          out.negativeZeros += expected.filter((v) => Object.is(v, -0)).length;
          out.positiveZeros += expected.filter((v) => Object.is(v, 0)).length;
        }
      }
      // A rectangle as lines (tapped, doubling) and as one masked pass.
      for (const f of ['erode:rect:3', 'dilate:rect:13x3', 'erode:rect:1x15', 'gradient:rect:5']) {
        const [lines, masked] = (['auto', 'direct'] as const).map((plan) =>
          nodes(f, { plan }).map(
            ({ node, options }) => window.parity.gpu().pipeline(image, node, { ...options, channels, output: 'float' }).data,
          ),
        );
        lines!.forEach((data, i) => {
          const n = differing(data, masked![i]!);
          if (n) out.failures.push(`${f} ${channels}: ${n} samples differ between lines and a mask`);
          out.negativeZeros += data.filter((v) => Object.is(v, -0)).length;
        });
      }
    }
    return out;
  });
  expect(found.failures).toEqual([]);
  // Both zeros occur, so the order between them is tested.
  expect(found.negativeZeros).toBeGreaterThan(100);
  expect(found.positiveZeros).toBeGreaterThan(100);
});

test("SwiftShader's division and reciprocal are correctly rounded, as the bilateral filter's last step needs", async () => {
  const wrong = await page().page.evaluate(() => {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2')!;
    gl.getExtension('EXT_color_buffer_float');
    const shader = (type: number, text: string): WebGLShader => {
      const s = gl.createShader(type)!;
      gl.shaderSource(s, text);
      gl.compileShader(s);
      return s;
    };
    const program = gl.createProgram();
    gl.attachShader(
      program,
      shader(
        gl.VERTEX_SHADER,
        '#version 300 es\nvoid main() { gl_Position = vec4(vec2(gl_VertexID & 1, gl_VertexID >> 1) * 4.0 - 1.0, 0.0, 1.0); }',
      ),
    );
    gl.attachShader(
      program,
      shader(
        gl.FRAGMENT_SHADER,
        '#version 300 es\nprecision highp float;\nuniform highp sampler2D u_in;\nout vec4 o;\nvoid main() { vec4 v = texelFetch(u_in, ivec2(gl_FragCoord.xy), 0); o = vec4(v.x / v.y, 1.0 / v.y, v.z / v.w, 1.0 / v.w); }',
      ),
    );
    gl.linkProgram(program);
    const side = 128;
    const next = window.parity.random(7);
    // Sums and weight sums as the bilateral filter makes them (up to 255 times the weights), and operands across the range.
    const input = Float32Array.from({ length: side * side * 4 }, (_, i) =>
      Math.fround(i % 4 < 2 ? (1 + 254 * next()) * (i % 2 ? 1 : 255) * next() + (i % 2) : 2 ** (60 * next() - 30) * next() + (i % 2)),
    );
    const texture = (data: Float32Array | null): WebGLTexture => {
      const t = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, t);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA32F, side, side, 0, gl.RGBA, gl.FLOAT, data);
      return t;
    };
    const source = texture(input);
    const target = texture(null);
    gl.bindFramebuffer(gl.FRAMEBUFFER, gl.createFramebuffer());
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, target, 0);
    gl.viewport(0, 0, side, side);
    gl.useProgram(program);
    gl.bindTexture(gl.TEXTURE_2D, source);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    const out = new Float32Array(side * side * 4);
    gl.readPixels(0, 0, side, side, gl.RGBA, gl.FLOAT, out);
    const f32 = (x: number): number => (Math.abs(Math.fround(x)) < 2 ** -126 ? Math.fround(x) * 0 : Math.fround(x));
    let count = 0;
    for (let p = 0; p < side * side * 4; p += 4) {
      const [a, b, c, d] = input.subarray(p, p + 4);
      const expected = [a! / b!, 1 / b!, c! / d!, 1 / d!].map(f32);
      count += expected.filter((e, i) => !Object.is(e, out[p + i])).length;
    }
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { count, checked: side * side * 4 };
  });
  expect(wrong).toEqual({ count: 0, checked: 128 * 128 * 4 });
});

test('the check can fail: a GPU result one float32 ulp off is reported, and only that one', async () => {
  const cases: Case[] = [
    { filters: ['median:3'], image: noise(4, 3, 50), options: { output: 'float' } },
    { filters: ['erode:ellipse:3'], image: noise(4, 3, 51), options: { output: 'float', channels: 'gray' } },
    { filters: ['bilateral:3:20:2'], image: noise(4, 3, 52), options: { output: 'saturate' } },
  ];
  expect(await check(cases)).toEqual([]);
  const reported = await check(cases, null, 1);
  expect(reported).toEqual([expect.stringMatching(/^erode:ellipse:3 .*: 1 of 48 samples differ; first at \(1, 0\) channel 1: GPU /)]);
});
