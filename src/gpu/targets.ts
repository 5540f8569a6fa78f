/**
 * Render targets (a texture with its framebuffer), pooled by size and format
 * so that filtering frame after frame allocates nothing after the first.
 */
import * as twgl from 'twgl.js';
import { GpuError } from '../errors.js';

/** `rgba8`: final 8-bit results; `rgba32f`: raw float results and intermediates (RGBA16F where the GPU has no float32 targets). */
export type TargetFormat = 'rgba8' | 'rgba32f';

export interface RenderTarget {
  readonly info: twgl.FramebufferInfo;
  readonly texture: WebGLTexture;
  readonly format: TargetFormat;
  readonly width: number;
  readonly height: number;
}

export class TargetPool {
  private readonly free = new Map<string, RenderTarget[]>();
  private readonly all = new Set<RenderTarget>();

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly floatFormat: GLenum,
  ) {}

  /** A target of this size and format that nobody else holds. */
  acquire(width: number, height: number, format: TargetFormat): RenderTarget {
    return this.free.get(key(width, height, format))?.pop() ?? this.create(width, height, format);
  }

  /** Gives a target back for reuse. */
  release(target: RenderTarget): void {
    const k = key(target.width, target.height, target.format);
    const list = this.free.get(k) ?? [];
    if (!list.includes(target)) list.push(target);
    this.free.set(k, list);
  }

  /** Frees every target that nobody holds (after the image size changed, say). */
  trim(): void {
    for (const list of this.free.values()) list.splice(0).forEach((t) => this.destroy(t));
  }

  /** Frees every target, held or not. */
  dispose(): void {
    this.all.forEach((t) => this.destroy(t));
    this.free.clear();
  }

  private create(width: number, height: number, format: TargetFormat): RenderTarget {
    const { gl } = this;
    const internalFormat = format === 'rgba8' ? gl.RGBA8 : this.floatFormat;
    const info = twgl.createFramebufferInfo(gl, [{ internalFormat, minMag: gl.NEAREST, wrap: gl.CLAMP_TO_EDGE, auto: false }], width, height);
    const status = gl.checkFramebufferStatus(gl.FRAMEBUFFER);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    const target = { info, texture: info.attachments[0] as WebGLTexture, format, width, height };
    this.all.add(target);
    if (status !== gl.FRAMEBUFFER_COMPLETE) {
      this.destroy(target);
      throw new GpuError(`a ${width}x${height} ${format} render target is not framebuffer-complete (status 0x${status.toString(16)}).`);
    }
    return target;
  }

  private destroy(target: RenderTarget): void {
    this.gl.deleteFramebuffer(target.info.framebuffer);
    this.gl.deleteTexture(target.texture);
    this.all.delete(target);
  }
}

function key(width: number, height: number, format: TargetFormat): string {
  return `${format}:${width}x${height}`;
}
