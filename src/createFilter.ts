/**
 * `createFilter`: one entry point that runs on the GPU where WebGL2 can do
 * the work and falls back to the CPU reference (with a one-time warning)
 * where it cannot, or fails clearly when the caller asked for the GPU only.
 */
import { CpuFilter } from './cpu/filter.js';
import { OptionError, WebGLUnavailableError, describe } from './errors.js';
import { GpuFilter, type GpuFilterOptions } from './gpu/gpuFilter.js';
import type { GpuImageSource } from './gpu/source.js';
import { SourcePixels } from './gpu/sourcePixels.js';
import type { KernelLike } from './kernelSpec.js';
import { oneOf, type FilterOptions } from './options.js';
import type { PipelineInput } from './pipeline.js';
import type { ByteData, ByteOutput, FilterResult, FloatData, FloatOutput, PipelineResult } from './result.js';

export const BACKENDS = ['auto', 'gpu', 'cpu'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface CreateFilterOptions extends GpuFilterOptions {
  /**
   * `gpu`: WebGL2 only (throws WebGLUnavailableError without it); `cpu`: the
   * CPU reference; `auto`: the GPU, else the CPU with a one-time warning.
   * @defaultValue 'auto'
   */
  backend?: Backend;
}

/** Filtering on whichever backend runs here; the same results either way (bit-exact on float32 GPUs). */
export interface ImageFilter {
  readonly backend: 'gpu' | 'cpu';
  filter(image: GpuImageSource, kernel: KernelLike, options: FilterOptions & FloatOutput): FilterResult<FloatData>;
  filter(image: GpuImageSource, kernel: KernelLike, options?: FilterOptions & ByteOutput): FilterResult<ByteData>;
  filter(image: GpuImageSource, kernel: KernelLike, options?: FilterOptions): FilterResult;
  pipeline(image: GpuImageSource, root: PipelineInput, options: FilterOptions & FloatOutput): PipelineResult<FloatData>;
  pipeline(image: GpuImageSource, root: PipelineInput, options?: FilterOptions & ByteOutput): PipelineResult<ByteData>;
  pipeline(image: GpuImageSource, root: PipelineInput, options?: FilterOptions): PipelineResult;
  /** Frees what the backend holds. Idempotent. */
  dispose(): void;
}

let warned = false;

export function createFilter(options: CreateFilterOptions = {}): ImageFilter {
  if (options === null || typeof options !== 'object') throw new OptionError(`createFilter options must be an object; got ${describe(options)}.`);
  const { backend: given = 'auto', ...gpuOptions } = options;
  const backend = oneOf('backend', given, BACKENDS);
  if (backend === 'cpu') return cpuBackend();
  try {
    return gpuBackend(new GpuFilter(gpuOptions));
  } catch (error) {
    if (backend === 'gpu' || !(error instanceof WebGLUnavailableError)) throw error;
    if (!warned) {
      warned = true;
      console.warn(`${error.message} Falling back to the CPU reference: same results, much slower.`);
    }
    return cpuBackend();
  }
}

function gpuBackend(gpu: GpuFilter): ImageFilter {
  return {
    backend: 'gpu',
    filter: ((image, kernel, options) => gpu.filter(image, kernel, options)) as ImageFilter['filter'],
    pipeline: ((image, root, options) => gpu.pipeline(image, root, options)) as ImageFilter['pipeline'],
    dispose: () => gpu.dispose(),
  };
}

/** One CpuFilter for every frame, so frames of one size reuse its planes; dispose lets them go (a later frame starts over). */
function cpuBackend(): ImageFilter {
  const pixels = new SourcePixels();
  let cpu = new CpuFilter();
  return {
    backend: 'cpu',
    filter: ((image, kernel, options) => cpu.filter(pixels.read(image), kernel, options)) as ImageFilter['filter'],
    pipeline: ((image, root, options) => cpu.pipeline(pixels.read(image), root, options)) as ImageFilter['pipeline'],
    dispose: () => {
      pixels.dispose();
      cpu = new CpuFilter();
    },
  };
}
