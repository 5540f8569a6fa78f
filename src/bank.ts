/**
 * The kernel bank: the classic named kernels and the box and Gaussian
 * generators. Names are what reports, file names and the `<kernel-filter>`
 * element use.
 */
import { KernelError, describe } from './errors.js';
import { Kernel, MAX_KERNEL_SIDE } from './kernel.js';

const named = (name: string, matrix: number[][]): Kernel => Kernel.from(matrix, { name });

/** A `cols x rows` box blur: every weight 1 / (cols * rows). Named `box:N` or `box:COLSxROWS`. */
export function box(cols: number, rows: number = cols): Kernel {
  checkSize('box', cols);
  checkSize('box', rows);
  const name = cols === rows ? `box:${cols}` : `box:${cols}x${rows}`;
  return new Kernel(cols, rows, new Array<number>(cols * rows).fill(1 / (cols * rows)), { name });
}

/**
 * OpenCV's `getGaussianKernel(n, sigma)` as a column of float64 weights that sum to 1:
 * the fixed binomial tables for odd n <= 7 with sigma <= 0, else exp(-x^2 / (2 sigma^2))
 * with sigma <= 0 replaced by 0.3 * ((n - 1) * 0.5 - 1) + 0.8.
 */
export function gaussianWeights(n: number, sigma = 0): number[] {
  checkSize('gaussian', n);
  if (!Number.isFinite(sigma)) throw new KernelError(`gaussian sigma must be a finite number; got ${describe(sigma)}.`);
  const table = SMALL_GAUSSIAN_TABLES[n];
  if (table && sigma <= 0) return table.slice();
  const s = sigma > 0 ? sigma : 0.3 * ((n - 1) * 0.5 - 1) + 0.8;
  const scale2X = -0.5 / (s * s);
  const raw = Array.from({ length: n }, (_, i) => Math.exp(scale2X * (i - (n - 1) * 0.5) ** 2));
  const sum = raw.reduce((a, b) => a + b, 0);
  // A sigma far below the spacing of the taps leaves nothing (0 / 0, or -Infinity * 0 at the centre): say so, not "weight is NaN".
  if (!(sum > 0)) {
    throw new KernelError(
      `gaussian sigma ${describe(sigma)} is too small for size ${n}: every weight underflows to 0; use a larger sigma, or 0 to derive it from the size.`,
    );
  }
  return raw.map((w) => w / sum);
}

const SMALL_GAUSSIAN_TABLES: Record<number, number[]> = {
  1: [1],
  3: [0.25, 0.5, 0.25],
  5: [0.0625, 0.25, 0.375, 0.25, 0.0625],
  7: [0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125],
};

/** An `n x n` Gaussian blur, the outer product of `gaussianWeights(n, sigma)`. Named `gaussian:N` or `gaussian:N:SIGMA`. */
export function gaussian(n: number, sigma = 0): Kernel {
  const g = gaussianWeights(n, sigma);
  const name = sigma > 0 ? `gaussian:${n}:${sigma}` : `gaussian:${n}`;
  return new Kernel(
    n,
    n,
    g.flatMap((gy) => g.map((gx) => gy * gx)),
    { name },
  );
}

function checkSize(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_KERNEL_SIDE) {
    throw new KernelError(`${what} size must be an integer from 1 to ${MAX_KERNEL_SIDE}; got ${describe(n)}.`);
  }
}

/** The named kernels. `small_blur` .. `sobel_y` are the six classic demo kernels. */
export const bank = {
  small_blur: box(7).renamed('small_blur'),
  large_blur: box(21).renamed('large_blur'),
  sharpen: named('sharpen', [
    [0, -1, 0],
    [-1, 5, -1],
    [0, -1, 0],
  ]),
  laplacian: named('laplacian', [
    [0, 1, 0],
    [1, -4, 1],
    [0, 1, 0],
  ]),
  sobel_x: named('sobel_x', [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ]),
  sobel_y: named('sobel_y', [
    [-1, -2, -1],
    [0, 0, 0],
    [1, 2, 1],
  ]),
  scharr_x: named('scharr_x', [
    [-3, 0, 3],
    [-10, 0, 10],
    [-3, 0, 3],
  ]),
  scharr_y: named('scharr_y', [
    [-3, -10, -3],
    [0, 0, 0],
    [3, 10, 3],
  ]),
  prewitt_x: named('prewitt_x', [
    [-1, 0, 1],
    [-1, 0, 1],
    [-1, 0, 1],
  ]),
  prewitt_y: named('prewitt_y', [
    [-1, -1, -1],
    [0, 0, 0],
    [1, 1, 1],
  ]),
  emboss: named('emboss', [
    [-2, -1, 0],
    [-1, 1, 1],
    [0, 1, 2],
  ]),
  identity: named('identity', [[1]]),
} as const;

export type BankName = keyof typeof bank;

/** The six kernels of the classic demo, in the order the command runs them. */
export const DEMO_KERNELS: readonly BankName[] = ['small_blur', 'large_blur', 'sharpen', 'laplacian', 'sobel_x', 'sobel_y'];

/** Looks a kernel up by name, listing the names that exist when it is not there. */
export function byName(name: string): Kernel {
  if (Object.hasOwn(bank, name)) return bank[name as BankName];
  throw new KernelError(
    `no kernel named ${describe(name)}; named kernels: ${Object.keys(bank).join(', ')} (or box:N, gaussian:N[:SIGMA]).`,
  );
}

/** The bank with its generators, as one object: `kernels.sobel_x`, `kernels.box(21)`, `kernels.byName('sharpen')`. */
export const kernels = { ...bank, box, gaussian, byName } as const;
