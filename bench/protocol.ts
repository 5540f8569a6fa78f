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
export interface PlanSummary {
  readonly kind: Plan['kind'];
  /** The separable rank; 1 for plans that are not linear. */
  readonly rank: number;
  readonly reads: number;
}

/**
 * The engines of the peers table, one call each per round: kernelgl's GPU
 * engine (`GpuFilter.filter`), `cpuFilter` (the CPU engine it runs: the fast
 * one once wired in), the CPU reference (`executePlan`), `createFilter`'s
 * `auto` backend; then opencv.js `filter2D`, fabric.js's WebGL `Convolute`
 * and TF.js's WebGL `depthwiseConv2d`.
 */
export const PEER_ENGINES = ['gpu', 'cpuFilter', 'reference', 'auto', 'opencv', 'fabric', 'tfjs'] as const;
export type PeerEngine = (typeof PEER_ENGINES)[number];

/** Where the page finds what it loads: the sample photo and opencv.js. */
export interface BenchSetup {
  readonly photo: string;
  readonly opencv: string;
}

/** A library's version and how it runs, or why it did not start (the other columns run without it). */
export type Loaded = { readonly version: string } | { readonly error: string };

/** The renderer, the peers as they started, and the backend `createFilter({ backend: 'auto' })` chose, and why. */
export interface BenchStarted {
  readonly renderer: string;
  readonly opencv: Loaded;
  /** fabric.js's version and filter backend (WebGLFilterBackend, or why not). */
  readonly fabric: Loaded;
  /** TF.js's version and backend (webgl, with its WebGL version). */
  readonly tfjs: Loaded;
  readonly auto: { readonly backend: 'gpu' | 'cpu'; readonly reason: string };
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
  { readonly warmUpMs: number; readonly times: readonly number[]; readonly plan: PlanSummary | null } | { readonly error: string };

/**
 * One row of the peers table: each engine set up and called once untimed,
 * then `rounds` rounds of one timed call of every engine in turn. An engine
 * whose untimed call took longer than `budgetMs` sits the rounds out.
 */
export interface PeerJob {
  readonly width: number;
  readonly height: number;
  readonly channels: BenchChannels;
  readonly kernel: string;
  readonly rounds: number;
  readonly budgetMs: number | null;
}

/**
 * How an engine's bytes compare with the expected result (the CPU
 * reference's, or `cpuFilter`'s), away from the borders where they differ
 * by design: the largest difference in levels over `compared` samples, the
 * share of those that differ at all, and the share that differ from the
 * input (a filter that did nothing has none).
 */
export interface Agreement {
  readonly compared: number;
  readonly maxDiff: number;
  readonly differing: number;
  readonly changed: number;
}

/**
 * An engine in one row: its timed calls (`times[i]` in round i), the
 * untimed call alone (`capped`), what it cannot do (`kernel`: this kernel;
 * `channels`: this channel layout at all), or the error it ran into.
 */
export type PeerOutcome =
  | { readonly status: 'measured'; readonly times: readonly number[]; readonly check: Agreement }
  | { readonly status: 'capped'; readonly callMs: number }
  | { readonly status: 'cannot'; readonly what: 'kernel' | 'channels'; readonly reason: string }
  | { readonly status: 'failed'; readonly error: string };

export type PeerReply = { readonly engines: Readonly<Record<PeerEngine, PeerOutcome>> } | { readonly error: string };

/**
 * The channel layouts of the nonlinear table: gray, and colour as RGBA, or
 * as RGB for bilateral (opencv.js's bilateralFilter takes 1 or 3 channels).
 */
export type NonlinearChannels = 'rgba' | 'rgb' | 'gray';

/**
 * The calls of a row of the nonlinear table, one each per round: kernelgl's
 * `GpuFilter.filter` (upload, filter, readback); `GpuFilter.render` then
 * `sync` (upload and filter, no readback); `cpuFilter`; the passes of the
 * plan as `cpuFilter`'s functions compute them, each timed alone (where the
 * CPU's time goes); opencv.js `medianBlur`, `erode`, `morphologyEx` or
 * `bilateralFilter`.
 */
export const NONLINEAR_ENGINES = ['gpu', 'resident', 'cpuFilter', 'cpuPasses', 'opencv'] as const;
export type NonlinearEngine = (typeof NONLINEAR_ENGINES)[number];

/** One row of the nonlinear table, timed as a row of the peers table is. */
export interface NonlinearJob {
  readonly width: number;
  readonly height: number;
  readonly channels: NonlinearChannels;
  /** A median, morphology or bilateral spec as `parseFilterSpec` reads it. */
  readonly filter: string;
  readonly rounds: number;
  readonly budgetMs: number | null;
}

/** One pass of a plan (`erode 31x1`, `median 5x5`, `difference`): ms by round, summed over the channels. */
export interface PassTimes {
  readonly name: string;
  readonly times: readonly number[];
}

/**
 * An engine in a row of the nonlinear table: its timed calls by round, the
 * check of its bytes against `cpuFilter`'s (null for `resident`, which reads
 * nothing back, and for `cpuFilter` itself) and, for `cpuPasses`, each pass's
 * times; or the untimed call alone, what it cannot do, or its error.
 */
export type NonlinearOutcome =
  | {
      readonly status: 'measured';
      readonly times: readonly number[];
      readonly check: Agreement | null;
      readonly passes: readonly PassTimes[] | null;
    }
  | Exclude<PeerOutcome, { readonly status: 'measured' }>;

/** A row's plan (`describePlan`, and its reads per output sample) and each engine's outcome. */
export type NonlinearReply =
  | {
      readonly plan: { readonly text: string; readonly reads: number };
      readonly engines: Readonly<Record<NonlinearEngine, NonlinearOutcome>>;
    }
  | { readonly error: string };

/** What the benchmark page puts on `window.kernelglBench`. */
export interface BenchPage {
  /** Creates the page's GpuFilter and `auto` filter, loads the photo and starts opencv.js, fabric.js and TF.js. */
  start(setup: BenchSetup): Promise<BenchInfo>;
  measure(job: CellJob): CellReply;
  peers(job: PeerJob): PeerReply;
  nonlinear(job: NonlinearJob): NonlinearReply;
}

declare global {
  interface Window {
    kernelglBench: BenchPage;
  }
}
