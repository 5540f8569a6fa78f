// The rank decomposition and the cost-based choice of plan (DESIGN.md
// section 2): which plan each kind of kernel gets, and that the factors a
// separable plan uses reproduce the kernel (exactly for integer kernels).
import { describe, expect, test } from 'vitest';
import { bank, box, gaussian } from '../../src/bank.js';
import { Kernel } from '../../src/kernel.js';
import { resolveOptions, type FilterOptions } from '../../src/options.js';
import { makePlan, type LinearPlan as Plan } from '../../src/plan.js';
import { decompose } from '../../src/separable.js';
import { random } from '../support/noise.js';

const plan = (kernel: Kernel, options: FilterOptions = {}): Plan => makePlan(kernel, resolveOptions(options));

/** The kernel a separable plan computes: the sum of its row x column products, times the unit. */
function reconstruct(p: Plan, cols: number, rows: number): Float64Array {
  const out = new Float64Array(cols * rows);
  for (let k = 0; k < p.passes.length; k += 2) {
    const row = p.passes[k]!.weights;
    const col = p.passes[k + 1]!.weights;
    for (let j = 0; j < rows; j++) for (let i = 0; i < cols; i++) out[j * cols + i]! += col[j]! * row[i]! * p.unit;
  }
  return out;
}

/** An integer kernel of rank `rank` by construction: a sum of outer products of integer vectors. */
function integerLowRank(cols: number, rows: number, rank: number, seed: number): Kernel {
  const next = random(seed);
  const int = (): number => Math.floor(next() * 7) - 3;
  const terms = Array.from({ length: rank }, () => ({ col: Array.from({ length: rows }, int), row: Array.from({ length: cols }, int) }));
  return new Kernel(
    cols,
    rows,
    Array.from({ length: cols * rows }, (_, k) => terms.reduce((s, t) => s + t.col[Math.floor(k / cols)]! * t.row[k % cols]!, 0)),
  );
}

describe('the plan chosen by auto', () => {
  // Separable when r * (rows + cols) + (r - 1) reads beat rows * cols: rank-1 kernels from 3x3 up.
  test.each([
    ['small_blur', 'separable', 14],
    ['large_blur', 'separable', 42],
    ['sobel_x', 'separable', 6],
    ['sobel_y', 'separable', 6],
    ['scharr_x', 'separable', 6],
    ['scharr_y', 'separable', 6],
    ['prewitt_x', 'separable', 6],
    ['prewitt_y', 'separable', 6],
    // Rank 2 or 3: 2 * 6 + 1 = 13 reads or more, not fewer than 9.
    ['sharpen', 'direct', 9],
    ['laplacian', 'direct', 9],
    ['emboss', 'direct', 9],
    ['identity', 'direct', 1],
  ] as const)('%s: %s, %i reads per pixel', (name, kind, reads) => {
    const p = plan(bank[name]);
    expect(p.kind).toBe(kind);
    expect(p.reads).toBe(reads);
  });

  test('generated blurs are separable rank 1: box:49 reads 98, gaussian:15:3 reads 30', () => {
    expect(plan(box(49))).toMatchObject({ kind: 'separable', rank: 1, reads: 98 });
    expect(plan(gaussian(15, 3))).toMatchObject({ kind: 'separable', rank: 1, reads: 30 });
    expect(plan(gaussian(7))).toMatchObject({ kind: 'separable', rank: 1, reads: 14 });
  });

  test('1D kernels stay one direct pass', () => {
    expect(plan(Kernel.from([[1, 2, 3, 4, 5]]), { plan: 'separable' }).kind).toBe('direct');
    expect(plan(Kernel.from([[1], [2], [1]])).kind).toBe('direct');
  });

  test('a rank-2 9x9 kernel (delta x a + b x delta) takes two pairs of 1D passes: 2 * 18 + 1 = 37 reads < 81', () => {
    const a = [1, 2, 3, 4, -20, 4, 3, 2, 1];
    const m = a.map((aj, j) => a.map((ai, i) => (j === 4 ? ai : 0) + (i === 4 ? aj : 0)));
    const p = plan(Kernel.from(m));
    expect(p).toMatchObject({ kind: 'separable', rank: 2, reads: 37 });
    expect(Array.from(reconstruct(p, 9, 9))).toEqual(m.flat());
  });

  test('plan: direct forces one 2D pass; plan: separable on a kernel that does not split throws', () => {
    expect(plan(bank.large_blur, { plan: 'direct' })).toMatchObject({ kind: 'direct', reads: 441 });
    const next = random(15);
    const random15 = new Kernel(
      15,
      15,
      Array.from({ length: 225 }, () => next() * 6 - 3),
    );
    expect(plan(random15).kind).toBe('direct');
    // Forced, a full-rank kernel takes up to 15 pairs of passes, still reproducing it.
    const forced = plan(random15, { plan: 'separable' });
    expect(forced.rank).toBeLessThanOrEqual(15);
    reconstruct(forced, 15, 15).forEach((w, k) => expect(Math.abs(w - random15.weights[k]!)).toBeLessThanOrEqual(3 * 2 ** -21));
    // [[2,3],[3,2]] has rank 2 but no integer cross elimination: its sums could not stay exact.
    expect(() =>
      plan(
        Kernel.from([
          [2, 3],
          [3, 2],
        ]),
        { plan: 'separable' },
      ),
    ).toThrow(/does not split into exact integer 1D factors/);
  });

  test('convolve plans the flipped kernel: sobel_x convolved is -sobel_x correlated', () => {
    const flipped = reconstruct(plan(bank.sobel_x, { mode: 'convolve' }), 3, 3);
    expect(Array.from(flipped, (w) => w || 0)).toEqual(Array.from(bank.sobel_x.weights, (w) => -w || 0));
  });
});

