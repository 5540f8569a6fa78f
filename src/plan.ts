/**
 * The plan: a kernel and resolved options turned into the passes to run, as
 * plain data. The GPU engine and the CPU reference both execute a plan, in
 * the same order of sums, which is what makes them agree bit for bit
 * (DESIGN.md section 1, "Parity"). The plan is also where the cheapest
 * exact execution is chosen (section 2): one 2D pass, or r pairs of 1D passes.
 */
import { KernelError } from './errors.js';
import { f32, float32Rgba, type Rgba } from './float32.js';
import type { Filter } from './filterSpec.js';
import { Kernel } from './kernel.js';
import { nonlinearPlan, type InputKind, type NonlinearPlan } from './nonlinearPlan.js';
import { resolveOptions, type Border, type Channels, type Output, type ResolvedOptions } from './options.js';
import { decompose, type Factor } from './separable.js';

/**
 * One pass: a window of float32 weights summed over its input, rows outer,
 * columns inner: `acc = start; acc += w[j][i] * in(bx(x + i - anchorX), by(y + j - anchorY))`.
 */
export interface PlanPass {
  readonly cols: number;
  readonly rows: number;
  readonly anchorX: number;
  readonly anchorY: number;
  /** Row-major float32 weights. */
  readonly weights: Float32Array;
  /** `'image'` (the source, or its luma for gray) or the index of an earlier pass. */
  readonly input: 'image' | number;
  /** The index of an earlier pass whose result the sum starts from, or null to start at 0. */
  readonly start: number | null;
  /** The input value for coordinates outside the image under `border: 'constant'`. */
  readonly outside: Rgba;
}

export interface LinearPlan {
  /** `direct`: one 2D pass; `separable`: pairs of 1D passes through float32 intermediates. */
  readonly kind: 'direct' | 'separable';
  /** How many outer products the kernel was split into (1 for direct plans). */
  readonly rank: number;
  readonly channels: Channels;
  readonly border: Border;
  readonly output: Output;
  /** Passes in execution order; the last one produces the result. */
  readonly passes: readonly PlanPass[];
  /** The float32 factor applied once to the last sum (the kernel's integer form unit; 1 otherwise). */
  readonly unit: number;
  /** Float32 `scale` and `delta`: out = (sum * unit) * scale + delta. */
  readonly scale: number;
  readonly delta: number;
  /** Texture reads of the image or an intermediate per output pixel: the plan's cost. */
  readonly reads: number;
}

/** What a filter step runs: a linear kernel's passes, or a median, morphology or bilateral plan (nonlinearPlan.ts). */
export type Plan = LinearPlan | NonlinearPlan;

/**
 * Plans any filter with options as given: kernels with makePlan, the other
 * kinds with their own defaults; `input` says whether the filter reads the
 * image (a pipeline step may read float results).
 */
export function planFilter(filter: Filter, options: unknown = {}, input: InputKind = 'bytes'): Plan {
  return filter instanceof Kernel ? makePlan(filter, resolveOptions(options)) : nonlinearPlan(filter, options, input);
}

/** True for the plan of a linear kernel. */
export function isLinear(plan: Plan): plan is LinearPlan {
  return plan.kind === 'direct' || plan.kind === 'separable';
}

/** What ran, in a few words: `direct, 1 pass`, `separable r1, 2 passes`, `median 5x5`, `morphology gradient, 4 passes`. */
export function describePlan(plan: Plan): string {
  const passes = (n: number): string => `${n} pass${n === 1 ? '' : 'es'}`;
  switch (plan.kind) {
    case 'median':
      return `median ${plan.size}x${plan.size}`;
    case 'bilateral':
      return `bilateral, radius ${plan.radius}, ${plan.reads} taps`;
    case 'morphology':
      return `morphology ${plan.op}, ${passes(plan.passes.length)}`;
    default:
      return `${plan.kind === 'separable' ? `separable r${plan.rank}` : 'direct'}, ${passes(plan.passes.length)}`;
  }
}

/** The weights a plan sums: the kernel's integer form when it has one (summed exactly, scaled once). */
interface Summed {
  readonly kernel: Kernel;
  readonly weights: Float32Array;
  readonly integer: boolean;
  readonly unit: number;
}

/**
 * Turns a kernel and options into a plan: with `plan: 'auto'` the separable
 * plan when it needs fewer reads and reproduces the kernel (exactly for
 * integer kernels, within float32 error otherwise), else one direct pass.
 */
