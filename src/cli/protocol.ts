/**
 * What the command and its runner page (src/cli/runner/) say to each other.
 * Pixels never travel through these objects: the page fetches an input's
 * RGBA bytes from the command's local server and posts the result bytes back
 * (raw little-endian float32 for `output: 'float'`, bytes otherwise).
 */
import type { FilterData } from '../kernelData.js';
import type { Border, FilterOptions } from '../options.js';

/** One filter call: fetch `input` (width * height * 4 bytes), filter, post the result to `result`. */
export interface RunnerJob {
  readonly input: string;
  readonly width: number;
  readonly height: number;
  readonly kernel: FilterData;
  /** As given: each filter kind fills in its own defaults. */
  readonly options: FilterOptions;
  readonly result: string;
}

/** What ran (describePlan's words and the plan's border) and how long it took, or why it failed. */
export type RunnerReply = { readonly plan: string; readonly border: Border; readonly ms: number } | { readonly error: string };

export type RunnerInfo = { readonly renderer: string } | { readonly error: string };

/** What the runner page puts on `window.kernelglRunner`. */
export interface Runner {
  /** Creates the page's GpuFilter and describes it. */
  start(): RunnerInfo;
  run(job: RunnerJob): Promise<RunnerReply>;
}

declare global {
  interface Window {
    kernelglRunner: Runner;
  }
}
