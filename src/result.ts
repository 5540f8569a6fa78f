/** What both engines return from `filter()`. */
import type { Plan } from './plan.js';

export interface FilterResult<Data extends Uint8ClampedArray | Float32Array = Uint8ClampedArray | Float32Array> {
  readonly width: number;
  readonly height: number;
  /** RGBA, `width * height * 4` long: bytes for `saturate`/`abs`, float32 for `output: 'float'`. */
  readonly data: Data;
  /** The plan that ran (which passes, in which order). */
  readonly plan: Plan;
}
