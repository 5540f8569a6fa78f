/** GPU against CPU, sample by sample: the figures the demo's summary and report show. */
export interface Parity {
  readonly samples: number;
  readonly maxDiff: number;
  /** Samples with the very same value, in percent. */
  readonly exactPercent: number;
}

export function parity(gpu: ArrayLike<number>, cpu: ArrayLike<number>): Parity {
  if (gpu.length !== cpu.length) return { samples: Math.max(gpu.length, cpu.length), maxDiff: Infinity, exactPercent: 0 };
  let maxDiff = 0;
  let exact = 0;
  for (let k = 0; k < gpu.length; k++) {
    const diff = Math.abs(gpu[k]! - cpu[k]!);
    if (diff === 0) exact++;
    else maxDiff = Math.max(maxDiff, Number.isNaN(diff) ? Infinity : diff);
  }
  return { samples: gpu.length, maxDiff, exactPercent: gpu.length === 0 ? 100 : (exact / gpu.length) * 100 };
}

/** "100" only when every sample is exact: a single differing sample never rounds up to it. */
export function formatPercent(percent: number): string {
  return percent === 100 ? '100' : (Math.floor(percent * 1000) / 1000).toFixed(3);
}
