/**
 * The plain image type every kernelgl entry point accepts and returns:
 * 8-bit RGBA, row-major, top row first (what `ImageData` holds).
 */
import { ImageError, describe } from './errors.js';

/** Images larger than this on a side are rejected before any allocation. */
export const MAX_IMAGE_SIDE = 65536;

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** `width * height * 4` bytes, R, G, B, A per pixel. */
  readonly data: Uint8ClampedArray | Uint8Array;
}

/** Checks that `image` is a well-formed RGBA image (ImageData or `{ width, height, data }`). */
export function checkImage(image: unknown): RgbaImage {
  if (image === null || typeof image !== 'object') {
    throw new ImageError(`an image must be ImageData or { width, height, data } with RGBA bytes; got ${describe(image)}.`);
  }
  const { width, height, data } = image as Partial<RgbaImage>;
  checkSize(width, height);
  if (!(data instanceof Uint8ClampedArray || data instanceof Uint8Array)) {
    throw new ImageError(`image data must be a Uint8ClampedArray or Uint8Array of RGBA bytes; got ${describe(data)}.`);
  }
  if (data.length !== width! * height! * 4) {
    throw new ImageError(`a ${width}x${height} RGBA image needs ${width! * height! * 4} bytes of data; got ${data.length}.`);
  }
  return image as RgbaImage;
}

/** Checks width and height: integers from 1 to MAX_IMAGE_SIDE. */
export function checkSize(width: unknown, height: unknown): void {
  const ok = (side: unknown): boolean => Number.isInteger(side) && (side as number) >= 1 && (side as number) <= MAX_IMAGE_SIDE;
  if (!ok(width) || !ok(height)) {
    throw new ImageError(
      `image width and height must be integers from 1 to ${MAX_IMAGE_SIDE}; got ${describe(width)}x${describe(height)}.`,
    );
  }
}

/** True for a value an 8-bit sample can hold: an integer 0..255 (not -0). */
export function isByte(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 255 && !Object.is(v, -0);
}

/**
 * OpenCV's 8-bit `cvtColor(RGB2GRAY)` as OpenCV 4 computes it: BT.601 luma in
 * 15-bit fixed point, rounded. (The 14-bit constants 4899/9617/1868 that
 * older documents give differ from it by 1 on some pixels.)
 */
export function luma(r: number, g: number, b: number): number {
  return (r * 9798 + g * 19235 + b * 3735 + 16384) >> 15;
}
