/**
 * Kernel: a validated `cols x rows` matrix of float32 weights with an anchor.
 * The weights are rounded to float32 once, here (subnormals flushed to zero,
 * as GPUs read them), so the CPU reference and the GPU see the very same
 * numbers (DESIGN.md section 1, "Kernels").
 */
import { KernelError, describe } from './errors.js';
import { f32, float32Array } from './float32.js';

/**
 * The largest kernel side accepted. Bigger kernels would take minutes per
 * frame as a direct pass and exceed what a fragment loop should do per pixel.
 */
export const MAX_KERNEL_SIDE = 255;

/** Sums of integer weights stay exact in float32 while |sum| < 2^24. */
const EXACT_INTEGER_SUM = 2 ** 24;

export type Anchor = readonly [x: number, y: number];

export interface KernelInit {
  /** The cell that sits on the output pixel. @defaultValue [floor(cols/2), floor(rows/2)] */
  anchor?: Anchor;
  /** A name for reports and file names. @defaultValue 'custom' */
  name?: string;
}

/**
 * A kernel as an integer matrix times one float32 number, when it is one:
 * summing the integers first and scaling once keeps box blurs bit-exact.
 */
export interface IntegerForm {
  readonly unit: number;
  readonly integers: Float32Array;
}

export class Kernel {
  readonly cols: number;
  readonly rows: number;
  /** Row-major float32 weights, `weights[j * cols + i]`. Treat as read-only. */
  readonly weights: Float32Array;
  readonly anchorX: number;
  readonly anchorY: number;
  readonly name: string;

  /** Makes a kernel from rows of numbers, e.g. `Kernel.from([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])`. */
  static from(matrix: unknown, init: KernelInit = {}): Kernel {
    const rows = checkMatrix(matrix);
    return new Kernel(rows[0]!.length, rows.length, rows.flat(), init);
  }

  constructor(cols: number, rows: number, weights: ArrayLike<number>, init: KernelInit = {}) {
    checkSide('kernel cols', cols);
    checkSide('kernel rows', rows);
    checkWeights(weights, cols, rows);
    const { anchor, name } = checkInit(init);
    this.cols = cols;
    this.rows = rows;
    this.weights = toFloat32Weights(weights);
    [this.anchorX, this.anchorY] = checkAnchor(anchor === undefined ? [cols >> 1, rows >> 1] : anchor, cols, rows);
    this.name = name ?? 'custom';
    Object.freeze(this);
  }

  /** The weight in column `i`, row `j`. */
  at(i: number, j: number): number {
    return this.weights[j * this.cols + i]!;
  }

  /** The kernel rotated 180 degrees with its anchor (what `mode: 'convolve'` filters with). */
  flipped(): Kernel {
    return new Kernel(this.cols, this.rows, this.weights.slice().reverse(), {
      anchor: [this.cols - 1 - this.anchorX, this.rows - 1 - this.anchorY],
      name: this.name,
    });
  }

  /** The same kernel under another name. */
  renamed(name: string): Kernel {
    return new Kernel(this.cols, this.rows, this.weights, { anchor: [this.anchorX, this.anchorY], name });
  }

  /** True when every weight is an integer. */
  get isInteger(): boolean {
    return this.weights.every(Number.isInteger);
  }

  /**
   * The kernel as `unit * integers` with integer sums that stay exact in
   * float32, or null when it is not one (unit 1 for integer kernels).
   */
  integerForm(): IntegerForm | null {
    const smallest = this.weights.reduce((m, w) => (w !== 0 && Math.abs(w) < m ? Math.abs(w) : m), Infinity);
    if (smallest === Infinity) return { unit: 1, integers: new Float32Array(this.weights.length) };
    const candidates = this.isInteger ? [1] : [1, 2, 3, 4, 5, 6, 8, 10, 12, 16].map((d) => f32(smallest / d));
    for (const unit of candidates) {
      const integers = this.weights.map((w) => w / unit);
      const exact = integers.every((n, k) => Number.isInteger(n) && n * unit === this.weights[k]);
      const reach = integers.reduce((s, n) => s + Math.abs(n), 0) * 255;
      if (exact && reach < EXACT_INTEGER_SUM) return { unit, integers };
    }
    return null;
  }

  /** The weights as rows of numbers. */
  toMatrix(): number[][] {
    return Array.from({ length: this.rows }, (_, j) => Array.from(this.weights.subarray(j * this.cols, (j + 1) * this.cols)));
  }
}

