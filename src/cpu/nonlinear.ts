/**
 * The CPU's median, morphology and bilateral filters over planes (DESIGN.md
 * section 6), shared by the reference and the fast engine. Median and
 * morphology select input values, so any exact method gives the same bits:
 * a sliding histogram for 8-bit medians (sorting otherwise), van Herk /
 * Gil-Werman for rectangle lines (three comparisons per sample whatever the
 * length) and the element's cells otherwise. Bilateral sums in the plan's
 * float32 order.
 */
import { OUTSIDE, borderTable } from '../border.js';
import { isByte } from '../image.js';
import type { Border } from '../options.js';
import type { BilateralPlan, MedianPlan, MorphInput, MorphologyPlan, MorphPass } from '../nonlinearPlan.js';
import { saturate } from '../output.js';

/** One channel of samples, row-major. */
export type Samples = Float32Array | Float64Array;

export interface PlaneSize {
  readonly width: number;
  readonly height: number;
}

/** The median of every `size x size` window of `input` into `out`. */
export function medianPlane(plan: MedianPlan, outside: number, input: Samples, out: Samples, size: PlaneSize): void {
  const r = plan.size >> 1;
  const length = (size.width + 2 * r) * (size.height + 2 * r);
  if (isBytes(input) && (plan.border !== 'constant' || isByte(outside))) {
    histogramMedian(plan.size, padPlane(input, size, r, plan.border, outside, new Uint8Array(length)), out, size);
  } else sortedMedian(plan.size, padPlane(input, size, r, plan.border, outside, new Float64Array(length)), out, size);
}

function isBytes(input: Samples): boolean {
  for (let p = 0; p < input.length; p++) if (!isByte(input[p]!)) return false;
  return true;
}

/**
 * `input` extended by its border, `pad` samples on every side, into `into`
 * (`(width + 2 * pad) * (height + 2 * pad)` long), so that windows read it
 * without mapping a coordinate.
 */
function padPlane<T extends Samples | Uint8Array>(
  input: ArrayLike<number>,
  { width, height }: PlaneSize,
  pad: number,
  border: Border,
  outside: number,
  into: T,
): T {
  const xs = borderTable(-pad, width + 2 * pad, width, border);
  const ys = borderTable(-pad, height + 2 * pad, height, border);
  for (let q = 0, k = 0; q < ys.length; q++) {
    const row = ys[q]! * width;
    for (let i = 0; i < xs.length; i++, k++) into[k] = ys[q] === OUTSIDE || xs[i] === OUTSIDE ? outside : input[row + xs[i]!]!;
  }
  return into;
}

/**
 * Huang's sliding histogram along each row of a padded byte plane: a
 * column enters and a column leaves per step, and the median moves on
 * from where it was.
 */
function histogramMedian(k: number, padded: Uint8Array, out: Samples, { width, height }: PlaneSize): void {
  const stride = width + k - 1;
  const hist = new Int32Array(256);
  const rank = (k * k - 1) >> 1;
  for (let y = 0; y < height; y++) {
    hist.fill(0);
    for (let j = 0; j < k; j++) for (let q = 0; q < k; q++) hist[padded[(y + j) * stride + q]!]!++;
    let m = 0;
    let below = 0;
    for (let x = 0; x < width; x++) {
      if (x > 0) {
        for (let j = 0, row = y * stride; j < k; j++, row += stride) {
          const leaving = padded[row + x - 1]!;
          const entering = padded[row + x + k - 1]!;
          hist[leaving]!--;
          hist[entering]!++;
          below += (entering < m ? 1 : 0) - (leaving < m ? 1 : 0);
        }
      }
      while (below > rank) below -= hist[--m]!;
      while (below + hist[m]! <= rank) below += hist[m++]!;
      out[y * width + x] = m;
    }
  }
}

