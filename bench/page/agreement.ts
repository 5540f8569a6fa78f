/**
 * Whether an engine of the peers table did the work: its bytes against the
 * CPU reference's, away from the borders (the peers' borders differ from
 * kernelgl's replicate: TF.js pads with zeros), and against the input (a
 * filter that returned its input would agree wherever the filter changes
 * little). Pure: it runs in Node unit tests too.
 */
import type { Agreement } from '../protocol.js';

type Bytes = ArrayLike<number>;

/** The frame the bytes describe, and how many samples of each pixel count: 4 (RGBA) or 1 (gray). */
export interface CheckFrame {
  readonly width: number;
  readonly height: number;
  readonly samples: 1 | 4;
  /** Pixels this far from an edge or closer are left out. */
  readonly margin: number;
}

/**
 * `actual` against `expected` and `input`, sample by sample in the interior.
 * Each array holds 1 or 4 bytes a pixel, told apart by its length (kernelgl
 * returns gray as RGBA, OpenCV and TF.js one byte a pixel); a gray sample is
 * the first byte of a pixel. `onlyOpaque` leaves out the pixels that
 * `expected` does not leave opaque: a result read through a 2D canvas, which
 * premultiplies alpha, has lost (some of) their colour.
 */
export function agreement(frame: CheckFrame, input: Bytes, expected: Bytes, actual: Bytes, onlyOpaque: boolean): Agreement {
  const { width, height, samples, margin } = frame;
  const [inStride, expStride, actStride] = [input, expected, actual].map((bytes) => bytesPerPixel(bytes, width * height));
  let compared = 0;
  let changed = 0;
  let maxDiff = 0;
  for (let y = margin; y < height - margin; y++) {
    for (let x = margin; x < width - margin; x++) {
      const p = y * width + x;
      if (onlyOpaque && samples === 4 && expected[p * expStride! + 3] !== 255) continue;
      for (let c = 0; c < samples; c++) {
        const value = actual[p * actStride! + c]!;
        maxDiff = Math.max(maxDiff, Math.abs(value - expected[p * expStride! + c]!));
        if (value !== input[p * inStride! + c]) changed++;
        compared++;
      }
    }
  }
  return { compared, maxDiff, changed: compared === 0 ? 0 : changed / compared };
}

function bytesPerPixel(bytes: Bytes, pixels: number): number {
  const stride = bytes.length / pixels;
  if (stride !== 1 && stride !== 4)
    throw new Error(`the benchmark's check expects 1 or 4 bytes a pixel; got ${bytes.length} bytes for ${pixels} pixels.`);
  return stride;
}