export function makePlan(kernel: Kernel, options: ResolvedOptions): LinearPlan {
  const summed = summedWeights(options.mode === 'convolve' ? kernel.flipped() : kernel);
  const { cols, rows } = summed.kernel;
  const twoDimensional = cols > 1 && rows > 1;
  if (options.plan !== 'direct' && twoDimensional) {
    const maxRank = options.plan === 'separable' ? Math.min(cols, rows) : cheaperRank(cols, rows);
    const factors = maxRank > 0 ? decompose(summed.weights, cols, rows, summed.integer, maxRank) : null;
    if (factors) return separablePlan(summed, factors, options);
    if (options.plan === 'separable') {
      const how = summed.integer ? 'exact integer 1D factors' : '1D factors within float32 error';
      throw new KernelError(`kernel "${kernel.name}" (${cols}x${rows}) does not split into ${how}; use plan 'auto' or 'direct'.`);
    }
  }
  return directPlan(summed, options);
}

/**
 * The definition itself, for checks against exact arithmetic: the kernel's
 * float32 weights in one direct pass, with scale and delta as given (not
 * rounded to float32). Executed in float64 it is what OpenCV computes.
 */
export function referencePlan(kernel: Kernel, options: ResolvedOptions): LinearPlan {
  const oriented = options.mode === 'convolve' ? kernel.flipped() : kernel;
  const plan = directPlan({ kernel: oriented, weights: oriented.weights, integer: false, unit: 1 }, options);
  const pass = { ...plan.passes[0]!, outside: options.borderValue };
  return Object.freeze({ ...plan, passes: [pass], scale: options.scale, delta: options.delta });
}

function summedWeights(kernel: Kernel): Summed {
  const form = kernel.integerForm();
  return form
    ? { kernel, weights: form.integers, integer: true, unit: form.unit }
    : { kernel, weights: kernel.weights, integer: false, unit: 1 };
}

/**
 * The ranks `auto` tries. Kernels that need more factors than this are rare
 * in practice, and searching further costs more time planning than it saves.
 */
const AUTO_MAX_RANK = 4;

/** The largest rank r (up to AUTO_MAX_RANK) whose separable plan reads less than the direct pass. */
function cheaperRank(cols: number, rows: number): number {
  let r = 0;
  while (r < AUTO_MAX_RANK && separableReads(r + 1, cols, rows) < cols * rows) r++;
  return r;
}

/** r row passes and r column passes, plus a read of the running sum in each column pass after the first. */
function separableReads(rank: number, cols: number, rows: number): number {
  return rank * (cols + rows) + rank - 1;
}

function directPlan({ kernel, weights, unit }: Summed, options: ResolvedOptions): LinearPlan {
  const pass: PlanPass = {
    cols: kernel.cols,
    rows: kernel.rows,
    anchorX: kernel.anchorX,
    anchorY: kernel.anchorY,
    weights,
    input: 'image',
    start: null,
    outside: float32Rgba(options.borderValue),
  };
  return finishPlan('direct', 1, [pass], unit, kernel.cols * kernel.rows, options);
}

/**
 * For each factor a row pass over the image and a column pass over its
 * result; each column pass after the first starts from the previous one's
 * sum, so the terms add up in factor order.
 */
function separablePlan({ kernel, unit }: Summed, factors: readonly Factor[], options: ResolvedOptions): LinearPlan {
  const outside = float32Rgba(options.borderValue);
  const passes: PlanPass[] = [];
  for (const { col, row } of factors) {
    const rowPass = passes.length;
    passes.push({ cols: kernel.cols, rows: 1, anchorX: kernel.anchorX, anchorY: 0, weights: row, input: 'image', start: null, outside });
    passes.push({
      cols: 1,
      rows: kernel.rows,
      anchorX: 0,
      anchorY: kernel.anchorY,
      weights: col,
      input: rowPass,
      start: rowPass === 0 ? null : rowPass - 1,
      outside: rowSumOfConstant(row, outside),
    });
  }
  return finishPlan('separable', factors.length, passes, unit, separableReads(factors.length, kernel.cols, kernel.rows), options);
}

/**
 * What a row pass yields on a row that lies wholly outside the image under
 * `border: 'constant'`: the constant filtered by the row, summed in the
 * pass's own order and float32 rounding.
 */
function rowSumOfConstant(row: Float32Array, outside: Rgba): Rgba {
  const sum = (c: number): number => row.reduce((acc, w) => f32(acc + f32(w * c)), 0);
  return Object.freeze([sum(outside[0]), sum(outside[1]), sum(outside[2]), sum(outside[3])] as const);
}

function finishPlan(
  kind: LinearPlan['kind'],
  rank: number,
  passes: PlanPass[],
  unit: number,
  reads: number,
  options: ResolvedOptions,
): LinearPlan {
  return Object.freeze({
    kind,
    rank,
    channels: options.channels,
    border: options.border,
    output: options.output,
    passes: Object.freeze(passes.map((p) => Object.freeze(p))),
    unit,
    scale: f32(options.scale),
    delta: f32(options.delta),
    reads,
  });
}
