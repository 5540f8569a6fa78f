/**
 * How a raw float result becomes an 8-bit sample (DESIGN.md section 1,
 * "The output"); the shaders implement the same in `shaders/output.glsl`.
 */
import type { Output } from './options.js';
import type { ResultData } from './result.js';

/** Round half to even, as GLSL `roundEven` and OpenCV's `cvRound` do. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** OpenCV's `saturate_cast<uchar>`: round half to even, clamp to 0..255. */
export function saturate(v: number): number {
  return Math.min(255, Math.max(0, roundHalfEven(v)));
}

/**
 * Raw RGBA floats to the output format: bytes for `saturate` and `abs`, the
 * floats themselves (as float32) for `float`. Only filtered channels take
 * |v| under `abs`; an unfiltered alpha is already 0..255.
 */
export function toOutput(raw: Float32Array<ArrayBuffer> | Float64Array<ArrayBuffer>, output: Output): ResultData {
  if (output === 'float') return raw instanceof Float32Array ? raw : Float32Array.from(raw);
  const bytes = new Uint8ClampedArray(raw.length);
  saturateInto(raw, output === 'abs', new Uint8Array(bytes.buffer));
  return bytes;
}

/** Adding then subtracting 1.5 * 2^52 rounds a double below 2^51 to an integer, half to even (the ulp there is 1). */
const ROUNDER = 1.5 * 2 ** 52;

/**
 * `saturate(v)` (of |v| when `abs`) of every value into `bytes`, fast: one
 * loop of compares, with no call per sample. NaN fails `v > 0` and gives 0,
 * as `saturate` gives NaN and a byte array stores NaN as 0.
 */
export function saturateInto(values: ArrayLike<number>, abs: boolean, bytes: Uint8Array): void {
  const n = values.length;
  if (abs) {
    for (let k = 0; k < n; k++) {
      const v = Math.abs(values[k]!);
      bytes[k] = v > 0 ? (v < 255 ? v + ROUNDER - ROUNDER : 255) : 0;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const v = values[k]!;
      bytes[k] = v > 0 ? (v < 255 ? v + ROUNDER - ROUNDER : 255) : 0;
    }
  }
}
