/**
 * Rank decomposition: a kernel as a sum of r outer products
 * `K = sum_k col_k (x) row_k`, so that r pairs of 1D passes can replace one
 * 2D pass (DESIGN.md section 2). Integer matrices are factored exactly with
 * integer factors, so their sums stay exact; other matrices by greedy
 * deflation in float64 whose factors are rounded to float32 (`f32`) as they are
 * found, so the residual is the true error of what the passes will compute.
 */

import { float32Array } from './float32.js';

/** One outer product: a column (rows long) times a row (cols long), both float32. */
export interface Factor {
  readonly col: Float32Array;
  readonly row: Float32Array;
}

/**
 * Relative reconstruction error accepted for non-integer kernels: a few
 * float32 ulps of the largest weight, what rounding the weights to float32
 * already costs.
 */
const FLOAT_TOLERANCE = 2 ** -21;

/**
 * Power iterations per factor. A factor whose singular value is not
 * separated from the next one converges slowly; the residual check then
 * decides, so a capped iteration only costs a factor, never correctness.
 */
const MAX_ITERATIONS = 200;

/** Integer pivots tried per factor (the smallest first), which bounds the search on large kernels. */
const MAX_PIVOTS = 64;

/**
 * Factors `weights` (`rows x cols`, row-major) into at most `maxRank` outer
 * products that reproduce it (exactly when `integer`), or returns null.
 */
export function decompose(weights: Float32Array, cols: number, rows: number, integer: boolean, maxRank: number): Factor[] | null {
  const residual = Float64Array.from(weights);
  const tolerance = integer ? 0 : FLOAT_TOLERANCE * maxAbs(residual);
  if (clearlyAboveRank(residual, cols, rows, maxRank, maxAbs(residual) * 1e-4)) return null;
  const factors: Factor[] = [];
  while (maxAbs(residual) > tolerance) {
    if (factors.length === maxRank) return null;
    const factor = integer ? integerFactor(residual, cols, rows) : dominantFactor(residual, cols, rows);
    if (!factor) return null;
    subtract(residual, factor, cols);
    factors.push(factor);
  }
  return factors.length > 0 ? factors : [zeroFactor(cols, rows)];
}

/**
 * A quick rejection before the slower search: `maxRank + 1` steps of Gaussian
 * elimination with full pivoting all find a pivot above `threshold`, so no
 * `maxRank` outer products come close to the matrix. The threshold (1e-4
 * of the largest weight, far above rounding and the float tolerance) keeps
 * anything the search would accept from being rejected; a kernel it lets
 * through only costs the search.
 */
function clearlyAboveRank(m: Float64Array, cols: number, rows: number, maxRank: number, threshold: number): boolean {
  const a = Float64Array.from(m);
  for (let step = 0; step <= maxRank; step++) {
    let k = 0;
    for (let e = 1; e < a.length; e++) if (Math.abs(a[e]!) > Math.abs(a[k]!)) k = e;
    const p = a[k]!;
    if (Math.abs(p) <= threshold) return false;
    const pj = Math.floor(k / cols);
    const pi = k % cols;
    for (let j = 0; j < rows; j++) {
      const f = a[j * cols + pi]! / p;
      if (j !== pj && f !== 0) for (let i = 0; i < cols; i++) a[j * cols + i]! -= f * a[pj * cols + i]!;
    }
    a.fill(0, pj * cols, (pj + 1) * cols);
  }
  return true;
}

/**
 * One exact integer outer product taken out of an integer matrix by cross
 * (skeleton) elimination, or null when none is found. The first nonzero row
 * over its gcd, with each row's multiple of it, always works for rank-1
 * matrices; otherwise a pivot entry p, its column over p times its row, or
 * its column times its row over p, whichever divides exactly (small pivots
 * first, as they divide more often).
 */
function integerFactor(m: Float64Array, cols: number, rows: number): Factor | null {
  return primitiveRowFactor(m, cols, rows) ?? pivotFactor(m, cols, rows);
}

