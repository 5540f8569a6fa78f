/**
 * Median filters on the GPU (DESIGN.md section 6): small windows select in
 * registers (shaders/median-select.frag.glsl), larger ones search the
 * values' order by counting (shaders/median-count.frag.glsl). Both select a
 * sample, so both give the CPU reference's bits. Bytes (the image or its
 * luma, with a byte border value) are ordered as they are; float32 results
 * of earlier steps, or a border value that is no byte, as IEEE keys.
 */
import type { MedianPlan } from '../nonlinearPlan.js';
import type { Job } from './execute.js';
import type { RenderTarget } from './targets.js';
import { square } from './tiling.js';
import { isByte } from '../image.js';
import { windowPass, type DrawEnd, type WindowInput } from './windowPass.js';

/**
 * Windows up to this side select in registers; larger ones count. On
 * SwiftShader, 640x480 RGB, one run alternating, selecting against counting:
 * 3x3 18 against 460 ms, 5x5 74 against 983, 7x7 223 against 1640 (reads
 * in a loop cost far more there than exchanges in registers).
 */
const MAX_SELECT_SIZE = 7;

/** Rounds of the counting search at most (16 buckets a round): over bytes, or over float32 keys. */
const BYTE_ROUNDS = 2;
const KEY_ROUNDS = 8;

/** `bytes`: the input holds bytes (the image, or its luma). */
export function medianFilter(job: Job, plan: MedianPlan, input: WindowInput, bytes: boolean, end: DrawEnd): RenderTarget {
  const byteValues = bytes && (plan.border !== 'constant' || plan.outside.every(isByte));
  const select = plan.size <= MAX_SELECT_SIZE;
  const taps = plan.size ** 2;
  const shape = select ? { defines: [`SIZE ${plan.size}`], uniforms: {} } : { defines: [], uniforms: { u_size: plan.size } };
  const draw = {
    file: select ? 'median-select.frag.glsl' : 'median-count.frag.glsl',
    parts: [shape, { defines: byteValues ? ['BYTES'] : [], uniforms: {} }],
    reach: square(plan.size >> 1),
    border: plan.border,
    outside: plan.outside,
    reads: select ? taps : taps * (byteValues ? BYTE_ROUNDS : KEY_ROUNDS),
  } as const;
  return windowPass(job, input, draw, end);
}
