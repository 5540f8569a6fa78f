// What the parity and oracle tests share: seeded noise images (random alpha
// too) in the sizes where border handling breaks first, a real photo, and a
// border value.
import type { ImageSpec } from './parity.js';

export const PHOTO = 'demo/samples/rocket.jpg';

/** 1-pixel, 1-wide, 1-high and 3x2 images: kernels wider than the image, reflections that repeat. */
export const SMALL_IMAGES: readonly ImageSpec[] = [
  { kind: 'noise', width: 1, height: 1, seed: 11 },
  { kind: 'noise', width: 1, height: 17, seed: 12 },
  { kind: 'noise', width: 17, height: 1, seed: 13 },
  { kind: 'noise', width: 3, height: 2, seed: 14 },
];

/**
 * An odd-sized noise image and the photo. The whole 640x427 photo would make
 * the full matrices slow in software WebGL, so they use a 160x107 crop of its
 * centre; WHOLE_PHOTO serves a smaller subset.
 */
export const LARGE_IMAGES: readonly ImageSpec[] = [
  { kind: 'noise', width: 257, height: 131, seed: 15 },
  { kind: 'photo', path: PHOTO, crop: [240, 160, 160, 107] },
];

export const WHOLE_PHOTO: ImageSpec = { kind: 'photo', path: PHOTO };

/** A constant border value that is not 0 and differs per channel (integers, so OpenCV can pad an 8-bit image with it). */
export const BORDER_VALUE = [7, 200, 33, 250] as const;
