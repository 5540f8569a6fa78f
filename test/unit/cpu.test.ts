// cpuFilter on tiny images against values worked out by hand (the arithmetic
// is in the comments), and box and small Gaussian blurs against exact
// rational arithmetic. `I(x)` is the input at x after border mapping. Each
// result is also checked bit for bit against the reference itself (execute.ts
// and toOutput), since cpuFilter runs the fast engine in float32: so the hand
// values hold for the reference and for the fast engine alike.
import { describe, expect, test } from 'vitest';
import { box, gaussian } from '../../src/bank.js';
import { executePlan } from '../../src/cpu/execute.js';
import { cpuFilter, type CpuFilterOptions } from '../../src/cpu/filter.js';
import { ImageError, OptionError } from '../../src/errors.js';
import type { RgbaImage } from '../../src/image.js';
import { Kernel } from '../../src/kernel.js';
import { resolveKernel, type KernelLike } from '../../src/kernelSpec.js';
import { BORDERS, resolveOptions, type Border } from '../../src/options.js';
import { toOutput } from '../../src/output.js';
import { makePlan, referencePlan } from '../../src/plan.js';
import type { ResultData } from '../../src/result.js';
import { noiseImage } from '../support/noise.js';
import { channel, definition, grayImage, rgbaImage, saturateRatio } from './reference.js';

const f32 = Math.fround;

/** What the reference itself gives for cpuFilter's arguments: the same plan through execute.ts, converted by toOutput. */
function reference(image: RgbaImage, kernel: KernelLike, { precision = 'float32', ...options }: CpuFilterOptions): ResultData {
  const resolved = resolveOptions(options);
  const plan = precision === 'float64' ? referencePlan(resolveKernel(kernel), resolved) : makePlan(resolveKernel(kernel), resolved);
  return toOutput(executePlan(plan, image, precision), plan.output);
}

/** A result's samples as bit patterns (floats as Uint32, so -0 and NaN count). */
const bitsOf = (data: ResultData): number[] =>
  Array.from(data instanceof Float32Array ? new Uint32Array(data.buffer, data.byteOffset, data.length) : data);

/** cpuFilter's result, checked to be the reference's bit for bit. */
function filtered(image: RgbaImage, kernel: KernelLike, options: CpuFilterOptions = {}): { data: ResultData } {
  const { data } = cpuFilter(image, kernel, options);
  expect(bitsOf(data)).toEqual(bitsOf(reference(image, kernel, options)));
  return { data };
}

/** R, G and B of a result as plain numbers (-0 read as 0), checked equal to each other. */
function rgbOf(image: RgbaImage, kernel: KernelLike, options: CpuFilterOptions = {}): number[] {
  const { data } = filtered(image, kernel, options);
  const [r, g, b] = [0, 1, 2].map((c) => channel(data, c).map((v) => v + 0));
  expect(g).toEqual(r);
  expect(b).toEqual(r);
  return r!;
}

/** The whole RGBA result as plain numbers (-0 read as 0). */
const rgbaOf = (image: RgbaImage, kernel: KernelLike, options: CpuFilterOptions = {}): number[] =>
  Array.from(filtered(image, kernel, options).data, (v) => v + 0);

describe('a 1x1 image: every tap reads the one pixel, or the border value', () => {
  const pixel = rgbaImage(1, 1, [[7, 100, 200, 33]]);
  // 1 + 2 + ... + 9 = 45; the centre weight is 5.
  const k = [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ];

  test.each(['replicate', 'reflect', 'reflect101', 'wrap'] as const)('%s: 45 * v', (border) => {
    // 45 * [7, 100, 200] = [315, 4500, 9000]; alpha copied.
    expect(rgbaOf(pixel, k, { border, output: 'float' })).toEqual([315, 4500, 9000, 33]);
    expect(rgbaOf(pixel, k, { border })).toEqual([255, 255, 255, 33]);
    // box(5), wider than the image both ways: 25 v summed as integers, scaled once by float32(1/25).
    expect(rgbaOf(pixel, box(5), { border, output: 'float', channels: 'rgba' })).toEqual(
      [7, 100, 200, 33].map((v) => f32(f32(25 * v) * f32(1 / 25))),
    );
  });

  test('constant: only the centre tap reads the pixel', () => {
    // 5 * [7, 100, 200] = [35, 500, 1000]
    expect(rgbaOf(pixel, k, { border: 'constant', output: 'float' })).toEqual([35, 500, 1000, 33]);
    // + 40 * 1 from the border
    expect(rgbaOf(pixel, k, { border: 'constant', borderValue: 1, output: 'float' })).toEqual([75, 540, 1040, 33]);
    // rgba, border [1, 2, 3, 4]: 35 + 40, 500 + 80, 1000 + 120, 5 * 33 + 40 * 4 = 165 + 160
    expect(rgbaOf(pixel, k, { border: 'constant', borderValue: [1, 2, 3, 4], channels: 'rgba', output: 'float' })).toEqual([
      75, 580, 1120, 325,
    ]);
    // saturate: 35 stays, the rest clamp
    expect(rgbaOf(pixel, k, { border: 'constant' })).toEqual([35, 255, 255, 33]);
  });
});

