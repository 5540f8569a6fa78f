/**
 * OpenCV's `filter2D` in the page, the benchmark's outside yardstick.
 * opencv.js (@techstark/opencv-js, a UMD script of 11 MB with its wasm
 * inlined) is not bundled into the page: the benchmark serves it from
 * node_modules and the page runs it as a classic script, which sets `window.cv`.
 */
import type { Kernel } from '../../src/index.js';

interface Mat {
  readonly data: Uint8Array;
  delete(): void;
}

/** The part of opencv.js the benchmark uses. */
export interface OpenCv {
  readonly CV_8UC1: number;
  readonly CV_8UC4: number;
  readonly CV_32F: number;
  readonly BORDER_REPLICATE: number;
  Mat: { new (): Mat; new (rows: number, cols: number, type: number): Mat };
  Point: new (x: number, y: number) => unknown;
  matFromArray(rows: number, cols: number, type: number, array: ArrayLike<number>): Mat;
  filter2D(src: Mat, dst: Mat, ddepth: number, kernel: Mat, anchor: unknown, delta: number, borderType: number): void;
  getBuildInformation(): string;
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
    const type = pixels.length === width * height ? cv.CV_8UC1 : cv.CV_8UC4;
    this.src = new cv.Mat(height, width, type);
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
