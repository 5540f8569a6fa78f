/**
 * Executing plans on the GPU, as src/cpu/execute.ts does on the CPU: a
 * pipeline's steps (a single filter is a pipeline of one step), each
 * filter's passes, and the combiners. Colour steps work on RGBA texels; gray
 * steps on four packed luma values per texel, and their result stays packed
 * (the reader or the presenter spreads it out), so gray work never runs at
 * one pixel per fragment. Either way every sample is computed with the CPU
 * reference's operations in its order.
 *
 * Each draw's program is a variant built for the pass (programParts.ts,
 * variants.ts): its shape, whether its sum has a start, and its step's end,
 * with exactly the uniforms that variant reads.
 */
import type { PipelinePlan, PipelineStep, StepInput as PipelineInput } from '../pipeline.js';
import { isLinear, type LinearPlan, type PlanPass } from '../plan.js';
import { nonlinearFilter } from './nonlinear.js';
import { OP_CODES } from './codes.js';
import { HeldTargets } from './heldTargets.js';
import { groupShape } from './lineWeights.js';
import {
  borderPart,
  endPart,
  imagePart,
  inputPart,
  linePart,
  packedRowPart,
  region,
  sumPart,
  uniforms,
  type Part,
} from './programParts.js';
import { drawFull, drawRegions, rect, type Rect } from './regions.js';
import type { Resources } from './resources.js';
import type { Size } from './source.js';
import type { RenderTarget, TargetFormat } from './targets.js';

/** What a colour step reads: the uploaded source (RGBA8UI) or a float32 result. */
type StepInput = RenderTarget | 'source';

export interface Job {
  readonly gl: WebGL2RenderingContext;
  readonly r: Resources;
  readonly pipeline: PipelinePlan;
  readonly size: Size;
}

/** Runs `pipeline` over the uploaded source; the caller releases the returned target. */
export function executePipeline(gl: WebGL2RenderingContext, r: Resources, pipeline: PipelinePlan, size: Size): RenderTarget {
  const job: Job = { gl, r, pipeline, size };
  const { steps } = pipeline;
  r.weights.startRun();
  // Gray steps read the packed luma where colour steps read the source.
  const held = new HeldTargets<PipelineInput>(r.targets, steps.map(stepReads));
  if (pipeline.channels === 'gray') held.put('source', packLuma(job));
  // The last pass of the last step converts to the output format.
  return held.run(steps.length, (s) => runStep(job, steps[s]!, held, s === steps.length - 1));
}

function stepReads(step: PipelineStep): PipelineInput[] {
  return step.op === 'filter' ? [step.input] : [step.a, step.b ?? step.a];
}

function runStep(job: Job, step: PipelineStep, held: HeldTargets<PipelineInput>, convert: boolean): RenderTarget {
  if (step.op !== 'filter') return combine(job, step, held, convert);
  if (!isLinear(step.plan)) {
    const packed = job.pipeline.channels === 'gray' || step.input !== 'source';
    const end = { part: endPart(job, step.plan, true, convert), format: convert ? finalFormat(job) : 'rgba32f' } as const;
    return nonlinearFilter(job, step.plan, packed ? held.get(step.input) : 'source', step.input === 'source', end);
  }
  if (job.pipeline.channels === 'gray') return packedFilter(job, step.plan, held.get(step.input), convert);
  return colorFilter(job, step.plan, step.input === 'source' ? 'source' : held.get(step.input), convert);
}

/** What a pass reads from earlier passes of its filter. */
function passReads(pass: PlanPass): number[] {
  return [pass.input, pass.start].filter((k): k is number => typeof k === 'number');
}

/** Runs `plan`'s passes with `draw`, which is given the pass's end; returns the last one's target. */
function runPasses(
  job: Job,
  plan: LinearPlan,
  convert: boolean,
  draw: (pass: PlanPass, held: HeldTargets<number>, end: Part, format: TargetFormat) => RenderTarget,
): RenderTarget {
  const held = new HeldTargets<number>(job.r.targets, plan.passes.map(passReads));
  return held.run(plan.passes.length, (k) => {
    const last = k === plan.passes.length - 1;
    return draw(plan.passes[k]!, held, endPart(job, plan, last, last && convert), last && convert ? finalFormat(job) : 'rgba32f');
  });
}

function colorFilter(job: Job, plan: LinearPlan, input: StepInput, convert: boolean): RenderTarget {
  const { width, height } = job.size;
  return runPasses(job, plan, convert, (pass, held, end, format) => {
    const target = job.r.targets.acquire(width, height, format);
    const from = pass.input === 'image' ? input : held.get(pass.input);
    if (from === 'source' && isUnitTap(pass)) drawFull(job.gl, target, region(job.r, 'copy.frag.glsl', end, imagePart(job)));
    else colorPass(job, plan, { pass, from, held, target, end });
    return target;
  });
}

/** One pass of a filter: `pass` over `from` into `target`, ending as `end` says. */
interface PassDraw<Input> {
  readonly pass: PlanPass;
  readonly from: Input;
  readonly held: HeldTargets<number>;
  readonly target: RenderTarget;
  readonly end: Part;
}