describe('a 1xN image (5x1: 10 20 30 40 50) with the row kernel [1 2 3]', () => {
  const row = grayImage(5, 1, [10, 20, 30, 40, 50]);
  const k = [[1, 2, 3]];
  const float = { output: 'float' } as const;

  test.each([
    // anchor 1: out(x) = I(x-1) + 2 I(x) + 3 I(x+1); the middle is the same for every border:
    // x1 = 10 + 40 + 90 = 140, x2 = 20 + 60 + 120 = 200, x3 = 30 + 80 + 150 = 260.
    // replicate: I(-1) = 10, I(5) = 50: x0 = 10 + 20 + 60 = 90, x4 = 40 + 100 + 150 = 290
    ['replicate', 0, [90, 140, 200, 260, 290]],
    // reflect: I(-1) = I(0) = 10, I(5) = I(4) = 50: as replicate one pixel out
    ['reflect', 0, [90, 140, 200, 260, 290]],
    // reflect101: I(-1) = I(1) = 20, I(5) = I(3) = 40: x0 = 20 + 20 + 60, x4 = 40 + 100 + 120
    ['reflect101', 0, [100, 140, 200, 260, 260]],
    // wrap: I(-1) = I(4) = 50, I(5) = I(0) = 10: x0 = 50 + 20 + 60, x4 = 40 + 100 + 30
    ['wrap', 0, [130, 140, 200, 260, 170]],
    // constant 0: x0 = 0 + 20 + 60, x4 = 40 + 100 + 0
    ['constant', 0, [80, 140, 200, 260, 140]],
    // constant 5: x0 = 5 + 20 + 60, x4 = 40 + 100 + 15
    ['constant', 5, [85, 140, 200, 260, 155]],
  ] as const)('%s (border value %d)', (border, borderValue, expected) => {
    expect(rgbOf(row, k, { border, borderValue, ...float })).toEqual(expected);
  });

  test('saturate clamps what passes 255', () => {
    expect(rgbOf(row, k)).toEqual([90, 140, 200, 255, 255]);
  });

  test('convolve flips the kernel: out(x) = 3 I(x-1) + 2 I(x) + I(x+1)', () => {
    // x0 = 30 + 20 + 20, x1 = 30 + 40 + 30, x2 = 60 + 60 + 40, x3 = 90 + 80 + 50, x4 = 120 + 100 + 50
    expect(rgbOf(row, k, { mode: 'convolve', ...float })).toEqual([70, 100, 160, 220, 270]);
  });

  test('an off-centre anchor, correlated and convolved', () => {
    const k0 = Kernel.from(k, { anchor: [0, 0] });
    // out(x) = I(x) + 2 I(x+1) + 3 I(x+2): x0 = 10 + 40 + 90, x1 = 20 + 60 + 120, x2 = 30 + 80 + 150,
    // x3 = 40 + 100 + 150, x4 = 50 + 100 + 150
    expect(rgbOf(row, k0, float)).toEqual([140, 200, 260, 290, 300]);
    // Convolved the anchor rotates to 2: out(x) = 3 I(x-2) + 2 I(x-1) + I(x):
    // x0 = 30 + 20 + 10, x1 = 30 + 20 + 20, x2 = 30 + 40 + 30, x3 = 60 + 60 + 40, x4 = 90 + 80 + 50
    expect(rgbOf(row, k0, { mode: 'convolve', ...float })).toEqual([60, 70, 100, 160, 220]);
  });
});

