/**
 * Whether an engine did the work: its bytes against the expected result
 * (the CPU reference's for the peers table, `cpuFilter`'s for the nonlinear
 * table), away from the borders where the engines' borders differ (TF.js
 * pads with zeros), and against the input (a filter that returned its input
 * would agree wherever the filter changes little). Pure: it runs in Node
 * unit tests too.
 */
import type { Agreement } from '../protocol.js';

type Bytes = ArrayLike<number>;

/** The frame the bytes describe, and how many samples of each pixel count: 4 (RGBA), 3 (RGB) or 1 (gray). */
export interface CheckFrame {
  readonly width: number;
  readonly height: number;
  readonly samples: 1 | 3 | 4;
  /** Pixels this far from an edge or closer are left out. */
  readonly margin: number;
}

/**
 * `actual` against `expected` and `input`, sample by sample in the interior.
 * Each array holds 1, 3 or 4 bytes a pixel, told apart by its length
 * (kernelgl returns gray and RGB as RGBA; OpenCV and TF.js return one byte
 * a pixel for gray, OpenCV three for RGB); the samples compared are the
 * first of each pixel. `onlyOpaque` leaves out the pixels that
 * `expected` does not leave opaque: a result read through a 2D canvas, which
 * premultiplies alpha, has lost (some of) their colour.
 */
export function agreement(frame: CheckFrame, input: Bytes, expected: Bytes, actual: Bytes, onlyOpaque: boolean): Agreement {
  const { width, height, samples, margin } = frame;
  const [inStride, expStride, actStride] = [input, expected, actual].map((bytes) => bytesPerPixel(bytes, width * height, samples));
  let compared = 0;
  let differing = 0;
  let changed = 0;
  let maxDiff = 0;
  for (let y = margin; y < height - margin; y++) {
    for (let x = margin; x < width - margin; x++) {
      const p = y * width + x;
      if (onlyOpaque && samples === 4 && expected[p * expStride! + 3] !== 255) continue;
      for (let c = 0; c < samples; c++) {
        const value = actual[p * actStride! + c]!;
        const diff = Math.abs(value - expected[p * expStride! + c]!);
        maxDiff = Math.max(maxDiff, diff);
        if (diff > 0) differing++;
        if (value !== input[p * inStride! + c]) changed++;
        compared++;
      }
    }
  }
  const share = (count: number): number => (compared === 0 ? 0 : count / compared);
  return { compared, maxDiff, differing: share(differing), changed: share(changed) };
}

function bytesPerPixel(bytes: Bytes, pixels: number, samples: number): number {
  const stride = bytes.length / pixels;
  if (![1, 3, 4].includes(stride) || stride < samples)
    throw new Error(
      `the benchmark's check expects 1, 3 or 4 bytes a pixel, ${samples} or more; got ${bytes.length} bytes for ${pixels} pixels.`,
    );
  return stride;
}