/** Any values: each window gathered and sorted (IEEE order, -0 before +0). */
function sortedMedian(k: number, padded: Float64Array, out: Samples, { width, height }: PlaneSize): void {
  const stride = width + k - 1;
  const window = new Float64Array(k * k);
  const rank = (k * k - 1) >> 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let j = 0, n = 0; j < k; j++) window.set(padded.subarray((y + j) * stride + x, (y + j) * stride + x + k), (n += k) - k);
      window.sort();
      out[y * width + x] = window[rank]!;
    }
  }
}

/**
 * A morphology plan on one channel: its passes, each into a plane from
 * `allocate`, then its difference `a - b` rounded by `round`, if it has one.
 */
export function morphologyChannel(
  plan: MorphologyPlan,
  channel: number,
  input: Samples,
  size: PlaneSize,
  allocate: () => Samples,
  round: (x: number) => number,
): Samples {
  const results: Samples[] = [];
  const read = (from: MorphInput): Samples => (from === 'image' ? input : results[from]!);
  for (const pass of plan.passes) {
    const out = allocate();
    morphPass(pass, plan.border, pass.outside[channel]!, read(pass.input), out, size);
    results.push(out);
  }
  const { difference } = plan;
  if (!difference) return results[results.length - 1]!;
  const [a, b, out] = [read(difference.a), read(difference.b), allocate()];
  for (let p = 0; p < out.length; p++) out[p] = round(a[p]! - b[p]!);
  return out;
}

/** One erode (minimum) or dilate (maximum) pass of `input` into `out`; `outside` is the channel's border value. */
export function morphPass(pass: MorphPass, border: Border, outside: number, input: Samples, out: Samples, size: PlaneSize): void {
  const job: Extremes = { min: pass.op === 'erode', border, outside, input, out, size };
  if (pass.full && pass.cols === 1) columnPass(pass.rows, pass.anchorY, job);
  else runsPass(pass, job);
}

/** What a morphology pass works with: minimum or maximum, the border, the planes. */
interface Extremes {
  readonly min: boolean;
  readonly border: Border;
  readonly outside: number;
  readonly input: Samples;
  readonly out: Samples;
  readonly size: PlaneSize;
}

/** A plane of `length` samples of the input's type (float64 planes stay float64 for the reference's float64 checks). */
function planeLike(input: Samples, length: number): Samples {
  return input instanceof Float32Array ? new Float32Array(length) : new Float64Array(length);
}

/**
 * The smaller of two samples, -0 below +0 (as the median orders them and the
 * GPU compares them), so the sign of a zero extreme does not depend on the
 * order in which a method meets the samples.
 */
function lesser(u: number, v: number): number {
  return u < v || (u === 0 && v === 0 && 1 / u < 0) ? u : v;
}

/** The larger of two samples, +0 above -0. */
function greater(u: number, v: number): number {
  return u > v || (u === 0 && v === 0 && 1 / u > 0) ? u : v;
}

/**
 * van Herk / Gil-Werman over `line[0, n)`: cut into blocks of `length`, a
 * running extreme from each block's start (`fromStart`) and one from its
 * end (`fromEnd`) give the extreme of any window of `length` from two
 * values: `extreme(fromEnd[q], fromStart[q + length - 1])`. Three
 * comparisons per sample, whatever the length.
 */
function blockExtremes(line: Samples, n: number, length: number, min: boolean, fromStart: Samples, fromEnd: Samples): void {
  for (let b = 0; b < n; b += length) {
    const e = Math.min(b + length, n);
    fromStart[b] = line[b]!;
    for (let q = b + 1; q < e; q++) {
      const a = fromStart[q - 1]!;
      const v = line[q]!;
      fromStart[q] = min ? lesser(v, a) : greater(v, a);
    }
    fromEnd[e - 1] = line[e - 1]!;
    for (let q = e - 2; q >= b; q--) {
      const a = fromEnd[q + 1]!;
      const v = line[q]!;
      fromEnd[q] = min ? lesser(v, a) : greater(v, a);
    }
  }
}

/** `out[k] = extreme(a[k], b[k])` for k < n (offsets into each). */
function extremeOf(a: Samples, ao: number, b: Samples, bo: number, out: Samples, oo: number, n: number, min: boolean): void {
  for (let k = 0; k < n; k++) {
    const u = a[ao + k]!;
    const v = b[bo + k]!;
    out[oo + k] = min ? lesser(u, v) : greater(u, v);
  }
}

