/**
 * Reading results back: an area of a target into an RGBA array in place
 * (tiles land where they belong). Packed gray targets come back four pixels
 * per texel, a quarter of the bytes, and are spread to R = G = B with alpha
 * 255 here, which costs less on the CPU than a full-size pass on the GPU.
 */
import type { Rect } from './regions.js';
import type { RenderTarget } from './targets.js';

export type Pixels = Uint8ClampedArray | Float32Array;

/** Reads `area` (image pixels) of `target` into `dest`, an RGBA array `destWidth` pixels wide, at (`x`, `y`). */
export function readArea(gl: WebGL2RenderingContext, target: RenderTarget, area: Rect, dest: Pixels, destWidth: number, x: number, y: number): void {
  gl.bindFramebuffer(gl.FRAMEBUFFER, target.info.framebuffer);
  gl.pixelStorei(gl.PACK_ALIGNMENT, 1);
  if (target.packed) readPacked(gl, target, area, dest, destWidth, x, y);
  else readPixels(gl, target, area, dest, destWidth, x, y);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
}

function readPixels(gl: WebGL2RenderingContext, target: RenderTarget, area: Rect, dest: Pixels, destWidth: number, x: number, y: number): void {
  gl.pixelStorei(gl.PACK_ROW_LENGTH, destWidth);
  gl.pixelStorei(gl.PACK_SKIP_PIXELS, x);
  gl.pixelStorei(gl.PACK_SKIP_ROWS, y);
  gl.readPixels(area.x, area.y, area.width, area.height, gl.RGBA, type(gl, target), dest);
  gl.pixelStorei(gl.PACK_ROW_LENGTH, 0);
  gl.pixelStorei(gl.PACK_SKIP_PIXELS, 0);
  gl.pixelStorei(gl.PACK_SKIP_ROWS, 0);
}

function readPacked(gl: WebGL2RenderingContext, target: RenderTarget, area: Rect, dest: Pixels, destWidth: number, x: number, y: number): void {
  const first = area.x >> 2;
  const texels = ((area.x + area.width + 3) >> 2) - first;
  const gray = target.format === 'rgba8' ? new Uint8ClampedArray(texels * 4 * area.height) : new Float32Array(texels * 4 * area.height);
  gl.readPixels(first, area.y, texels, area.height, gl.RGBA, type(gl, target), gray);
  const skip = area.x - first * 4;
  for (let row = 0; row < area.height; row++) {
    for (let col = 0; col < area.width; col++) {
      const v = gray[row * texels * 4 + skip + col]!;
      const at = ((y + row) * destWidth + x + col) * 4;
      dest[at] = v;
      dest[at + 1] = v;
      dest[at + 2] = v;
      dest[at + 3] = 255;
    }
  }
}

function type(gl: WebGL2RenderingContext, target: RenderTarget): GLenum {
  return target.format === 'rgba8' ? gl.UNSIGNED_BYTE : gl.FLOAT;
}
