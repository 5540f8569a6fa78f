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
import type { Border } from '../options.js';
import type { BilateralPlan, MedianPlan, MorphPass } from '../nonlinearPlan.js';
import { saturate } from '../output.js';

/** One channel of samples, row-major. */
export type Samples = Float32Array | Float64Array;

export interface PlaneSize {
  readonly width: number;
  readonly height: number;
}

/** The median of every `size x size` window of `input` into `out`. */
export function medianPlane(plan: MedianPlan, outside: number, input: Samples, out: Samples, size: PlaneSize): void {
  const { width, height } = size;
  const r = plan.size >> 1;
  const xs = borderTable(-r, width + plan.size - 1, width, plan.border);
  const ys = borderTable(-r, height + plan.size - 1, height, plan.border);
  const bytes = isBytes(input) && (plan.border !== 'constant' || isByte(outside));
  (bytes ? histogramMedian : sortedMedian)(plan.size, xs, ys, outside, input, out, width, height);
}

function isByte(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 255 && !Object.is(v, -0);
}

function isBytes(input: Samples): boolean {
  for (let p = 0; p < input.length; p++) if (!isByte(input[p]!)) return false;
  return true;
}

type MedianMethod = (
  k: number,
  xs: Int32Array,
  ys: Int32Array,
  outside: number,
  input: Samples,
  out: Samples,
  w: number,
  h: number,
) => void;

/**
 * Huang's sliding histogram along each row: a column enters and a column
 * leaves per step, and the median moves from where it was.
 */
const histogramMedian: MedianMethod = (k, xs, ys, outside, input, out, width, height) => {
  const hist = new Int32Array(256);
  const rowStarts = new Int32Array(k);
  const rank = (k * k - 1) >> 1;
  for (let y = 0; y < height; y++) {
    for (let j = 0; j < k; j++) rowStarts[j] = ys[y + j] === OUTSIDE ? OUTSIDE : ys[y + j]! * width;
    hist.fill(0);
    let m = 0;
    let below = 0;
    const column = (q: number, delta: number): void => {
      const sx = xs[q]!;
      for (let j = 0; j < k; j++) {
        const start = rowStarts[j]!;
        const v = start === OUTSIDE || sx === OUTSIDE ? outside : input[start + sx]!;
        hist[v] = hist[v]! + delta;
        if (v < m) below += delta;
      }
    };
    for (let q = 0; q < k; q++) column(q, 1);
    for (let x = 0; x < width; x++) {
      if (x > 0) {
        column(x - 1, -1);
        column(x + k - 1, 1);
      }
      while (below > rank) below -= hist[--m]!;
      while (below + hist[m]! <= rank) below += hist[m++]!;
      out[y * width + x] = m;
    }
  }
};

/** Any values: each window gathered and sorted (IEEE order, -0 before +0). */
const sortedMedian: MedianMethod = (k, xs, ys, outside, input, out, width, height) => {
  const window = new Float64Array(k * k);
  const rank = (k * k - 1) >> 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let n = 0;
      for (let j = 0; j < k; j++) {
        const sy = ys[y + j]!;
        for (let i = 0; i < k; i++) {
          const sx = xs[x + i]!;
          window[n++] = sy === OUTSIDE || sx === OUTSIDE ? outside : input[sy * width + sx]!;
        }
      }
      window.sort();
      out[y * width + x] = window[rank]!;
    }
  }
};

/** One erode (minimum) or dilate (maximum) pass of `input` into `out`; `outside` is the channel's border value. */
export function morphPass(pass: MorphPass, border: Border, outside: number, input: Samples, out: Samples, size: PlaneSize): void {
  const min = pass.op === 'erode';
  if (pass.full && pass.rows === 1) lines(pass.cols, pass.anchorX, 'rows', min, border, outside, input, out, size);
  else if (pass.full && pass.cols === 1) lines(pass.rows, pass.anchorY, 'columns', min, border, outside, input, out, size);
  else maskPass(pass, min, border, outside, input, out, size);
}

/**
 * A line window of `length` along rows or columns, by van Herk / Gil-Werman:
 * the border-extended line is cut into blocks of `length`; a running extreme
 * from each block's start and one from its end give any window's extreme
 * from two values.
 */
