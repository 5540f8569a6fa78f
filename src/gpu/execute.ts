/**
 * Executing plans on the GPU: a pipeline's steps (a single filter is a
 * pipeline of one step), each filter's passes, and the combiners. Colour
 * steps work on RGBA texels; gray steps on four packed luma values per
 * texel, and their result stays packed (the reader or the presenter spreads
 * it out), so gray work never runs at one pixel per fragment. Either way
 * every sample is computed with the CPU reference's operations in its order.
 */
import type { PipelinePlan, PipelineStep } from '../pipeline.js';
import type { Plan, PlanPass } from '../plan.js';
import { lineLayout } from './lineWeights.js';
import { drawFull, drawRegions, rect, type Rect } from './regions.js';
import type { Resources } from './resources.js';
import type { Size } from './source.js';
import type { RenderTarget, TargetFormat } from './targets.js';

const BORDER_CODES = { replicate: 0, reflect: 1, reflect101: 2, wrap: 3, constant: 4 } as const;
const CHANNEL_CODES = { rgb: 0, rgba: 1, gray: 2 } as const;
const OUTPUT_CODES = { saturate: 0, abs: 1, float: 2 } as const;
const OP_CODES = { magnitude: 0, abs: 1, mix: 2 } as const;

/** What a step reads: the uploaded source (RGBA8UI) or a float32 result. */
type StepInput = RenderTarget | 'source';

interface Job {
  readonly gl: WebGL2RenderingContext;
  readonly r: Resources;
  readonly pipeline: PipelinePlan;
  readonly size: Size;
}

/** Runs `pipeline` over the uploaded source; the caller releases the returned target. */
export function runPipeline(gl: WebGL2RenderingContext, r: Resources, pipeline: PipelinePlan, size: Size): RenderTarget {
  const job: Job = { gl, r, pipeline, size };
  const gray = pipeline.channels === 'gray';
  const luma = gray ? packLuma(job) : null;
  const results: RenderTarget[] = [];
  pipeline.steps.forEach((step, s) => {
    // The last pass of the last step converts to the output format.
    results.push(runStep(job, step, results, luma ?? 'source', s === pipeline.steps.length - 1));
  });
  const result = results[results.length - 1]!;
  [luma, ...results].forEach((t) => t && t !== result && r.targets.release(t));
  return result;
}

function runStep(job: Job, step: PipelineStep, results: readonly RenderTarget[], source: StepInput, convert: boolean): RenderTarget {
  if (step.op !== 'filter') return combine(job, step, results, convert);
  const input = step.input === 'source' ? source : results[step.input]!;
  return job.pipeline.channels === 'gray' ? packedFilter(job, step.plan, input as RenderTarget, convert) : colorFilter(job, step.plan, input, convert);
}

function colorFilter(job: Job, plan: Plan, input: StepInput, convert: boolean): RenderTarget {
  const results: RenderTarget[] = [];
  plan.passes.forEach((pass, k) => {
    const last = k === plan.passes.length - 1;
    const target = job.r.targets.acquire(job.size.width, job.size.height, last && convert ? finalFormat(job) : 'rgba32f');
    const from = pass.input === 'image' ? input : results[pass.input]!;
    const ends = stepUniforms(job, plan, last, last && convert);
    if (from === 'source' && isUnitTap(pass)) drawFull(job.gl, target, { program: job.r.programs.copy, uniforms: ends });
    else colorPass(job, pass, k, from, results, target, ends);
    results.push(target);
  });
  return keepLast(job, results);
}

/** The `k`-th pass of a colour filter, convolving `from` into `target`; `ends` are its step uniforms. */
function colorPass(job: Job, pass: PlanPass, k: number, from: StepInput, results: readonly RenderTarget[], target: RenderTarget, ends: object): void {
  const { gl, r, size } = job;
  const uniforms = {
    ...ends,
    ...passUniforms(job, pass, results, [size.width, size.height], pass.outside),
    ...lineUniforms(job, pass, k),
    u_input: from === 'source' ? null : from.texture,
  };
  const [inside, edge] = from === 'source' ? [r.programs.convolveImage, r.programs.convolveImageEdge] : [r.programs.convolveFloat, r.programs.convolveFloatEdge];
  drawRegions(gl, target, interior(pass, size.width, size.height), { program: inside, uniforms }, { program: edge, uniforms }, pass.cols * pass.rows);
}

