// The parts of src/ that browser tests check inside the page but that are no
// part of the public API (src/index.ts, on window.kernelgl): on window.internals.
export { borderIndex } from '../../src/border.js';
export { displayTransform } from '../../src/gpu/placement.js';
import { executePipeline, executePlan } from '../../src/cpu/execute.js';
import { checkImage, type RgbaImage } from '../../src/image.js';
import { resolveKernel, type KernelLike } from '../../src/kernelSpec.js';
import { resolveOptions, type FilterOptions } from '../../src/options.js';
import { pipelineOf, planPipeline, type PipelineInput } from '../../src/pipeline.js';
import { makePlan } from '../../src/plan.js';

/** The CPU reference's raw float32 result: what `cpuFilter` (the fast engine) and the GPU are both held to. */
export function referenceFloats(image: RgbaImage, kernel: KernelLike, options: FilterOptions): Float32Array<ArrayBuffer> {
  return executePlan(makePlan(resolveKernel(kernel), resolveOptions(options)), checkImage(image), 'float32') as Float32Array<ArrayBuffer>;
}

/** The CPU reference's raw float32 result of a pipeline (a list of filters applied in turn, or a node), as `referenceFloats`. */
export function referencePipelineFloats(image: RgbaImage, root: PipelineInput, options: FilterOptions): Float32Array<ArrayBuffer> {
  return executePipeline(planPipeline(pipelineOf(root), options), checkImage(image), 'float32') as Float32Array<ArrayBuffer>;
}