function primitiveRowFactor(m: Float64Array, cols: number, rows: number): Factor | null {
  const pivotRow = Array.from({ length: rows }, (_, j) => j).find((j) => rowOf(m, j, cols).some((v) => v !== 0))!;
  const pivot = rowOf(m, pivotRow, cols);
  const g = pivot.reduce((a, v) => gcd(a, Math.abs(v)), 0);
  const row = pivot.map((v) => v / g);
  const q = row.findIndex((v) => v !== 0);
  const col = Float64Array.from({ length: rows }, (_, j) => m[j * cols + q]! / row[q]!);
  return col.every(Number.isInteger) ? { col: Float32Array.from(col), row: Float32Array.from(row) } : null;
}

function pivotFactor(m: Float64Array, cols: number, rows: number): Factor | null {
  const pivots = Array.from(m.keys())
    .filter((k) => m[k] !== 0)
    .sort((a, b) => Math.abs(m[a]!) - Math.abs(m[b]!))
    .slice(0, MAX_PIVOTS);
  for (const k of pivots) {
    const p = m[k]!;
    const col = Float64Array.from({ length: rows }, (_, j) => m[j * cols + (k % cols)]!);
    const row = Float64Array.from(rowOf(m, Math.floor(k / cols), cols));
    if (col.every((v) => v % p === 0)) return { col: Float32Array.from(col, (v) => v / p), row: Float32Array.from(row) };
    if (row.every((v) => v % p === 0)) return { col: Float32Array.from(col), row: Float32Array.from(row, (v) => v / p) };
  }
  return null;
}

/**
 * The dominant singular pair of `m` by power iteration, split as
 * sqrt(sigma) * u and sqrt(sigma) * v and rounded to float32.
 */
function dominantFactor(m: Float64Array, cols: number, rows: number): Factor | null {
  let v: Float64Array = new Float64Array(cols).fill(1 / Math.sqrt(cols));
  let u: Float64Array = new Float64Array(rows);
  let sigma = 0;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    u = normalize(multiply(m, v, cols, rows));
    const next = multiplyTransposed(m, u, cols, rows);
    const nextSigma = norm(next);
    if (nextSigma === 0) return null;
    v = next.map((x) => x / nextSigma);
    const converged = Math.abs(nextSigma - sigma) <= 1e-14 * nextSigma;
    sigma = nextSigma;
    if (converged) break;
  }
  const root = Math.sqrt(sigma);
  return { col: float32Array(u, (x) => x * root), row: float32Array(v, (x) => x * root) };
}

function subtract(m: Float64Array, { col, row }: Factor, cols: number): void {
  col.forEach((c, j) => row.forEach((r, i) => (m[j * cols + i]! -= c * r)));
}

// Plain loops: these run hundreds of times per factor on kernels of up to 255x255.
function multiply(m: Float64Array, v: Float64Array, cols: number, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let j = 0; j < rows; j++) {
    let s = 0;
    for (let i = 0; i < cols; i++) s += m[j * cols + i]! * v[i]!;
    out[j] = s;
  }
  return out;
}

function multiplyTransposed(m: Float64Array, u: Float64Array, cols: number, rows: number): Float64Array {
  const out = new Float64Array(cols);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) out[i]! += m[j * cols + i]! * u[j]!;
  }
  return out;
}

function normalize(v: Float64Array): Float64Array {
  const n = norm(v);
  return n === 0 ? v : v.map((x) => x / n);
}

function norm(v: Float64Array): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

function rowOf(m: Float64Array, j: number, cols: number): Float64Array {
  return m.subarray(j * cols, (j + 1) * cols);
}

function maxAbs(m: Float64Array): number {
  return m.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function zeroFactor(cols: number, rows: number): Factor {
  return { col: new Float32Array(rows), row: new Float32Array(cols) };
}