describe('an Nx1 image (1x4: 10 20 30 40)', () => {
  const column = grayImage(1, 4, [10, 20, 30, 40]);

  test.each([
    // out(y) = I(y-1) + 2 I(y) + 3 I(y+1); y1 = 10 + 40 + 90, y2 = 20 + 60 + 120
    // replicate: y0 = 10 + 20 + 60, y3 = 30 + 80 + 120
    ['replicate', [90, 140, 200, 230]],
    // wrap: y0 = 40 + 20 + 60, y3 = 30 + 80 + 30
    ['wrap', [120, 140, 200, 140]],
    // reflect101: y0 = 20 + 20 + 60, y3 = 30 + 80 + 90
    ['reflect101', [100, 140, 200, 200]],
  ] as const)('the column kernel [1 2 3]^T, %s', (border, expected) => {
    expect(rgbOf(column, [[1], [2], [3]], { border, output: 'float' })).toEqual(expected);
  });

  test('a row kernel on a 1-pixel-wide image reads the pixel itself', () => {
    // (1 + 2 + 3) * v
    expect(rgbOf(column, [[1, 2, 3]], { border: 'reflect', output: 'float' })).toEqual([60, 120, 180, 240]);
    // constant 0: only the centre, 2 * v
    expect(rgbOf(column, [[1, 2, 3]], { border: 'constant', output: 'float' })).toEqual([20, 40, 60, 80]);
  });
});

describe('a 9-wide one-hot kernel on a 3-pixel row (10 20 30): the border mapping itself', () => {
  const abc = grayImage(3, 1, [10, 20, 30]);
  const oneHot = (at: number) => [Array.from({ length: 9 }, (_, i) => (i === at ? 1 : 0))];

  test.each([
    // Anchor 4, weight at column 0: out(x) = I(x - 4) for x = 0..2, i.e. p = -4, -3, -2.
    // 'abc' continued left: replicate aaa; reflect (..cba|abc) c c b; reflect101 (..abcb|abc) a b c;
    // wrap (..abc|abc) c a b.
    ['replicate', [10, 10, 10]],
    ['reflect', [30, 30, 20]],
    ['reflect101', [10, 20, 30]],
    ['wrap', [30, 10, 20]],
    ['constant', [99, 99, 99]],
  ] as const)('left, %s', (border, expected) => {
    expect(rgbOf(abc, oneHot(0), { border, borderValue: 99 })).toEqual(expected);
  });

  test.each([
    // Weight at column 8: out(x) = I(x + 4), p = 4, 5, 6.
    // replicate ccc; reflect (abc|cba|abc) b a a; reflect101 (abc|ba|bc..) a b c; wrap b c a.
    ['replicate', [30, 30, 30]],
    ['reflect', [20, 10, 10]],
    ['reflect101', [10, 20, 30]],
    ['wrap', [20, 30, 10]],
    ['constant', [99, 99, 99]],
  ] as const)('right, %s', (border, expected) => {
    expect(rgbOf(abc, oneHot(8), { border, borderValue: 99 })).toEqual(expected);
  });
});

describe('a 3x2 image with a "decimal" kernel: each output digit names the pixel it came from', () => {
  // Pixels 1 2 3 / 4 5 6. out(x, y) = I(x-1, y-1) + 10 I(x, y) + 100 I(x+1, y+1).
  const img = grayImage(3, 2, [1, 2, 3, 4, 5, 6]);
  const k = [
    [1, 0, 0],
    [0, 10, 0],
    [0, 0, 100],
  ];

  test.each([
    // replicate, e.g. (2,0): I(1,-1) = 2, 10 * 3, 100 * I(3,1) = 100 * 6
    ['replicate', [511, 621, 632, 541, 651, 662]],
    // reflect: one pixel out it equals replicate
    ['reflect', [511, 621, 632, 541, 651, 662]],
    // reflect101: x -1 -> 1, x 3 -> 1, y -1 -> 1, y 2 -> 0;
    // (0,0): I(1,1) = 5, 10, 100 * I(1,1) -> 515; (2,1): I(1,0) = 2, 60, 100 * I(1,0) -> 262
    ['reflect101', [515, 624, 535, 242, 351, 262]],
    // wrap: x -1 -> 2, x 3 -> 0, y -1 -> 1, y 2 -> 0;
    // (0,0): I(2,1) = 6, 10, 500 -> 516; (2,0): I(1,1) = 5, 30, 100 * I(0,1) = 400 -> 435
    ['wrap', [516, 624, 435, 243, 351, 162]],
    // constant 7: (0,0): 7 + 10 + 500; (2,1): 2 + 60 + 700
    ['constant', [517, 627, 737, 747, 751, 762]],
  ] as const)('%s', (border, expected) => {
    expect(rgbOf(img, k, { border, borderValue: 7, output: 'float' })).toEqual(expected);
  });

  test('convolve: out = 100 I(x-1, y-1) + 10 I(x, y) + I(x+1, y+1)', () => {
    // replicate: (0,0) = 100 + 10 + 5, (1,0) = 100 + 20 + 6, (2,0) = 200 + 30 + 6, (0,1) = 100 + 40 + 5, ...
    expect(rgbOf(img, k, { mode: 'convolve', output: 'float' })).toEqual([115, 126, 236, 145, 156, 266]);
  });

  test('constant [r, g, b, a] per channel; rgb copies alpha, rgba filters it', () => {
    const alphas = [11, 22, 33, 44, 55, 66];
    const withAlpha = rgbaImage(
      3,
      2,
      [1, 2, 3, 4, 5, 6].map((v, p) => [v, v, v, alphas[p]!] as const),
    );
    const options = { border: 'constant', borderValue: [7, 8, 9, 1], output: 'float' } as const;
    const rgb = filtered(withAlpha, k, options).data;
    expect(channel(rgb, 0)).toEqual([517, 627, 737, 747, 751, 762]);
    // G with 8 outside: (2,0) = 8 + 30 + 800, (1,1) = 1 + 50 + 800
    expect(channel(rgb, 1)).toEqual([518, 628, 838, 848, 851, 862]);
    expect(channel(rgb, 2)).toEqual([519, 629, 939, 949, 951, 962]);
    expect(channel(rgb, 3)).toEqual(alphas);
    // Alpha 11 22 33 / 44 55 66 with 1 outside: (0,0) = 1 + 110 + 100 * 55, (1,0) = 1 + 220 + 6600,
    // (2,0) = 1 + 330 + 100, (0,1) = 1 + 440 + 100, (1,1) = 11 + 550 + 100, (2,1) = 22 + 660 + 100
    const rgba = filtered(withAlpha, k, { ...options, channels: 'rgba' }).data;
    expect(channel(rgba, 3)).toEqual([5611, 6821, 431, 541, 661, 782]);
    expect(channel(rgba, 2)).toEqual(channel(rgb, 2));
  });
});

