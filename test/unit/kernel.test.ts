import { describe, expect, test } from 'vitest';
import { bank, box, byName, DEMO_KERNELS, gaussian, gaussianWeights, kernels } from '../../src/bank.js';
import { KernelError, KernelglError } from '../../src/errors.js';
import { Kernel, MAX_KERNEL_SIDE } from '../../src/kernel.js';

/** Expects `make` to throw a KernelError whose message contains every phrase. */
function expectKernelError(make: () => unknown, ...phrases: string[]): void {
  let error: unknown;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(KernelError);
  expect(error).toBeInstanceOf(KernelglError);
  const message = (error as Error).message;
  expect(message.startsWith('kernelgl: ')).toBe(true);
  for (const phrase of phrases) expect(message).toContain(phrase);
}

const f32 = Math.fround;

describe('Kernel validation', () => {
  test('empty and non-array matrices', () => {
    expectKernelError(() => Kernel.from([]), 'non-empty array of rows');
    expectKernelError(() => Kernel.from(undefined), 'non-empty array of rows');
    expectKernelError(() => Kernel.from('[[1]]'), 'non-empty array of rows');
    expectKernelError(() => Kernel.from([[]]), 'row 0', 'non-empty array');
    expectKernelError(() => Kernel.from([1, 2, 3]), 'row 0', 'non-empty array');
    expectKernelError(() => Kernel.from([[1], 2]), 'row 1');
  });

  test('ragged rows', () => {
    expectKernelError(
      () =>
        Kernel.from([
          [1, 2, 3],
          [4, 5],
        ]),
      'same length',
      'row 1 has 2',
    );
    expectKernelError(() => Kernel.from([[1], [2, 3]]), 'same length');
  });

  test('non-numeric weights', () => {
    expectKernelError(() => Kernel.from([[1, '2']]), '[0][1]', 'number', '"2"');
    expectKernelError(() => Kernel.from([[1], [null]]), '[1][0]', 'number');
    expectKernelError(() => Kernel.from([[[1]]]), '[0][0]', 'number');
    expectKernelError(() => Kernel.from([[true]]), 'number');
  });

  test('NaN, infinities and values beyond float32 range', () => {
    for (const bad of [NaN, Infinity, -Infinity, 1e39, -1e39, 3.5e38]) {
      expectKernelError(() => Kernel.from([[0, bad]]), 'finite', 'float32');
    }
    expectKernelError(() => new Kernel(1, 1, [NaN]), 'finite');
    // Finite float32 weights whose sums over 8-bit pixels could overflow float32 are refused, not left to give Infinity or NaN.
    expectKernelError(() => Kernel.from([[3.4028234663852886e38]]), 'too large', 'float32');
    expectKernelError(() => Kernel.from([[1e36, 1e36]]), 'too large');
    // |w| * 255 within range is fine: 1e36 * 255 = 2.55e38 < 3.4e38.
    expect(Kernel.from([[-1e36]]).weights[0]).toBe(f32(-1e36));
  });

  test('anchor out of range', () => {
    const m3 = [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ];
    for (const anchor of [[3, 0], [0, 3], [-1, 0], [0, -1], [0.5, 0], [1], [1, 1, 1], 'centre', [NaN, 0]]) {
      expectKernelError(() => Kernel.from(m3, { anchor: anchor as never }), 'anchor', '3x3');
    }
    // Even kernels: a 2x2 has anchors 0..1, a 4x1 has x 0..3 and y 0 only.
    expectKernelError(
      () =>
        Kernel.from(
          [
            [1, 2],
            [3, 4],
          ],
          { anchor: [2, 0] },
        ),
      'anchor',
      '0 <= x < 2',
    );
    expectKernelError(() => Kernel.from([[1, 2, 3, 4]], { anchor: [1, 1] }), 'anchor', '0 <= y < 1');
    expect(Kernel.from([[1, 2, 3, 4]], { anchor: [3, 0] }).anchorX).toBe(3);
  });

  test('sides: 1 up to MAX_KERNEL_SIDE, nothing above', () => {
    expect(MAX_KERNEL_SIDE).toBeGreaterThanOrEqual(63);
    const widest = Kernel.from([new Array<number>(MAX_KERNEL_SIDE).fill(1)]);
    expect([widest.cols, widest.rows]).toEqual([MAX_KERNEL_SIDE, 1]);
    expectKernelError(() => Kernel.from([new Array<number>(MAX_KERNEL_SIDE + 1).fill(1)]), 'cols', `1 to ${MAX_KERNEL_SIDE}`);
    expectKernelError(() => Kernel.from(Array.from({ length: MAX_KERNEL_SIDE + 1 }, () => [1])), 'rows', `1 to ${MAX_KERNEL_SIDE}`);
    expectKernelError(() => new Kernel(0, 1, []), 'cols');
    expectKernelError(() => new Kernel(1.5, 2, [1, 2, 3]), 'cols');
    expectKernelError(() => new Kernel(2, 2, [1, 2, 3]), 'needs 4 weights', 'got 3');
  });
});

