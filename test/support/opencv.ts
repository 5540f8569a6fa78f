// OpenCV's own filter2D (opencv.js, the official WebAssembly build) as an
// external oracle, run in Node: the same image, kernel, anchor, border and
// channels as kernelgl, mapped to OpenCV's terms.
import { createRequire } from 'node:module';
import type * as OpenCv from '@techstark/opencv-js';
import type { RgbaImage } from '../../src/image.js';
import type { Kernel } from '../../src/kernel.js';
import type { ResolvedOptions } from '../../src/options.js';
import { saturate } from '../../src/output.js';

export type Cv = typeof OpenCv;

/**
 * Loads opencv.js. Its module object is a thenable that resolves to itself,
 * so awaiting it, or resolving a promise with it, never ends: this waits for
 * `onRuntimeInitialized` and hands the module over wrapped in an object.
 */
export function loadOpenCv(): Promise<{ cv: Cv }> {
  const cv = createRequire(import.meta.url)('@techstark/opencv-js') as Cv & { onRuntimeInitialized?: () => void };
  return new Promise((resolve) => {
    if (typeof cv.Mat === 'function') resolve({ cv });
    else cv.onRuntimeInitialized = () => resolve({ cv });
  });
}

/** What OpenCV computes for one case, as RGBA laid out like a kernelgl result. */
interface OpenCvResult {
  /** `filter2D` into `CV_64F`, rounded half to even and clamped here: OpenCV's double-precision sum. */
  readonly exact: Uint8ClampedArray;
  /** `filter2D` into `CV_8U` (`ddepth = -1`): OpenCV's float32 sum, or its DFT for large kernels, then `saturate_cast`. */
  readonly eightBit: Uint8ClampedArray;
}

type OpenCvBorder = Exclude<ResolvedOptions['border'], 'wrap'>;

export interface OpenCvOptions {
  readonly border: OpenCvBorder;
  /** Integers 0..255 (OpenCV pads an 8-bit image); the first entry is the luma for gray. */
  readonly borderValue: readonly [number, number, number, number];
  readonly mode: ResolvedOptions['mode'];
  readonly channels: ResolvedOptions['channels'];
}

/**
 * Runs `cv.filter2D` on `image`. `convolve` flips the kernel with `cv.flip(k, -1)`
 * and rotates the anchor to `(cols-1-ax, rows-1-ay)`. filter2D's
 * BORDER_CONSTANT is always 0, so a non-zero border value is applied by
 * padding with `copyMakeBorder` first and filtering the padded image: the
 * window of every original pixel then lies inside the padding.
 */
export function openCvFilter(cv: Cv, image: RgbaImage, kernel: Kernel, options: OpenCvOptions): OpenCvResult {
  const mats: OpenCv.Mat[] = [];
  const keep = <M extends OpenCv.Mat>(mat: M): M => (mats.push(mat), mat);
  try {
    const src = keep(channelMat(cv, image, options.channels, keep));
    let k = keep(cv.matFromArray(kernel.rows, kernel.cols, cv.CV_32F, kernel.weights));
    let [ax, ay] = [kernel.anchorX, kernel.anchorY];
    if (options.mode === 'convolve') {
      const flipped = keep(new cv.Mat());
      cv.flip(k, flipped, -1);
      [k, ax, ay] = [flipped, kernel.cols - 1 - ax, kernel.rows - 1 - ay];
    }
    const padded = options.border === 'constant' && options.borderValue.some((v) => v !== 0);
    let input = src;
    if (padded) {
      input = keep(new cv.Mat());
      const [r, g, b, a] = options.borderValue;
      const value = options.channels === 'gray' ? new cv.Scalar(r, r, r, r) : new cv.Scalar(r, g, b, a);
      cv.copyMakeBorder(src, input, ay, kernel.rows - 1 - ay, ax, kernel.cols - 1 - ax, cv.BORDER_CONSTANT, value);
    }
    const border = {
      replicate: cv.BORDER_REPLICATE,
      reflect: cv.BORDER_REFLECT,
      reflect101: cv.BORDER_REFLECT_101,
      constant: cv.BORDER_CONSTANT,
    }[options.border];
    const run = (ddepth: number): OpenCv.Mat => {
      const out = keep(new cv.Mat());
      cv.filter2D(input, out, ddepth, k, new cv.Point(ax, ay), 0, border);
      return out;
    };
    // The padded result is read at an offset by hand: Mat.roi(...).clone()
    // in this opencv.js build copies rows without their stride.
    const cn = input.channels();
    const [dx, dy] = padded ? [ax, ay] : [0, 0];
    const at = (k: number): number => {
      const p = Math.floor(k / cn);
      const x = p % image.width;
      const y = Math.floor(p / image.width);
      return ((y + dy) * input.cols + x + dx) * cn + (k % cn);
    };
    const exact = run(cv.CV_64F).data64F;
    const eightBit = run(-1).data;
    return {
      exact: toRgba(image, options.channels, (k) => saturate(exact[at(k)]!)),
      eightBit: toRgba(image, options.channels, (k) => eightBit[at(k)]!),
    };
  } finally {
    mats.forEach((m) => m.delete());
  }
}

