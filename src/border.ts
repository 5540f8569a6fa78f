/**
 * Border index mapping on the CPU side. `borderIndex` equals OpenCV's
 * `cv::borderInterpolate` for every coordinate, including kernels wider than
 * the image (reflections repeat) and 1-pixel images; the shaders implement
 * the same closed forms in `shaders/border.glsl`.
 */
import type { Border } from './options.js';

/** Returned for `constant` when the coordinate lies outside: use the border value. */
export const OUTSIDE = -1;

/** Maps coordinate `p` on an axis of `length` pixels into `0..length-1`, or `OUTSIDE`. */
export function borderIndex(p: number, length: number, border: Border): number {
  if (p >= 0 && p < length) return p;
  switch (border) {
    case 'replicate':
      return p < 0 ? 0 : length - 1;
    case 'reflect':
      return mirror(positiveMod(p, 2 * length), length, 2 * length - 1);
    case 'reflect101':
      // The period is 2 * (length - 1); a 1-pixel axis has nothing to reflect.
      return length === 1 ? 0 : mirror(positiveMod(p, 2 * length - 2), length, 2 * length - 2);
    case 'wrap':
      return positiveMod(p, length);
    case 'constant':
      return OUTSIDE;
  }
}

/** Folds the second half of a reflection period back: m >= length maps to `top - m`. */
function mirror(m: number, length: number, top: number): number {
  return m < length ? m : top - m;
}

function positiveMod(p: number, n: number): number {
  return ((p % n) + n) % n;
}

/**
 * The indices of `from..from+count-1` mapped in, as a table: loops look the
 * mapping up once per coordinate instead of once per kernel tap.
 */
export function borderTable(from: number, count: number, length: number, border: Border): Int32Array {
  const table = new Int32Array(count);
  for (let k = 0; k < count; k++) table[k] = borderIndex(from + k, length, border);
  return table;
}
