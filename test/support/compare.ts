// Results compared as the tests report them: the library's own figures
// (src/difference.ts, what the command and the demo show) with the first
// differing sample located by pixel and channel.
import { difference, type Difference as Figures } from '../../src/difference.js';
import type { FilterResult } from '../../src/result.js';

export interface Difference extends Omit<Figures, 'first'> {
  /** The first differing sample: pixel, channel, GPU and CPU value. */
  readonly first: { x: number; y: number; c: number; gpu: number; cpu: number } | null;
}

/** Compares two RGBA results sample by sample. */
export function compare(gpu: Pick<FilterResult, 'width' | 'data'>, cpu: Pick<FilterResult, 'data'>): Difference {
  const { first: k, ...figures } = difference(gpu.data, cpu.data);
  if (k < 0) return { ...figures, first: null };
  const p = k >> 2;
  return {
    ...figures,
    first: { x: p % gpu.width, y: Math.floor(p / gpu.width), c: k & 3, gpu: gpu.data[k] ?? NaN, cpu: cpu.data[k] ?? NaN },
  };
}
