/**
 * Morphology on the GPU (DESIGN.md section 6): each pass of the plan, an
 * erode or dilate over a structuring element (shaders/morphology.frag.glsl),
 * then, for gradient, tophat and blackhat, the plan's difference `a - b`,
 * drawn by the combiner as `1 * a + -1 * b` (each product exact, so the sum
 * is the reference's one rounding). Passes are held only while a later one
 * reads them (heldTargets.ts).
 */
import type { MorphInput, MorphologyPlan, MorphPass } from '../nonlinearPlan.js';
import { OP_CODES } from './codes.js';
import type { Job } from './execute.js';
import { HeldTargets } from './heldTargets.js';
import { endPart, imagePart, region, uniforms, windowPart, type Part } from './programParts.js';
import { drawFull } from './regions.js';
import type { VariantFile } from './shaders.js';
import type { Size } from './source.js';
import type { RenderTarget } from './targets.js';
import { windowReach } from './tiling.js';
import type { Table } from './weights.js';
import { isByte } from '../image.js';
import { targetFor, windowPass, type DrawEnd, type WindowInput } from './windowPass.js';

/** `bytes`: the input holds bytes (the image, or its luma). */
export function morphologyFilter(job: Job, plan: MorphologyPlan, input: WindowInput, bytes: boolean, end: DrawEnd): RenderTarget {
  const { passes, difference } = plan;
  const count = passes.length + (difference ? 1 : 0);
  const reads = [...passes.map((p) => [p.input]), difference ? [difference.a, difference.b] : []].map((from) =>
    from.filter((k): k is number => typeof k === 'number'),
  );
  // Extremes of bytes are bytes: every pass sees bytes when the image and the border values are.
  const byteValues = bytes && (plan.border !== 'constant' || passes.every((p) => p.outside.every(isByte)));
  const middle: DrawEnd = { part: endPart(job, plan, false, false), format: 'rgba32f' };
  const held = new HeldTargets<number>(job.r.targets, reads);
  const read = (from: MorphInput): WindowInput => (from === 'image' ? input : held.get(from));
  return held.run(count, (k) => {
    const ends = k === count - 1 ? end : middle;
    if (k === passes.length) return subtract(job, read(difference!.a), read(difference!.b), ends);
    const pass = passes[k]!;
    const from = read(pass.input);
    if (pass.full && (pass.rows === 1 || pass.cols === 1)) return line(job, plan, pass, from, byteValues, ends);
    const draw = {
      file: FILE,
      parts: [maskPart(job, pass, byteValues)],
      reach: windowReach(pass),
      border: plan.border,
      outside: pass.outside,
      reads: pass.cols * pass.rows,
    };
    return windowPass(job, from, draw, ends);
  });
}

const FILE: VariantFile = 'morphology.frag.glsl';

/**
 * Lines at least this long run in doubling passes; shorter ones tap every
 * cell. On SwiftShader, 640x480 RGB, erode rect (a row and a column pass),
 * taps against doubling, one run alternating: 9: 49 against 53 ms, 11: 59
 * against 53, 15: 64 against 47, 31: 169 against 68, 61: 354 against 95.
 */
const DOUBLING_FROM = 11;

/** The cells the first pass of a doubling line takes directly. */
const FIRST = 4;

/**
 * A full row or column of `length` cells. Short lines tap every cell. Long
 * ones double: m_n[q], the extreme of the n cells of the border-extended
 * line from position q, is first taken directly for n = FIRST over a domain
 * padded past the image's end, then m_2n[q] = extreme(m_n[q], m_n[q + n])
 * until two overlapping runs cover the line, whose extreme the last pass
 * takes. That is van Herk's and Gil and Werman's point, a few reads per
 * sample whatever the length, reached by log2(length) passes of two reads.
 */
