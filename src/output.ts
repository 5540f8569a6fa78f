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
  const convert = output === 'abs' ? (v: number) => saturate(Math.abs(v)) : saturate;
  for (let k = 0; k < raw.length; k++) bytes[k] = convert(raw[k]!);
  return bytes;
}
