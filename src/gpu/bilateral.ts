/**
 * Bilateral filters on the GPU (DESIGN.md section 6), in the reference's
 * float32 order (shaders/bilateral.frag.glsl), with the plan's weight tables
 * as R32F textures: the space weights as a square over the window, the
 * colour weights as one row indexed by the colour distance.
 */
import type { BilateralPlan } from '../nonlinearPlan.js';
import type { Job } from './execute.js';
import type { RenderTarget } from './targets.js';
import { square } from './tiling.js';
import { bitsKey, type Table } from './weights.js';
import { windowPass, type DrawEnd, type WindowInput } from './windowPass.js';

export function bilateralFilter(job: Job, plan: BilateralPlan, input: WindowInput, end: DrawEnd): RenderTarget {
  const { weights } = job.r;
  const spaceKey = weights.contentKey(plan.spaceWeights, () => `space ${plan.radius}:${bitsKey(plan.spaceWeights)}`);
  const colorKey = weights.contentKey(plan.colorWeights, () => `color ${bitsKey(plan.colorWeights)}`);
  const space = weights.table(spaceKey, () => spaceTable(plan));
  const color = weights.table(colorKey, () => ({ channels: 1, width: plan.colorWeights.length, height: 1, data: plan.colorWeights }));
  const gray = job.pipeline.channels === 'gray';
  const draw = {
    file: 'bilateral.frag.glsl',
    // Gray lanes are pixels, each with its own distance; colour pixels sum the distance over their channels.
    parts: [
      {
        defines: gray ? [] : [`CHANNELS ${job.pipeline.channels === 'rgb' ? 3 : 4}`],
        uniforms: { u_radius: plan.radius, u_space: space, u_color: color },
      },
    ],
    reach: square(plan.radius),
    border: plan.border,
    outside: plan.outside,
    // A sample and a space weight per tap, and a colour weight per pixel.
    reads: plan.reads * (gray ? 6 : 3),
  } as const;
  return windowPass(job, input, draw, end);
}

/** The space weights on the window's square, `(2r + 1)^2`, at (dx + r, dy + r); 0 off the disc, where no tap reads. */
function spaceTable({ radius, offsets, spaceWeights }: BilateralPlan): Table {
  const side = 2 * radius + 1;
  const data = new Float32Array(side * side);
  spaceWeights.forEach((w, k) => (data[(offsets[2 * k + 1]! + radius) * side + offsets[2 * k]! + radius] = w));
  return { channels: 1, width: side, height: side, data };
}
