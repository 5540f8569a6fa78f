/** What the engines return. */
import type { PipelinePlan } from './pipeline.js';
import type { Plan } from './plan.js';

/** Bytes on a plain ArrayBuffer, so `new ImageData(result.data, width, height)` takes them as they are. */
export type ByteData = Uint8ClampedArray<ArrayBuffer>;
/** The raw float32 samples of `output: 'float'`. */
export type FloatData = Float32Array<ArrayBuffer>;
export type ResultData = ByteData | FloatData;

/** Options that ask for float results, and those that ask for bytes: the overloads of every filter call read the data type from them. */
export type FloatOutput = { output: 'float' };
export type ByteOutput = { output?: 'saturate' | 'abs' };

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