/** A pass of a colour filter. */
function colorPass(job: Job, plan: LinearPlan, { pass, from, held, target, end }: PassDraw<StepInput>): void {
  const { r, size } = job;
  const file = from === 'source' ? 'convolve-image.frag.glsl' : 'convolve-float.frag.glsl';
  const parts = [end, from === 'source' ? imagePart(job) : inputPart(from), sumPart(pass, held), linePart(job, pass)];
  const inside = region(r, file, ...parts);
  const edges = region(r, file, ...parts, borderPart(job, plan, pass));
  drawRegions(job.gl, target, interior(pass, size.width, size.height), inside, edges, pass.cols * pass.rows);
}

function packedFilter(job: Job, plan: LinearPlan, input: RenderTarget, convert: boolean): RenderTarget {
  return runPasses(job, plan, convert, (pass, held, end, format) => {
    const target = job.r.targets.acquirePacked(input.imageWidth, input.height, format);
    const from = pass.input === 'image' ? input : held.get(pass.input);
    const run = pass.cols === 1 ? packedColumnPass : packedRowPass;
    run(job, plan, { pass, from, held, target, end });
    return target;
  });
}

/** Column taps over packed data: each texel holds four independent columns, read as one vec4. */
function packedColumnPass(job: Job, plan: LinearPlan, { pass, from, held, target, end }: PassDraw<RenderTarget>): void {
  const parts = [end, inputPart(from), sumPart(pass, held), linePart(job, pass)];
  const file = 'convolve-float.frag.glsl';
  const inside = region(job.r, file, ...parts);
  const edges = region(job.r, file, ...parts, borderPart(job, plan, pass));
  drawRegions(job.gl, target, interior(pass, from.width, from.height), inside, edges, pass.rows);
}

/** Taps along rows over packed data: four taps per texel fetch inside, element-wise mapping at the edges. */
function packedRowPass(job: Job, plan: LinearPlan, { pass, from, held, target, end }: PassDraw<RenderTarget>): void {
  const { width, height } = job.size;
  const parts = [end, inputPart(from), sumPart(pass, held)];
  const file = 'convolve-packed.frag.glsl';
  const inside = region(
    job.r,
    file,
    ...parts,
    packedRowPart(job, pass, true),
    uniforms({ u_shift: groupShape(pass).shift, u_lastTexel: from.width - 1 }),
  );
  const edges = region(job.r, file, ...parts, packedRowPart(job, pass, false), borderPart(job, plan, pass));
  // Texel X is interior when elements 4X - anchorX .. 4X + 3 + (cols - 1 - anchorX) all lie in the row.
  const first = Math.ceil(pass.anchorX / 4);
  const past = Math.floor((width - pass.cols - 3 + pass.anchorX) / 4) + 1;
  const rows = interior(pass, 0, height);
  const inner = rect(first, rows.y, Math.max(first, past), rows.y + rows.height);
  drawRegions(job.gl, target, inner, inside, edges, pass.cols * pass.rows);
}

function combine(
  job: Job,
  step: Exclude<PipelineStep, { op: 'filter' }>,
  held: HeldTargets<PipelineInput>,
  convert: boolean,
): RenderTarget {
  const a = held.get(step.a);
  const format = convert ? finalFormat(job) : 'rgba32f';
  const target = a.packed ? job.r.targets.acquirePacked(a.imageWidth, a.height, format) : job.r.targets.acquire(a.width, a.height, format);
  const operands = uniforms({
    u_a: a.texture,
    u_b: held.get(step.b ?? step.a).texture,
    u_op: OP_CODES[step.op],
    u_wa: step.wa,
    u_wb: step.wb,
  });
  drawFull(job.gl, target, region(job.r, 'combine.frag.glsl', endPart(job, null, false, convert), operands));
  return target;
}

/** Gray input, packed: four luma values per RGBA32F texel. */
function packLuma({ gl, r, size }: Job): RenderTarget {
  const luma = r.targets.acquirePacked(size.width, size.height, 'rgba32f');
  drawFull(gl, luma, { program: r.programs.packLuma, uniforms: { u_image: r.source.handle, u_imageSize: [size.width, size.height] } });
  return luma;
}

/** A window of one tap of weight 1 at the anchor, starting from 0: its sums are its input's samples. */
function isUnitTap(pass: PlanPass): boolean {
  return pass.cols === 1 && pass.rows === 1 && pass.anchorX === 0 && pass.anchorY === 0 && pass.weights[0] === 1 && pass.start === null;
}

/** Where every tap of `pass` lies inside a `width x height` input. */
function interior(pass: PlanPass, width: number, height: number): Rect {
  return rect(pass.anchorX, pass.anchorY, width - (pass.cols - 1 - pass.anchorX), height - (pass.rows - 1 - pass.anchorY));
}

function finalFormat({ pipeline }: Job): TargetFormat {
  return pipeline.output === 'float' ? 'rgba32f' : 'rgba8';
}
