/**
 * One plan pass over one channel plane, fast and with the reference's exact
 * results: the interior (where the whole window lies inside the image) reads
 * the plane at fixed offsets with no border mapping, and only the edge
 * strips go through the border tables. Every tap is summed in the plan's
 * order with `Math.fround` after each multiply and add, which is the
 * reference's `f32` wherever no subnormal occurs (exactness.ts proves that
 * before a pass runs). A pass whose sums are exact (nothing rounded) skips
 * its zero weights in the interior: every order of an exact sum is the same.
 */
import { OUTSIDE, borderTable } from '../../border.js';
import { f32 } from '../../float32.js';
import type { Border } from '../../options.js';
import type { PlanPass } from '../../plan.js';

/** The planes a pass reads and writes, `width * height` samples each. */
export interface PassPlanes {
  readonly input: Float32Array;
  /** The running sum the pass starts from, or null to start at 0. */
  readonly start: Float32Array | null;
  readonly out: Float32Array;
  readonly width: number;
  readonly height: number;
}

/** A window's taps in summing order, as offsets from the output sample into the input plane. */
interface Taps {
  readonly offsets: Int32Array;
  readonly weights: Float32Array;
}

/** Output samples `[x0, x1) x [y0, y1)` whose windows lie wholly inside the image. */
interface Interior {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/**
 * Runs `pass` on one channel: `out = start + sum w[j][i] * in(bx(x+i-ax), by(y+j-ay))`,
 * with `outside` (the channel's border value) where `constant` leaves the image.
 */
export function runPass(pass: PlanPass, border: Border, outside: number, exact: boolean, planes: PassPlanes): void {
  const interior = interiorOf(pass, planes.width, planes.height);
  sumInterior(tapsOf(pass, planes.width, exact), planes, interior, exact);
  sumEdges(pass, border, f32(outside), planes, interior);
}

function interiorOf(pass: PlanPass, width: number, height: number): Interior {
  const x0 = pass.anchorX;
  const y0 = pass.anchorY;
  return { x0, x1: Math.max(x0, width - pass.cols + 1 + x0), y0, y1: Math.max(y0, height - pass.rows + 1 + y0) };
}

/** The interior's taps, rows outer and columns inner; an exact pass leaves out its zero weights. */
function tapsOf(pass: PlanPass, width: number, exact: boolean): Taps {
  const offsets: number[] = [];
  const weights: number[] = [];
  for (let j = 0; j < pass.rows; j++) {
    for (let i = 0; i < pass.cols; i++) {
      const w = pass.weights[j * pass.cols + i]!;
      if (exact && w === 0) continue;
      offsets.push((j - pass.anchorY) * width + (i - pass.anchorX));
      weights.push(w);
    }
  }
  return { offsets: Int32Array.from(offsets), weights: Float32Array.from(weights) };
}

/**
 * The hot loops, each kept in one piece: four neighbouring outputs at a time,
 * each with its own running sum, so four chains of dependent adds overlap in
 * the CPU while each keeps the plan's order of taps. The rounded loop rounds
 * after every multiply and add; the exact one need not (nothing it computes
 * is ever rounded), which halves its cost in V8.
 */
function sumInterior(taps: Taps, planes: PassPlanes, interior: Interior, exact: boolean): void {
  if (exact) sumExact(taps, planes, interior);
  else sumRounded(taps, planes, interior);
}

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

/** The samples outside the interior: the top and bottom strips, then the left and right ends of the interior rows. */
function sumEdges(pass: PlanPass, border: Border, outside: number, planes: PassPlanes, { x0, x1, y0, y1 }: Interior): void {
  const { width, height } = planes;
  const xs = borderTable(-pass.anchorX, width + pass.cols - 1, width, border);
  const ys = borderTable(-pass.anchorY, height + pass.rows - 1, height, border);
  const strip = (xa: number, xb: number, ya: number, yb: number): void => {
    for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) planes.out[y * width + x] = edgeSample(pass, xs, ys, outside, planes, x, y);
  };
  if (x1 <= x0 || y1 <= y0) {
    strip(0, width, 0, height);
    return;
  }
  strip(0, width, 0, y0);
  strip(0, width, y1, height);
  strip(0, x0, y0, y1);
  strip(x1, width, y0, y1);
}

/** One sample as the reference computes it, through the border tables. */
function edgeSample(pass: PlanPass, xs: Int32Array, ys: Int32Array, outside: number, { input, start, width }: PassPlanes, x: number, y: number): number {
  const fround = Math.fround;
  const { cols, rows, weights } = pass;
  let acc = start ? start[y * width + x]! : 0;
  for (let j = 0; j < rows; j++) {
    const sy = ys[y + j]!;
    for (let i = 0; i < cols; i++) {
      const sx = xs[x + i]!;
      const v = sy === OUTSIDE || sx === OUTSIDE ? outside : input[sy * width + sx]!;
      acc = fround(acc + fround(weights[j * cols + i]! * v));
    }
  }
  return acc;
}
