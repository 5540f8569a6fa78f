/** What the engines return. */
import type { PipelinePlan } from './pipeline.js';
import type { Plan } from './plan.js';

export type ResultData = Uint8ClampedArray | Float32Array;

/** A filtered image: RGBA, `width * height * 4` samples, bytes for `saturate`/`abs`, float32 for `output: 'float'`. */
export interface FilterResult<Data extends ResultData = ResultData> {
  readonly width: number;
  readonly height: number;
  readonly data: Data;
  /** The plan that ran (which passes, in which order). */
  readonly plan: Plan;
}

/** The result of a pipeline, with the steps that ran. */
export interface PipelineResult<Data extends ResultData = ResultData> {
  readonly width: number;
  readonly height: number;
  readonly data: Data;
  readonly pipeline: PipelinePlan;
}
