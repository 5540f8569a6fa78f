/**
 * Engine: the WebGL2 resources that execute plans, owned in one place. It
 * uploads a source, runs a plan's passes into pooled targets and reads
 * results back. Every object it makes is freed by `dispose()`; after a lost
 * context it rebuilds everything on restore.
 */
import * as twgl from 'twgl.js';
import { ContextLostError, DisposedError } from '../errors.js';
import type { Plan } from '../plan.js';
import { createContext, offscreenCanvas, rendererName, type GlCanvas } from './context.js';
import { createPrograms, deletePrograms, type Programs } from './programs.js';
import type { ProgramName } from './shaders.js';
import { SourceTexture, setNearestClamp, type GpuImageSource, type Size } from './source.js';
import { TargetPool, type RenderTarget } from './targets.js';
import { WeightTextures } from './weights.js';

const BORDER_CODES = { replicate: 0, reflect: 1, reflect101: 2, wrap: 3, constant: 4 } as const;
const CHANNEL_CODES = { rgb: 0, rgba: 1, gray: 2 } as const;
const OUTPUT_CODES = { saturate: 0, abs: 1, float: 2 } as const;

/** Everything that lives in the context; rebuilt as a whole after a context loss. */
interface Resources {
  readonly programs: Programs;
  readonly source: SourceTexture;
  readonly weights: WeightTextures;
  readonly targets: TargetPool;
  /** Bound to `u_start` when a pass starts from 0, so no sampler is left unbound. */
  readonly zero: WebGLTexture;
}

export class Engine {
  readonly canvas: GlCanvas;
  readonly gl: WebGL2RenderingContext;
  private resources: Resources | null;
  private disposed = false;

  constructor(canvas: GlCanvas = offscreenCanvas()) {
    this.canvas = canvas;
    this.gl = createContext(canvas);
    this.resources = this.gl.isContextLost() ? null : this.build();
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

  /** Uploads the image that the next `run` filters. */
  upload(source: GpuImageSource): Size {
    return this.usable().source.upload(source, this.maxImageSide);
  }

  /**
   * Runs `plan` over the uploaded image and returns the target holding the
   * result; the caller gives it back with `release` when done with it.
   */
  run(plan: Plan, size: Size): RenderTarget {
    const r = this.usable();
    const { gl } = this;
    const results: RenderTarget[] = [];
    plan.passes.forEach((pass, k) => {
      const last = k === plan.passes.length - 1;
      const target = r.targets.acquire(size.width, size.height, last && plan.output !== 'float' ? 'rgba8' : 'rgba32f');
      const program = pass.input === 'image' ? r.programs.convolveImage : r.programs.convolveFloat;
      twgl.bindFramebufferInfo(gl, target.info);
      gl.useProgram(program.program);
      twgl.setUniforms(program, {
        u_image: r.source.handle,
        u_input: pass.input === 'image' ? null : results[pass.input]!.texture,
        u_weights: r.weights.texture(k, pass.cols, pass.rows, pass.weights),
        u_size: [pass.cols, pass.rows],
        u_anchor: [pass.anchorX, pass.anchorY],
        u_border: BORDER_CODES[plan.border],
        u_outside: pass.outside,
        u_start: pass.start === null ? r.zero : results[pass.start]!.texture,
        u_hasStart: pass.start !== null,
        u_channels: CHANNEL_CODES[plan.channels],
        u_final: last,
        u_unit: plan.unit,
        u_scale: plan.scale,
        u_delta: plan.delta,
        u_output: OUTPUT_CODES[plan.output],
      });
      gl.drawArrays(gl.TRIANGLES, 0, 3);
      results.push(target);
    });
    results.slice(0, -1).forEach((t) => r.targets.release(t));
    return results[results.length - 1]!;
  }

  /** Reads a target back: bytes for an 8-bit target, float32 for a float one. */
  read(target: RenderTarget): Uint8ClampedArray | Float32Array {
    this.usable();
    const { gl } = this;
    const { width, height } = target;
    gl.bindFramebuffer(gl.FRAMEBUFFER, target.info.framebuffer);
    gl.pixelStorei(gl.PACK_ALIGNMENT, 1);
    const data = target.format === 'rgba8' ? new Uint8ClampedArray(width * height * 4) : new Float32Array(width * height * 4);
    gl.readPixels(0, 0, width, height, gl.RGBA, target.format === 'rgba8' ? gl.UNSIGNED_BYTE : gl.FLOAT, data);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    if (gl.isContextLost()) throw new ContextLostError();
    return data;
  }

  /** A compiled program of SHADERS, for drawing with this context (the presenter); rebuilt after a context loss. */
  program(name: ProgramName): twgl.ProgramInfo {
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
    this.free();
  }

  private usable(): Resources {
    if (this.disposed) throw new DisposedError('this GpuFilter');
    if (!this.resources || this.gl.isContextLost()) throw new ContextLostError();
    return this.resources;
  }

  private build(): Resources {
    const { gl } = this;
    const programs = createPrograms(gl);
    const zero = twgl.createTexture(gl, {
      internalFormat: gl.RGBA32F,
      width: 1,
      height: 1,
      src: new Float32Array(4),
      minMag: gl.NEAREST,
      wrap: gl.CLAMP_TO_EDGE,
      auto: false,
    });
    setNearestClamp(gl);
    return {
      programs,
      source: new SourceTexture(gl),
      weights: new WeightTextures(gl),
      targets: new TargetPool(gl),
      zero,
    };
  }

  private free(): void {
    const r = this.resources;
    if (!r) return;
    this.resources = null;
    deletePrograms(this.gl, r.programs);
    r.source.dispose();
    r.weights.dispose();
    r.targets.dispose();
    this.gl.deleteTexture(r.zero);
  }

  private readonly onLost = (event: Event): void => {
    // Without preventDefault the browser never restores the context.
    event.preventDefault();
    this.resources = null;
  };

  private readonly onRestored = (): void => {
    if (!this.disposed) this.resources = this.build();
  };
}
