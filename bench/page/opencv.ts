/**
 * opencv.js in the page, the benchmark's outside yardstick: its loading, and
 * `filter2D` (the nonlinear filters are in openCvNonlinear.ts).
 * opencv.js (@techstark/opencv-js, a UMD script of 11 MB with its wasm
 * inlined) is not bundled into the page: the benchmark serves it from
 * node_modules and the page runs it as a classic script, which sets `window.cv`.
 */
import type { Kernel } from '../../src/index.js';

export interface Mat {
  readonly data: Uint8Array;
  delete(): void;
}

/** The part of opencv.js the benchmark uses. */
export interface OpenCv {
  readonly CV_8U: number;
  readonly CV_8UC1: number;
  readonly CV_8UC3: number;
  readonly CV_8UC4: number;
  readonly CV_32F: number;
  readonly BORDER_CONSTANT: number;
  readonly BORDER_REPLICATE: number;
  readonly BORDER_REFLECT_101: number;
  readonly MORPH_RECT: number;
  readonly MORPH_CROSS: number;
  readonly MORPH_ELLIPSE: number;
  readonly MORPH_DILATE: number;
  readonly MORPH_OPEN: number;
  readonly MORPH_CLOSE: number;
  readonly MORPH_GRADIENT: number;
  readonly MORPH_TOPHAT: number;
  readonly MORPH_BLACKHAT: number;
  Mat: { new (): Mat; new (rows: number, cols: number, type: number): Mat };
  Point: new (x: number, y: number) => unknown;
  Size: new (width: number, height: number) => unknown;
  matFromArray(rows: number, cols: number, type: number, array: ArrayLike<number>): Mat;
  filter2D(src: Mat, dst: Mat, ddepth: number, kernel: Mat, anchor: unknown, delta: number, borderType: number): void;
  medianBlur(src: Mat, dst: Mat, ksize: number): void;
  getStructuringElement(shape: number, ksize: unknown, anchor: unknown): Mat;
  morphologyDefaultBorderValue(): unknown;
  erode(src: Mat, dst: Mat, kernel: Mat, anchor: unknown, iterations: number, borderType: number, borderValue: unknown): void;
  morphologyEx(
    src: Mat,
    dst: Mat,
    op: number,
    kernel: Mat,
    anchor: unknown,
    iterations: number,
    borderType: number,
    borderValue: unknown,
  ): void;
  bilateralFilter(src: Mat, dst: Mat, d: number, sigmaColor: number, sigmaSpace: number, borderType: number): void;
  getBuildInformation(): string;
}

/** The Mat type of 8-bit pixels: CV_8UC1, CV_8UC3 or CV_8UC4 by the bytes a pixel. */
export function byteMatType(cv: OpenCv, pixels: ArrayLike<number>, width: number, height: number): number {
  const channels = pixels.length / (width * height);
  const type = channels === 1 ? cv.CV_8UC1 : channels === 3 ? cv.CV_8UC3 : channels === 4 ? cv.CV_8UC4 : null;
  if (type === null) throw new Error(`opencv.js gets 1, 3 or 4 bytes a pixel here; got ${pixels.length} bytes for ${width}x${height}.`);
  return type;
}

/** The Emscripten module before it is ready: `then` calls back once the runtime has started. */
interface LoadingModule {
  then(callback: () => void): unknown;
}

declare global {
  interface Window {
    cv?: LoadingModule;
  }
}

const LOAD_TIMEOUT_MS = 120_000;

/**
 * Runs opencv.js from `url` and resolves once its runtime is ready. The module
 * comes back wrapped: it has a `then` that hands back itself, so awaiting it
 * directly would never settle.
 */
export async function loadOpenCv(url: string): Promise<{ cv: OpenCv; version: string }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not fetch opencv.js (HTTP ${response.status})`);
  const script = URL.createObjectURL(new Blob([await response.arrayBuffer()], { type: 'text/javascript' }));
  try {
    await new Promise<void>((resolve, reject) => {
      const element = document.createElement('script');
      element.src = script;
      element.onload = () => resolve();
      element.onerror = () => reject(new Error('opencv.js did not run'));
      document.head.append(element);
    });
  } finally {
    URL.revokeObjectURL(script);
  }
  const loading = window.cv;
  if (!loading) throw new Error('opencv.js ran but set no window.cv');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the OpenCV runtime did not start in ${LOAD_TIMEOUT_MS / 1000} s`)), LOAD_TIMEOUT_MS);
    loading.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  const cv = loading as unknown as OpenCv;
  return { cv, version: /OpenCV (\S+)/.exec(cv.getBuildInformation())?.[1] ?? 'unknown version' };
}

/**
 * `cv.filter2D(src, dst, -1, kernel, anchor, 0, BORDER_REPLICATE)` on a frame:
 * CV_8UC4 for RGBA pixels (4 bytes a pixel), CV_8UC1 for luma (1 byte a pixel).
 * Each call copies the pixels in, filters, and copies the result out, as
 * kernelgl's `filter` takes pixels and returns pixels.
 */
export class OpenCvFilter {
  private readonly src: Mat;
  private readonly dst: Mat;
  private readonly kernel: Mat;
  private readonly anchor: unknown;

  constructor(
    private readonly cv: OpenCv,
    private readonly pixels: Uint8Array | Uint8ClampedArray,
    width: number,
    height: number,
    kernel: Kernel,
  ) {
    this.src = new cv.Mat(height, width, byteMatType(cv, pixels, width, height));
    this.dst = new cv.Mat();
    this.kernel = cv.matFromArray(kernel.rows, kernel.cols, cv.CV_32F, kernel.weights);
    this.anchor = new cv.Point(kernel.anchorX, kernel.anchorY);
  }

  run(): Uint8Array {
    this.src.data.set(this.pixels);
    this.cv.filter2D(this.src, this.dst, -1, this.kernel, this.anchor, 0, this.cv.BORDER_REPLICATE);
    return this.dst.data.slice();
  }

  delete(): void {
    this.src.delete();
    this.dst.delete();
    this.kernel.delete();
  }
}