/**
 * Any mask, as runs of 1-cells along its rows: each row of the input,
 * extended by the border, gets the extreme of every run length the mask
 * has (van Herk), and an output row is the extreme of one such value per
 * run. A rectangle's row pass is the one-run case.
 */
function runsPass(pass: MorphPass, { min, border, outside, input, out, size: { width, height } }: Extremes): void {
  const runs = maskRuns(pass);
  const stride = width + pass.cols - 1;
  const xs = borderTable(-pass.anchorX, stride, width, border);
  const make = (n: number): Samples => planeLike(input, n);
  // One extra row, all `outside`, stands for rows outside the image under `constant`.
  const extremes = new Map<number, Samples>(
    [...new Set(runs.map((run) => run.length))].map((length) => [length, make((height + 1) * stride)]),
  );
  const [line, fromStart, fromEnd] = [make(stride), make(stride), make(stride)];
  for (let y = 0; y <= height; y++) {
    for (let q = 0; q < stride; q++) line[q] = y === height || xs[q] === OUTSIDE ? outside : input[y * width + xs[q]!]!;
    for (const [length, table] of extremes) {
      blockExtremes(line, stride, length, min, fromStart, fromEnd);
      extremeOf(fromEnd, 0, fromStart, length - 1, table, y * stride, stride - length + 1, min);
    }
  }
  const ys = borderTable(-pass.anchorY, height + pass.rows - 1, height, border);
  for (let y = 0; y < height; y++) {
    runs.forEach(({ row, from, length }, k) => {
      const sy = ys[y + row]!;
      const table = extremes.get(length)!;
      const at = (sy === OUTSIDE ? height : sy) * stride + from;
      if (k === 0) out.set(table.subarray(at, at + width), y * width);
      else extremeOf(out, y * width, table, at, out, y * width, width, min);
    });
  }
}

interface Run {
  readonly row: number;
  readonly from: number;
  readonly length: number;
}

function maskRuns({ cols, rows, mask }: MorphPass): Run[] {
  const runs: Run[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      if (!mask[j * cols + i] || (i > 0 && mask[j * cols + i - 1])) continue;
      let end = i;
      while (end < cols && mask[j * cols + end]) end++;
      runs.push({ row: j, from: i, length: end - i });
    }
  }
  return runs;
}

/**
 * A full column of `length`, by van Herk down the columns, a whole row at
 * a time (rows are contiguous): running extremes over blocks of rows of the
 * border-extended plane.
 */
function columnPass(length: number, anchor: number, { min, border, outside, input, out, size: { width, height } }: Extremes): void {
  const rows = height + length - 1;
  const ys = borderTable(-anchor, rows, height, border);
  const make = (n: number): Samples => planeLike(input, n);
  const constant = make(width).fill(outside);
  const source = (q: number): [Samples, number] => (ys[q] === OUTSIDE ? [constant, 0] : [input, ys[q]! * width]);
  const [fromStart, fromEnd] = [make(rows * width), make(rows * width)];
  for (let b = 0; b < rows; b += length) {
    const e = Math.min(b + length, rows);
    fromStart.set(...copyOf(source(b), width, b * width));
    for (let q = b + 1; q < e; q++) extremeOf(fromStart, (q - 1) * width, ...source(q), fromStart, q * width, width, min);
    fromEnd.set(...copyOf(source(e - 1), width, (e - 1) * width));
    for (let q = e - 2; q >= b; q--) extremeOf(fromEnd, (q + 1) * width, ...source(q), fromEnd, q * width, width, min);
  }
  extremeOf(fromEnd, 0, fromStart, (length - 1) * width, out, 0, width * height, min);
}

function copyOf([plane, at]: [Samples, number], width: number, to: number): [Samples, number] {
  return [plane.subarray(at, at + width), to];
}

