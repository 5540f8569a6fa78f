/** `GpuFilter`: filtering on the GPU with results read back, the engine's public face. */
import { resolveKernel, type KernelLike } from '../kernelSpec.js';
import { resolveOptions, type FilterOptions } from '../options.js';
import { makePlan } from '../plan.js';
import type { FilterResult } from '../result.js';
import type { GlCanvas } from './context.js';
import { Engine } from './engine.js';
import type { GpuImageSource } from './source.js';

export interface GpuFilterOptions {
  /** The canvas whose WebGL2 context the filter uses. @defaultValue a new OffscreenCanvas (or hidden canvas) */
  canvas?: GlCanvas;
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
    const size = this.engine.upload(image);
    const target = this.engine.run(plan, size);
    try {
      return { width: size.width, height: size.height, data: this.engine.read(target), plan };
    } finally {
      this.engine.release(target);
    }
  }

  /** Frees the WebGL resources. Idempotent; later calls to `filter` throw. */
  dispose(): void {
    this.engine.dispose();
  }
}