function line(job: Job, plan: MorphologyPlan, pass: MorphPass, from: WindowInput, byteValues: boolean, end: DrawEnd): RenderTarget {
  const row = pass.rows === 1;
  const length = pass.cols * pass.rows;
  const anchor = row ? pass.anchorX : pass.anchorY;
  const defines = ['LINE', ...opDefines(pass, byteValues)];
  // `count` taps at spacing * t - first along the line.
  const taps = (count: number, spacing: number, first: number): Part => ({
    defines,
    uniforms: { u_length: count, u_step: row ? [spacing, 0] : [0, spacing], u_anchor: row ? [first, 0] : [0, first] },
  });
  const direct = (count: number, ends: DrawEnd, extent?: Size): RenderTarget => {
    const window = { cols: row ? count : 1, rows: row ? 1 : count, anchorX: row ? anchor : 0, anchorY: row ? 0 : anchor };
    const draw = {
      file: FILE,
      parts: [taps(count, 1, anchor)],
      reach: windowReach(window),
      border: plan.border,
      outside: pass.outside,
      reads: count,
    };
    return windowPass(job, from, draw, ends, extent);
  };
  const { width, height } = job.size;
  // m_n is read up to the image's last position plus length - n.
  const padded = row ? { width: width + length - FIRST, height } : { width, height: height + length - FIRST };
  // An image that fills the largest texture has no room for the padding.
  const room = (job.gl.getParameter(job.gl.MAX_TEXTURE_SIZE) as number) >= Math.max(padded.width, padded.height);
  if (length < DOUBLING_FROM || !room) return direct(length, end);
  const middle: DrawEnd = { part: endPart(job, plan, false, false), format: 'rgba32f' };
  let runs = direct(FIRST, middle, padded);
  let n = FIRST;
  try {
    for (; 2 * n < length; n *= 2) {
      const previous = runs;
      runs = targetFor(job, previous, 'rgba32f', padded);
      try {
        drawFull(job.gl, runs, region(job.r, FILE, middle.part, windowPart(job, previous), taps(2, n, 0)));
      } finally {
        job.r.targets.release(previous);
      }
    }
    const target = targetFor(job, runs, end.format);
    drawFull(job.gl, target, region(job.r, FILE, end.part, windowPart(job, runs), taps(2, length - n, 0)));
    return target;
  } finally {
    job.r.targets.release(runs);
  }
}

/** DILATE for a maximum; BYTES where all values are bytes (ordered as they are, not as float keys). */
function opDefines(pass: MorphPass, byteValues: boolean): string[] {
  return [...(pass.op === 'dilate' ? ['DILATE'] : []), ...(byteValues ? ['BYTES'] : [])];
}

/** The mask's runs of ones. */
function maskPart({ r }: Job, pass: MorphPass, byteValues: boolean): Part {
  const runs = maskRuns(pass);
  const key = r.weights.contentKey(pass, () => `runs ${pass.cols}x${pass.rows}:${pass.mask.join('')}`);
  return {
    defines: opDefines(pass, byteValues),
    uniforms: { u_anchor: [pass.anchorX, pass.anchorY], u_runs: r.weights.table(key, () => runs), u_runsShape: [runs.width, pass.rows] },
  };
}

/** Each mask row's runs of ones as (first column, length), padded with empty runs to the most any row has. */
function maskRuns({ cols, rows, mask }: MorphPass): Table {
  const lines: number[][] = [];
  for (let j = 0; j < rows; j++) {
    const row = mask.subarray(j * cols, (j + 1) * cols);
    const line: number[] = [];
    for (let i = row.indexOf(1); i >= 0;) {
      const past = row.indexOf(0, i);
      const end = past < 0 ? cols : past;
      line.push(i, end - i);
      i = row.indexOf(1, end);
    }
    lines.push(line);
  }
  const width = Math.max(1, ...lines.map((line) => line.length / 2));
  const data = new Float32Array(width * rows * 2);
  lines.forEach((line, j) => data.set(line, j * width * 2));
  return { channels: 2, width, height: rows, data };
}

/**
 * `a - b` into a new target. The uploaded image, when an operand, is first
 * copied to float32 (exactly: its values are integers) for the combiner.
 */
function subtract(job: Job, a: WindowInput, b: WindowInput, end: DrawEnd): RenderTarget {
  const copy = a === 'source' || b === 'source' ? floatSource(job) : null;
  try {
    const [x, y] = [a, b].map((t) => (t === 'source' ? copy! : t)) as [RenderTarget, RenderTarget];
    const target = targetFor(job, x, end.format);
    const operands = uniforms({ u_a: x.texture, u_b: y.texture, u_op: OP_CODES.mix, u_wa: 1, u_wb: -1 });
    drawFull(job.gl, target, region(job.r, 'combine.frag.glsl', end.part, operands));
    return target;
  } finally {
    if (copy) job.r.targets.release(copy);
  }
}

function floatSource(job: Job): RenderTarget {
  const target = targetFor(job, 'source', 'rgba32f');
  drawFull(job.gl, target, region(job.r, 'copy.frag.glsl', endPart(job, null, false, false), imagePart(job)));
  return target;
}