describe('even kernels: the default anchor is floor(n/2)', () => {
  // 4x4 pixels v(x, y) = 4y + x (0..15).
  const ramp = grayImage(
    4,
    4,
    Array.from({ length: 16 }, (_, v) => v),
  );
  const k2 = [
    [1, 2],
    [3, 4],
  ];

  test('2x2, anchor (1, 1): out = v(x-1,y-1) + 2 v(x,y-1) + 3 v(x-1,y) + 4 v(x,y)', () => {
    // replicate. Interior: 10v - 16 (e.g. (1,1): 0 + 2 + 12 + 20 = 34). Top row: 4 v(x-1,0) + 6 v(x,0):
    // 0, 6, 16, 26. Left column: 3 v(0,y-1) + 7 v(0,y): 28, 68, 108.
    expect(rgbOf(ramp, k2)).toEqual([0, 6, 16, 26, 28, 34, 44, 54, 68, 74, 84, 94, 108, 114, 124, 134]);
    // wrap: x -1 -> 3, y -1 -> 3. (0,0) = v(3,3) + 2 v(0,3) + 3 v(3,0) + 0 = 15 + 24 + 9;
    // (1,0) = 12 + 2*13 + 0 + 4*1; (3,0) = 14 + 30 + 6 + 12; (0,1) = 3 + 0 + 21 + 16; (0,3) = 11 + 16 + 45 + 48
    expect(rgbOf(ramp, k2, { border: 'wrap' })).toEqual([48, 42, 52, 62, 40, 34, 44, 54, 80, 74, 84, 94, 120, 114, 124, 134]);
  });

  test('2x2 convolved: [[4, 3], [2, 1]] with anchor (0, 0)', () => {
    // out = 4 v(x,y) + 3 v(x+1,y) + 2 v(x,y+1) + v(x+1,y+1), replicate. Interior: 10v + 16 (e.g. (0,0) = 0 + 3 + 8 + 5).
    // Right column: 7v + 3 v(3,y+1): 21 + 21, 49 + 33, 77 + 45. Bottom row: 6v + 4 v(x+1,3): 72 + 52, 78 + 56, 84 + 60. (3,3): 150.
    expect(rgbOf(ramp, k2, { mode: 'convolve' })).toEqual([16, 26, 36, 42, 56, 66, 76, 82, 96, 106, 116, 122, 124, 134, 144, 150]);
  });

  test('4x1, anchor 2: out = I(x-2) + 2 I(x-1) + 3 I(x) + 4 I(x+1)', () => {
    const row = grayImage(6, 1, [0, 10, 20, 30, 40, 50]);
    // reflect101: I(-2) = 20, I(-1) = 10, I(6) = 40. x0 = 20 + 20 + 0 + 40, x1 = 10 + 0 + 30 + 80,
    // x2 = 0 + 20 + 60 + 120, x3 = 10 + 40 + 90 + 160, x4 = 20 + 60 + 120 + 200, x5 = 30 + 80 + 150 + 160
    expect(rgbOf(row, [[1, 2, 3, 4]], { border: 'reflect101', output: 'float' })).toEqual([80, 120, 200, 300, 400, 420]);
    // Convolved: [4 3 2 1] with anchor 4 - 1 - 2 = 1: out = 4 I(x-1) + 3 I(x) + 2 I(x+1) + I(x+2).
    // x0 = 40 + 0 + 20 + 20, x1 = 0 + 30 + 40 + 30, x4 = 120 + 120 + 100 + I(6) = 40, x5 = 160 + 150 + 80 + I(7) = 30
    expect(rgbOf(row, [[1, 2, 3, 4]], { border: 'reflect101', mode: 'convolve', output: 'float' })).toEqual([80, 100, 200, 300, 380, 420]);
  });
});

