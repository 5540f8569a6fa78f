/**
 * What the benchmark (bench/run.ts) and its page (bench/page/) say to each
 * other. The page generates its own frames from a photo it fetches once, so
 * only small jobs and timings travel through the DevTools protocol.
 */
import type { Plan } from '../src/plan.js';

/**
 * How a frame is filtered: kernelgl's `filter` with `plan: 'auto'` or
 * `'direct'` (upload + filter + readback), kernelgl's `render` + `sync`
 * (upload + filter, no readback), the CPU reference, or OpenCV's `filter2D`.
 */
export const METHODS = ['auto', 'direct', 'resident', 'cpu', 'opencv'] as const;
export type Method = (typeof METHODS)[number];

/** The channel layouts benchmarked: all four filtered, or OpenCV luma. */
export const BENCH_CHANNELS = ['rgba', 'gray'] as const;
export type BenchChannels = (typeof BENCH_CHANNELS)[number];

/** Which plan ran, in the terms of `Plan`. */
export type PlanSummary = Pick<Plan, 'kind' | 'rank' | 'reads'>;

/** Where the page finds what it loads: the sample photo and opencv.js. */
export interface BenchSetup {
  readonly photo: string;
  readonly opencv: string;
}

/** The renderer, and OpenCV's version or why it did not load (the other columns run without it). */
export interface BenchStarted {
  readonly renderer: string;
  readonly opencv: { readonly version: string } | { readonly error: string };
}

export type BenchInfo = BenchStarted | { readonly error: string };

/**
 * One cell of the benchmark: a warm-up call, then `runs` timed calls, unless
 * the warm-up took longer than `budgetMs` (then the cell is capped).
 */
export interface CellJob {
  readonly width: number;
  readonly height: number;
  readonly channels: BenchChannels;
  /** A kernel spec as `parseKernelSpec` reads it: a bank name, `gaussian:15:3`, `box:49`. */
  readonly kernel: string;
  readonly method: Method;
  readonly runs: number;
  /** The most a call may take for the timed runs to follow; null for no limit. */
  readonly budgetMs: number | null;
}

/**
 * The milliseconds of the warm-up call and of each timed call (none when the
 * warm-up went over the budget), and the plan that ran (null for OpenCV).
 */
export type CellReply =
  | { readonly warmUpMs: number; readonly times: readonly number[]; readonly plan: PlanSummary | null }
  | { readonly error: string };

/** What the benchmark page puts on `window.kernelglBench`. */
export interface BenchPage {
  /** Creates the page's GpuFilter and loads the photo and opencv.js. */
  start(setup: BenchSetup): Promise<BenchInfo>;
  measure(job: CellJob): Promise<CellReply>;
}

declare global {
  interface Window {
    kernelglBench: BenchPage;
  }
}
