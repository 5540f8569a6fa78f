/**
 * Median, morphology and bilateral plans on the GPU (DESIGN.md section 6).
 */
import { GpuError } from '../errors.js';
import type { NonlinearPlan } from '../nonlinearPlan.js';
import type { Job } from './execute.js';
import type { RenderTarget } from './targets.js';

/** Runs a nonlinear plan over `input` (the uploaded source, or a float32 result); the caller releases the target. */
export function nonlinearFilter(job: Job, plan: NonlinearPlan, input: RenderTarget | 'source', convert: boolean): RenderTarget {
  throw new GpuError(
    `${plan.kind} is not implemented on the GPU yet (${job.size.width}x${job.size.height}, ${input === 'source' ? 'source' : 'float'}, ${convert}).`,
  );
}
