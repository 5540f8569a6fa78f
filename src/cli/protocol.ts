/**
 * What the command and its runner page (src/cli/runner/) say to each other.
 * Pixels never travel through these objects: the page fetches an input's
 * RGBA bytes from the command's local server and posts the result bytes back
 * (raw little-endian float32 for `output: 'float'`, bytes otherwise).
 */
import type { KernelData } from '../kernelData.js';
import type { ResolvedOptions } from '../options.js';
import type { Plan } from '../plan.js';

/** One filter call: fetch `input` (width * height * 4 bytes), filter, post the result to `result`. */
export interface RunnerJob {
  readonly input: string;
  readonly width: number;
  readonly height: number;
  readonly kernel: KernelData;
  readonly options: ResolvedOptions;
  readonly result: string;
}

export type RunnerReply = { readonly plan: Plan['kind']; readonly ms: number } | { readonly error: string };

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
