/**
 * Channel planes for the fast engine: the moves between an RGBA image and
 * float32 planes (the loops hold the planes themselves). Every operation
 * works on one channel at a time: channels never mix, so one channel's
 * planes serve the next.
 */
import { luma, type RgbaImage } from '../../image.js';
import type { Channels } from '../../options.js';

/** How many channels are filtered: the others are copied (rgb's alpha) or made (gray's). */
export function filteredChannels(channels: Channels): number {
  return channels === 'gray' ? 1 : channels === 'rgb' ? 3 : 4;
}

/** Channel `c` of `image` as values (its luma for gray). */
export function readChannel(image: RgbaImage, channels: Channels, c: number, plane: Float32Array): void {
  if (channels === 'gray') readLuma(image.data, plane);
  else readSamples(image.data, c, plane);
}

function readLuma(data: RgbaImage['data'], plane: Float32Array): void {
  for (let p = 0, k = 0; p < plane.length; p++, k += 4) plane[p] = luma(data[k]!, data[k + 1]!, data[k + 2]!);
}

function readSamples(data: RgbaImage['data'], c: number, plane: Float32Array): void {
  for (let p = 0, k = c; p < plane.length; p++, k += 4) plane[p] = data[k]!;
}

/**
 * A filtered plane into channel `c` of the RGBA result, and for the last
 * channel the ones no plane fills: rgb's alpha copied from the image, gray's
 * three colours and an alpha of 255. Every sample of `out` is written.
 */
export function writeChannel(out: Float32Array, channels: Channels, c: number, plane: Float32Array, image: RgbaImage): void {
  if (channels === 'gray') writeGray(out, plane);
  else if (channels === 'rgb' && c === 2) writeLastOfRgb(out, plane, image.data);
  else writeSamples(out, c, plane);
}

function writeGray(out: Float32Array, plane: Float32Array): void {
  for (let p = 0, k = 0; p < plane.length; p++, k += 4) {
    const v = plane[p]!;
    out[k] = v;
    out[k + 1] = v;
    out[k + 2] = v;
    out[k + 3] = 255;
  }
}

function writeLastOfRgb(out: Float32Array, plane: Float32Array, data: RgbaImage['data']): void {
  for (let p = 0, k = 2; p < plane.length; p++, k += 4) {
    out[k] = plane[p]!;
    out[k + 1] = data[k + 1]!;
  }
}

function writeSamples(out: Float32Array, c: number, plane: Float32Array): void {
  for (let p = 0, k = c; p < plane.length; p++, k += 4) out[k] = plane[p]!;
}

/**
 * A byte plane (a filtered channel already converted) into channel `c` of
 * an RGBA byte result, and for the last channel the ones no plane fills, as
 * `writeChannel` does for floats. The byte loops below are the float ones
 * again on purpose: one element type per loop keeps V8's element access
 * monomorphic, which a shared generic loop measured slower on these moves.
 */
export function writeByteChannel(out: Uint8Array, channels: Channels, c: number, plane: Uint8Array, image: RgbaImage): void {
  if (channels === 'gray') writeGrayBytes(out, plane);
  else if (channels === 'rgb' && c === 2) writeLastOfRgbBytes(out, plane, image.data);
  else writeByteSamples(out, c, plane);
}

function writeGrayBytes(out: Uint8Array, plane: Uint8Array): void {
  for (let p = 0, k = 0; p < plane.length; p++, k += 4) {
    const v = plane[p]!;
    out[k] = v;
    out[k + 1] = v;
    out[k + 2] = v;
    out[k + 3] = 255;
  }
}

function writeLastOfRgbBytes(out: Uint8Array, plane: Uint8Array, data: RgbaImage['data']): void {
  for (let p = 0, k = 2; p < plane.length; p++, k += 4) {
    out[k] = plane[p]!;
    out[k + 1] = data[k + 1]!;
  }
}

function writeByteSamples(out: Uint8Array, c: number, plane: Uint8Array): void {
  for (let p = 0, k = c; p < plane.length; p++, k += 4) out[k] = plane[p]!;
}
