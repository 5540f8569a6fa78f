/**
 * One plan pass over one channel plane, fast and with the reference's exact
 * results: the interior (where the whole window lies inside the image) reads
 * the plane at fixed offsets with no border mapping, and only the edge
 * strips go through the border tables. The interior is the loops' work
 * (jsLoops.ts, simdLoops.ts); the strips are summed here in the plan's
 * order with `Math.fround` after each multiply and add, which is the
 * reference's `f32` wherever no subnormal occurs (exactness.ts proves that
 * before a pass runs). A pass whose sums are exact (nothing rounded) skips
 * its zero weights in the interior: every order of an exact sum is the same.
 */
import { OUTSIDE, borderTable } from '../../border.js';
import { f32 } from '../../float32.js';
import type { Border } from '../../options.js';
import type { PlanPass } from '../../plan.js';
import type { Interior, Loops, PassPlanes, Taps } from './loops.js';

/**
 * Runs `pass` on one channel: `out = start + sum w[j][i] * in(bx(x+i-ax), by(y+j-ay))`,
 * with `outside` (the channel's border value) where `constant` leaves the image.
 */
export function runPass(pass: PlanPass, border: Border, outside: number, exact: boolean, planes: PassPlanes, loops: Loops): void {
  const interior = interiorOf(pass, planes.width, planes.height);
  loops.sumInterior(tapsOf(pass, planes.width, exact), planes, interior, exact);
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
function edgeSample(
  pass: PlanPass,
  xs: Int32Array,
  ys: Int32Array,
  outside: number,
  { input, start, width }: PassPlanes,
  x: number,
  y: number,
): number {
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
