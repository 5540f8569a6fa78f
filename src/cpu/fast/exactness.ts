/**
 * Why the fast engine may drop the reference's subnormal flush, and where it
 * may drop rounding altogether. The reference rounds with `f32` (float32,
 * subnormals flushed); `Math.fround` is the same rounding without the flush,
 * so the two agree on every value that is not subnormal. This module proves,
 * from a pipeline's constants alone, that no subnormal can occur.
 *
 * The argument: track for every set of values a power of two `quantum` that
 * divides all of them. A product of multiples of qa and qb is a multiple of
 * qa * qb, a sum of multiples of q a multiple of q, and rounding a multiple
 * of q to float32 gives a multiple of q (either the value itself or a point
 * of a coarser grid). So a nonzero value is at least its quantum; when every
 * quantum is at least 2^-126, nothing is ever subnormal. Tracking an upper
 * `bound` of the magnitudes too shows where nothing is rounded at all (every
 * value a multiple of q below 2^24 q): there a pass may sum in any order and
 * skip zero weights, since every order gives the exact sum.
 */
import { MIN_NORMAL_FLOAT32 } from '../../float32.js';
import type { PipelinePlan, PipelineStep } from '../../pipeline.js';
import type { BilateralPlan, MedianPlan, MorphologyPlan } from '../../nonlinearPlan.js';
import { isLinear, type Plan, type PlanPass } from '../../plan.js';

/** Every value is a multiple of `quantum` (a power of two, Infinity for all zeros) and at most `bound` in magnitude (Infinity: unknown). */
export interface ValueSet {
  readonly quantum: number;
  readonly bound: number;
}

/** How each pass of a filter step may be computed: `true` where it is exact (no rounding happens). */
export type PassExactness = readonly boolean[];

/** Per step: the passes' exactness for a filter step, null for a combiner. */
export type Exactness = readonly (PassExactness | null)[];

const SIGNIFICAND = 2 ** 24;
const MAX_FLOAT32 = 3.4028234663852886e38;

/** The source: bytes or luma, integers 0..255. */
const SOURCE: ValueSet = { quantum: 1, bound: 255 };

/**
 * A bilateral filter's results: any float32 from 0 to 255, so nothing
 * downstream can be proven. The filter's own sums are free of subnormals by
 * its tables (DESIGN.md section 6), and the fast engine runs it only on the
 * source, where its input is bytes.
 */
const BILATERAL: ValueSet = { quantum: 2 ** -149, bound: 255 };

/**
 * Proves that `pipeline` never produces a subnormal under float32 rounding,
 * and which passes are exact; null when the proof fails (tiny weights,
 * scales or border values), where only the reference gives the flushed result.
 */
export function proveExactness(pipeline: PipelinePlan): Exactness | null {
  const results: ValueSet[] = [];
  const exactness: (PassExactness | null)[] = [];
  for (const step of pipeline.steps) {
    const proven = proveStep(step, results, pipeline.channels);
    if (!proven) return null;
    results.push(proven.values);
    exactness.push(proven.passes);
  }
  return exactness;
}

function proveStep(
  step: PipelineStep,
  results: readonly ValueSet[],
  channels: PipelinePlan['channels'],
): { values: ValueSet; passes: PassExactness | null } | null {
  if (step.op === 'filter') {
    if (step.plan.kind === 'bilateral') return step.input === 'source' ? { values: BILATERAL, passes: [] } : null;
    const input = step.input === 'source' ? SOURCE : results[step.input]!;
    return provePlan(step.plan, input, channels);
  }
  const a = results[step.a]!;
  const b = results[step.b ?? step.a]!;
  const values =
    step.op === 'abs'
      ? a
      : step.op === 'mix'
        ? sum(times(a, constant(step.wa)), times(b, constant(step.wb)))
        : squareRoot(sum(times(a, a), times(b, b)));
  return values && normal(values) ? { values, passes: null } : null;
}