/**
 * The bilateral filter of the channel planes `inputs` (1, 3 or 4: the
 * colour distance spans them all) into `outs`, in the plan's order. `round`
 * is float32 rounding (Math.fround: the plan's tables rule out subnormals)
 * or, for float64 checks, none.
 */
export function bilateralPlanes(
  plan: BilateralPlan,
  inputs: readonly Samples[],
  outs: readonly Samples[],
  size: PlaneSize,
  round: (x: number) => number,
): void {
  const r = plan.radius;
  // Saturated first: the filter is defined on bytes (a float input in a pipeline is converted as the output stage would).
  const length = (size.width + 2 * r) * (size.height + 2 * r);
  const bytes = inputs.map((plane, c) =>
    padPlane(Uint8Array.from(plane, saturate), size, r, plan.border, plan.outside[c]!, new Uint8Array(length)),
  );
  const stride = size.width + 2 * r;
  const offsets = Int32Array.from({ length: plan.spaceWeights.length }, (_, k) => plan.offsets[2 * k + 1]! * stride + plan.offsets[2 * k]!);
  const taps = { offsets, space: plan.spaceWeights, color: plan.colorWeights };
  if (bytes.length === 1) bilateralGray(taps, bytes[0]!, outs[0]!, size, stride, r, round);
  else bilateralColor(taps, bytes, outs, size, stride, r, round);
}

interface BilateralTaps {
  /** Each disc offset as an index step in the padded planes. */
  readonly offsets: Int32Array;
  readonly space: Float32Array;
  readonly color: Float32Array;
}

/** One channel: `sum / wsum`. */
function bilateralGray(
  { offsets, space, color }: BilateralTaps,
  plane: Uint8Array,
  out: Samples,
  { width, height }: PlaneSize,
  stride: number,
  r: number,
  round: (x: number) => number,
): void {
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const centre = (y + r) * stride + x + r;
      const v0 = plane[centre]!;
      let sum = 0;
      let wsum = 0;
      for (let k = 0; k < offsets.length; k++) {
        const v = plane[centre + offsets[k]!]!;
        const w = round(space[k]! * color[v > v0 ? v - v0 : v0 - v]!);
        wsum = round(wsum + w);
        sum = round(sum + round(v * w));
      }
      out[y * width + x] = round(sum / wsum);
    }
  }
}

/**
 * Three or four channels: one weight from the summed distance, each channel
 * `sum_c * (1 / wsum)`. The channels are unrolled (a fourth plane of zeros
 * stands in for rgb's, adding nothing to the distance).
 */
function bilateralColor(
  { offsets, space, color }: BilateralTaps,
  planes: readonly Uint8Array[],
  outs: readonly Samples[],
  { width, height }: PlaneSize,
  stride: number,
  r: number,
  round: (x: number) => number,
): void {
  const [p0, p1, p2] = planes as [Uint8Array, Uint8Array, Uint8Array];
  const p3 = planes[3] ?? new Uint8Array(p0.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const centre = (y + r) * stride + x + r;
      const [a0, a1, a2, a3] = [p0[centre]!, p1[centre]!, p2[centre]!, p3[centre]!];
      let [s0, s1, s2, s3, wsum] = [0, 0, 0, 0, 0];
      for (let k = 0; k < offsets.length; k++) {
        const at = centre + offsets[k]!;
        const [v0, v1, v2, v3] = [p0[at]!, p1[at]!, p2[at]!, p3[at]!];
        const w = round(space[k]! * color[Math.abs(v0 - a0) + Math.abs(v1 - a1) + Math.abs(v2 - a2) + Math.abs(v3 - a3)]!);
        wsum = round(wsum + w);
        s0 = round(s0 + round(v0 * w));
        s1 = round(s1 + round(v1 * w));
        s2 = round(s2 + round(v2 * w));
        s3 = round(s3 + round(v3 * w));
      }
      const inverse = round(1 / wsum);
      const p = y * width + x;
      [s0, s1, s2, s3].slice(0, outs.length).forEach((sum, c) => (outs[c]![p] = round(sum * inverse)));
    }
  }
}
