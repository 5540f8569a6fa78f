/** `cpuFilter`: the public face of the CPU reference. */
import { checkImage, type RgbaImage } from '../image.js';
import { resolveKernel, type KernelLike } from '../kernelSpec.js';
import { oneOf, resolveOptions, type FilterOptions } from '../options.js';
import { toOutput } from '../output.js';
import { makePlan, referencePlan } from '../plan.js';
import type { FilterResult } from '../result.js';
import { executePlan, type Precision } from './execute.js';

export interface CpuFilterOptions extends FilterOptions {
  /**
   * `float32` executes the plan exactly as the GPU does (bit-exact parity);
   * `float64` computes the definition in double precision, as OpenCV does.
   * @defaultValue 'float32'
   */
  precision?: Precision;
}

/**
 * Filters `image` with `kernel` on the CPU. The result is the reference the
 * GPU is held to: with the default `precision: 'float32'` it is bit-identical
 * to `GpuFilter.filter` on an IEEE float32 GPU.
 */
export function cpuFilter(image: RgbaImage, kernel: KernelLike, options: CpuFilterOptions & { output: 'float' }): FilterResult<Float32Array>;
export function cpuFilter(image: RgbaImage, kernel: KernelLike, options?: CpuFilterOptions & { output?: 'saturate' | 'abs' }): FilterResult<Uint8ClampedArray>;
export function cpuFilter(image: RgbaImage, kernel: KernelLike, options?: CpuFilterOptions): FilterResult;
export function cpuFilter(image: RgbaImage, kernel: KernelLike, options: CpuFilterOptions = {}): FilterResult {
  const { precision: given = 'float32', ...filterOptions } = options;
  const precision = oneOf<Precision>('precision', given, ['float32', 'float64']);
  const source = checkImage(image);
  const resolved = resolveOptions(filterOptions);
  const k = resolveKernel(kernel);
  const plan = precision === 'float64' ? referencePlan(k, resolved) : makePlan(k, resolved);
  const raw = executePlan(plan, source, precision);
  return { width: source.width, height: source.height, data: toOutput(raw, plan.output), plan };
}
