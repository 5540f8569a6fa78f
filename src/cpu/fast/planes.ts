/**
 * Channel planes for the fast engine: a pool of float32 planes kept between
 * frames of one size (so a video's frames allocate nothing), and the moves
 * between an RGBA image and planes. Every operation works on one channel at
 * a time: channels never mix, so one channel's planes serve the next.
 */
import { luma, type RgbaImage } from '../../image.js';
import type { Channels } from '../../options.js';

/** Planes of one size, reused by slot; a new size drops them all, so the pool holds one frame's worth. */
export class PlanePool {
  #planes: Float32Array[] = [];
  #length = 0;

  /** Plane number `slot`, `length` samples long (its old contents are left in place). */
  plane(slot: number, length: number): Float32Array {
    if (length !== this.#length) {
      this.#planes = [];
      this.#length = length;
    }
    return (this.#planes[slot] ??= new Float32Array(length));
  }
}

/** How many channels are filtered: the others are copied (rgb's alpha) or made (gray's). */
export function filteredChannels(channels: Channels): number {
  return channels === 'gray' ? 1 : channels === 'rgb' ? 3 : 4;
}

/** Channel `c` of `image` as values (its luma for gray). */
export function readChannel(image: RgbaImage, channels: Channels, c: number, plane: Float32Array): void {
  const { data } = image;
  const n = plane.length;
  if (channels === 'gray') for (let p = 0; p < n; p++) plane[p] = luma(data[4 * p]!, data[4 * p + 1]!, data[4 * p + 2]!);
  else for (let p = 0; p < n; p++) plane[p] = data[4 * p + c]!;
}

/** A filtered plane into channel `c` of the RGBA result (all three colours for gray). */
export function writeChannel(out: Float32Array, channels: Channels, c: number, plane: Float32Array): void {
  const n = plane.length;
  if (channels === 'gray') {
    for (let p = 0; p < n; p++) out[4 * p] = out[4 * p + 1] = out[4 * p + 2] = plane[p]!;
  } else {
    for (let p = 0; p < n; p++) out[4 * p + c] = plane[p]!;
  }
}

/** The channels no plane fills: rgb's alpha copied from the image, gray's set to 255. */
export function writeUnfiltered(out: Float32Array, channels: Channels, image: RgbaImage): void {
  if (channels === 'rgba') return;
  const n = out.length / 4;
  const { data } = image;
  for (let p = 0; p < n; p++) out[4 * p + 3] = channels === 'gray' ? 255 : data[4 * p + 3]!;
}
