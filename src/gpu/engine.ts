/**
 * Engine: the WebGL2 context and the resources that execute plans, owned in
 * one place. It uploads a source, runs a plan into pooled targets and reads
 * results back. Every object it makes is freed by `dispose()`; after a lost
 * context it rebuilds everything on restore.
 */
import { ContextLostError, DisposedError } from '../errors.js';
import type { ProgramInfo } from 'twgl.js';
import { singleFilter, type PipelinePlan } from '../pipeline.js';
import type { Plan } from '../plan.js';
import {
  createContext,
  enablePrecision,
  offscreenCanvas,
  rendererName,
  type FloatFormat,
  type GlCanvas,
  type PrecisionInfo,
} from './context.js';
import { executePipeline } from './execute.js';
import { createResources, freeResources, type Resources } from './resources.js';
import { readArea, type Pixels } from './readback.js';
import { rect, type Rect } from './regions.js';
import type { ProgramName } from './shaders.js';
import type { GpuImageSource, Size } from './source.js';
import type { RenderTarget } from './targets.js';
import type { Area } from './tiling.js';

export interface EngineOptions {
  /** Forces float16 intermediates (to test the half-float path). @defaultValue the most precise the GPU renders to */
  intermediates?: FloatFormat;
  /** What owns the engine, for errors after dispose. @defaultValue 'GpuFilter' */
  owner?: string;
  /**
   * The canvas is shown: keep its drawing buffer after compositing, so a
   * capture outside the frame callback (drawImage, toBlob) gets the frame
   * shown rather than a blank one. @defaultValue false
   */
  display?: boolean;
}

export class Engine {
  readonly canvas: GlCanvas;
  readonly gl: WebGL2RenderingContext;
  private resources: Resources | null = null;
  private info: PrecisionInfo | null = null;
  private disposed = false;

  constructor(
    canvas: GlCanvas = offscreenCanvas(),
    private readonly options: EngineOptions = {},
  ) {
    this.canvas = canvas;
    this.gl = createContext(canvas, options.display);
    if (!this.gl.isContextLost()) this.build();
    canvas.addEventListener('webglcontextlost', this.onLost);
    canvas.addEventListener('webglcontextrestored', this.onRestored);
  }

  /** The precision in use (see PrecisionInfo); probed again after a context restore. */
  get precision(): PrecisionInfo {
    if (!this.info) throw new ContextLostError();
    return this.info;
  }

  /** The GPU's name, for reports. */
  get renderer(): string {
    return rendererName(this.gl);
  }

  /** The largest image side the GPU takes in one texture. */
  get maxImageSide(): number {
    return this.gl.getParameter(this.gl.MAX_TEXTURE_SIZE) as number;
  }

  /** True while the context is lost (work throws ContextLostError until it is restored). */
  get contextLost(): boolean {
    return this.resources === null || this.gl.isContextLost();
  }

  /** Uploads the image (or a tile of it) that the next `run` filters. */
  upload(source: GpuImageSource, area?: Area): Size {
    return this.guard(() => this.usable().source.upload(source, this.maxImageSide, area));
  }

  /**
   * Runs `plan` over the uploaded image and returns the target holding the
   * result; the caller gives it back with `release` when done with it.
   */
  run(plan: Plan, size: Size): RenderTarget {
    return this.runPipeline(singleFilter(plan), size);
  }

  /** Runs a pipeline's steps over the uploaded image, with no readback in between; as `run`. */
  runPipeline(pipeline: PipelinePlan, size: Size): RenderTarget {
    return this.guard(() => executePipeline(this.gl, this.usable(), pipeline, size));
  }

  /** Reads a target (or an area of its image) back as RGBA: bytes for an 8-bit target, float32 for a float one. */
  read(target: RenderTarget, area: Rect = rect(0, 0, target.imageWidth, target.height)): Pixels {
    const data =
      target.format === 'rgba8' ? new Uint8ClampedArray(area.width * area.height * 4) : new Float32Array(area.width * area.height * 4);
    this.readInto(target, area, data, area.width, 0, 0);
    return data;
  }

  /**
   * Reads `area` of a target's image into `dest`, an RGBA array `destWidth`
   * pixels wide, at (`x`, `y`): tiles land in place in the whole image's array.
   */
  readInto(target: RenderTarget, area: Rect, dest: Pixels, destWidth: number, x: number, y: number): void {
    this.usable();
    readArea(this.gl, target, area, dest, destWidth, x, y);
    if (this.gl.isContextLost()) throw new ContextLostError();
  }

  /** One of the engine's compiled programs, for passes drawn outside `run` (the presenter's). */
  program(name: ProgramName): ProgramInfo {
    return this.usable().programs[name];
  }

  /** Gives a target from `run` back to the pool. */
  release(target: RenderTarget): void {
    this.resources?.targets.release(target);
  }

  /** Frees every WebGL object the engine made. Idempotent; later use throws. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.canvas.removeEventListener('webglcontextlost', this.onLost);
    this.canvas.removeEventListener('webglcontextrestored', this.onRestored);
    if (this.resources) freeResources(this.gl, this.resources);
    this.resources = null;
  }

  private build(): void {
    this.info = enablePrecision(this.gl, this.options.intermediates);
    this.resources = createResources(this.gl, this.info.intermediates);
  }

  /** Runs `work`; whatever fails because the context was lost meanwhile fails as a ContextLostError. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw this.gl.isContextLost() && !(error instanceof DisposedError) ? new ContextLostError() : error;
    }
  }

  private usable(): Resources {
    if (this.disposed) throw new DisposedError(`this ${this.options.owner ?? 'GpuFilter'}`);
    if (!this.resources || this.gl.isContextLost()) throw new ContextLostError();
    return this.resources;
  }

  private readonly onLost = (event: Event): void => {
    // Without preventDefault the browser never restores the context.
    event.preventDefault();
    this.resources = null;
  };

  private readonly onRestored = (): void => {
    if (!this.disposed) this.build();
  };
}