function packedFilter(job: Job, plan: Plan, input: RenderTarget, convert: boolean): RenderTarget {
  const results: RenderTarget[] = [];
  plan.passes.forEach((pass, k) => {
    const last = k === plan.passes.length - 1;
    const target = job.r.targets.acquirePacked(input.imageWidth, input.height, last && convert ? finalFormat(job) : 'rgba32f');
    const from = pass.input === 'image' ? input : results[pass.input]!;
    const run = pass.cols === 1 ? packedColumnPass : packedRowPass;
    run(job, { plan, pass, k, input: from, results, target, last, final: last && convert });
    results.push(target);
  });
  return keepLast(job, results);
}

/** One pass of a packed gray filter: the `k`-th of `plan`, over `input`, into `target`. */
interface PackedPass {
  readonly plan: Plan;
  readonly pass: PlanPass;
  readonly k: number;
  readonly input: RenderTarget;
  readonly results: readonly RenderTarget[];
  readonly target: RenderTarget;
  /** The filter's last pass: it finishes the sum. */
  readonly last: boolean;
  /** The pipeline's last pass: it converts to the output format. */
  readonly final: boolean;
}

/** Column taps over packed data: each texel holds four independent columns, read as one vec4. */
function packedColumnPass(job: Job, { plan, pass, k, input, results, target, last, final }: PackedPass): void {
  const o = pass.outside[0];
  const uniforms = {
    ...stepUniforms(job, plan, last, final),
    ...passUniforms(job, pass, results, [input.width, input.height], [o, o, o, o]),
    ...lineUniforms(job, pass, k),
    u_input: input.texture,
  };
  const { convolveFloat, convolveFloatEdge } = job.r.programs;
  drawRegions(job.gl, target, interior(pass, input.width, input.height), { program: convolveFloat, uniforms }, { program: convolveFloatEdge, uniforms }, pass.rows);
}

/** Taps along rows over packed data: four taps per texel fetch inside, element-wise mapping at the edges. */
function packedRowPass(job: Job, { plan, pass, k, input, results, target, last, final }: PackedPass): void {
  const { width, height } = job.size;
  const shift = -pass.anchorX & 3;
  const groups = (shift + pass.cols + 3) >> 2;
  const uniforms = {
    ...stepUniforms(job, plan, last, final),
    ...passUniforms(job, pass, results, [width, height], pass.outside),
    u_input: input.texture,
    u_size: [pass.cols, pass.rows],
    u_outside: pass.outside[0],
    u_shift: shift,
    u_groups: groups,
    u_lastTexel: input.width - 1,
  };
  const { weights, programs } = job.r;
  const inside = { ...uniforms, u_weights: weights.texture(`${k}:groups`, 'rgba32f', groups, pass.rows, groupWeights(pass, shift, groups)) };
  const edge = { ...uniforms, u_weights: weights.texture(`${k}:r32f`, 'r32f', pass.cols, pass.rows, pass.weights) };
  // Texel X is interior when elements 4X - anchorX .. 4X + 3 + (cols - 1 - anchorX) all lie in the row.
  const first = Math.ceil(pass.anchorX / 4);
  const end = Math.floor((width - pass.cols - 3 + pass.anchorX) / 4) + 1;
  const rows = interior(pass, 0, height);
  const inner = rect(first, rows.y, Math.max(first, end), rows.y + rows.height);
  drawRegions(job.gl, target, inner, { program: programs.convolvePacked, uniforms: inside }, { program: programs.convolvePackedEdge, uniforms: edge }, pass.cols * pass.rows);
}

