/**
 * The nonlinear table: kernelgl's median, morphology and bilateral filters
 * (DESIGN.md section 6) beside opencv.js on the same frames, 640x480 and
 * 1280x720, gray and colour. Each row is timed in the page round by round
 * (bench/page/nonlinear.ts), and every result is checked against
 * `cpuFilter`'s with the tolerance DESIGN.md promises.
 */
import { parseFilterSpec } from '../src/filterSpec.js';
import type { NonlinearFilter } from '../src/filters.js';
import type { Size } from './args.js';
import { keptLimitMs } from './cells.js';
import type { Agreement, NonlinearChannels, NonlinearEngine, NonlinearJob, NonlinearOutcome, NonlinearReply } from './protocol.js';
import { byRound } from './rounds.js';

export const NONLINEAR_SIZES: readonly Size[] = [
  { width: 640, height: 480 },
  { width: 1280, height: 720 },
];

export interface NonlinearRow {
  readonly size: Size;
  readonly channels: NonlinearChannels;
  readonly filter: string;
  readonly reply: NonlinearReply;
}

export const kindOf = (spec: string): NonlinearFilter['kind'] => (parseFilterSpec(spec) as NonlinearFilter).kind;

/** Gray and colour; colour is RGB for bilateral, as opencv.js's bilateralFilter takes 1 or 3 channels. */
export function rowChannels(spec: string): readonly NonlinearChannels[] {
  return ['gray', kindOf(spec) === 'bilateral' ? 'rgb' : 'rgba'];
}

/** The rows to time, smallest size first (the page keeps one frame at a time), `rounds` rounds each, each call held to a target's budget. */
export function nonlinearJobs(filters: readonly string[], rounds: number, capSeconds: number | null): NonlinearJob[] {
  const budgetMs = capSeconds === null ? null : keptLimitMs(capSeconds);
  return NONLINEAR_SIZES.flatMap((size) =>
    filters.flatMap((filter) => rowChannels(filter).map((channels) => ({ ...size, channels, filter, rounds, budgetMs }))),
  );
}

/** How far an engine's bytes may be from `cpuFilter`'s: a largest difference, and the share of samples that may differ at all. */
export interface Tolerance {
  readonly maxDiff: number;
  /** The share that must not be reached; none: any share within `maxDiff`. */
  readonly share?: number;
}

const EXACT: Tolerance = { maxDiff: 0 };
/** OpenCV's vector code fuses multiply-adds and orders its colour tables its own way (DESIGN.md section 6, "Bilateral"). */
const OPENCV_BILATERAL: Tolerance = { maxDiff: 1, share: 0.01 };

/** The GPU and the passes alone equal `cpuFilter` bit for bit; so does OpenCV but for bilateral. */
export function tolerance(spec: string, engine: NonlinearEngine): Tolerance {
  return engine === 'opencv' && kindOf(spec) === 'bilateral' ? OPENCV_BILATERAL : EXACT;
}

/** Whether a check is within `allowed`, and the filter changed the frame. */
export function agrees(check: Agreement, allowed: Tolerance): boolean {
  return check.maxDiff <= allowed.maxDiff && (allowed.share === undefined || check.differing < allowed.share) && check.changed > 0;
}

/** The outcome of `engine` in `row`, or null when the row failed as a whole. */
export function nonlinearOutcome(row: NonlinearRow, engine: NonlinearEngine): NonlinearOutcome | null {
  return 'error' in row.reply ? null : row.reply.engines[engine];
}

/** The sum of the CPU passes in each round, as an outcome of its own; null unless they were timed. */
export function passesTotal(row: NonlinearRow): NonlinearOutcome | null {
  const outcome = nonlinearOutcome(row, 'cpuPasses');
  if (outcome?.status !== 'measured' || !outcome.passes) return null;
  const times = outcome.passes[0]?.times.map((_, i) => outcome.passes!.reduce((sum, pass) => sum + pass.times[i]!, 0)) ?? [];
  return { status: 'measured', times, check: null, passes: null };
}

/** `peer` ms / `kernelgl` ms, by round (above 1, kernelgl is faster). */
export function nonlinearRatio(row: NonlinearRow, kernelgl: NonlinearEngine, peer: NonlinearEngine): number | null {
  return byRound(nonlinearOutcome(row, peer), nonlinearOutcome(row, kernelgl), (b, a) => b / a);
}

/** `cpuFilter`'s ms less its passes', by round: reading the channels into planes, the finish, the bytes out. */
export function cpuRest(row: NonlinearRow): number | null {
  return byRound(nonlinearOutcome(row, 'cpuFilter'), passesTotal(row), (a, b) => a - b);
}

/** `GpuFilter.filter`'s ms less `render` + `sync`'s, by round: the readback and its conversion to bytes. */
export function gpuReadback(row: NonlinearRow): number | null {
  return byRound(nonlinearOutcome(row, 'gpu'), nonlinearOutcome(row, 'resident'), (a, b) => a - b);
}
