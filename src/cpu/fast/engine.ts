/**
 * The fast CPU engine: executes a plan or a pipeline with the CPU
 * reference's exact results (the same Float32Array, bit for bit), many times
 * faster. Channel by channel through float32 planes, interiors without border
 * mapping (pass.ts), `Math.fround` in place of `f32` once exactness.ts has
 * proven that no subnormal occurs. Where that proof fails (tiny weights,
 * scales or border values) the reference itself runs.
 */
import { OptionError } from '../../errors.js';
import type { RgbaImage } from '../../image.js';
import { singleFilter, type PipelinePlan, type PipelineStep } from '../../pipeline.js';
import type { Plan } from '../../plan.js';
import { executePipeline } from '../execute.js';
import { proveExactness, type PassExactness } from './exactness.js';
import { runPass } from './pass.js';
import { PlanePool, filteredChannels, readChannel, writeChannel } from './planes.js';
import { combine, finish } from './samplewise.js';

/**
 * A fast engine that keeps its planes between calls: frames of one size
 * allocate only their results. Its memory is one frame's planes per plan
 * pass and pipeline step, freed with the engine (or when the size changes).
 */
export class FastCpu {
  readonly #pool = new PlanePool();

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
    for (let c = 0; c < filteredChannels(pipeline.channels); c++) {
      const run = new ChannelRun(this.#pool, width, height, c);
      readChannel(image, pipeline.channels, c, run.source);
      const results: Float32Array[] = [];
      pipeline.steps.forEach((step, s) => results.push(run.step(step, exactness[s] ?? [], results)));
      writeChannel(out, pipeline.channels, c, results[results.length - 1]!, image);
    }
    return out;
  }
}

/** `executePlan(plan, image, 'float32')` of the reference, fast (with planes of its own). */
export function executePlanFast(plan: Plan, image: RgbaImage): Float32Array<ArrayBuffer> {
  return new FastCpu().executePlan(plan, image);
}

/** `executePipeline(pipeline, image, 'float32')` of the reference, fast (with planes of its own). */
export function executePipelineFast(pipeline: PipelinePlan, image: RgbaImage): Float32Array<ArrayBuffer> {
  return new FastCpu().executePipeline(pipeline, image);
}

/** One channel through a pipeline: hands out the pool's planes in order, so every channel reuses the same ones. */
class ChannelRun {
  readonly source: Float32Array;
  readonly #pool: PlanePool;
  readonly #width: number;
  readonly #height: number;
  readonly #channel: number;
  #next = 1;

  constructor(pool: PlanePool, width: number, height: number, channel: number) {
    this.#pool = pool;
    this.#width = width;
    this.#height = height;
    this.#channel = channel;
    this.source = pool.plane(0, width * height);
  }

  step(step: PipelineStep, exactness: PassExactness, results: readonly Float32Array[]): Float32Array {
    if (step.op === 'filter') return this.#filter(step.plan, step.input === 'source' ? this.source : results[step.input]!, exactness);
    const out = this.#plane();
    combine(step, results[step.a]!, results[step.b ?? step.a]!, out);
    return out;
  }

  #filter(plan: Plan, input: Float32Array, exactness: PassExactness): Float32Array {
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
      runPass(pass, plan.border, pass.outside[this.#channel]!, exactness[k]!, planes);
      sums.push(out);
    });
    const last = sums[sums.length - 1]!;
    finish(plan, last);
    return last;
  }

  #plane(): Float32Array {
    return this.#pool.plane(this.#next++, this.#width * this.#height);
  }
}
