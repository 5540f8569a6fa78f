// OpenCV's own filter2D (opencv.js, the official WebAssembly build) as an
// external oracle, run in Node: the same image, kernel, anchor, border and
// channels as kernelgl, mapped to OpenCV's terms.
import { createRequire } from 'node:module';
import type * as OpenCv from '@techstark/opencv-js';
import type { RgbaImage } from '../../src/image.js';
import type { Kernel } from '../../src/kernel.js';
import type { MorphOp, NonlinearFilter } from '../../src/filters.js';
import type { Border, ResolvedOptions } from '../../src/options.js';
import type { Shape } from '../../src/structuringElement.js';
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

const CV_BORDERS = {
  replicate: 'BORDER_REPLICATE',
  reflect: 'BORDER_REFLECT',
  reflect101: 'BORDER_REFLECT_101',
  wrap: 'BORDER_WRAP',
  constant: 'BORDER_CONSTANT',
} as const satisfies Record<Border, keyof Cv>;

const CV_MORPH_OPS = {
  erode: 'MORPH_ERODE',
  dilate: 'MORPH_DILATE',
  open: 'MORPH_OPEN',
  close: 'MORPH_CLOSE',
  gradient: 'MORPH_GRADIENT',
  tophat: 'MORPH_TOPHAT',
  blackhat: 'MORPH_BLACKHAT',
} as const satisfies Record<MorphOp, keyof Cv>;

const CV_SHAPES = { rect: 'MORPH_RECT', cross: 'MORPH_CROSS', ellipse: 'MORPH_ELLIPSE' } as const satisfies Record<Shape, keyof Cv>;

/** OpenCV's `BORDER_*` code for a kernelgl border. */
export function cvBorder(cv: Cv, border: Border): number {
  return cv[CV_BORDERS[border]];
}

/** Where OpenCV's calls take their own defaults: no border given, and morphology's `morphologyDefaultBorderValue()`. */
export interface NonlinearBorder {
  readonly border?: Border;
  /** One value for every channel (OpenCV pads 8-bit images, so an integer 0..255). */
  readonly borderValue?: number;
}

/**
 * OpenCV's own call for a median, morphology or bilateral filter, on the
 * image as `channels` has OpenCV hold it: `medianBlur` (which only
 * replicates: another border is padded in by `copyMakeBorder` first, so
 * every window lies in the padding), `morphologyEx` with
 * getStructuringElement's element (or the custom mask) and its anchor, and
 * `bilateralFilter`.
 */
export function openCvNonlinear(
  cv: Cv,
  image: RgbaImage,
  filter: NonlinearFilter,
  channels: OpenCvOptions['channels'],
  { border, borderValue }: NonlinearBorder = {},
): Uint8ClampedArray<ArrayBuffer> {
  const value = borderValue === undefined ? undefined : new cv.Scalar(borderValue, borderValue, borderValue, borderValue);
  const result = openCvApply(cv, image, channels, (src, dst, keep) => {
    switch (filter.kind) {
      case 'median': {
        if (border === undefined || border === 'replicate') return cv.medianBlur(src, dst, filter.size);
        const r = filter.size >> 1;
        const padded = keep(new cv.Mat());
        cv.copyMakeBorder(src, padded, r, r, r, r, cvBorder(cv, border), value ?? new cv.Scalar(0, 0, 0, 0));
        const blurred = keep(new cv.Mat());
        cv.medianBlur(padded, blurred, filter.size);
        return blurred.roi(new cv.Rect(r, r, image.width, image.height)).copyTo(dst);
      }
      case 'bilateral':
        return cv.bilateralFilter(src, dst, filter.diameter, filter.sigmaColor, filter.sigmaSpace, cvBorder(cv, border ?? 'reflect101'));
      case 'morphology': {
        const { cols, rows, anchorX, anchorY, mask } = filter.element;
        const anchor = new cv.Point(anchorX, anchorY);
        const element =
          filter.shape === 'custom'
            ? keep(cv.matFromArray(rows, cols, cv.CV_8U, Array.from(mask)))
            : keep(cv.getStructuringElement(cv[CV_SHAPES[filter.shape]], new cv.Size(cols, rows), anchor));
        const op = cv[CV_MORPH_OPS[filter.op]];
        return cv.morphologyEx(
          src,
          dst,
          op,
          element,
          anchor,
          filter.iterations,
          cvBorder(cv, border ?? 'constant'),
          value ?? cv.morphologyDefaultBorderValue(),
        );
      }
    }
  });
  return Uint8ClampedArray.from(result);
}