function combine(job: Job, step: Exclude<PipelineStep, { op: 'filter' }>, results: readonly RenderTarget[], convert: boolean): RenderTarget {
  const a = results[step.a]!;
  const format = convert ? finalFormat(job) : 'rgba32f';
  const target = a.packed ? job.r.targets.acquirePacked(a.imageWidth, a.height, format) : job.r.targets.acquire(a.width, a.height, format);
  drawFull(job.gl, target, {
    program: job.r.programs.combine,
    uniforms: {
      ...stepUniforms(job, null, false, convert),
      u_a: a.texture,
      u_b: results[step.b ?? step.a]!.texture,
      u_op: OP_CODES[step.op],
      u_wa: step.wa,
      u_wb: step.wb,
    },
  });
  return target;
}

/** Gray input, packed: four luma values per RGBA32F texel. */
function packLuma({ gl, r, size }: Job): RenderTarget {
  const luma = r.targets.acquirePacked(size.width, size.height, 'rgba32f');
  drawFull(gl, luma, { program: r.programs.packLuma, uniforms: { u_image: r.source.handle, u_width: size.width } });
  return luma;
}

/**
 * The row weights regrouped for the packed interior: texel (g, j) holds the
 * weights of taps 4g - shift .. 4g - shift + 3 of row j, zero where there is no tap.
 */
function groupWeights(pass: PlanPass, shift: number, groups: number): Float32Array {
  const out = new Float32Array(groups * 4 * pass.rows);
  for (let j = 0; j < pass.rows; j++) {
    for (let i = 0; i < pass.cols; i++) out[j * groups * 4 + i + shift] = pass.weights[j * pass.cols + i]!;
  }
  return out;
}

/** A window of one tap of weight 1 at the anchor, starting from 0: its sums are its input's samples. */
function isUnitTap(pass: PlanPass): boolean {
  return pass.cols === 1 && pass.rows === 1 && pass.anchorX === 0 && pass.anchorY === 0 && pass.weights[0] === 1 && pass.start === null;
}

/** Where every tap of `pass` lies inside a `width x height` input. */
function interior(pass: PlanPass, width: number, height: number): Rect {
  return rect(pass.anchorX, pass.anchorY, width - (pass.cols - 1 - pass.anchorX), height - (pass.rows - 1 - pass.anchorY));
}

/** The convolve shader's walk of `pass`, the `k`-th of its filter: lines of taps and their weights. */
function lineUniforms({ r }: Job, pass: PlanPass, k: number) {
  const { lines, taps, step, width, texels } = lineLayout(pass);
  return { u_lines: lines, u_taps: taps, u_step: step, u_weights: r.weights.texture(`${k}`, 'rgba32f', width, lines, texels) };
}

function passUniforms({ r }: Job, pass: PlanPass, results: readonly RenderTarget[], dims: [number, number], outside: readonly number[]) {
  return {
    u_anchor: [pass.anchorX, pass.anchorY],
    u_dims: dims,
    u_outside: outside,
    u_start: pass.start === null ? r.zero : results[pass.start]!.texture,
    u_hasStart: pass.start !== null,
  };
}

/** Uniforms of a step's end: `finish` applies the plan's unit, scale and delta; `final` converts to the output. */
function stepUniforms({ r, pipeline }: Job, plan: Plan | null, finish: boolean, final: boolean) {
  return {
    u_image: r.source.handle,
    u_border: plan ? BORDER_CODES[plan.border] : 0,
    u_channels: CHANNEL_CODES[pipeline.channels],
    u_finish: finish,
    u_final: final,
    u_unit: plan?.unit ?? 1,
    u_scale: plan?.scale ?? 1,
    u_delta: plan?.delta ?? 0,
    u_output: OUTPUT_CODES[pipeline.output],
  };
}

function finalFormat({ pipeline }: Job): TargetFormat {
  return pipeline.output === 'float' ? 'rgba32f' : 'rgba8';
}

function keepLast({ r }: Job, targets: readonly RenderTarget[]): RenderTarget {
  targets.slice(0, -1).forEach((t) => r.targets.release(t));
  return targets[targets.length - 1]!;
}
