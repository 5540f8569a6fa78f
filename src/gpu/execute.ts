/**
 * Executing plans on the GPU, as src/cpu/execute.ts does on the CPU: a
 * pipeline's steps (a single filter is a pipeline of one step), each
 * filter's passes, and the combiners. Colour steps work on RGBA texels; gray
 * steps on four packed luma values per texel, and their result stays packed
 * (the reader or the presenter spreads it out), so gray work never runs at
 * one pixel per fragment. Either way every sample is computed with the CPU
 * reference's operations in its order.
 *
 * Each program is given exactly the uniforms it uses (the browser test
 * uniforms.test.ts checks each program's against what is set on it): the
 * end of a step for all, a pass's sum for the convolve programs, and the
 * border mapping only for the edge programs, which map coordinates.
 */
import type { PipelinePlan, PipelineStep, StepInput as PipelineInput } from '../pipeline.js';
import type { Plan, PlanPass } from '../plan.js';
import { BORDER_CODES, CHANNEL_CODES, OP_CODES, OUTPUT_CODES } from './codes.js';
import { HeldTargets } from './heldTargets.js';
import { groupShape, lineShape } from './lineWeights.js';
import { drawFull, drawRegions, rect, type Rect } from './regions.js';
import type { Resources } from './resources.js';
import type { Size } from './source.js';
import type { RenderTarget, TargetFormat } from './targets.js';

/** What a colour step reads: the uploaded source (RGBA8UI) or a float32 result. */
type StepInput = RenderTarget | 'source';

interface Job {
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
  if (job.pipeline.channels === 'gray') return packedFilter(job, step.plan, held.get(step.input), convert);
  return colorFilter(job, step.plan, step.input === 'source' ? 'source' : held.get(step.input), convert);
}

/** What a pass reads from earlier passes of its filter. */
function passReads(pass: PlanPass): number[] {
  return [pass.input, pass.start].filter((k): k is number => typeof k === 'number');
}

/** Runs `plan`'s passes with `draw`, which is told when a pass is the filter's last; returns the last one's target. */
function runPasses(job: Job, plan: Plan, draw: (pass: PlanPass, held: HeldTargets<number>, last: boolean) => RenderTarget): RenderTarget {
  const held = new HeldTargets<number>(job.r.targets, plan.passes.map(passReads));
  return held.run(plan.passes.length, (k) => draw(plan.passes[k]!, held, k === plan.passes.length - 1));
}

function colorFilter(job: Job, plan: Plan, input: StepInput, convert: boolean): RenderTarget {
  const { width, height } = job.size;
  return runPasses(job, plan, (pass, held, last) => {
    const target = job.r.targets.acquire(width, height, last && convert ? finalFormat(job) : 'rgba32f');
    const from = pass.input === 'image' ? input : held.get(pass.input);
    const ends = endUniforms(job, plan, last, last && convert);
    if (from === 'source' && isUnitTap(pass)) drawFull(job.gl, target, { program: job.r.programs.copy, uniforms: ends });
    else colorPass(job, plan, pass, from, held, target, ends);
    return target;
  });
}

/** A pass of a colour filter, convolving `from` into `target`; `ends` are its step's end uniforms. */
function colorPass(job: Job, plan: Plan, pass: PlanPass, from: StepInput, held: HeldTargets<number>, target: RenderTarget, ends: object): void {
  const { r, size } = job;
  const uniforms = { ...ends, ...sumUniforms(job, pass, held), ...lineUniforms(job, pass), ...(from === 'source' ? {} : { u_input: from.texture }) };
  const edge = { ...uniforms, ...borderUniforms(job, plan, pass) };
  const [inside, edges] = from === 'source' ? [r.programs.convolveImage, r.programs.convolveImageEdge] : [r.programs.convolveFloat, r.programs.convolveFloatEdge];
  drawRegions(job.gl, target, interior(pass, size.width, size.height), { program: inside, uniforms }, { program: edges, uniforms: edge }, pass.cols * pass.rows);
}

function packedFilter(job: Job, plan: Plan, input: RenderTarget, convert: boolean): RenderTarget {
  return runPasses(job, plan, (pass, held, last) => {
    const target = job.r.targets.acquirePacked(input.imageWidth, input.height, last && convert ? finalFormat(job) : 'rgba32f');
    const from = pass.input === 'image' ? input : held.get(pass.input);
    const run = pass.cols === 1 ? packedColumnPass : packedRowPass;
    run(job, { plan, pass, input: from, held, target, ends: endUniforms(job, plan, last, last && convert) });
    return target;
  });
}

