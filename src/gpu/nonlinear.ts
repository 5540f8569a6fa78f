/**
 * Median, morphology and bilateral plans on the GPU (DESIGN.md section 6),
 * each equal to the CPU reference bit for bit on IEEE float32 renderers.
 */
import type { NonlinearPlan } from '../nonlinearPlan.js';
import { bilateralFilter } from './bilateral.js';
import type { Job } from './execute.js';
import { medianFilter } from './median.js';
import { morphologyFilter } from './morphology.js';
import type { RenderTarget } from './targets.js';
import type { DrawEnd, WindowInput } from './windowPass.js';

/**
 * Runs a nonlinear plan over `input` (the uploaded source, or a float32
 * result: the packed luma for gray) and ends its last draw as `end` says;
 * `bytes` when the input holds bytes (the image or its luma). The caller
 * releases the target.
 */
export function nonlinearFilter(job: Job, plan: NonlinearPlan, input: WindowInput, bytes: boolean, end: DrawEnd): RenderTarget {
  switch (plan.kind) {
    case 'median':
      return medianFilter(job, plan, input, bytes, end);
    case 'morphology':
      return morphologyFilter(job, plan, input, bytes, end);
    case 'bilateral':
      return bilateralFilter(job, plan, input, end);
  }
}