/** A plan's passes, then its finish `((sum * unit) * scale) + delta`. */
function provePlan(
  plan: Exclude<Plan, BilateralPlan>,
  input: ValueSet,
  channels: PipelinePlan['channels'],
): { values: ValueSet; passes: PassExactness } | null {
  if (!isLinear(plan)) return proveSelection(plan, input, channels);
  const sums: ValueSet[] = [];
  const passes: boolean[] = [];
  for (const pass of plan.passes) {
    const from = pass.input === 'image' ? input : sums[pass.input]!;
    const read = plan.border === 'constant' ? union(from, outsideValues(pass, channels)) : from;
    const acc = accumulate(pass.weights, read, pass.start === null ? null : sums[pass.start]!);
    if (!normal(acc)) return null;
    sums.push(acc);
    passes.push(exact(acc));
  }
  const steps = [times(sums[sums.length - 1]!, constant(plan.unit))];
  steps.push(times(steps[0]!, constant(plan.scale)));
  steps.push(sum(steps[1]!, constant(plan.delta)));
  return steps.every(normal) ? { values: steps[2]!, passes } : null;
}

/**
 * Median and morphology pick values they read (the input, or a border
 * value), and a morphology difference subtracts two of them; then the
 * finish `(v * scale) + delta`. Nothing is summed, so no pass needs proof.
 */
function proveSelection(
  plan: MedianPlan | MorphologyPlan,
  input: ValueSet,
  channels: PipelinePlan['channels'],
): { values: ValueSet; passes: PassExactness } | null {
  const borders = plan.kind === 'median' ? [plan] : plan.passes;
  let picked = plan.border === 'constant' ? borders.map((b) => outsideValues(b, channels)).reduce(union, input) : input;
  if (plan.kind === 'morphology' && plan.difference) picked = sum(picked, picked);
  const scaled = times(picked, constant(plan.scale));
  const finished = sum(scaled, constant(plan.delta));
  return [picked, scaled, finished].every(normal) ? { values: finished, passes: [] } : null;
}

/** The border values a pass reads for the channels filtered (gray reads channel 0). */
function outsideValues(pass: Pick<PlanPass, 'outside'>, channels: PipelinePlan['channels']): ValueSet {
  const used = pass.outside.slice(0, channels === 'gray' ? 1 : channels === 'rgb' ? 3 : 4);
  return used.map(constant).reduce(union);
}

/** A pass's running sums `start + w0 v0 + w1 v1 + ...` in any order: multiples of the smallest product quantum. */
function accumulate(weights: Float32Array, read: ValueSet, start: ValueSet | null): ValueSet {
  let quantum = start ? start.quantum : Infinity;
  let bound = start ? start.bound : 0;
  for (const w of weights) {
    const product = times(read, constant(w));
    quantum = Math.min(quantum, product.quantum);
    bound += product.bound;
  }
  return settle(quantum, bound);
}

function times(a: ValueSet, b: ValueSet): ValueSet {
  return settle(a.quantum * b.quantum, a.bound * b.bound);
}

function sum(a: ValueSet, b: ValueSet): ValueSet {
  return settle(Math.min(a.quantum, b.quantum), a.bound + b.bound);
}

/** A square root of a multiple of q is at least sqrt(q), so a float32 that is a multiple of 2^-24 times that power of two. */
function squareRoot(a: ValueSet): ValueSet {
  const floor = a.quantum === Infinity ? Infinity : 2 ** (Math.floor(Math.log2(Math.sqrt(a.quantum))) - 24);
  return { quantum: floor, bound: Infinity };
}

function union(a: ValueSet, b: ValueSet): ValueSet {
  return { quantum: Math.min(a.quantum, b.quantum), bound: Math.max(a.bound, b.bound) };
}

/** A result's set: its bound stays known only while no value can be rounded (or overflow). */
function settle(quantum: number, bound: number): ValueSet {
  const known = bound <= SIGNIFICAND * quantum && bound <= MAX_FLOAT32;
  return { quantum, bound: known ? bound : Infinity };
}

/** No value of the set can be subnormal. */
function normal(v: ValueSet): boolean {
  return v.quantum >= MIN_NORMAL_FLOAT32;
}

/** Nothing in the set was rounded: sums of it are exact in any order. */
export function exact(v: ValueSet): boolean {
  return v.bound !== Infinity;
}

/** One float32 number as a set (a non-finite one leaves no bound; it never makes a subnormal). */
function constant(x: number): ValueSet {
  if (!Number.isFinite(x)) return { quantum: Infinity, bound: Infinity };
  return { quantum: quantum(x), bound: Math.abs(x) };
}

/** The largest power of two dividing `x` (Infinity for 0). */
export function quantum(x: number): number {
  if (x === 0) return Infinity;
  let q = 1;
  while (Number.isInteger(x / (2 * q))) q *= 2;
  while (!Number.isInteger(x / q)) q /= 2;
  return q;
}
