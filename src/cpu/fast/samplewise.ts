/**
 * The per-sample steps, in the reference's float32 order: a plan's finish
 * `((sum * unit) * scale) + delta` (by the loops) and the pipeline
 * combiners (here: pipelines are rarer than plans). As in pass.ts,
 * `Math.fround` stands for `f32` because exactness.ts has ruled out subnormals.
 */
import type { PipelineStep } from '../../pipeline.js';
import type { LinearPlan } from '../../plan.js';
import { f32, MIN_NORMAL_FLOAT32 } from '../../float32.js';
import type { Finish, Loops } from './loops.js';

type Combiner = Exclude<PipelineStep, { op: 'filter' }>;

/**
 * Finishes a plan's last sums in place. With unit 1, scale 1 and delta 0 the
 * finish is the identity: only `-0 + 0` would change a value, and a running
 * sum that starts at +0 never becomes -0 when nothing is flushed.
 */
export function finish(plan: LinearPlan, plane: Float32Array, loops: Loops): void {
  if (plan.unit === 1 && plan.scale === 1 && plan.delta === 0) return;
  loops.finish(plane, plan);
}

/**
 * A median, morphology or bilateral plan's finish `((v * 1) * scale) + delta`
 * in place, with the reference's own `f32`: no proof covers their values
 * (picked from the input, or a bilateral quotient), so they may be
 * subnormal (and -0 becomes +0).
 */
export function finishNonlinear({ scale, delta }: Omit<Finish, 'unit'>, plane: Float32Array): void {
  if (scale === 1 && delta === 0) {
    // What the finish does then: -0 and subnormals become +0.
    for (let p = 0; p < plane.length; p++) if (Math.abs(plane[p]!) < MIN_NORMAL_FLOAT32) plane[p] = 0;
    return;
  }
  for (let p = 0; p < plane.length; p++) plane[p] = f32(f32(f32(plane[p]!) * scale) + delta);
}

/** `mix`, `magnitude` or `abs` of one channel's planes into `out`. */
export function combine(step: Combiner, a: Float32Array, b: Float32Array, out: Float32Array): void {
  const fround = Math.fround;
  const n = out.length;
  if (step.op === 'abs') {
    for (let p = 0; p < n; p++) out[p] = Math.abs(a[p]!);
  } else if (step.op === 'mix') {
    const { wa, wb } = step;
    for (let p = 0; p < n; p++) out[p] = fround(fround(a[p]! * wa) + fround(b[p]! * wb));
  } else {
    for (let p = 0; p < n; p++) out[p] = fround(Math.sqrt(fround(fround(a[p]! * a[p]!) + fround(b[p]! * b[p]!))));
  }
}
