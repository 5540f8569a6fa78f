/**
 * The two ways the command filters: on the GPU in headless Chromium
 * (gpuEngine.ts) or on the CPU right here in Node (the reference's results,
 * by the fast engine). Both take the same decoded pixels and give back the
 * same shape, so the rest of the command does not care which one ran.
 */
import { performance } from 'node:perf_hooks';
import { CpuFilter } from '../cpu/filter.js';
import type { Filter } from '../filterSpec.js';
import type { RgbaImage } from '../image.js';
import type { Border, FilterOptions } from '../options.js';
import { describePlan } from '../plan.js';
import type { ResultData } from '../result.js';

export type EngineName = 'gpu' | 'cpu';

/** One filtered image and how it was made. */
export interface Filtered {
  readonly width: number;
  readonly height: number;
  /** RGBA: bytes for `saturate`/`abs`, float32 for `float`. */
  readonly data: ResultData;
  /** What ran, in describePlan's words (`separable r1, 2 passes`, `median 5x5`). */
  readonly plan: string;
  /** The border the plan used: the one given, or the filter kind's own. */
  readonly border: Border;
  /** Milliseconds the filter took (upload, passes and read-back on the GPU). */
  readonly ms: number;
}

export interface FilterEngine {
  readonly name: EngineName;
  /** What filters: the GPU's renderer string, or the CPU reference. */
  readonly description: string;
  /** Filters with `options` as given: each filter kind fills in its own defaults. */
  filter(image: RgbaImage, kernel: Filter, options: FilterOptions): Promise<Filtered>;
  close(): Promise<void>;
}

/** Made on the first image and dropped on close: the planes of one size serve every image of that size. */
let cpu: CpuFilter | null = null;

/** The CPU reference's results (float32, by the fast engine), bit-identical to the GPU path. */
export const cpuEngine: FilterEngine = {
  name: 'cpu',
  description: "CPU (Node, the reference's float32 results by the fast engine)",
  // A then() callback, so that a bad kernel or option rejects the promise as the GPU engine's would, rather than throwing.
  filter: (image, kernel, options) => Promise.resolve().then(() => filterNow(image, kernel, options)),
  close() {
    cpu = null;
    return Promise.resolve();
  },
};

function filterNow(image: RgbaImage, kernel: Filter, options: FilterOptions): Filtered {
  const t0 = performance.now();
  const { width, height, data, plan } = (cpu ??= new CpuFilter()).filter(image, kernel, options);
  return { width, height, data, plan: describePlan(plan), border: plan.border, ms: performance.now() - t0 };
}
