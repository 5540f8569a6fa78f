/**
 * The peers table: kernelgl beside opencv.js, fabric.js and TF.js on the
 * same 1280x720 frames, RGBA and gray, for four kernels. Each row is timed in
 * the page round by round (bench/page/peers.ts); the ratios are taken round
 * by round too, so that drift on a busy machine hits both sides alike.
 */
import type { Size } from './args.js';
import { keptLimitMs } from './cells.js';
import { BENCH_CHANNELS, type Agreement, type BenchChannels, type PeerEngine, type PeerJob, type PeerOutcome } from './protocol.js';
import { byRound } from './rounds.js';

export const PEER_SIZE: Size = { width: 1280, height: 720 };
export const PEER_KERNELS = ['sharpen', 'sobel_x', 'small_blur', 'gaussian:15:3'] as const;

/** kernelgl's ways in that the ratios set against each peer. */
export const RATIO_ENGINES = ['gpu', 'cpuFilter', 'auto'] as const satisfies readonly PeerEngine[];
export const PEERS = ['opencv', 'fabric', 'tfjs'] as const satisfies readonly PeerEngine[];

/** The most levels an engine's interior may differ from the CPU reference's (rounding and summation order allow 1). */
export const AGREE_LEVELS = 2;

export interface PeerRow {
  readonly channels: BenchChannels;
  readonly kernel: string;
  readonly engines: Readonly<Record<PeerEngine, PeerOutcome>> | { readonly error: string };
}

/** The rows to time, `rounds` rounds each; each call is held to the budget of a target's (none when `capSeconds` is null). */
export function peerJobs(rounds: number, capSeconds: number | null): PeerJob[] {
  const budgetMs = capSeconds === null ? null : keptLimitMs(capSeconds);
  return BENCH_CHANNELS.flatMap((channels) => PEER_KERNELS.map((kernel) => ({ ...PEER_SIZE, channels, kernel, rounds, budgetMs })));
}

/** The outcome of `engine` in `row`, or null when the row failed as a whole. */
export function outcomeOf(row: PeerRow, engine: PeerEngine): PeerOutcome | null {
  return 'error' in row.engines ? null : row.engines[engine];
}

/** Whether an engine's result passed the check: close to the CPU reference's, and not its input (null: nothing to compare). */
export function plausible(check: Agreement): boolean | null {
  return check.compared === 0 ? null : check.maxDiff <= AGREE_LEVELS && check.changed > 0;
}

/** `peer` ms / `kernelgl` ms, the median over the rounds both were timed in; null unless both were. Above 1, kernelgl is faster. */
export function peerRatio(row: PeerRow, kernelgl: PeerEngine, peer: PeerEngine): number | null {
  return byRound(outcomeOf(row, peer), outcomeOf(row, kernelgl), (b, a) => b / a);
}
