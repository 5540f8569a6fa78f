/**
 * Render targets (a texture with its framebuffer), pooled by size, format
 * and layout so that filtering frame after frame allocates nothing after
 * the first. The pool keeps a bounded number of free targets, so images of
 * ever new sizes do not pile up memory.
 */
import * as twgl from 'twgl.js';
import { GpuError } from '../errors.js';

/** `rgba8`: final 8-bit results; `rgba32f`: raw float results and intermediates (RGBA16F where the GPU has no float32 targets). */
export type TargetFormat = 'rgba8' | 'rgba32f';

export interface RenderTarget {
  readonly info: twgl.FramebufferInfo;
  readonly texture: WebGLTexture;
  readonly format: TargetFormat;
  /** Texels. */
  readonly width: number;
  readonly height: number;
  /** Gray layout: each texel holds four horizontally adjacent pixels of one channel. */
  readonly packed: boolean;
  /** The width in pixels of the image the target holds (`width` unless packed). */
  readonly imageWidth: number;
}

/** Free targets kept for reuse; beyond this the least recently used are freed. */
const MAX_FREE = 16;

export class TargetPool {
  private readonly free: RenderTarget[] = [];
  private readonly all = new Set<RenderTarget>();

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly floatFormat: GLenum,
  ) {}

  /** An RGBA target of this size and format that nobody else holds. */
  acquire(width: number, height: number, format: TargetFormat): RenderTarget {
    return this.take(width, height, format, false, width);
  }

  /** A packed gray target for an image `imageWidth` pixels wide. */
  acquirePacked(imageWidth: number, height: number, format: TargetFormat): RenderTarget {
    return this.take(Math.ceil(imageWidth / 4), height, format, true, imageWidth);
  }

  /** Gives a target back for reuse. */
  release(target: RenderTarget): void {
    if (!this.all.has(target) || this.free.includes(target)) return;
    this.free.push(target);
    if (this.free.length > MAX_FREE) this.destroy(this.free.shift()!);
  }

  /** Frees every target, held or not. */
  dispose(): void {
    this.all.forEach((t) => this.destroy(t));
    this.free.length = 0;
  }

  private take(width: number, height: number, format: TargetFormat, packed: boolean, imageWidth: number): RenderTarget {
    // The texel width follows from the image width and the layout.
    const k = this.free.findIndex((t) => t.imageWidth === imageWidth && t.height === height && t.format === format && t.packed === packed);
    return k >= 0 ? this.free.splice(k, 1)[0]! : this.create(width, height, format, packed, imageWidth);
  }

  private create(width: number, height: number, format: TargetFormat, packed: boolean, imageWidth: number): RenderTarget {
    const { gl } = this;
    const internalFormat = format === 'rgba8' ? gl.RGBA8 : this.floatFormat;
    const info = twgl.createFramebufferInfo(
      gl,
      [{ internalFormat, minMag: gl.NEAREST, wrap: gl.CLAMP_TO_EDGE, auto: false }],
      width,
      height,
    );
    const status = gl.checkFramebufferStatus(gl.FRAMEBUFFER);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    const target = { info, texture: info.attachments[0] as WebGLTexture, format, width, height, packed, imageWidth };
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
    const k = this.free.indexOf(target);
    if (k >= 0) this.free.splice(k, 1);
  }
}
