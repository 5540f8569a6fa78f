/** `GpuFilter`: filtering and pipelines on the GPU, the engine's public face. */
import { resolveKernel, type KernelLike } from '../kernelSpec.js';
import { resolveOptions, type FilterOptions } from '../options.js';
import { pipelineOf, planPipeline, singleFilter, type PipelineInput, type PipelinePlan } from '../pipeline.js';
import { makePlan } from '../plan.js';
import type { FilterResult, PipelineResult, ResultData } from '../result.js';
import type { GlCanvas } from './context.js';
import { Engine } from './engine.js';
import type { GpuImageSource } from './source.js';
import type { RenderTarget } from './targets.js';

export interface GpuFilterOptions {
  /** The canvas whose WebGL2 context the filter uses. @defaultValue a new OffscreenCanvas (or hidden canvas) */
  canvas?: GlCanvas;
}

/**
 * A result that stays on the GPU until read: for chaining your own WebGL
 * work on the same context, or for timing without readback. Release it.
 */
export interface GpuResult {
  readonly width: number;
  readonly height: number;
  readonly pipeline: PipelinePlan;
  /** The RGBA8 (value / 255) or RGBA32F texture in the filter's context; rows top first. */
  readonly texture: WebGLTexture;
  /** Reads the whole result back (as `filter` returns it). */
  read(): ResultData;
  /** Blocks until the GPU has finished computing this result (one pixel is read back), for timing. */
  sync(): void;
  /** Gives the texture back to the filter's pool. Idempotent. */
  release(): void;
}

/**
 * Filters images on the GPU (WebGL2) and reads the results back. One
 * instance owns one WebGL2 context and its resources; reuse it for many
 * images, and call `dispose()` when done.
 *
 * ```ts
 * const gpu = new GpuFilter();
 * const edges = gpu.filter(imageData, 'sobel_x', { output: 'abs' });
 * gpu.dispose();
 * ```
 */
export class GpuFilter {
  private readonly engine: Engine;

  constructor(options: GpuFilterOptions = {}) {
    this.engine = new Engine(options.canvas);
  }

  /** The renderer's name, e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device ...))". */
  get renderer(): string {
    return this.engine.renderer;
  }

  /** The largest image side this GPU filters. */
  get maxImageSide(): number {
    return this.engine.maxImageSide;
  }

  /**
   * Filters `image` with `kernel`. The result equals `cpuFilter` with the same
   * arguments bit for bit on IEEE float32 GPUs (see DESIGN parity bounds).
   */
  filter(image: GpuImageSource, kernel: KernelLike, options: FilterOptions & { output: 'float' }): FilterResult<Float32Array>;
  filter(image: GpuImageSource, kernel: KernelLike, options?: FilterOptions & { output?: 'saturate' | 'abs' }): FilterResult<Uint8ClampedArray>;
  filter(image: GpuImageSource, kernel: KernelLike, options?: FilterOptions): FilterResult;
  filter(image: GpuImageSource, kernel: KernelLike, options: FilterOptions = {}): FilterResult {
    const plan = makePlan(resolveKernel(kernel), resolveOptions(options));
    const { width, height, data } = this.readOnce(this.renderPlan(image, singleFilter(plan)));
    return { width, height, data, plan };
  }

  /**
   * Runs a pipeline (a node built with `filter`, `magnitude`, `abs`, `mix`,
   * or a list of kernels applied in turn) with float32 intermediates kept on
   * the GPU and one readback at the end. Equals `cpuPipeline` bit for bit.
   */
  pipeline(image: GpuImageSource, root: PipelineInput, options: FilterOptions = {}): PipelineResult {
    return this.readOnce(this.render(image, root, options));
  }

  /** Like `pipeline` (or `filter`, given a kernel list of one), but the result stays on the GPU (see GpuResult). */
  render(image: GpuImageSource, root: PipelineInput, options: FilterOptions = {}): GpuResult {
    return this.renderPlan(image, planPipeline(pipelineOf(root), options));
  }

  /** Frees the WebGL resources. Idempotent; later calls throw. */
  dispose(): void {
    this.engine.dispose();
  }

  private renderPlan(image: GpuImageSource, pipeline: PipelinePlan): GpuResult {
    const size = this.engine.upload(image);
    return this.result(this.engine.runPipeline(pipeline, size), pipeline);
  }

  private result(target: RenderTarget, pipeline: PipelinePlan): GpuResult {
    let held = true;
    const { engine } = this;
    return {
      width: target.width,
      height: target.height,
      pipeline,
      texture: target.texture,
      read: () => engine.read(target),
      sync: () => void engine.read(target, { x: 0, y: 0, width: 1, height: 1 }),
      release: () => {
        if (held) engine.release(target);
        held = false;
      },
    };
  }

  private readOnce(result: GpuResult): PipelineResult {
    try {
      return { width: result.width, height: result.height, data: result.read(), pipeline: result.pipeline };
    } finally {
      result.release();
    }
  }
}
