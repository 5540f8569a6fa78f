/** `GpuFilter`: filtering and pipelines on the GPU, the engine's public face. */
import { resolveFilter, type FilterLike } from '../filterSpec.js';
import { ImageError, OptionError, describe } from '../errors.js';
import { oneOf, type FilterOptions } from '../options.js';
import { pipelineOf, planPipeline, singleFilter, type PipelineInput, type PipelinePlan } from '../pipeline.js';
import { planFilter } from '../plan.js';
import type { ByteData, ByteOutput, FilterResult, FloatData, FloatOutput, PipelineResult, ResultData } from '../result.js';
import type { FloatFormat, GlCanvas, PrecisionInfo } from './context.js';
import { Engine } from './engine.js';
import { sourceSize, type GpuImageSource } from './source.js';
import type { RenderTarget } from './targets.js';
import { pipelineBorder, pipelineReach, planTiles } from './tiling.js';

export interface GpuFilterOptions {
  /** The canvas whose WebGL2 context the filter uses. @defaultValue a new OffscreenCanvas (or hidden canvas) */
  canvas?: GlCanvas;
  /**
   * Images with a side longer than this are filtered in tiles (with a halo of
   * the kernel's reach, so the result is the same). An integer from 16 to the
   * GPU's MAX_TEXTURE_SIZE.
   * @defaultValue the smaller of 4096 and MAX_TEXTURE_SIZE
   */
  tileSize?: number;
  /**
   * Forces float16 intermediates, as on GPUs without float32 render targets
   * (to test that path); results then differ from the CPU reference.
   * @defaultValue 'float32' where the GPU can render to it, else 'float16'
   */
  intermediates?: FloatFormat;
}

/** Tiles of 4096 pixels keep a float32 target at 256 MB. */
const DEFAULT_TILE_SIZE = 4096;

/**
 * A result that stays on the GPU until read: for chaining your own WebGL
 * work on the same context, or for timing without readback. Release it.
 */
export interface GpuResult {
  readonly width: number;
  readonly height: number;
  readonly pipeline: PipelinePlan;
  /**
   * The RGBA8 (value / 255) or RGBA32F texture in the filter's context; rows
   * top first. For `channels: 'gray'` it is packed: texel x holds the gray
   * values of pixels 4x .. 4x + 3 in its four channels.
   */
  readonly texture: WebGLTexture;
  /** True for the packed gray layout. */
  readonly packed: boolean;
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
  private readonly tileSize: number;

  constructor(options: GpuFilterOptions = {}) {
    checkOptionNames(options, ['canvas', 'tileSize', 'intermediates']);
    const intermediates =
      options.intermediates === undefined ? undefined : oneOf('intermediates', options.intermediates, ['float32', 'float16'] as const);
    this.engine = new Engine(options.canvas, { intermediates });
    const max = this.engine.maxImageSide;
    this.tileSize = options.tileSize === undefined ? Math.min(DEFAULT_TILE_SIZE, max) : checkTileSize(options.tileSize, max);
  }

  /** The renderer's name, e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device ...))". */
  get renderer(): string {
    return this.engine.renderer;
  }

  /**
   * The precision in use: float32 or float16 intermediates, the fragment
   * shaders' float bits, and whether DESIGN's parity bounds hold (`exact`).
   */
  get precision(): PrecisionInfo {
    return this.engine.precision;
  }

  /** The largest image side this GPU filters. */
  get maxImageSide(): number {
    return this.engine.maxImageSide;
  }

  /**
   * Filters `image` with `kernel`. The result equals `cpuFilter` with the same
   * arguments bit for bit on IEEE float32 GPUs (see DESIGN parity bounds).
   */
  filter(image: GpuImageSource, kernel: FilterLike, options: FilterOptions & FloatOutput): FilterResult<FloatData>;
  filter(image: GpuImageSource, kernel: FilterLike, options?: FilterOptions & ByteOutput): FilterResult<ByteData>;
  filter(image: GpuImageSource, kernel: FilterLike, options?: FilterOptions): FilterResult;
  filter(image: GpuImageSource, kernel: FilterLike, options: FilterOptions = {}): FilterResult {
    const plan = planFilter(resolveFilter(kernel), options);
    const { width, height, data } = this.execute(image, singleFilter(plan));
    return { width, height, data, plan };
  }