describe('scale, delta and the output conversions', () => {
  // 5x3 pixels 0..14 through the identity: raw = v * 0.5 - 3.
  const ramp = grayImage(
    5,
    3,
    Array.from({ length: 15 }, (_, v) => v),
  );
  const options = { scale: 0.5, delta: -3 } as const;

  test('float: the raw values', () => {
    expect(rgbOf(ramp, 'identity', { ...options, output: 'float' })).toEqual([
      -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4,
    ]);
  });

  test('saturate: round half to even, negatives clamp to 0', () => {
    // -0.5 -> -0 -> 0, 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, 3.5 -> 4
    expect(rgbOf(ramp, 'identity', options)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 3, 4, 4]);
  });

  test('abs: saturate(|v|)', () => {
    // |-3| = 3, |-2.5| -> 2, 2, |-1.5| -> 2, 1, |-0.5| -> 0, 0, 0.5 -> 0, 1, 2, 2, 2, 3, 4, 4
    expect(rgbOf(ramp, 'identity', { ...options, output: 'abs' })).toEqual([3, 2, 2, 2, 1, 0, 0, 0, 1, 2, 2, 2, 3, 4, 4]);
  });

  test('clamping above 255 and ties near it', () => {
    const hi = grayImage(5, 1, [127, 128, 0, 1, 255]);
    // 2v + 0.5 = 254.5 -> 254, 256.5 -> 255, 0.5 -> 0, 2.5 -> 2, 510.5 -> 255
    expect(rgbOf(hi, 'identity', { scale: 2, delta: 0.5 })).toEqual([254, 255, 0, 2, 255]);
    // 2v - 0.5 = 253.5 -> 254, 255.5 -> 256 -> 255, -0.5 -> 0, 1.5 -> 2, 509.5 -> 255
    expect(rgbOf(hi, 'identity', { scale: 2, delta: -0.5 })).toEqual([254, 255, 0, 2, 255]);
    // abs of -v: 127, 128, 0, 1, 255
    expect(rgbOf(hi, 'identity', { scale: -1, output: 'abs' })).toEqual([127, 128, 0, 1, 255]);
    expect(rgbOf(hi, 'identity', { scale: -1 })).toEqual([0, 0, 0, 0, 0]);
  });

  test('kernel sums that land exactly on .5', () => {
    // [0.5 0.5], anchor 1: (I(x-1) + I(x)) / 2 over 0..5, replicate = 0, 0.5, 1.5, 2.5, 3.5, 4.5
    const ramp6 = grayImage(6, 1, [0, 1, 2, 3, 4, 5]);
    expect(rgbOf(ramp6, [[0.5, 0.5]], { output: 'float' })).toEqual([0, 0.5, 1.5, 2.5, 3.5, 4.5]);
    expect(rgbOf(ramp6, [[0.5, 0.5]])).toEqual([0, 0, 2, 2, 4, 4]);
    // [-0.5 0.5] over 1 0 3 0 5 0: (I(x) - I(x-1)) / 2 = 0, -0.5, 1.5, -1.5, 2.5, -2.5
    const zigzag = grayImage(6, 1, [1, 0, 3, 0, 5, 0]);
    expect(rgbOf(zigzag, [[-0.5, 0.5]], { output: 'float' })).toEqual([0, -0.5, 1.5, -1.5, 2.5, -2.5]);
    expect(rgbOf(zigzag, [[-0.5, 0.5]])).toEqual([0, 0, 2, 0, 2, 0]);
    expect(rgbOf(zigzag, [[-0.5, 0.5]], { output: 'abs' })).toEqual([0, 0, 2, 2, 2, 2]);
  });

  test('float32 rounds scale and delta; float64 keeps them', () => {
    const one = grayImage(1, 1, [1]);
    // float32(16777217) = 16777216: 1 * 16777216 - 16777216 = 0; exactly, 16777217 - 16777216 = 1.
    const big = { scale: 16777217, delta: -16777216 } as const;
    expect(rgbOf(one, 'identity', big)).toEqual([0]);
    expect(rgbOf(one, 'identity', { ...big, precision: 'float64' })).toEqual([1]);
    // float32(0.4999999999) = 0.5: 1 + 0.5 = 1.5 -> 2; exactly 1.4999999999 -> 1.
    expect(rgbOf(one, 'identity', { delta: 0.4999999999 })).toEqual([2]);
    expect(rgbOf(one, 'identity', { delta: 0.4999999999, precision: 'float64' })).toEqual([1]);
  });
});

