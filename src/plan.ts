/**
 * The plan: a kernel and resolved options turned into the passes to run, as
 * plain data. The GPU engine and the CPU reference both execute a plan, in
 * the same order of sums, which is what makes them agree bit for bit
 * (DESIGN.md section 1, "Parity").
 */
import type { Kernel } from './kernel.js';
import type { Border, Channels, Output, ResolvedOptions } from './options.js';

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
  readonly outside: readonly [number, number, number, number];
}

export interface Plan {
  /** `direct`: one 2D pass; `separable`: 1D passes through float32 intermediates. */
  readonly kind: 'direct' | 'separable';
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
  /** Texture reads of the image or an intermediate per output pixel, the plan's cost. */
  readonly reads: number;
}

/** Turns a kernel and options into a plan (here: one 2D pass). */
export function makePlan(kernel: Kernel, options: ResolvedOptions): Plan {
  const oriented = options.mode === 'convolve' ? kernel.flipped() : kernel;
  const integer = oriented.integerForm();
  const pass: PlanPass = {
    cols: oriented.cols,
    rows: oriented.rows,
    anchorX: oriented.anchorX,
    anchorY: oriented.anchorY,
    weights: integer ? integer.integers : oriented.weights,
    input: 'image',
    start: null,
    outside: float32Tuple(options.borderValue),
  };
  return Object.freeze({
    kind: 'direct',
    channels: options.channels,
    border: options.border,
    output: options.output,
    passes: Object.freeze([Object.freeze(pass)]),
    unit: integer ? integer.unit : 1,
    scale: Math.fround(options.scale),
    delta: Math.fround(options.delta),
    reads: oriented.cols * oriented.rows,
  });
}

/**
 * The definition itself, for checks against exact arithmetic: the kernel's
 * float32 weights in one direct pass, with scale and delta as given (not
 * rounded to float32). Executed in float64 it is what OpenCV computes.
 */
export function referencePlan(kernel: Kernel, options: ResolvedOptions): Plan {
  const oriented = options.mode === 'convolve' ? kernel.flipped() : kernel;
  const plan = makePlan(oriented, { ...options, mode: 'correlate' });
  const pass = { ...plan.passes[0]!, weights: oriented.weights, outside: options.borderValue };
  return Object.freeze({ ...plan, passes: [pass], unit: 1, scale: options.scale, delta: options.delta });
}

function float32Tuple(v: readonly [number, number, number, number]): readonly [number, number, number, number] {
  return Object.freeze([Math.fround(v[0]), Math.fround(v[1]), Math.fround(v[2]), Math.fround(v[3])] as const);
}
