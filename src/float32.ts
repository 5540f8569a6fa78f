/**
 * Float32 as GPUs compute it: round to nearest, and flush subnormal values
 * to (signed) zero, which GLSL ES allows and GPUs, SwiftShader included, do.
 * Every value the engines share (weights, factors, scale, delta, border
 * values) and every step of the CPU reference goes through `f32`, so the two
 * agree at the bottom of the float range too.
 */

/** The smallest normal float32, 2^-126. */
export const MIN_NORMAL_FLOAT32 = 2 ** -126;

/** `x` rounded to float32, subnormal results flushed to zero with their sign. */
export function f32(x: number): number {
  const r = Math.fround(x);
  return Math.abs(r) < MIN_NORMAL_FLOAT32 ? r * 0 : r;
}

/** Four channel values, as a border value is given. */
export type Rgba = readonly [number, number, number, number];

/** An RGBA value through `f32`, frozen. */
export function float32Rgba(v: Rgba): Rgba {
  return Object.freeze([f32(v[0]), f32(v[1]), f32(v[2]), f32(v[3])] as const);
}

/** Values (optionally mapped) as a Float32Array through `f32`. */
export function float32Array(values: ArrayLike<number>, map: (v: number) => number = (v) => v): Float32Array {
  return Float32Array.from(values, (v) => f32(map(v)));
}
