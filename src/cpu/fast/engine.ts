/**
 * The fast CPU engine: executes a plan or a pipeline with the CPU
 * reference's exact results (the same Float32Array, bit for bit), many times
 * faster. Channel by channel through float32 planes, interiors without border
 * mapping (pass.ts), IEEE float32 arithmetic in place of `f32` once
 * exactness.ts has proven that no subnormal occurs: in WebAssembly SIMD
 * where it runs (simdLoops.ts), in JavaScript otherwise (jsLoops.ts). Where
 * that proof fails (tiny weights, scales or border values) the reference
 * itself runs.
 */
import { OptionError } from '../../errors.js';
import type { RgbaImage } from '../../image.js';
import { singleFilter, type PipelinePlan, type PipelineStep } from '../../pipeline.js';
import { isLinear, type LinearPlan, type Plan } from '../../plan.js';
import { executePipeline } from '../execute.js';
import { toOutput } from '../../output.js';
import type { ResultData } from '../../result.js';
import { proveExactness, type Exactness, type PassExactness } from './exactness.js';
import { JsLoops } from './jsLoops.js';
import type { Loops } from './loops.js';
import { runPass } from './pass.js';
import { filteredChannels, readChannel, writeByteChannel, writeChannel } from './planes.js';
import { combine, finish, finishNonlinear } from './samplewise.js';
import { f32 } from '../../float32.js';
import type { MedianPlan, MorphologyPlan } from '../../nonlinearPlan.js';
import { bilateralPlanes, medianPlane, morphologyChannel } from '../nonlinear.js';
import { SimdLoops } from './simdLoops.js';

/** Which loops run: WebAssembly SIMD where it runs (`auto`), or one of them by force (`simd` throws where it cannot run). */
export type LoopChoice = 'auto' | 'simd' | 'js';

export interface FastCpuOptions {
  /** @defaultValue 'auto' */
  loops?: LoopChoice;
}

/**
 * A fast engine that keeps its planes between calls: frames of one size
 * allocate only their results. Its memory is one frame's planes per plan
 * pass and pipeline step, freed with the engine (or, for a smaller size, when
 * that needs under half of it).
 */
export class FastCpu {
  readonly #loops: Loops;
  readonly #fallback = new JsLoops();

  constructor({ loops = 'auto' }: FastCpuOptions = {}) {
    const simd = loops === 'js' ? null : SimdLoops.create();
    if (loops === 'simd' && !simd)
      throw new OptionError("loops: 'simd' needs WebAssembly with SIMD, which this runtime lacks; use 'auto' or 'js'.");
    this.#loops = simd ?? this.#fallback;
  }

  /** The loops that run the interiors: `simd` (WebAssembly) or `js`. */
  get loops(): Loops['kind'] {
    return this.#loops.kind;
  }

  /**
   * `executePlan(plan, image, 'float32')` of the reference, fast. `into`, a
   * `width * height * 4` array, receives the result instead of a new one: a
   * caller that converts each frame to bytes then allocates nothing per frame.
   */
  executePlan(plan: Plan, image: RgbaImage, into?: Float32Array<ArrayBuffer>): Float32Array<ArrayBuffer> {
    return this.executePipeline(singleFilter(plan), image, into);
  }

  /** `executePipeline(pipeline, image, 'float32')` of the reference, fast; `into` as for `executePlan`. */
  executePipeline(pipeline: PipelinePlan, image: RgbaImage, into?: Float32Array<ArrayBuffer>): Float32Array<ArrayBuffer> {
    const { width, height } = image;
    if (into && into.length !== width * height * 4) {
      throw new OptionError(`into must hold ${width * height * 4} floats (RGBA) for a ${width}x${height} image; got ${into.length}.`);
    }
    const exactness = proveExactness(pipeline);
    if (!exactness) {
      const reference = executePipeline(pipeline, image, 'float32') as Float32Array<ArrayBuffer>;
      return into ? (into.set(reference), into) : reference;
    }
    const out = into ?? new Float32Array(width * height * 4);
    this.#run(pipeline, image, exactness, (c, plane) => writeChannel(out, pipeline.channels, c, plane, image));
    return out;
  }

  /**
   * The reference's result in the pipeline's output format,
   * `toOutput(executePipeline(pipeline, image, 'float32'), pipeline.output)`,
   * fast: a byte output converts each channel's plane straight to bytes, with
   * no RGBA floats in between (gray converts one plane, not three).
   */
  executeToOutput(pipeline: PipelinePlan, image: RgbaImage): ResultData {
    const { output } = pipeline;
    if (output === 'float') return this.executePipeline(pipeline, image);
    const exactness = proveExactness(pipeline);
    if (!exactness) return toOutput(executePipeline(pipeline, image, 'float32'), output);
    const bytes = new Uint8ClampedArray(image.width * image.height * 4);
    const view = new Uint8Array(bytes.buffer);
    this.#run(pipeline, image, exactness, (c, plane, loops) =>
      writeByteChannel(view, pipeline.channels, c, loops.bytes(plane, output === 'abs'), image),
    );
    return bytes;
  }

  /** Every filtered channel through the pipeline, its last plane handed to `sink`. */
  #run(pipeline: PipelinePlan, image: RgbaImage, exactness: Exactness, sink: (c: number, plane: Float32Array, loops: Loops) => void): void {
    const { width, height } = image;
    const loops = this.#reserve(pipeline, width * height);
    const across = acrossChannels(pipeline, image, loops, channelPlanes(pipeline));
    for (let c = 0; c < filteredChannels(pipeline.channels); c++) {
      const run = new ChannelRun(loops, width, height, c);
      readChannel(image, pipeline.channels, c, run.source);
      const results: Float32Array[] = [];
      pipeline.steps.forEach((step, s) => results.push(across[s]?.[c] ?? run.step(step, exactness[s] ?? [], results)));
      sink(c, results[results.length - 1]!, loops);
    }
  }

  /** Room for the pipeline's planes: the chosen loops, or the JavaScript ones where a frame is too big for the WebAssembly memory. */
  #reserve(pipeline: PipelinePlan, length: number): Loops {
    const bilateral = pipeline.steps.filter((step) => step.op === 'filter' && step.plan.kind === 'bilateral').length;
    const count = channelPlanes(pipeline) + bilateral * filteredChannels(pipeline.channels);
    const taps = Math.max(
      0,
      ...pipeline.steps.flatMap((step) =>
        step.op === 'filter' && isLinear(step.plan) ? step.plan.passes.map((pass) => pass.weights.length) : [],
      ),
    );
    if (this.#loops.reserve(count, length, taps)) return this.#loops;
    this.#fallback.reserve(count, length);
    return this.#fallback;
  }
}