/** `cv.cvtColor(RGBA2GRAY)` of `image`, one byte per pixel. */
export function openCvGray(cv: Cv, image: RgbaImage): Uint8Array {
  const mats: OpenCv.Mat[] = [];
  const keep = <M extends OpenCv.Mat>(mat: M): M => (mats.push(mat), mat);
  try {
    return Uint8Array.from(keep(channelMat(cv, image, 'gray', keep)).data);
  } finally {
    mats.forEach((m) => m.delete());
  }
}

/** The image as OpenCV filters it: RGBA, RGB (alpha dropped), or OpenCV's own gray. */
function channelMat(cv: Cv, image: RgbaImage, channels: OpenCvOptions['channels'], keep: <M extends OpenCv.Mat>(m: M) => M): OpenCv.Mat {
  const rgba = cv.matFromArray(image.height, image.width, cv.CV_8UC4, image.data);
  if (channels === 'rgba') return rgba;
  keep(rgba);
  const out = new cv.Mat();
  cv.cvtColor(rgba, out, channels === 'gray' ? cv.COLOR_RGBA2GRAY : cv.COLOR_RGBA2RGB);
  return out;
}

/** Spreads OpenCV's 1, 3 or 4 channels to RGBA the way kernelgl returns them (alpha copied for rgb, gray as R = G = B, alpha 255). */
function toRgba(image: RgbaImage, channels: OpenCvOptions['channels'], sample: (k: number) => number): Uint8ClampedArray {
  const n = image.width * image.height;
  const out = new Uint8ClampedArray(n * 4);
  const cn = channels === 'gray' ? 1 : channels === 'rgb' ? 3 : 4;
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < 4; c++) {
      if (channels === 'gray') out[4 * p + c] = c < 3 ? sample(p) : 255;
      else out[4 * p + c] = c < cn ? sample(p * cn + c) : image.data[4 * p + c]!;
    }
  }
  return out;
}

/**
 * Runs `op(src, dst)` on the image as OpenCV holds it for `channels` (see
 * channelMat) and spreads the 8-bit result to RGBA as kernelgl returns it.
 */
export function openCvApply(
  cv: Cv,
  image: RgbaImage,
  channels: OpenCvOptions['channels'],
  op: (src: OpenCv.Mat, dst: OpenCv.Mat, keep: <M extends OpenCv.Mat>(m: M) => M) => void,
): Uint8ClampedArray {
  const mats: OpenCv.Mat[] = [];
  const keep = <M extends OpenCv.Mat>(mat: M): M => (mats.push(mat), mat);
  try {
    const src = keep(channelMat(cv, image, channels, keep));
    const dst = keep(new cv.Mat());
    op(src, dst, keep);
    const out = dst.data;
    return toRgba(image, channels, (k) => out[k]!);
  } finally {
    mats.forEach((m) => m.delete());
  }
}
