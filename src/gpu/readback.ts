/**
 * Reading results back: an area of a target into an RGBA array in place
 * (tiles land where they belong). Packed gray targets come back four pixels
 * per texel, a quarter of the bytes, and are spread to R = G = B with alpha
 * 255 here, which costs less on the CPU than a full-size pass on the GPU.
 */
import type { Rect } from './regions.js';
import type { RenderTarget } from './targets.js';
import type { ResultData } from '../result.js';

export type Pixels = ResultData;

/** Reads `area` (image pixels) of `target` into `dest`, an RGBA array `destWidth` pixels wide, at (`x`, `y`). */
export function readArea(
  gl: WebGL2RenderingContext,
  target: RenderTarget,
  area: Rect,
  dest: Pixels,
  destWidth: number,
  x: number,
  y: number,
): void {
  gl.bindFramebuffer(gl.FRAMEBUFFER, target.info.framebuffer);
  gl.pixelStorei(gl.PACK_ALIGNMENT, 1);
  if (target.packed) readPacked(gl, target, area, dest, destWidth, x, y);
  else readPixels(gl, target, area, dest, destWidth, x, y);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
}

function readPixels(
  gl: WebGL2RenderingContext,
  target: RenderTarget,
  area: Rect,
  dest: Pixels,
  destWidth: number,
  x: number,
  y: number,
): void {
  gl.pixelStorei(gl.PACK_ROW_LENGTH, destWidth);
  gl.pixelStorei(gl.PACK_SKIP_PIXELS, x);
  gl.pixelStorei(gl.PACK_SKIP_ROWS, y);
  gl.readPixels(area.x, area.y, area.width, area.height, gl.RGBA, type(gl, target), dest);
  gl.pixelStorei(gl.PACK_ROW_LENGTH, 0);
  gl.pixelStorei(gl.PACK_SKIP_PIXELS, 0);
  gl.pixelStorei(gl.PACK_SKIP_ROWS, 0);
}

function readPacked(
  gl: WebGL2RenderingContext,
  target: RenderTarget,
  area: Rect,
  dest: Pixels,
  destWidth: number,
  x: number,
  y: number,
): void {
  const first = area.x >> 2;
  const texels = ((area.x + area.width + 3) >> 2) - first;
  const gray = target.format === 'rgba8' ? new Uint8ClampedArray(texels * 4 * area.height) : new Float32Array(texels * 4 * area.height);
  gl.readPixels(first, area.y, texels, area.height, gl.RGBA, type(gl, target), gray);
  const skip = area.x - first * 4;
  const words = pixelWords(dest);
  for (let row = 0; row < area.height; row++) {
    const from = row * texels * 4 + skip;
    const at = (y + row) * destWidth + x;
    if (words) spreadWords(gray, from, area.width, words, at);
    else spreadChannels(gray, from, area.width, dest, at);
  }
}

/** `count` gray 8-bit values from index `from` as RGBA words from pixel `at`: R = G = B = v, A = 255. */
function spreadWords(gray: Pixels, from: number, count: number, words: Uint32Array, at: number): void {
  for (let i = 0; i < count; i++) words[at + i] = gray[from + i]! * 0x10101 + 0xff000000;
}

/** `count` gray values from index `from` as RGBA channels from pixel `at`: R = G = B = v, A = 255. */
function spreadChannels(gray: Pixels, from: number, count: number, dest: Pixels, at: number): void {
  for (let i = 0; i < count; i++) {
    const v = gray[from + i]!;
    const c = (at + i) * 4;
    dest[c] = v;
    dest[c + 1] = v;
    dest[c + 2] = v;
    dest[c + 3] = 255;
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** 8-bit RGBA as one word per pixel, to write a gray pixel in one store, where byte order and alignment allow. */
function pixelWords(dest: Pixels): Uint32Array | null {
  if (!(dest instanceof Uint8ClampedArray) || !LITTLE_ENDIAN || dest.byteOffset % 4 !== 0) return null;
  return new Uint32Array(dest.buffer, dest.byteOffset, dest.length / 4);
}

function type(gl: WebGL2RenderingContext, target: RenderTarget): GLenum {
  return target.format === 'rgba8' ? gl.UNSIGNED_BYTE : gl.FLOAT;
}
