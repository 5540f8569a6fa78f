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
import { endPart, imagePart, region, uniforms, type Part } from './programParts.js';
import { drawFull } from './regions.js';
import type { RenderTarget } from './targets.js';
import { windowReach } from './tiling.js';
import type { Table } from './weights.js';
import { isByte, targetFor, windowPass, type DrawEnd, type WindowInput } from './windowPass.js';

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
    return windowPass(
      job,
      read(pass.input),
      {
        file: 'morphology.frag.glsl',
        parts: [shapePart(job, pass, byteValues)],
        reach: windowReach(pass),
        border: plan.border,
        outside: pass.outside,
        reads: pass.cols * pass.rows,
      },
      ends,
    );
  });
}

/**
 * LINE for a full row or column, in value order (BYTES where all values
 * are bytes); else the mask's runs. DILATE for a maximum.
 */
function shapePart({ r }: Job, pass: MorphPass, byteValues: boolean): Part {
  const op = pass.op === 'dilate' ? ['DILATE'] : [];
  const anchor = [pass.anchorX, pass.anchorY];
  if (pass.full && (pass.rows === 1 || pass.cols === 1)) {
    return {
      defines: ['LINE', ...op, ...(byteValues ? ['BYTES'] : [])],
      uniforms: { u_anchor: anchor, u_length: pass.cols * pass.rows, u_step: pass.rows === 1 ? [1, 0] : [0, 1] },
    };
  }
  const runs = maskRuns(pass);
  const key = `runs ${r.weights.contentKey(pass, () => `${pass.cols}x${pass.rows}:${pass.mask.join('')}`)}`;
  return { defines: op, uniforms: { u_anchor: anchor, u_runs: r.weights.table(key, () => runs), u_runsShape: [runs.width, pass.rows] } };
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
