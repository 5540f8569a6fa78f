/**
 * `createFilter`: one entry point that picks the faster engine here, the GPU
 * where WebGL2 runs on one, the fast CPU engine where it runs in software or
 * not at all (with a one-time warning), or the one the caller asked for.
 * Either way the results are the same.
 */
import { CpuFilter } from './cpu/filter.js';
import { OptionError, WebGLUnavailableError, describe } from './errors.js';
import { GpuFilter, type GpuFilterOptions } from './gpu/gpuFilter.js';
import type { GpuImageSource } from './gpu/source.js';
import { isSoftwareRenderer, probeRenderer } from './gpu/softwareRenderer.js';
import { SourcePixels } from './gpu/sourcePixels.js';
import type { FilterLike } from './filterSpec.js';
import { oneOf, type FilterOptions } from './options.js';
import type { PipelineInput } from './pipeline.js';
import type { ByteData, ByteOutput, FilterResult, FloatData, FloatOutput, PipelineResult } from './result.js';

export const BACKENDS = ['auto', 'gpu', 'cpu'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface CreateFilterOptions extends GpuFilterOptions {
  /**
   * `gpu`: WebGL2 only (throws WebGLUnavailableError without it), on any
   * renderer; `cpu`: the fast CPU engine; `auto`: the GPU where WebGL2 runs
   * on one, the CPU where it runs in software (SwiftShader, llvmpipe, WARP),
   * and the CPU with a one-time warning where there is no WebGL2.
   * @defaultValue 'auto'
   */
  backend?: Backend;
}

/** Why an ImageFilter runs where it does. */
export type BackendReason = 'requested' | 'gpu' | 'software-renderer' | 'no-webgl2';

/** Filtering on whichever backend runs here; the same results either way (bit-exact on float32 GPUs). */
export interface ImageFilter {
  /** The engine every call runs on. */
  readonly backend: 'gpu' | 'cpu';
  /** Why: asked for, a GPU found, a software renderer found (the CPU is faster there), or no WebGL2. */
  readonly reason: BackendReason;
  /** The WebGL2 renderer's name where there is one (also when `auto` chose the CPU over it), else null. */
  readonly renderer: string | null;
  filter(image: GpuImageSource, kernel: FilterLike, options: FilterOptions & FloatOutput): FilterResult<FloatData>;
  filter(image: GpuImageSource, kernel: FilterLike, options?: FilterOptions & ByteOutput): FilterResult<ByteData>;
  filter(image: GpuImageSource, kernel: FilterLike, options?: FilterOptions): FilterResult;
  pipeline(image: GpuImageSource, root: PipelineInput, options: FilterOptions & FloatOutput): PipelineResult<FloatData>;
  pipeline(image: GpuImageSource, root: PipelineInput, options?: FilterOptions & ByteOutput): PipelineResult<ByteData>;
  pipeline(image: GpuImageSource, root: PipelineInput, options?: FilterOptions): PipelineResult;
  /** Frees what the backend holds. Idempotent. */
  dispose(): void;
}

let warned = false;

export function createFilter(options: CreateFilterOptions = {}): ImageFilter {
  if (options === null || typeof options !== 'object')
    throw new OptionError(`createFilter options must be an object; got ${describe(options)}.`);
  const { backend: given = 'auto', ...gpuOptions } = options;
  const backend = oneOf('backend', given, BACKENDS);
  if (backend === 'cpu') return cpuBackend('requested', null);
  if (backend === 'auto') {
    const renderer = probeRenderer();
    if (renderer !== null && isSoftwareRenderer(renderer)) return cpuBackend('software-renderer', renderer);
  }
  try {
    return gpuBackend(new GpuFilter(gpuOptions), backend === 'gpu' ? 'requested' : 'gpu');
  } catch (error) {
    if (backend === 'gpu' || !(error instanceof WebGLUnavailableError)) throw error;
    if (!warned) {
      warned = true;
      console.warn(`${error.message} Falling back to the CPU engine: the same results, without a GPU.`);
    }
    return cpuBackend('no-webgl2', null);
  }
}

function gpuBackend(gpu: GpuFilter, reason: BackendReason): ImageFilter {
  return {
    backend: 'gpu',
    reason,
    renderer: gpu.renderer,
    filter: ((image, kernel, options) => gpu.filter(image, kernel, options)) as ImageFilter['filter'],
    pipeline: ((image, root, options) => gpu.pipeline(image, root, options)) as ImageFilter['pipeline'],
    dispose: () => gpu.dispose(),
  };
}

/** One CpuFilter for every frame, so frames of one size reuse its planes; dispose lets them go (a later frame starts over). */
function cpuBackend(reason: BackendReason, renderer: string | null): ImageFilter {
  const pixels = new SourcePixels();
  let cpu = new CpuFilter();
  return {
    backend: 'cpu',
    reason,
    renderer,
    filter: ((image, kernel, options) => cpu.filter(pixels.read(image), kernel, options)) as ImageFilter['filter'],
    pipeline: ((image, root, options) => cpu.pipeline(pixels.read(image), root, options)) as ImageFilter['pipeline'],
    dispose: () => {
      pixels.dispose();
      cpu = new CpuFilter();
    },
  };
}
