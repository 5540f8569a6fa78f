// The CPU reference of the filters beyond linear kernels (DESIGN.md section
// 6) against OpenCV itself (opencv.js 4.12, the official WebAssembly build):
// medianBlur, erode, dilate, morphologyEx with getStructuringElement's
// shapes and custom masks, and bilateralFilter, on 1x1, 1xN, Nx1, odd and
// even sizes, seeded noise and the sample photo, gray and rgb. Medians 1..25
// under every border; morphology as every combination of op, shape, side
// 1..15, iterations 1..3, border and channels on the small images, and by
// rotation (non-square sides and custom masks too) on all. Median and
// morphology must be exact; bilateral within 1 in under 1% of samples.
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { beforeAll, describe, expect, test } from 'vitest';
import { cpuFilter } from '../../src/cpu/filter.js';
import { filters, MORPH_OPS, type MorphOp, type NonlinearFilter } from '../../src/filters.js';
import type { RgbaImage } from '../../src/image.js';
import type { Border, Channels, FilterOptions } from '../../src/options.js';
import { SHAPES, type Shape } from '../../src/structuringElement.js';
import { noiseImage, random } from '../support/noise.js';
import { loadOpenCv, openCvNonlinear, type Cv } from '../support/opencv.js';

let cv: Cv;
beforeAll(async () => {
  ({ cv } = await loadOpenCv());
});

const photo = ((): RgbaImage => {
  const full = jpeg.decode(readFileSync('demo/samples/rocket.jpg'), { useTArray: true, formatAsRGBA: true });
  // A 96x80 crop keeps the photo's structure (edges, flat sky) at a test's cost.
  const [w, h, x0, y0] = [96, 80, Math.floor(full.width / 3), Math.floor(full.height / 3)];
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++)
    data.set(full.data.subarray(((y0 + y) * full.width + x0) * 4, ((y0 + y) * full.width + x0 + w) * 4), y * w * 4);
  return { width: w, height: h, data };
})();

const IMAGES: readonly { label: string; image: RgbaImage }[] = [
  { label: '1x1', image: noiseImage(1, 1, 1) },
  { label: '1x9', image: noiseImage(1, 9, 2) },
  { label: '9x1', image: noiseImage(9, 1, 3) },
  { label: '7x5', image: noiseImage(7, 5, 4) },
  { label: '8x6', image: noiseImage(8, 6, 5) },
  { label: '31x22', image: noiseImage(31, 22, 6) },
  { label: 'photo 96x80', image: photo },
];

/** kernelgl's bytes and OpenCV's for one case: how many samples differ and by how much at most. */
function compare(ours: Uint8ClampedArray, theirs: Uint8ClampedArray): { differing: number; max: number; samples: number } {
  let differing = 0;
  let max = 0;
  for (let k = 0; k < ours.length; k++) {
    const d = Math.abs(ours[k]! - theirs[k]!);
    if (d > 0) differing++;
    max = Math.max(max, d);
  }
  return { differing, max, samples: ours.length };
}

function ours(image: RgbaImage, filter: NonlinearFilter, options: Omit<FilterOptions, 'output'>): Uint8ClampedArray {
  return cpuFilter(image, filter, { ...options, output: 'saturate' }).data;
}

describe('median equals cv.medianBlur', () => {
  const SIZES = [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25];
  const BORDERS: readonly Border[] = ['replicate', 'reflect', 'reflect101', 'wrap', 'constant'];
  for (const { label, image } of IMAGES) {
    test(label, () => {
      let cases = 0;
      for (const size of SIZES) {
        for (const channels of ['gray', 'rgb', 'rgba'] as const) {
          // medianBlur always replicates; other borders are padded in by copyMakeBorder first, so every window lies in the padding.
          for (const border of BORDERS) {
            const value = 77;
            const theirs = openCvNonlinear(cv, image, filters.median(size), channels, { border, borderValue: value });
            const result = ours(image, filters.median(size), { channels, border, borderValue: value });
            expect(compare(result, theirs), `median:${size} ${channels} ${border}`).toMatchObject({ differing: 0 });
            cases++;
          }
        }
      }
      expect(cases).toBe(SIZES.length * 3 * BORDERS.length);
    });
  }
});

interface MorphCase {
  readonly op: MorphOp;
  readonly element: { shape: Shape; size: [number, number] } | { element: (0 | 1)[][]; anchor: [number, number] };
  readonly iterations: number;
  readonly border: Border;
  /** Undefined: OpenCV's morphologyDefaultBorderValue. */
  readonly borderValue?: number;
  readonly channels: Channels;
}

/** OpenCV's result for a morphology case. */
function openCvMorph(image: RgbaImage, c: MorphCase): Uint8ClampedArray {
  return openCvNonlinear(cv, image, morphFilter(c), c.channels, c);
}

function morphFilter(c: MorphCase): NonlinearFilter {
  return filters.morphology(c.op, { ...c.element, iterations: c.iterations });
}

/** Every border OpenCV's morphology takes (it refuses wrap); constant with morphologyDefaultBorderValue and with a value. */
const MORPH_BORDERS: readonly (readonly [Border, number | undefined])[] = [
  ['constant', undefined],
  ['constant', 40],
  ['replicate', undefined],
  ['reflect', undefined],
  ['reflect101', undefined],
];