describe('channels', () => {
  const two = rgbaImage(2, 1, [
    [10, 20, 30, 40],
    [50, 60, 70, 80],
  ]);
  // [1 1], anchor 1: out(x) = I(x-1) + I(x), replicate: x0 = 2 * p0, x1 = p0 + p1

  test('rgb filters R, G, B and copies alpha; rgba filters all four', () => {
    expect(rgbaOf(two, [[1, 1]])).toEqual([20, 40, 60, 40, 60, 80, 100, 80]);
    expect(rgbaOf(two, [[1, 1]], { channels: 'rgba' })).toEqual([20, 40, 60, 80, 60, 80, 100, 120]);
  });

  test('float and abs leave a copied alpha as its 0..255 value', () => {
    // [1 -1]: out(x) = I(x-1) - I(x): x0 = 0, x1 = -40 in every channel
    expect(rgbaOf(two, [[1, -1]], { output: 'float' })).toEqual([0, 0, 0, 40, -40, -40, -40, 80]);
    expect(rgbaOf(two, [[1, -1]], { output: 'abs' })).toEqual([0, 0, 0, 40, 40, 40, 40, 80]);
    expect(rgbaOf(two, [[1, -1]])).toEqual([0, 0, 0, 40, 0, 0, 0, 80]);
    expect(rgbaOf(two, [[1, -1]], { output: 'abs', channels: 'rgba' })).toEqual([0, 0, 0, 0, 40, 40, 40, 40]);
    expect(rgbaOf(two, [[1, -1]], { output: 'float', channels: 'rgba' })).toEqual([0, 0, 0, 0, -40, -40, -40, -40]);
  });

  describe('gray: OpenCV 4 luma (R*9798 + G*19235 + B*3735 + 16384) >> 15, returned as R = G = B, alpha 255', () => {
    const colours = rgbaImage(5, 1, [
      [255, 0, 0, 10],
      [0, 255, 0, 20],
      [0, 0, 255, 30],
      [255, 255, 255, 40],
      [100, 150, 200, 50],
    ]);
    // (2498490 + 16384) >> 15 = 76; (4904925 + 16384) >> 15 = 150; (952425 + 16384) >> 15 = 29;
    // (8355840 + 16384) >> 15 = 255; (979800 + 2885250 + 747000 + 16384) >> 15 = 4628434 >> 15 = 141
    const lumas = [76, 150, 29, 255, 141];

    test('OpenCV 4 rounding: (106, 15, 193) is 62 (the 14-bit formula gives 63)', () => {
      // 106*9798 + 15*19235 + 193*3735 + 16384 = 2064352; 2064352 >> 15 = 62
      const pixel = rgbaImage(1, 1, [[106, 15, 193, 255]]);
      expect(Array.from(filtered(pixel, 'identity', { channels: 'gray' }).data)).toEqual([62, 62, 62, 255]);
    });

    test('identity', () => {
      const out = filtered(colours, 'identity', { channels: 'gray' }).data;
      expect(Array.from(out)).toEqual(lumas.flatMap((l) => [l, l, l, 255]));
    });

    test('filtered as one channel', () => {
      // L(x-1) + L(x): 152, 226, 179, 284, 396
      expect(rgbOf(colours, [[1, 1]], { channels: 'gray', output: 'float' })).toEqual([152, 226, 179, 284, 396]);
      expect(rgbOf(colours, [[1, 1]], { channels: 'gray' })).toEqual([152, 226, 179, 255, 255]);
      expect(channel(filtered(colours, [[1, 1]], { channels: 'gray', output: 'float' }).data, 3)).toEqual([255, 255, 255, 255, 255]);
    });

    test('constant border: the first border entry is the luma', () => {
      // [1 0 0], anchor 1: out(x) = L(x-1)
      expect(rgbOf(colours, [[1, 0, 0]], { channels: 'gray', border: 'constant', borderValue: [50, 0, 0, 0] })).toEqual([
        50, 76, 150, 29, 255,
      ]);
      expect(rgbOf(colours, [[1, 0, 0]], { channels: 'gray', border: 'constant', borderValue: 9 })).toEqual([9, 76, 150, 29, 255]);
    });
  });
});

