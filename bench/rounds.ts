/** Figures of rows timed round by round (the peers and nonlinear tables; the page times them in bench/page/rounds.ts). */
import { median } from './results.js';

/** An outcome of a row timed round by round (peers and nonlinear tables). */
type RoundOutcome = { readonly status: 'measured'; readonly times: readonly number[] } | { readonly status: string };

/**
 * `combine(a, b)` of the times of `a` and `b` in each round both were timed
 * in, and the median over those rounds; null unless both were timed. Taken
 * round by round, so that drift on a busy machine hits both sides alike.
 */
export function byRound(a: RoundOutcome | null, b: RoundOutcome | null, combine: (a: number, b: number) => number): number | null {
  if (a === null || b === null || !('times' in a) || !('times' in b)) return null;
  const rounds = Math.min(a.times.length, b.times.length);
  return rounds === 0 ? null : median(Array.from({ length: rounds }, (_, i) => combine(a.times[i]!, b.times[i]!)));
}
