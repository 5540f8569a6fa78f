/**
 * The fast engine's loops in plain JavaScript: where WebAssembly SIMD is
 * missing, or when asked for. `Math.fround` stands for the reference's `f32`
 * because exactness.ts has ruled out subnormals before any of this runs.
 */
import { saturateInto } from '../../output.js';
import type { Finish, Interior, Loops, PassPlanes, Taps } from './loops.js';

export class JsLoops implements Loops {
  readonly kind = 'js';
  #planes: Float32Array[] = [];
  #bytes = new Uint8Array(0);
  #length = 0;

  /** Plain arrays always fit; a new length drops the old planes, so only one frame's worth is held. */
  reserve(_count: number, length: number): boolean {
    if (length !== this.#length) {
      this.#planes = [];
      this.#bytes = new Uint8Array(length);
      this.#length = length;
    }
    return true;
  }

  plane(slot: number): Float32Array {
    return (this.#planes[slot] ??= new Float32Array(this.#length));
  }

  sumInterior(taps: Taps, planes: PassPlanes, interior: Interior, exact: boolean): void {
    if (exact) sumExact(taps, planes, interior);
    else sumRounded(taps, planes, interior);
  }

  finish(plane: Float32Array, { unit, scale, delta }: Finish): void {
    const fround = Math.fround;
    for (let p = 0; p < plane.length; p++) plane[p] = fround(fround(fround(plane[p]! * unit) * scale) + delta);
  }

  bytes(plane: Float32Array, abs: boolean): Uint8Array {
    saturateInto(plane, abs, this.#bytes);
    return this.#bytes;
  }
}

/**
 * The hot loops, each kept in one piece: four neighbouring outputs at a time,
 * each with its own running sum, so four chains of dependent adds overlap in
 * the CPU while each keeps the plan's order of taps. The rounded loop rounds
 * after every multiply and add; the exact one need not (nothing it computes
 * is ever rounded), which halves its cost in V8.
 */
function sumRounded({ offsets, weights }: Taps, { input, start, out, width }: PassPlanes, { x0, x1, y0, y1 }: Interior): void {
  const fround = Math.fround;
  const n = weights.length;
  for (let y = y0; y < y1; y++) {
    const end = y * width + x1;
    let p = y * width + x0;
    for (; p + 4 <= end; p += 4) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      if (start) {
        a0 = start[p]!;
        a1 = start[p + 1]!;
        a2 = start[p + 2]!;
        a3 = start[p + 3]!;
      }
      for (let t = 0; t < n; t++) {
        const w = weights[t]!;
        const q = p + offsets[t]!;
        a0 = fround(a0 + fround(w * input[q]!));
        a1 = fround(a1 + fround(w * input[q + 1]!));
        a2 = fround(a2 + fround(w * input[q + 2]!));
        a3 = fround(a3 + fround(w * input[q + 3]!));
      }
      out[p] = a0;
      out[p + 1] = a1;
      out[p + 2] = a2;
      out[p + 3] = a3;
    }
    for (; p < end; p++) {
      let acc = start ? start[p]! : 0;
      for (let t = 0; t < n; t++) acc = fround(acc + fround(weights[t]! * input[p + offsets[t]!]!));
      out[p] = acc;
    }
  }
}

function sumExact({ offsets, weights }: Taps, { input, start, out, width }: PassPlanes, { x0, x1, y0, y1 }: Interior): void {
  const n = weights.length;
  for (let y = y0; y < y1; y++) {
    const end = y * width + x1;
    let p = y * width + x0;
    for (; p + 4 <= end; p += 4) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      if (start) {
        a0 = start[p]!;
        a1 = start[p + 1]!;
        a2 = start[p + 2]!;
        a3 = start[p + 3]!;
      }
      for (let t = 0; t < n; t++) {
        const w = weights[t]!;
        const q = p + offsets[t]!;
        a0 += w * input[q]!;
        a1 += w * input[q + 1]!;
        a2 += w * input[q + 2]!;
        a3 += w * input[q + 3]!;
      }
      out[p] = a0;
      out[p + 1] = a1;
      out[p + 2] = a2;
      out[p + 3] = a3;
    }
    for (; p < end; p++) {
      let acc = start ? start[p]! : 0;
      for (let t = 0; t < n; t++) acc += weights[t]! * input[p + offsets[t]!]!;
      out[p] = acc;
    }
  }
}
