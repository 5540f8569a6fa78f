// Oracles for the unit tests, written from OpenCV's source and DESIGN.md
// section 1, independently of the code under test: a literal port of
// `cv::borderInterpolate`, the filter sum as defined, exact rounding of
// rationals, and small image helpers (seeded noise comes from
// test/support/noise.ts).
import type { RgbaImage } from '../../src/image.js';
import type { Border, Channels } from '../../src/options.js';

/** C's `/` on ints: the quotient truncated toward zero. */
const cDiv = (a: number, b: number): number => Math.trunc(a / b);

/**
 * `cv::borderInterpolate` from modules/core/src/copy.cpp, line for line
 * (BORDER_CONSTANT gives -1). `>>> 0` is C's `(unsigned)` cast.
 */
export function cvBorderInterpolate(p: number, len: number, border: Border): number {
  if (p >>> 0 < len >>> 0) return p;
  if (border === 'replicate') return p < 0 ? 0 : len - 1;
  if (border === 'reflect' || border === 'reflect101') {
    const delta = border === 'reflect101' ? 1 : 0;
    if (len === 1) return 0;
    do {
      if (p < 0) p = -p - 1 + delta;
      else p = len - 1 - (p - len) - delta;
    } while (p >>> 0 >= len >>> 0);
    return p;
  }
  if (border === 'wrap') {
    if (p < 0) p -= cDiv(p - len + 1, len) * len;
    if (p >= len) p %= len;
    return p;
  }
  return -1;
}

/** OpenCV 4's 8-bit RGB2GRAY: BT.601 luma in 15-bit fixed point, rounded. */
const cvLuma = (r: number, g: number, b: number): number => (r * 9798 + g * 19235 + b * 3735 + 16384) >> 15;

export interface Definition {
  readonly border: Border;
  readonly borderValue?: readonly [number, number, number, number];
  readonly channels?: Channels;
  readonly mode?: 'correlate' | 'convolve';
  readonly scale?: number;
  readonly delta?: number;
}

/**
 * DESIGN.md's sum in float64, rows outer and columns inner:
 * `v = sum K[j][i] * I(bx(x+i-ax), by(y+j-ay))`, `out = v * scale + delta`,
 * with the kernel and anchor rotated by hand for `convolve`. Returns raw RGBA
 * (unfiltered alpha as is; gray spread to R = G = B with alpha 255).
 */
export function definition(
  image: RgbaImage,
  matrix: readonly (readonly number[])[],
  anchor: readonly [number, number],
  d: Definition,
): Float64Array {
  const { width, height, data } = image;
  const channels = d.channels ?? 'rgb';
  const scale = d.scale ?? 1;
  const delta = d.delta ?? 0;
  const outside = d.borderValue ?? [0, 0, 0, 0];
  const rows = matrix.length;
  const cols = matrix[0]!.length;
  const convolve = d.mode === 'convolve';
  const k = convolve ? matrix.map((r) => [...r].reverse()).reverse() : matrix;
  const [ax, ay] = convolve ? [cols - 1 - anchor[0], rows - 1 - anchor[1]] : anchor;
  // bx(x + i - ax) looked up as xs[x + i], by(y + j - ay) as ys[y + j].
  const xs = Array.from({ length: width + cols - 1 }, (_, q) => cvBorderInterpolate(q - ax, width, d.border));
  const ys = Array.from({ length: height + rows - 1 }, (_, q) => cvBorderInterpolate(q - ay, height, d.border));
  const filtered = channels === 'gray' ? 1 : channels === 'rgba' ? 4 : 3;
  const planes = Array.from({ length: filtered }, (_, c) =>
    Array.from({ length: width * height }, (_, p) =>
      channels === 'gray' ? cvLuma(data[4 * p]!, data[4 * p + 1]!, data[4 * p + 2]!) : data[4 * p + c]!,
    ),
  );
  const out = new Float64Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = 4 * (y * width + x);
      for (let c = 0; c < filtered; c++) {
        let v = 0;
        for (let j = 0; j < rows; j++) {
          for (let i = 0; i < cols; i++) {
            const sx = xs[x + i]!;
            const sy = ys[y + j]!;
            v += k[j]![i]! * (sx < 0 || sy < 0 ? outside[c]! : planes[c]![sy * width + sx]!);
          }
        }
        out[o + c] = v * scale + delta;
      }
      if (channels === 'gray') out.set([out[o]!, out[o]!, 255], o + 1);
      else if (channels === 'rgb') out[o + 3] = data[o + 3]!;
    }
  }
  return out;
}

/** An image from RGBA pixels, row-major. */
export function rgbaImage(width: number, height: number, pixels: readonly (readonly [number, number, number, number])[]): RgbaImage {
  return { width, height, data: Uint8ClampedArray.from(pixels.flat()) };
}

/** An image whose R, G and B all hold `values` (row-major) and whose alpha is `alpha`. */
export function grayImage(width: number, height: number, values: readonly number[], alpha = 255): RgbaImage {
  return rgbaImage(
    width,
    height,
    values.map((v) => [v, v, v, alpha] as const),
  );
}

/** Channel `c` of an RGBA result, as plain numbers. */
export function channel(data: ArrayLike<number>, c: number): number[] {
  return Array.from({ length: data.length / 4 }, (_, p) => data[4 * p + c]!);
}

/** OpenCV's saturate_cast<uchar> of a float64: round half to even, clamp to 0..255. */
export function saturateFloat(v: number): number {
  const floor = Math.floor(v);
  return halfEvenClamped(floor, 2 * (v - floor), 1);
}

/** saturate_cast<uchar>(num / den) for integers, exactly: no floating-point rounding of the ratio. */
export function saturateRatio(num: number, den: number): number {
  const floor = Math.floor(num / den);
  return halfEvenClamped(floor, 2 * (num - floor * den), den);
}

/**
 * `floor`, rounded up when the remainder is more than half a step, or exactly
 * half with `floor` odd; `twiceRest` is the remainder doubled, in units of `step`.
 */
function halfEvenClamped(floor: number, twiceRest: number, step: number): number {
  const up = twiceRest > step || (twiceRest === step && floor % 2 !== 0);
  return Math.min(255, Math.max(0, up ? floor + 1 : floor));
}
