// Helpers that run inside the page: seeded images and bit-exact comparison of
// a GPU result with the CPU reference.
import type { FilterResult, RgbaImage } from '../../src/index.js';

/** Mulberry32: a small seeded generator, so every case can be replayed from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A width x height image of seeded random bytes (alpha random too). */
export function noiseImage(width: number, height: number, seed: number): RgbaImage {
  const next = random(seed);
  return { width, height, data: Uint8ClampedArray.from({ length: width * height * 4 }, () => Math.floor(next() * 256)) };
}

export interface Difference {
  /** Samples compared. */
  readonly samples: number;
  /** Samples that differ (by value; +0 and -0 count as equal). */
  readonly differing: number;
  readonly maxDiff: number;
  /** The first differing sample: pixel, channel, GPU and CPU value. */
  readonly first: { x: number; y: number; c: number; gpu: number; cpu: number } | null;
}

/** Compares two results sample by sample. */
export function compare(gpu: FilterResult, cpu: FilterResult): Difference {
  let differing = 0;
  let maxDiff = 0;
  let first: Difference['first'] = null;
  const n = Math.max(gpu.data.length, cpu.data.length);
  for (let k = 0; k < n; k++) {
    const a = gpu.data[k] ?? NaN;
    const b = cpu.data[k] ?? NaN;
    if (a === b) continue;
    differing++;
    maxDiff = Math.max(maxDiff, Number.isNaN(a - b) ? Infinity : Math.abs(a - b));
    if (!first) {
      const p = k >> 2;
      first = { x: p % gpu.width, y: Math.floor(p / gpu.width), c: k & 3, gpu: a, cpu: b };
    }
  }
  return { samples: n, differing, maxDiff, first };
}