/** The loops' planes one channel's run takes: the source's and each step's (a bilateral step's are apart, see acrossChannels). */
function channelPlanes(pipeline: PipelinePlan): number {
  return 1 + pipeline.steps.reduce((n, step) => n + (step.op === 'filter' ? planesOf(step.plan) : 1), 0);
}

/**
 * The steps whose channels cannot run one at a time, run first over all of
 * them: bilateral filters, whose colour distance spans the channels (the
 * exactness proof admits them on the source only). Their results take the
 * loops' planes from `firstSlot` on, one per channel, which the channels'
 * runs leave alone.
 */
function acrossChannels(pipeline: PipelinePlan, image: RgbaImage, loops: Loops, firstSlot: number): (Float32Array[] | null)[] {
  const count = filteredChannels(pipeline.channels);
  let slot = firstSlot;
  let source: Float32Array[] | null = null;
  return pipeline.steps.map((step) => {
    if (step.op !== 'filter' || step.plan.kind !== 'bilateral') return null;
    source ??= Array.from({ length: count }, (_, c) => {
      const plane = new Float32Array(image.width * image.height);
      readChannel(image, pipeline.channels, c, plane);
      return plane;
    });
    const out = Array.from({ length: count }, () => loops.plane(slot++));
    bilateralPlanes(step.plan, source, out, image, Math.fround);
    out.forEach((plane) => finishNonlinear(step.plan, plane));
    return out;
  });
}

/** The planes a plan's passes write (a morphology difference writes one more). */
function planesOf(plan: Plan): number {
  if (plan.kind === 'median') return 1;
  // A bilateral step's planes are its own (acrossChannels).
  if (plan.kind === 'bilateral') return 0;
  return plan.passes.length + (plan.kind === 'morphology' && plan.difference ? 1 : 0);
}

/** `executePlan(plan, image, 'float32')` of the reference, fast (with planes of its own). */
export function executePlanFast(plan: Plan, image: RgbaImage): Float32Array<ArrayBuffer> {
  return new FastCpu().executePlan(plan, image);
}

/** `executePipeline(pipeline, image, 'float32')` of the reference, fast (with planes of its own). */
export function executePipelineFast(pipeline: PipelinePlan, image: RgbaImage): Float32Array<ArrayBuffer> {
  return new FastCpu().executePipeline(pipeline, image);
}

/** One channel through a pipeline: hands out the loops' planes in order, so every channel reuses the same ones. */
class ChannelRun {
  readonly source: Float32Array;
  readonly #loops: Loops;
  readonly #width: number;
  readonly #height: number;
  readonly #channel: number;
  #next = 1;

  constructor(loops: Loops, width: number, height: number, channel: number) {
    this.#loops = loops;
    this.#width = width;
    this.#height = height;
    this.#channel = channel;
    this.source = loops.plane(0);
  }

  step(step: PipelineStep, exactness: PassExactness, results: readonly Float32Array[]): Float32Array {
    if (step.op === 'filter') {
      const input = step.input === 'source' ? this.source : results[step.input]!;
      // Bilateral steps ran before the channels did (acrossChannels).
      return isLinear(step.plan)
        ? this.#filter(step.plan, input, exactness)
        : this.#select(step.plan as MedianPlan | MorphologyPlan, input);
    }
    const out = this.#plane();
    combine(step, results[step.a]!, results[step.b ?? step.a]!, out);
    return out;
  }

  #filter(plan: LinearPlan, input: Float32Array, exactness: PassExactness): Float32Array {
    const sums: Float32Array[] = [];
    plan.passes.forEach((pass, k) => {
      const out = this.#plane();
      const planes = {
        input: pass.input === 'image' ? input : sums[pass.input]!,
        start: pass.start === null ? null : sums[pass.start]!,
        out,
        width: this.#width,
        height: this.#height,
      };
      runPass(pass, plan.border, pass.outside[this.#channel]!, exactness[k]!, planes, this.#loops);
      sums.push(out);
    });
    const last = sums[sums.length - 1]!;
    finish(plan, last, this.#loops);
    return last;
  }

  /** A median or morphology plan on this channel, then its finish. */
  #select(plan: MedianPlan | MorphologyPlan, input: Float32Array): Float32Array {
    const size = { width: this.#width, height: this.#height };
    const allocate = (): Float32Array => this.#plane();
    let out: Float32Array;
    if (plan.kind === 'median') {
      out = allocate();
      medianPlane(plan, plan.outside[this.#channel]!, input, out, size);
    } else out = morphologyChannel(plan, this.#channel, input, size, allocate, f32) as Float32Array;
    finishNonlinear(plan, out);
    return out;
  }

  #plane(): Float32Array {
    return this.#loops.plane(this.#next++);
  }
}