describe('Kernel data', () => {
  test('weights are rounded to float32 once, at construction', () => {
    const k = Kernel.from([
      [0.1, 1 / 3],
      [2 ** -30, 16777217],
    ]);
    expect(k.weights).toBeInstanceOf(Float32Array);
    expect(Array.from(k.weights)).toEqual([f32(0.1), f32(1 / 3), 2 ** -30, 16777216]);
    expect(k.at(0, 0)).toBe(f32(0.1));
    expect(k.at(1, 0)).toBe(f32(1 / 3));
    expect(k.at(0, 1)).toBe(2 ** -30);
    expect(k.toMatrix()).toEqual([
      [f32(0.1), f32(1 / 3)],
      [2 ** -30, 16777216],
    ]);
  });

  test('shape, default anchor floor(n/2) and name', () => {
    const k = Kernel.from([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    expect([k.cols, k.rows, k.anchorX, k.anchorY, k.name]).toEqual([4, 2, 2, 1, 'custom']);
    const odd = Kernel.from([[1, 2, 3, 4, 5]], { name: 'row' });
    expect([odd.anchorX, odd.anchorY, odd.name]).toEqual([2, 0, 'row']);
    expect(Object.isFrozen(k)).toBe(true);
  });

  test('the constructor takes row-major weights', () => {
    const k = new Kernel(3, 2, [1, 2, 3, 4, 5, 6], { anchor: [0, 1] });
    expect(k.toMatrix()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect([k.anchorX, k.anchorY]).toEqual([0, 1]);
  });

  test('toMatrix returns fresh rows', () => {
    const k = Kernel.from([
      [1, 2],
      [3, 4],
    ]);
    k.toMatrix()[0]![0] = 99;
    expect(k.toMatrix()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  test('flipped(): weights rotated 180 degrees, anchor (cols-1-ax, rows-1-ay)', () => {
    const k = Kernel.from(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { anchor: [0, 0], name: 'k' },
    );
    const f = k.flipped();
    expect(f.toMatrix()).toEqual([
      [6, 5, 4],
      [3, 2, 1],
    ]);
    expect([f.anchorX, f.anchorY, f.name]).toEqual([2, 1, 'k']);
    expect(f.flipped().toMatrix()).toEqual(k.toMatrix());
    expect([f.flipped().anchorX, f.flipped().anchorY]).toEqual([0, 0]);
    // Even kernel, default anchor (1, 1) rotates to (0, 0).
    const even = Kernel.from([
      [1, 2],
      [3, 4],
    ]).flipped();
    expect(even.toMatrix()).toEqual([
      [4, 3],
      [2, 1],
    ]);
    expect([even.anchorX, even.anchorY]).toEqual([0, 0]);
    // A 4x1 row: anchor 2 rotates to 1.
    const row = Kernel.from([[1, 2, 3, 4]]).flipped();
    expect([row.toMatrix(), row.anchorX, row.anchorY]).toEqual([[[4, 3, 2, 1]], 1, 0]);
  });

  test('isInteger', () => {
    expect(
      Kernel.from([
        [1, -2, 0],
        [3, -0, 7],
      ]).isInteger,
    ).toBe(true);
    expect(Kernel.from([[1e10]]).isInteger).toBe(true);
    expect(Kernel.from([[1, 0.5]]).isInteger).toBe(false);
    expect(Kernel.from([[2 ** -30]]).isInteger).toBe(false);
    expect(box(3).isInteger).toBe(false);
    expect(bank.sobel_x.isInteger).toBe(true);
  });
});

describe('Kernel.integerForm', () => {
  const form = (k: Kernel) => {
    const f = k.integerForm();
    return f && { unit: f.unit, integers: Array.from(f.integers) };
  };

  test('box blurs: unit float32(1/n), every integer 1', () => {
    for (const [cols, rows] of [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 1],
      [5, 3],
      [7, 7],
      [21, 21],
    ] as const) {
      const n = cols * rows;
      expect(form(box(cols, rows))).toEqual({ unit: f32(1 / n), integers: new Array<number>(n).fill(1) });
    }
  });

  test('integer kernels: unit 1, the weights themselves', () => {
    expect(form(bank.sobel_x)).toEqual({ unit: 1, integers: [-1, 0, 1, -2, 0, 2, -1, 0, 1] });
    expect(
      form(
        Kernel.from([
          [0, 0],
          [0, 0],
        ]),
      ),
    ).toEqual({ unit: 1, integers: [0, 0, 0, 0] });
  });

  test("OpenCV's small Gaussian tables are integer matrices over a power of two", () => {
    const outer = (v: number[]) => v.flatMap((a) => v.map((b) => a * b));
    expect(form(gaussian(3))).toEqual({ unit: 1 / 16, integers: outer([1, 2, 1]) });
    expect(form(gaussian(5))).toEqual({ unit: 1 / 256, integers: outer([1, 4, 6, 4, 1]) });
    // [0.03125, 0.109375, 0.21875, 0.28125, ...] = [2, 7, 14, 18, 14, 7, 2] / 64.
    expect(form(gaussian(7))).toEqual({ unit: 1 / 4096, integers: outer([2, 7, 14, 18, 14, 7, 2]) });
  });

  test('fractions with a common unit', () => {
    expect(form(Kernel.from([[0.5, 0.75]]))).toEqual({ unit: 0.25, integers: [2, 3] });
    expect(form(Kernel.from([[-0.5, 0.5]]))).toEqual({ unit: 0.5, integers: [-1, 1] });
  });

  test('every form reproduces the weights exactly', () => {
    for (const k of [box(9), gaussian(5), bank.emboss, Kernel.from([[0.5, 0.75, -1.25]]), Kernel.from([[0.1, 0.1, 0.2]])]) {
      const f = k.integerForm()!;
      expect(Array.from(f.integers, (n) => n * f.unit)).toEqual(Array.from(k.weights));
      expect(f.integers.every(Number.isInteger)).toBe(true);
    }
  });

  test('kernels with none: no common unit, or integer sums beyond float32 exactness', () => {
    // float32(1/3) = 11184811 * 2^-25 with an odd mantissa: 1 is no integer multiple of it.
    expect(Kernel.from([[1, 1 / 3]]).integerForm()).toBeNull();
    expect(Kernel.from([[0.1, 0.2, 0.3]]).integerForm()).toBeNull();
    expect(gaussian(5, 1).integerForm()).toBeNull();
    // 70000 * 255 = 17850000 >= 2^24: the sum would no longer be exact in float32.
    expect(Kernel.from([[70000]]).integerForm()).toBeNull();
    expect(Kernel.from([[65000]]).integerForm()).toEqual({ unit: 1, integers: new Float32Array([65000]) });
  });
});

describe('the bank', () => {
  test('classic kernels, from their textbook definitions', () => {
    const expected: Record<string, number[][]> = {
      sharpen: [
        [0, -1, 0],
        [-1, 5, -1],
        [0, -1, 0],
      ],
      laplacian: [
        [0, 1, 0],
        [1, -4, 1],
        [0, 1, 0],
      ],
      sobel_x: [
        [-1, 0, 1],
        [-2, 0, 2],
        [-1, 0, 1],
      ],
      sobel_y: [
        [-1, -2, -1],
        [0, 0, 0],
        [1, 2, 1],
      ],
      scharr_x: [
        [-3, 0, 3],
        [-10, 0, 10],
        [-3, 0, 3],
      ],
      scharr_y: [
        [-3, -10, -3],
        [0, 0, 0],
        [3, 10, 3],
      ],
      prewitt_x: [
        [-1, 0, 1],
        [-1, 0, 1],
        [-1, 0, 1],
      ],
      prewitt_y: [
        [-1, -1, -1],
        [0, 0, 0],
        [1, 1, 1],
      ],
      emboss: [
        [-2, -1, 0],
        [-1, 1, 1],
        [0, 1, 2],
      ],
      identity: [[1]],
      small_blur: Array.from({ length: 7 }, () => new Array<number>(7).fill(f32(1 / 49))),
      large_blur: Array.from({ length: 21 }, () => new Array<number>(21).fill(f32(1 / 441))),
    };
    expect(Object.keys(bank).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, matrix] of Object.entries(expected)) {
      const k = byName(name);
      expect(k.toMatrix(), name).toEqual(matrix);
      expect(k.name).toBe(name);
      expect([k.anchorX, k.anchorY], name).toEqual([matrix[0]!.length >> 1, matrix.length >> 1]);
    }
  });

  test('the demo kernels are in the bank', () => {
    expect(DEMO_KERNELS).toEqual(['small_blur', 'large_blur', 'sharpen', 'laplacian', 'sobel_x', 'sobel_y']);
  });

  test('byName lists the names when one is unknown', () => {
    expectKernelError(() => byName('sobel'), '"sobel"', ...Object.keys(bank));
    expectKernelError(() => byName('toString'), 'toString', 'sharpen');
    expectKernelError(() => byName('__proto__'), '__proto__');
  });

  test('kernels bundles the bank with its generators', () => {
    expect(kernels.sharpen).toBe(bank.sharpen);
    expect(kernels.box(3).name).toBe('box:3');
    expect(kernels.byName('emboss')).toBe(bank.emboss);
  });

  test('box: every weight float32(1/(cols*rows)), names box:N and box:CxR', () => {
    const b = box(5, 3);
    expect([b.cols, b.rows, b.anchorX, b.anchorY, b.name]).toEqual([5, 3, 2, 1, 'box:5x3']);
    expect(Array.from(b.weights)).toEqual(new Array<number>(15).fill(f32(1 / 15)));
    expect(box(4).name).toBe('box:4');
    expect(box(4, 4).name).toBe('box:4');
    for (const bad of [0, -1, 2.5, NaN, MAX_KERNEL_SIDE + 1]) expectKernelError(() => box(bad), 'box size', String(bad));
    expectKernelError(() => box(3, 0), 'box size');
  });

  test('gaussian: the outer product of gaussianWeights, rounded to float32', () => {
    const g = gaussianWeights(5, 1.5);
    const k = gaussian(5, 1.5);
    expect(k.name).toBe('gaussian:5:1.5');
    expect(gaussian(5).name).toBe('gaussian:5');
    expect(k.toMatrix()).toEqual(g.map((gy) => g.map((gx) => f32(gy * gx))));
    expect(gaussian(3).toMatrix()).toEqual([
      [1 / 16, 1 / 8, 1 / 16],
      [1 / 8, 1 / 4, 1 / 8],
      [1 / 16, 1 / 8, 1 / 16],
    ]);
  });
});

describe('gaussianWeights equals OpenCV getGaussianKernel', () => {
  /** getGaussianKernel's formula branch as in modules/imgproc/src/smooth.dispatch.cpp, in float64. */
  function cvGaussian(n: number, sigma: number): number[] {
    const sigmaX = sigma > 0 ? sigma : ((n - 1) * 0.5 - 1) * 0.3 + 0.8;
    const scale2X = -0.5 / (sigmaX * sigmaX);
    const raw = Array.from({ length: n }, (_, i) => Math.exp(scale2X * (i - (n - 1) * 0.5) ** 2));
    const scale = 1 / raw.reduce((a, b) => a + b, 0);
    return raw.map((t) => t * scale);
  }

  const close = (got: number[], expected: number[], digits: number) => {
    expect(got).toHaveLength(expected.length);
    got.forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, digits));
  };

  test('the fixed tables for n = 1, 3, 5, 7 with sigma <= 0', () => {
    for (const sigma of [0, -1]) {
      expect(gaussianWeights(1, sigma)).toEqual([1]);
      expect(gaussianWeights(3, sigma)).toEqual([0.25, 0.5, 0.25]);
      expect(gaussianWeights(5, sigma)).toEqual([0.0625, 0.25, 0.375, 0.25, 0.0625]);
      expect(gaussianWeights(7, sigma)).toEqual([0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125]);
    }
    expect(gaussianWeights(3)).toEqual([0.25, 0.5, 0.25]);
  });

  test('the formula: n = 5, sigma = 1', () => {
    close(gaussianWeights(5, 1), [0.05448868, 0.24420134, 0.40261995, 0.24420134, 0.05448868], 8);
  });

  test('the formula: n = 3, sigma = 1 (not the table)', () => {
    // exp(-1/2) = 0.60653066; sum 2.21306132.
    close(gaussianWeights(3, 1), [0.27406862, 0.45186276, 0.27406862], 8);
  });

  test('n = 9 with sigma 0 uses sigma = 0.3 * ((9 - 1) * 0.5 - 1) + 0.8 = 1.7', () => {
    close(gaussianWeights(9, 0), cvGaussian(9, 1.7), 12);
    close(gaussianWeights(9, 0), gaussianWeights(9, 1.7), 12);
  });

  test('even sizes and large kernels follow the formula', () => {
    // n = 2: sigma 0.65, taps at -0.5 and 0.5: equal halves.
    close(gaussianWeights(2), [0.5, 0.5], 15);
    for (const [n, sigma] of [
      [4, 0],
      [7, 2],
      [15, 0],
      [15, 3],
      [21, 0.5],
      [1, 5],
    ] as const) {
      close(gaussianWeights(n, sigma), cvGaussian(n, sigma), 12);
    }
  });

  test('symmetric and summing to 1', () => {
    for (const [n, sigma] of [
      [3, 0],
      [5, 1],
      [9, 0],
      [15, 3],
      [31, 0],
      [64, 7],
    ] as const) {
      const g = gaussianWeights(n, sigma);
      expect(g.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(g).toEqual([...g].reverse());
    }
  });

  test('invalid sizes and sigmas', () => {
    expectKernelError(() => gaussianWeights(0), 'gaussian size');
    expectKernelError(() => gaussianWeights(2.5), 'gaussian size');
    expectKernelError(() => gaussianWeights(3, NaN), 'sigma', 'finite');
    expectKernelError(() => gaussianWeights(3, Infinity), 'sigma');
    expectKernelError(() => gaussian(MAX_KERNEL_SIDE + 1), 'gaussian size');
  });

  test('returns a fresh array each time', () => {
    const g = gaussianWeights(3);
    g[0] = 7;
    expect(gaussianWeights(3)).toEqual([0.25, 0.5, 0.25]);
  });
});
