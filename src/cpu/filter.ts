/**
 * `cpuFilter` and `cpuPipeline`: the public face of the CPU reference. In
 * float32 they run the fast engine (fast/engine.ts), which returns the
 * reference's results bit for bit; float64 runs the reference's own loops.
 */
import { checkImage, type RgbaImage } from '../image.js';
import { resolveFilter, type FilterLike } from '../filterSpec.js';
import { Kernel } from '../kernel.js';
import { oneOf, resolveOptions, type FilterOptions } from '../options.js';
import { toOutput } from '../output.js';
import { pipelineOf, planPipeline, singleFilter, type PipelineInput, type PipelinePlan } from '../pipeline.js';
import { planFilter, referencePlan } from '../plan.js';
import type { ByteData, ByteOutput, FilterResult, FloatData, FloatOutput, PipelineResult, ResultData } from '../result.js';
import { executePipeline, type Precision } from './execute.js';
import { FastCpu } from './fast/engine.js';

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
export function cpuFilter(image: RgbaImage, kernel: FilterLike, options: CpuFilterOptions & FloatOutput): FilterResult<FloatData>;
export function cpuFilter(image: RgbaImage, kernel: FilterLike, options?: CpuFilterOptions & ByteOutput): FilterResult<ByteData>;
export function cpuFilter(image: RgbaImage, kernel: FilterLike, options?: CpuFilterOptions): FilterResult;
export function cpuFilter(image: RgbaImage, kernel: FilterLike, options: CpuFilterOptions = {}): FilterResult {
  return shared().filter(image, kernel, options);
}

/**
 * Runs a pipeline (see `filter`, `magnitude`, `mix` in pipeline.ts) on the
 * CPU: the reference for `GpuFilter.pipeline`, bit-identical in float32.
 */
export function cpuPipeline(image: RgbaImage, root: PipelineInput, options: CpuFilterOptions & FloatOutput): PipelineResult<FloatData>;
export function cpuPipeline(image: RgbaImage, root: PipelineInput, options?: CpuFilterOptions & ByteOutput): PipelineResult<ByteData>;
export function cpuPipeline(image: RgbaImage, root: PipelineInput, options?: CpuFilterOptions): PipelineResult;
export function cpuPipeline(image: RgbaImage, root: PipelineInput, options: CpuFilterOptions = {}): PipelineResult {
  return shared().pipeline(image, root, options);
}

let sharedFilter: CpuFilter | null = null;

/**
 * The engine the functions share, made on first use: a new one per call
 * would set up its WebAssembly memory every time, which costs more than a
 * small frame's filtering. It keeps at most about twice the last frame's
 * planes (FastCpu gives memory back when frames shrink to under half).
 */
function shared(): CpuFilter {
  sharedFilter ??= new CpuFilter();
  return sharedFilter;
}

/**
 * `cpuFilter` and `cpuPipeline` with one fast engine kept between calls:
 * frames of one size reuse its planes (createFilter's CPU backend holds one).
 */
export class CpuFilter {
  readonly #engine = new FastCpu();

  filter(image: RgbaImage, kernel: FilterLike, options: CpuFilterOptions = {}): FilterResult {
    const [precision, filterOptions] = splitPrecision(options);
    const source = checkImage(image);
    const k = resolveFilter(kernel);
    const plan =
      precision === 'float64' && k instanceof Kernel ? referencePlan(k, resolveOptions(filterOptions)) : planFilter(k, filterOptions);
    return { width: source.width, height: source.height, data: this.#execute(singleFilter(plan), source, precision), plan };
  }

  pipeline(image: RgbaImage, root: PipelineInput, options: CpuFilterOptions = {}): PipelineResult {
    const [precision, filterOptions] = splitPrecision(options);
    const source = checkImage(image);
    const pipeline = planPipeline(pipelineOf(root), filterOptions);
    return { width: source.width, height: source.height, data: this.#execute(pipeline, source, precision), pipeline };
  }

  #execute(pipeline: PipelinePlan, source: RgbaImage, precision: Precision): ResultData {
    if (precision === 'float32') return this.#engine.executeToOutput(pipeline, source);
    return toOutput(executePipeline(pipeline, source, precision), pipeline.output);
  }
}

function splitPrecision(options: CpuFilterOptions): [Precision, FilterOptions] {
  // Options that are not an object (null, a string, an array) go on whole, for resolveOptions to refuse with an OptionError.
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return ['float32', options];
  const { precision = 'float32', ...rest } = options;
  return [oneOf<Precision>('precision', precision, ['float32', 'float64']), rest];
}