function lines(
  length: number,
  anchor: number,
  along: 'rows' | 'columns',
  min: boolean,
  border: Border,
  outside: number,
  input: Samples,
  out: Samples,
  { width, height }: PlaneSize,
): void {
  const [count, lineCount, step, lineStep] = along === 'rows' ? [width, height, 1, width] : [height, width, width, 1];
  const table = borderTable(-anchor, count + length - 1, count, border);
  const padded = new Float64Array(count + length - 1);
  const fromStart = new Float64Array(padded.length);
  const fromEnd = new Float64Array(padded.length);
  const pick = min ? Math.min : Math.max;
  for (let line = 0; line < lineCount; line++) {
    const base = line * lineStep;
    for (let q = 0; q < padded.length; q++) padded[q] = table[q] === OUTSIDE ? outside : input[base + table[q]! * step]!;
    for (let q = 0; q < padded.length; q++) fromStart[q] = q % length === 0 ? padded[q]! : pick(fromStart[q - 1]!, padded[q]!);
    for (let q = padded.length - 1; q >= 0; q--) {
      fromEnd[q] = q % length === length - 1 || q === padded.length - 1 ? padded[q]! : pick(fromEnd[q + 1]!, padded[q]!);
    }
    for (let x = 0; x < count; x++) out[base + x * step] = pick(fromEnd[x]!, fromStart[x + length - 1]!);
  }
}

/** Any mask: the extreme over its 1-cells, cell by cell. */
function maskPass(
  pass: MorphPass,
  min: boolean,
  border: Border,
  outside: number,
  input: Samples,
  out: Samples,
  { width, height }: PlaneSize,
): void {
  const xs = borderTable(-pass.anchorX, width + pass.cols - 1, width, border);
  const ys = borderTable(-pass.anchorY, height + pass.rows - 1, height, border);
  const cells: number[] = [];
  pass.mask.forEach((on, k) => on && cells.push(k % pass.cols, Math.floor(k / pass.cols)));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = min ? Infinity : -Infinity;
      for (let c = 0; c < cells.length; c += 2) {
        const sx = xs[x + cells[c]!]!;
        const sy = ys[y + cells[c + 1]!]!;
        const v = sx === OUTSIDE || sy === OUTSIDE ? outside : input[sy * width + sx]!;
        acc = min ? (v < acc ? v : acc) : v > acc ? v : acc;
      }
      out[y * width + x] = acc;
    }
  }
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
  { width, height }: PlaneSize,
  round: (x: number) => number,
): void {
  const cn = inputs.length;
  const bytes = inputs.map((plane) => Uint8Array.from(plane, saturate));
  const { radius: r, offsets, spaceWeights, colorWeights, outside } = plan;
  const xs = borderTable(-r, width + 2 * r, width, plan.border);
  const ys = borderTable(-r, height + 2 * r, height, plan.border);
  const center = new Float64Array(cn);
  const sums = new Float64Array(cn);
  const values = new Float64Array(cn);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      for (let c = 0; c < cn; c++) center[c] = bytes[c]![p]!;
      sums.fill(0);
      let wsum = 0;
      for (let k = 0; k < spaceWeights.length; k++) {
        const sx = xs[x + r + offsets[2 * k]!]!;
        const sy = ys[y + r + offsets[2 * k + 1]!]!;
        const q = sy * width + sx;
        let distance = 0;
        for (let c = 0; c < cn; c++) {
          values[c] = sx === OUTSIDE || sy === OUTSIDE ? outside[c]! : bytes[c]![q]!;
          distance += Math.abs(values[c]! - center[c]!);
        }
        const w = round(spaceWeights[k]! * colorWeights[distance]!);
        wsum = round(wsum + w);
        for (let c = 0; c < cn; c++) sums[c] = round(sums[c]! + round(values[c]! * w));
      }
      if (cn === 1) outs[0]![p] = round(sums[0]! / wsum);
      else {
        const inverse = round(1 / wsum);
        for (let c = 0; c < cn; c++) outs[c]![p] = round(sums[c]! * inverse);
      }
    }
  }
}