describe("precision: 'float32' sums as the shader does, 'float64' as OpenCV does", () => {
  test('a 1D kernel whose float32 sum lands on 28.5', () => {
    // Pixel x = 1 of 3 3 92 under [0.1 0.2 0.3] reads 3, 3, 92.
    const img = grayImage(3, 1, [3, 3, 92]);
    const k = [[0.1, 0.2, 0.3]];
    expect(Kernel.from(k).integerForm()).toBeNull(); // summed tap by tap, not as integers
    const [w0, w1, w2] = [f32(0.1), f32(0.2), f32(0.3)];
    // float32, fround after every multiply and add: 0.3 + 0.6 + 27.6 -> 28.5 exactly
    const p0 = f32(w0 * 3);
    const p1 = f32(w1 * 3);
    const p2 = f32(w2 * 92);
    const float32 = f32(f32(f32(0 + p0) + p1) + p2);
    expect(float32).toBe(28.5);
    // float64 over the same float32 weights: 28.50000111..., returned as float32 28.500001907...
    const float64 = w0 * 3 + w1 * 3 + w2 * 92;
    expect(float64).toBeGreaterThan(28.5);
    expect(rgbOf(img, k, { output: 'float' })[1]).toBe(float32);
    expect(rgbOf(img, k, { output: 'float', precision: 'float64' })[1]).toBe(f32(float64));
    // Saturated: 28.5 -> 28 (even) but 28.500001 -> 29.
    expect(rgbOf(img, k)[1]).toBe(28);
    expect(rgbOf(img, k, { precision: 'float64' })[1]).toBe(29);
  });

  test('rows outer, columns inner', () => {
    // 2x2 image 1 1 / 56 200, kernel [[0.1, 0.2], [0.3, 0.4]] anchored at (0, 0): pixel (0, 0) reads all four.
    const img = grayImage(2, 2, [1, 1, 56, 200]);
    const k = Kernel.from(
      [
        [0.1, 0.2],
        [0.3, 0.4],
      ],
      { anchor: [0, 0] },
    );
    expect(k.integerForm()).toBeNull();
    const p = [f32(f32(0.1) * 1), f32(f32(0.2) * 1), f32(f32(0.3) * 56), f32(f32(0.4) * 200)];
    const rowsOuter = f32(f32(f32(f32(0 + p[0]!) + p[1]!) + p[2]!) + p[3]!);
    const columnsOuter = f32(f32(f32(f32(0 + p[0]!) + p[2]!) + p[1]!) + p[3]!);
    expect(rowsOuter).not.toBe(columnsOuter); // the order shows in the result
    expect(rgbOf(img, k, { output: 'float', plan: 'direct' })[0]).toBe(rowsOuter);
    expect(rgbOf(img, k, { output: 'float', plan: 'direct', precision: 'float64' })[0]).toBe(
      f32(f32(0.1) + f32(0.2) + f32(0.3) * 56 + f32(0.4) * 200),
    );
  });

  test('an unknown precision is an OptionError', () => {
    expect(() => cpuFilter(grayImage(1, 1, [0]), 'identity', { precision: 'float16' as never })).toThrow(OptionError);
    expect(() => cpuFilter(grayImage(1, 1, [0]), 'identity', { precision: 'float16' as never })).toThrow(/'float32', 'float64'/);
  });
});

