/**
 * Presenter: draws a result target onto the engine's canvas, the display end
 * of the video path. It owns no WebGL object: the program is the engine's
 * (`present` in SHADERS) and the square comes from gl_VertexID. The placement
 * (fit, mirror, the flip to GL's bottom-first rows) is one gl-matrix
 * transform applied in the vertex stage; the pixels are fetched unfiltered.
 */
import { mat4 } from 'gl-matrix';
import * as twgl from 'twgl.js';
import type { Engine } from './engine.js';
import type { Size } from './source.js';
import type { RenderTarget } from './targets.js';

/**
 * How the image fills a canvas of another shape: `contain` shows all of it
 * (letterboxed), `cover` fills the canvas (cropped), `fill` stretches it.
 */
export const FITS = ['contain', 'cover', 'fill'] as const;
export type Fit = (typeof FITS)[number];

export interface Placement {
  readonly fit: Fit;
  /** Mirrored left to right, as a selfie view. */
  readonly mirror: boolean;
}

/**
 * The transform from the unit square (u right, v down the image rows) to
 * clip space that places an `image` on a `canvas` (both in pixels).
 */
export function displayTransform(image: Size, canvas: Size, { fit, mirror }: Placement, out: mat4 = mat4.create()): mat4 {
  const kx = canvas.width / image.width;
  const ky = canvas.height / image.height;
  const k = fit === 'contain' ? Math.min(kx, ky) : Math.max(kx, ky);
  const sx = ((fit === 'fill' ? kx : k) * image.width) / canvas.width;
  const sy = ((fit === 'fill' ? ky : k) * image.height) / canvas.height;
  // Read right to left: [0,1] -> [-1,1], then size, mirror and flip rows (row 0 at the top).
  mat4.fromScaling(out, [mirror ? -sx : sx, -sy, 1]);
  mat4.translate(out, out, [-1, -1, 0]);
  return mat4.scale(out, out, [2, 2, 1]);
}

export class Presenter {
  private readonly transform = mat4.create();

  constructor(private readonly engine: Engine) {}

  /** Clears the canvas and draws `target` on it, placed by `placement`. */
  draw(target: RenderTarget, placement: Placement): void {
    const { gl } = this.engine;
    const program = this.engine.program('present');
    twgl.bindFramebufferInfo(gl, null);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    const canvas = { width: gl.drawingBufferWidth, height: gl.drawingBufferHeight };
    gl.useProgram(program.program);
    twgl.setUniforms(program, {
      u_transform: displayTransform({ width: target.imageWidth, height: target.height }, canvas, placement, this.transform),
      u_result: target.texture,
      u_packed: target.packed,
      u_imageWidth: target.imageWidth,
      u_toUnit: target.format === 'rgba8' ? 1 : 1 / 255,
    });
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }
}