/** One pass of a packed gray filter: `pass` of `plan`, over `input`, into `target`. */
interface PackedPass {
  readonly plan: Plan;
  readonly pass: PlanPass;
  readonly input: RenderTarget;
  readonly held: HeldTargets<number>;
  readonly target: RenderTarget;
  /** The step's end uniforms. */
  readonly ends: object;
}

/** Column taps over packed data: each texel holds four independent columns, read as one vec4. */
function packedColumnPass(job: Job, { plan, pass, input, held, target, ends }: PackedPass): void {
  const uniforms = { ...ends, ...sumUniforms(job, pass, held), ...lineUniforms(job, pass), u_input: input.texture };
  const edge = { ...uniforms, ...borderUniforms(job, plan, pass) };
  const { convolveFloat, convolveFloatEdge } = job.r.programs;
  drawRegions(job.gl, target, interior(pass, input.width, input.height), { program: convolveFloat, uniforms }, { program: convolveFloatEdge, uniforms: edge }, pass.rows);
}

/** Taps along rows over packed data: four taps per texel fetch inside, element-wise mapping at the edges. */
function packedRowPass(job: Job, { plan, pass, input, held, target, ends }: PackedPass): void {
  const { width, height } = job.size;
  const { weights, programs } = job.r;
  const { shift, groups } = groupShape(pass);
  const uniforms = { ...ends, ...sumUniforms(job, pass, held), u_input: input.texture, u_window: [pass.cols, pass.rows] };
  const inside = { ...uniforms, u_groupWeights: weights.texture(pass, 'groups'), u_shift: shift, u_groups: groups, u_lastTexel: input.width - 1 };
  const edge = { ...uniforms, ...borderUniforms(job, plan, pass), u_tapWeights: weights.texture(pass, 'taps') };
  // Texel X is interior when elements 4X - anchorX .. 4X + 3 + (cols - 1 - anchorX) all lie in the row.
  const first = Math.ceil(pass.anchorX / 4);
  const end = Math.floor((width - pass.cols - 3 + pass.anchorX) / 4) + 1;
  const rows = interior(pass, 0, height);
  const inner = rect(first, rows.y, Math.max(first, end), rows.y + rows.height);
  drawRegions(job.gl, target, inner, { program: programs.convolvePacked, uniforms: inside }, { program: programs.convolvePackedEdge, uniforms: edge }, pass.cols * pass.rows);
}

function combine(job: Job, step: Exclude<PipelineStep, { op: 'filter' }>, held: HeldTargets<PipelineInput>, convert: boolean): RenderTarget {
  const a = held.get(step.a);
  const format = convert ? finalFormat(job) : 'rgba32f';
  const target = a.packed ? job.r.targets.acquirePacked(a.imageWidth, a.height, format) : job.r.targets.acquire(a.width, a.height, format);
  drawFull(job.gl, target, {
    program: job.r.programs.combine,
    uniforms: {
      ...endUniforms(job, null, false, convert),
      u_a: a.texture,
      u_b: held.get(step.b ?? step.a).texture,
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

/** The convolve shader's walk of `pass`: lines of taps and their weights. */
function lineUniforms({ r }: Job, pass: PlanPass) {
  const { lines, taps, step } = lineShape(pass);
  return { u_lines: lines, u_taps: taps, u_step: step, u_lineWeights: r.weights.texture(pass, 'lines') };
}

/** Where a pass's window sits and what its sum starts from. */
function sumUniforms({ r }: Job, pass: PlanPass, held: HeldTargets<number>) {
  return {
    u_anchor: [pass.anchorX, pass.anchorY],
    u_start: pass.start === null ? r.zero : held.get(pass.start).texture,
    u_hasStart: pass.start !== null,
  };
}

/**
 * How the edge programs map coordinates outside the image. `u_outside` is
 * an input texel: RGBA, or four packed gray elements that all take the
 * constant (the gray plan's value is its first channel).
 */
function borderUniforms({ pipeline, size }: Job, plan: Plan, pass: PlanPass) {
  const o = pass.outside[0];
  return {
    u_border: BORDER_CODES[plan.border],
    u_imageSize: [size.width, size.height],
    u_outside: pipeline.channels === 'gray' ? [o, o, o, o] : pass.outside,
  };
}

/** Uniforms of a step's end: `finish` applies the plan's unit, scale and delta; `final` converts to the output. */
function endUniforms({ r, pipeline }: Job, plan: Plan | null, finish: boolean, final: boolean) {
  return {
    u_image: r.source.handle,
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
