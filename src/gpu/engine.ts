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
import { createContext, offscreenCanvas, rendererName, type GlCanvas } from './context.js';
import { createResources, freeResources, type Resources } from './resources.js';
import { rect, type Rect } from './regions.js';
import { runPipeline } from './runPipeline.js';
import type { ProgramName } from './shaders.js';
import type { GpuImageSource, Size } from './source.js';
import type { RenderTarget } from './targets.js';
import type { Area } from './tiling.js';

export class Engine {
  readonly canvas: GlCanvas;
  readonly gl: WebGL2RenderingContext;
  private resources: Resources | null;
  private disposed = false;

  constructor(canvas: GlCanvas = offscreenCanvas()) {
    this.canvas = canvas;
    this.gl = createContext(canvas);
    this.resources = this.gl.isContextLost() ? null : createResources(this.gl);
    canvas.addEventListener('webglcontextlost', this.onLost as EventListener);
    canvas.addEventListener('webglcontextrestored', this.onRestored);
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
    return this.usable().source.upload(source, this.maxImageSide, area);
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
    return runPipeline(this.gl, this.usable(), pipeline, size);
  }

  /** Reads a target (or a rectangle of it) back: bytes for an 8-bit target, float32 for a float one. */
  read(target: RenderTarget, area: Rect = rect(0, 0, target.width, target.height)): Uint8ClampedArray | Float32Array {
    const data = target.format === 'rgba8' ? new Uint8ClampedArray(area.width * area.height * 4) : new Float32Array(area.width * area.height * 4);
    this.readInto(target, area, data, area.width, 0, 0);
    return data;
  }

  /**
   * Reads `area` of a target into `dest`, an RGBA array `destWidth` pixels
   * wide, at (`x`, `y`): tiles land in place in the whole image's array.
   */
  readInto(target: RenderTarget, area: Rect, dest: Uint8ClampedArray | Float32Array, destWidth: number, x: number, y: number): void {
    this.usable();
    const { gl } = this;
    gl.bindFramebuffer(gl.FRAMEBUFFER, target.info.framebuffer);
    gl.pixelStorei(gl.PACK_ALIGNMENT, 1);
    gl.pixelStorei(gl.PACK_ROW_LENGTH, destWidth);
    gl.pixelStorei(gl.PACK_SKIP_PIXELS, x);
    gl.pixelStorei(gl.PACK_SKIP_ROWS, y);
    gl.readPixels(area.x, area.y, area.width, area.height, gl.RGBA, target.format === 'rgba8' ? gl.UNSIGNED_BYTE : gl.FLOAT, dest);
    gl.pixelStorei(gl.PACK_ROW_LENGTH, 0);
    gl.pixelStorei(gl.PACK_SKIP_PIXELS, 0);
    gl.pixelStorei(gl.PACK_SKIP_ROWS, 0);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    if (gl.isContextLost()) throw new ContextLostError();
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
    this.canvas.removeEventListener('webglcontextlost', this.onLost as EventListener);
    this.canvas.removeEventListener('webglcontextrestored', this.onRestored);
    if (this.resources) freeResources(this.gl, this.resources);
    this.resources = null;
  }

  private usable(): Resources {
    if (this.disposed) throw new DisposedError('this GpuFilter');
    if (!this.resources || this.gl.isContextLost()) throw new ContextLostError();
    return this.resources;
  }

  private readonly onLost = (event: Event): void => {
    // Without preventDefault the browser never restores the context.
    event.preventDefault();
    this.resources = null;
  };

  private readonly onRestored = (): void => {
    if (!this.disposed) this.resources = createResources(this.gl);
  };
}