/** Every op, shape and size 1..15 (square and not), iterations 1..3 and every border, spread over the cases by a seeded rotation, and custom masks. */
function morphCases(seed: number): MorphCase[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const borders = MORPH_BORDERS;
  const cases: MorphCase[] = [];
  for (const op of MORPH_OPS) {
    for (const shape of SHAPES) {
      for (let size = 1; size <= 15; size++) {
        const [border, borderValue] = pick(borders);
        const tall = next() < 0.3 ? Math.max(1, Math.floor(next() * 15) + 1) : size;
        cases.push({
          op,
          element: { shape, size: [size, tall] },
          iterations: 1 + Math.floor(next() * 3),
          border,
          borderValue,
          channels: pick(['gray', 'rgb'] as const),
        });
      }
    }
    for (let k = 0; k < 6; k++) {
      const [cols, rows] = [1 + Math.floor(next() * 6), 1 + Math.floor(next() * 6)];
      const element = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (next() < 0.6 ? 1 : 0)));
      element[Math.floor(next() * rows)]![Math.floor(next() * cols)] = 1;
      const [border, borderValue] = pick(borders);
      const anchor: [number, number] = [Math.floor(next() * cols), Math.floor(next() * rows)];
      cases.push({
        op,
        element: { element, anchor },
        iterations: 1 + Math.floor(next() * 3),
        border,
        borderValue,
        channels: pick(['gray', 'rgb'] as const),
      });
    }
  }
  return cases;
}

describe('morphology equals cv.morphologyEx', () => {
  IMAGES.forEach(({ label, image }, n) => {
    test(label, () => {
      const cases = morphCases(100 + n);
      for (const c of cases) {
        const options: FilterOptions = {
          channels: c.channels,
          border: c.border,
          ...(c.borderValue === undefined ? {} : { borderValue: c.borderValue }),
        };
        const filter = morphFilter(c);
        expect(compare(ours(image, filter, options), openCvMorph(image, c)), `${filter.spec} ${JSON.stringify(options)}`).toMatchObject({
          differing: 0,
        });
      }
      expect(cases.length).toBe(MORPH_OPS.length * (3 * 15 + 6));
    });
  });

  // The whole product, not a rotation: every op, shape, side 1..15, iteration count 1..3, border and channel option.
  test.each(IMAGES.slice(0, 6).map(({ label, image }) => [label, image] as const))('%s: every combination', (_, image) => {
    let checked = 0;
    for (const op of MORPH_OPS) {
      for (const shape of SHAPES) {
        for (let size = 1; size <= 15; size++) {
          for (let iterations = 1; iterations <= 3; iterations++) {
            for (const [border, borderValue] of MORPH_BORDERS) {
              for (const channels of ['gray', 'rgb'] as const) {
                const c: MorphCase = { op, element: { shape, size: [size, size] }, iterations, border, borderValue, channels };
                const options = { channels, border, ...(borderValue === undefined ? {} : { borderValue }) };
                expect(
                  compare(ours(image, morphFilter(c), options), openCvMorph(image, c)),
                  `${morphFilter(c).spec} ${JSON.stringify(options)}`,
                ).toMatchObject({ differing: 0 });
                checked++;
              }
            }
          }
        }
      }
    }
    expect(checked).toBe(MORPH_OPS.length * SHAPES.length * 15 * 3 * MORPH_BORDERS.length * 2);
  });

  test('the default border is OpenCV default (constant, neutral)', () => {
    const image = IMAGES[5]!.image;
    const c: MorphCase = {
      op: 'erode',
      element: {
        element: [
          [1, 0, 0],
          [0, 0, 0],
          [0, 0, 1],
        ],
        anchor: [1, 1],
      },
      iterations: 1,
      border: 'constant',
      channels: 'gray',
    };
    expect(compare(ours(image, morphFilter(c), { channels: 'gray' }), openCvMorph(image, c))).toMatchObject({ differing: 0 });
  });
});

describe('bilateral is within 1 of cv.bilateralFilter in under 1% of samples', () => {
  const CASES: readonly [number, number, number][] = [
    [5, 30, 10],
    [9, 75, 75],
    [0, 40, 3],
    [-1, 20, 1.2],
    [7, 150, 2],
    [15, 25, 6],
  ];
  for (const { label, image } of IMAGES) {
    test(label, () => {
      const totals = { differing: 0, samples: 0 };
      CASES.forEach(([d, sc, ss], k) => {
        for (const channels of ['gray', 'rgb'] as const) {
          const border: Border = (['reflect101', 'replicate', 'reflect', 'constant', 'wrap'] as const)[(k + channels.length) % 5]!;
          const theirs = openCvNonlinear(cv, image, filters.bilateral(d, sc, ss), channels, { border });
          const result = compare(ours(image, filters.bilateral(d, sc, ss), { channels, border }), theirs);
          expect(result.max, `bilateral:${d}:${sc}:${ss} ${channels} ${border}`).toBeLessThanOrEqual(1);
          totals.differing += result.differing;
          totals.samples += result.samples;
        }
      });
      console.log(`bilateral vs OpenCV, ${label}: ${totals.differing} of ${totals.samples} samples differ by 1`);
      expect(totals.differing / totals.samples).toBeLessThan(0.01);
    });
  }
});