function checkMatrix(matrix: unknown): number[][] {
  if (!Array.isArray(matrix) || matrix.length === 0) {
    throw new KernelError(
      `a kernel must be a non-empty array of rows, e.g. [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]; got ${describe(matrix)}.`,
    );
  }
  // Sides are checked before the rows are read, so a huge (or huge and sparse) array is refused at once.
  checkSide('kernel rows', matrix.length);
  // Index loops, not forEach: a hole in a sparse array is a missing row or weight, not one to skip.
  let width = 0;
  for (let j = 0; j < matrix.length; j++) {
    const row: unknown = matrix[j];
    if (!Array.isArray(row) || row.length === 0) {
      throw new KernelError(`kernel row ${j} must be a non-empty array of numbers; got ${describe(row)}.`);
    }
    if (j === 0) {
      width = row.length;
      checkSide('kernel cols', width);
    }
    if (row.length !== width) {
      throw new KernelError(`kernel rows must all have the same length; row 0 has ${width}, row ${j} has ${row.length}.`);
    }
    for (let i = 0; i < row.length; i++) {
      if (typeof row[i] !== 'number') throw new KernelError(`kernel weight [${j}][${i}] must be a number; got ${describe(row[i])}.`);
    }
  }
  return matrix as number[][];
}

/** Checks a window's side (a kernel's, a structuring element's): an integer from 1 to MAX_KERNEL_SIDE; `name` says which. */
export function checkSide(name: string, side: unknown): void {
  if (!Number.isInteger(side) || (side as number) < 1 || (side as number) > MAX_KERNEL_SIDE) {
    throw new KernelError(`${name} must be an integer from 1 to ${MAX_KERNEL_SIDE}; got ${describe(side)}.`);
  }
}

/** Weights: an array or typed array of `cols * rows` numbers (not strings, not BigInts). */
function checkWeights(weights: unknown, cols: number, rows: number): void {
  if (weights === null || typeof weights !== 'object' || !Number.isInteger((weights as ArrayLike<unknown>).length)) {
    throw new KernelError(`kernel weights must be an array or typed array of numbers; got ${describe(weights)}.`);
  }
  const { length } = weights as ArrayLike<unknown>;
  if (length !== cols * rows) throw new KernelError(`a ${cols}x${rows} kernel needs ${cols * rows} weights; got ${length}.`);
  for (let k = 0; k < length; k++) {
    const w = (weights as ArrayLike<unknown>)[k];
    if (typeof w !== 'number') throw new KernelError(`kernel weight ${k} must be a number; got ${describe(w)}.`);
  }
}

/** The init object: optional anchor (checked with the sides) and a string name. */
function checkInit(init: unknown): KernelInit {
  if (init === null || typeof init !== 'object')
    throw new KernelError(`kernel init must be an object { anchor?, name? }; got ${describe(init)}.`);
  const { name } = init as KernelInit;
  if (name !== undefined && typeof name !== 'string') throw new KernelError(`kernel name must be a string; got ${describe(name)}.`);
  return init;
}

function toFloat32Weights(weights: ArrayLike<number>): Float32Array {
  const rounded = float32Array(weights);
  rounded.forEach((w, k) => {
    if (!Number.isFinite(w)) {
      throw new KernelError(
        `kernel weight ${k} is ${describe(weights[k])}; weights must be finite numbers within float32 range (|w| < 3.4e38).`,
      );
    }
  });
  const reach = rounded.reduce((sum, w) => sum + Math.abs(w), 0) * 255;
  if (reach > FLOAT32_MAX) {
    throw new KernelError(
      `kernel weights are too large: sums over 8-bit images could reach ${reach.toExponential(2)}, beyond float32 range (3.4e38); scale the weights down.`,
    );
  }
  return rounded;
}

const FLOAT32_MAX = 3.4028234663852886e38;

/** Checks the cell of a `cols x rows` window (`what`: a kernel, a structuring element) that sits on the output pixel. */
export function checkAnchor(anchor: unknown, cols: number, rows: number, what = 'kernel'): Anchor {
  const valid =
    Array.isArray(anchor) &&
    anchor.length === 2 &&
    Number.isInteger(anchor[0]) &&
    Number.isInteger(anchor[1]) &&
    anchor[0] >= 0 &&
    anchor[0] < cols &&
    anchor[1] >= 0 &&
    anchor[1] < rows;
  if (!valid) {
    throw new KernelError(
      `anchor must be [x, y] with integers 0 <= x < ${cols} and 0 <= y < ${rows} for a ${cols}x${rows} ${what}; got ${Array.isArray(anchor) && anchor.length <= 4 ? `[${anchor.map(describe).join(', ')}]` : describe(anchor)}.`,
    );
  }
  return [anchor[0], anchor[1]];
}