  /**
   * Runs a pipeline (a node built with `filter`, `magnitude`, `abs`, `mix`,
   * or a list of kernels applied in turn) with float32 intermediates kept on
   * the GPU and one readback at the end. Equals `cpuPipeline` bit for bit.
   */
  pipeline(image: GpuImageSource, root: PipelineInput, options: FilterOptions & FloatOutput): PipelineResult<FloatData>;
  pipeline(image: GpuImageSource, root: PipelineInput, options?: FilterOptions & ByteOutput): PipelineResult<ByteData>;
  pipeline(image: GpuImageSource, root: PipelineInput, options?: FilterOptions): PipelineResult;
  pipeline(image: GpuImageSource, root: PipelineInput, options: FilterOptions = {}): PipelineResult {
    return this.execute(image, planPipeline(pipelineOf(root), options));
  }

  /** Like `pipeline` (or `filter`, given a kernel list of one), but the result stays on the GPU (see GpuResult). */
  render(image: GpuImageSource, root: PipelineInput, options: FilterOptions = {}): GpuResult {
    return this.renderPlan(image, planPipeline(pipelineOf(root), options));
  }

  /** Frees the WebGL resources. Idempotent; later calls throw. */
  dispose(): void {
    this.engine.dispose();
  }

  private execute(image: GpuImageSource, pipeline: PipelinePlan): PipelineResult {
    const { width, height } = sourceSize(image);
    if (width <= this.tileSize && height <= this.tileSize) return this.readOnce(this.renderPlan(image, pipeline));
    const tiles = planTiles(width, height, pipelineReach(pipeline), this.tileSize, pipelineBorder(pipeline));
    const data = pipeline.output === 'float' ? new Float32Array(width * height * 4) : new Uint8ClampedArray(width * height * 4);
    for (const { input, output } of tiles) {
      const target = this.engine.runPipeline(pipeline, this.engine.upload(image, input));
      try {
        const inTile = { x: output.x - input.x, y: output.y - input.y, width: output.width, height: output.height };
        this.engine.readInto(target, inTile, data, width, output.x, output.y);
      } finally {
        this.engine.release(target);
      }
    }
    return { width, height, data, pipeline };
  }

  private renderPlan(image: GpuImageSource, pipeline: PipelinePlan): GpuResult {
    const { width, height } = sourceSize(image);
    if (width > this.tileSize || height > this.tileSize) {
      throw new ImageError(
        `a ${width}x${height} image does not fit in one ${this.tileSize}-pixel texture, so it cannot stay on the GPU; filter() and pipeline() take it in tiles.`,
      );
    }
    const size = this.engine.upload(image);
    return this.result(this.engine.runPipeline(pipeline, size), pipeline);
  }

  private result(target: RenderTarget, pipeline: PipelinePlan): GpuResult {
    let held = true;
    const { engine } = this;
    return {
      width: target.imageWidth,
      packed: target.packed,
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

function checkOptionNames(options: object, names: readonly string[]): void {
  const unknown = Object.keys(options).find((name) => !names.includes(name));
  if (unknown !== undefined) throw new OptionError(`unknown GpuFilter option ${describe(unknown)}; valid options: ${names.join(', ')}.`);
}

function checkTileSize(size: unknown, max: number): number {
  if (Number.isInteger(size) && (size as number) >= 16 && (size as number) <= max) return size as number;
  throw new OptionError(`tileSize must be an integer from 16 to ${max} (this GPU's MAX_TEXTURE_SIZE); got ${describe(size)}.`);
}
