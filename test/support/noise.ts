// Seeded randomness for the tests, in Node and in the test pages alike, so
// every case can be replayed from its seed.
import type { RgbaImage } from '../../src/image.js';

/** Mulberry32: a small seeded generator. */
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