describe('exact factors for integer kernels', () => {
  test('every bank kernel of rank 1 is reproduced exactly', () => {
    for (const kernel of Object.values(bank)) {
      const p = plan(kernel, { plan: kernel.cols * kernel.rows > 1 ? 'auto' : 'direct' });
      if (p.kind !== 'separable') continue;
      expect(Array.from(reconstruct(p, kernel.cols, kernel.rows)), kernel.name).toEqual(Array.from(kernel.weights));
    }
  });

  test('random integer kernels of rank 1 to 3 split exactly whenever a separable plan is chosen, and always at rank 1', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rank = 1 + (seed % 3);
      const kernel = integerLowRank(5 + (seed % 9), 5 + ((seed * 7) % 9), rank, seed);
      const p = plan(kernel);
      if (rank === 1 && kernel.weights.some((w) => w !== 0)) expect(p.kind, `seed ${seed}`).toBe('separable');
      if (p.kind === 'separable') {
        expect(p.rank).toBeLessThanOrEqual(rank);
        expect(Array.from(reconstruct(p, kernel.cols, kernel.rows)), `seed ${seed}`).toEqual(Array.from(kernel.weights, (w) => w + 0));
      }
    }
  });
});

describe('float factors', () => {
  test('Gaussians are reproduced within a few float32 ulps of the largest weight', () => {
    for (const kernel of [gaussian(5, 1.1), gaussian(15, 3), gaussian(31, 5), gaussian(9, 0.8)]) {
      const p = plan(kernel);
      expect(p.kind).toBe('separable');
      const max = Math.max(...kernel.weights);
      reconstruct(p, kernel.cols, kernel.rows).forEach((w, k) =>
        expect(Math.abs(w - kernel.weights[k]!)).toBeLessThanOrEqual(max * 2 ** -21),
      );
    }
  });

  test('decompose finds the rank of a float kernel built from two outer products', () => {
    const next = random(9);
    const vec = (n: number): number[] => Array.from({ length: n }, () => next() * 2 - 1);
    const [c1, r1, c2, r2] = [vec(11), vec(13), vec(11), vec(13)];
    const weights = Float32Array.from(
      { length: 143 },
      (_, k) => c1[Math.floor(k / 13)]! * r1[k % 13]! + c2[Math.floor(k / 13)]! * r2[k % 13]!,
    );
    expect(decompose(weights, 13, 11, false, 5)?.length).toBe(2);
    expect(decompose(weights, 13, 11, false, 1)).toBeNull();
  });
});
