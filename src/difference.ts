/**
 * Two results compared sample by sample (a GPU result against the CPU
 * reference): the figures the command's summary and report, the demo's
 * parity view and the tests all show, computed and rounded one way.
 */
export interface Difference {
  /** Samples compared: the longer length, so a missing sample counts as differing. */
  readonly samples: number;
  /** Samples that differ by value (+0 and -0 are equal; NaN equals nothing). */
  readonly differing: number;
  /** The largest |a - b|; Infinity where a sample is NaN or missing. */
  readonly maxDiff: number;
  /** The index of the first differing sample, or -1. */
  readonly first: number;
}

export function difference(a: ArrayLike<number>, b: ArrayLike<number>): Difference {
  const samples = Math.max(a.length, b.length);
  let differing = 0;
  let maxDiff = 0;
  let first = -1;
  for (let k = 0; k < samples; k++) {
    const x = a[k] ?? NaN;
    const y = b[k] ?? NaN;
    if (x === y) continue;
    differing++;
    const diff = Math.abs(x - y);
    maxDiff = Math.max(maxDiff, Number.isNaN(diff) ? Infinity : diff);
    if (first < 0) first = k;
  }
  return { samples, differing, maxDiff, first };
}

/** Samples with the very same value, in percent (100 for nothing to compare). */
export function exactPercent({ samples, differing }: Difference): number {
  return samples === 0 ? 100 : ((samples - differing) / samples) * 100;
}

/** "100" only when every sample is exact: a single differing sample never rounds up to it. */
export function formatPercent(percent: number): string {
  return percent === 100 ? '100' : (Math.floor(percent * 1000) / 1000).toFixed(3);
}