describe('box blurs and the small Gaussians are bit-exact: round-half-even(integer sum / n)', () => {
  const img = noiseImage(13, 9, 7);
  const borderValue = [17, 200, 0, 255] as const;

  /** The exact integer sums under a matrix of integers, per sample. */
  const integerSums = (integers: number[][], anchor: [number, number], border: Border) =>
    definition(img, integers, anchor, { border, borderValue, channels: 'rgba' });

  test.each([
    [3, 3],
    [2, 2],
    [4, 1],
    [1, 4],
    [5, 3],
    [6, 1],
    [7, 7],
    [21, 21],
  ] as const)('box %dx%d', (cols, rows) => {
    const n = cols * rows;
    const ones = Array.from({ length: rows }, () => new Array<number>(cols).fill(1));
    for (const border of BORDERS) {
      const sums = integerSums(ones, [cols >> 1, rows >> 1], border);
      for (const plan of ['auto', 'direct'] as const) {
        const got = filtered(img, box(cols, rows), { border, borderValue, channels: 'rgba', plan }).data;
        const mismatch = Array.from(got).findIndex((v, s) => v !== saturateRatio(sums[s]!, n));
        expect({ border, plan, mismatch }).toEqual({ border, plan, mismatch: -1 });
      }
    }
  });

  test.each([
    [3, [1, 2, 1], 16],
    [5, [1, 4, 6, 4, 1], 256],
    [7, [2, 7, 14, 18, 14, 7, 2], 4096],
  ] as const)('gaussian:%d', (size, taps, total) => {
    const integers = taps.map((a) => taps.map((b) => a * b));
    for (const border of BORDERS) {
      const sums = integerSums(integers, [size >> 1, size >> 1], border);
      const got = filtered(img, gaussian(size), { border, borderValue, channels: 'rgba' }).data;
      const mismatch = Array.from(got).findIndex((v, s) => v !== saturateRatio(sums[s]!, total));
      expect({ border, mismatch }).toEqual({ border, mismatch: -1 });
    }
  });

  test('every tie of a 6-wide box (sums 6k + 3) rounds to even', () => {
    // Over the ramp 0..255 the window x-3..x+2 sums to 6x - 3: every interior pixel is the tie x - 0.5,
    // which must round to the even neighbour (x = 4: 3.5 -> 4, x = 5: 4.5 -> 4).
    const row = grayImage(
      256,
      1,
      Array.from({ length: 256 }, (_, x) => x),
    );
    const sums = definition(row, [[1, 1, 1, 1, 1, 1]], [3, 0], { border: 'replicate' });
    const got = filtered(row, box(6, 1)).data;
    expect(Array.from(got)).toEqual(Array.from(sums, (s, k) => (k % 4 === 3 ? 255 : saturateRatio(s, 6))));
  });
});

describe('results', () => {
  test('shape and types', () => {
    const img = grayImage(3, 2, [1, 2, 3, 4, 5, 6]);
    const bytes = cpuFilter(img, 'sharpen');
    expect([bytes.width, bytes.height, bytes.data.length]).toEqual([3, 2, 24]);
    expect(bytes.data).toBeInstanceOf(Uint8ClampedArray);
    expect(bytes.plan.border).toBe('replicate');
    const floats = cpuFilter(img, 'sharpen', { output: 'float' });
    expect(floats.data).toBeInstanceOf(Float32Array);
    expect(cpuFilter(img, 'sharpen', { output: 'float', precision: 'float64' }).data).toBeInstanceOf(Float32Array);
  });

  test('a Uint8Array image is accepted; malformed images are ImageErrors', () => {
    const img = { width: 1, height: 1, data: new Uint8Array([1, 2, 3, 4]) };
    expect(Array.from(cpuFilter(img, 'identity').data)).toEqual([1, 2, 3, 4]);
    expect(() => cpuFilter({ width: 2, height: 1, data: new Uint8Array(4) }, 'identity')).toThrow(ImageError);
    expect(() => cpuFilter({ width: 0, height: 1, data: new Uint8Array(0) }, 'identity')).toThrow(ImageError);
    expect(() => cpuFilter(null as never, 'identity')).toThrow(ImageError);
  });

  test('the input image is not modified', () => {
    const img = grayImage(3, 2, [1, 2, 3, 4, 5, 6]);
    const before = Array.from(img.data);
    cpuFilter(img, 'laplacian', { channels: 'rgba' });
    expect(Array.from(img.data)).toEqual(before);
  });
});

describe('subnormal float32 values are flushed to zero, as GPUs compute', () => {
  const pixel = rgbaImage(1, 1, [[160, 0, 0, 255]]);
  test('a subnormal weight is 0', () => {
    expect(filtered(pixel, [[1e-40]], { output: 'float' }).data[0]).toBe(0);
  });
  test('a product that lands below 2^-126 is 0, one above it is kept', () => {
    // 2 * 160 * 1e-41 = 3.2e-39 < 2^-126 = 1.18e-38; 2 * 160 * 1e-37 = 3.2e-35 is normal.
    expect(filtered(pixel, [[2]], { output: 'float', scale: 1e-41 }).data[0]).toBe(0);
    expect(filtered(pixel, [[2]], { output: 'float', scale: 1e-37 }).data[0]).toBe(Math.fround(Math.fround(320) * Math.fround(1e-37)));
  });
});
