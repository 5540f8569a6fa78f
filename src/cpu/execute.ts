/**
 * The CPU reference: executes a plan, or a pipeline of them, with plain
 * loops, in emulated float32 (`f32`: float32 rounding with subnormals
 * flushed, as GPUs do, after every multiply and every add; rows outer,
 * columns inner, exactly the shaders' order) or in float64 for checks
 * against exact arithmetic. No DOM: it runs in Node and in the page.
 */
import { OUTSIDE, borderTable } from '../border.js';
import { f32 } from '../float32.js';
import { luma, type RgbaImage } from '../image.js';
import { singleFilter, type PipelinePlan, type PipelineStep } from '../pipeline.js';
import { isLinear, type LinearPlan, type Plan, type PlanPass } from '../plan.js';
import { bilateralPlanes, medianPlane, morphologyChannel } from './nonlinear.js';

export type Precision = 'float32' | 'float64';

type Round = (x: number) => number;
const ROUND: Record<Precision, Round> = { float32: f32, float64: (x) => x };

/** One channel of samples, row-major, `width * height` long. */
type Plane = Float64Array;

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly round: Round;
}

/**
 * Executes `plan` on `image` and returns the raw results as RGBA floats
 * (`width * height * 4`), before conversion to the output format: filtered
 * channels hold `(sum * unit) * scale + delta`, an unfiltered alpha its
 * 0..255 value, and gray results are spread to R = G = B with alpha 255.
 */
export function executePlan(
  plan: Plan,
  image: RgbaImage,
  precision: Precision = 'float32',
): Float32Array<ArrayBuffer> | Float64Array<ArrayBuffer> {
  return executePipeline(singleFilter(plan), image, precision);
}

/** Executes a pipeline's steps on `image`; the raw result of the last step, as `executePlan` returns it. */
export function executePipeline(
  pipeline: PipelinePlan,
  image: RgbaImage,
  precision: Precision = 'float32',
): Float32Array<ArrayBuffer> | Float64Array<ArrayBuffer> {
  const frame: Frame = { width: image.width, height: image.height, round: ROUND[precision] };
  const source = inputPlanes(image, pipeline.channels);
  const results: Plane[][] = [];
  for (const step of pipeline.steps) results.push(runStep(step, source, results, frame));
  return interleave(results[results.length - 1]!, image, pipeline.channels, precision);
}

function runStep(step: PipelineStep, source: Plane[], results: readonly Plane[][], frame: Frame): Plane[] {
  if (step.op === 'filter') return filterPlanes(step.plan, step.input === 'source' ? source : results[step.input]!, frame);
  const a = results[step.a]!;
  const b = results[step.b ?? step.a]!;
  const { round } = frame;
  const op: Record<typeof step.op, (x: number, y: number) => number> = {
    magnitude: (x, y) => round(Math.sqrt(round(round(x * x) + round(y * y)))),
    abs: (x) => Math.abs(x),
    mix: (x, y) => round(round(x * step.wa) + round(y * step.wb)),
  };
  return a.map((plane, c) => plane.map((x, p) => op[step.op](x, b[c]![p]!)));
}

/** Runs a plan over input planes and finishes the result: `(v * unit) * scale + delta` (unit 1 but for linear plans). */
function filterPlanes(plan: Plan, input: Plane[], frame: Frame): Plane[] {
  const { round } = frame;
  const unit = isLinear(plan) ? plan.unit : 1;
  return planResult(plan, input, frame).map((plane) => plane.map((v) => round(round(round(v * unit) * plan.scale) + plan.delta)));
}

/** What a plan computes before its finish. */
function planResult(plan: Plan, input: Plane[], frame: Frame): Plane[] {
  const planes = (): Plane[] => input.map(() => new Float64Array(frame.width * frame.height));
  switch (plan.kind) {
    case 'median': {
      const out = planes();
      input.forEach((plane, c) => medianPlane(plan, plan.outside[c]!, plane, out[c]!, frame));
      return out;
    }
    case 'bilateral': {
      const out = planes();
      bilateralPlanes(plan, input, out, frame, frame.round === f32 ? Math.fround : frame.round);
      return out;
    }
    case 'morphology':
      return input.map((plane, c) => morphologyChannel(plan, c, plane, frame, () => new Float64Array(plane.length), frame.round) as Plane);
    default:
      return linearSums(plan, input, frame);
  }
}

/** A linear plan's passes: the sums, before the finish. */
function linearSums(plan: LinearPlan, input: Plane[], frame: Frame): Plane[] {
  const results: Plane[][] = [];
  for (const pass of plan.passes) {
    const from = pass.input === 'image' ? input : results[pass.input]!;
    results.push(from.map((plane, c) => runPass(pass, plane, plan, c, results, frame)));
  }
  return results[results.length - 1]!;
}

function inputPlanes(image: RgbaImage, channels: Plan['channels']): Plane[] {
  const n = image.width * image.height;
  const { data } = image;
  if (channels === 'gray') return [Float64Array.from({ length: n }, (_, p) => luma(data[4 * p]!, data[4 * p + 1]!, data[4 * p + 2]!))];
  const count = channels === 'rgba' ? 4 : 3;
  return Array.from({ length: count }, (_, c) => Float64Array.from({ length: n }, (_, p) => data[4 * p + c]!));
}

function runPass(
  pass: PlanPass,
  input: Plane,
  plan: LinearPlan,
  channel: number,
  results: Plane[][],
  { width, height, round }: Frame,
): Plane {
  const { cols, rows, weights } = pass;
  const outside = round(pass.outside[channel]!);
  const xs = borderTable(-pass.anchorX, width + cols - 1, width, plan.border);
  const ys = borderTable(-pass.anchorY, height + rows - 1, height, plan.border);
  const start = pass.start === null ? null : results[pass.start]![channel]!;
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = start ? start[y * width + x]! : 0;
      for (let j = 0; j < rows; j++) {
        const sy = ys[y + j]!;
        const row = sy * width;
        for (let i = 0; i < cols; i++) {
          const sx = xs[x + i]!;
          const v = sy === OUTSIDE || sx === OUTSIDE ? outside : input[row + sx]!;
          acc = round(acc + round(weights[j * cols + i]! * v));
        }
      }
      out[y * width + x] = acc;
    }
  }
  return out;
}

function interleave(
  planes: Plane[],
  image: RgbaImage,
  channels: Plan['channels'],
  precision: Precision,
): Float32Array<ArrayBuffer> | Float64Array<ArrayBuffer> {
  const n = image.width * image.height;
  const out = precision === 'float32' ? new Float32Array(n * 4) : new Float64Array(n * 4);
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < 4; c++) {
      out[4 * p + c] = channels === 'gray' ? (c < 3 ? planes[0]![p]! : 255) : (planes[c]?.[p] ?? image.data[4 * p + c]!);
    }
  }
  return out;
}
