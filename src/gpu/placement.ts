/**
 * Placement: where a filtered image lands on a display canvas of another
 * shape (fit, mirror, GL's bottom-first rows) as one gl-matrix transform.
 * Pure math, apart from the Presenter that draws with it, so option
 * checking and tests use it without a GL context.
 */
import { mat4 } from 'gl-matrix';
import type { Size } from './source.js';

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
