/**
 * A Kernel as plain data, the one form in which kernels leave a thread:
 * posted to a worker, passed to a page through the DevTools protocol (JSON,
 * hence numbers rather than a Float32Array), or written into a test case.
 * The weights are the kernel's float32 values, so the round trip is exact.
 */
import { Kernel } from './kernel.js';

export interface KernelData {
  readonly cols: number;
  readonly rows: number;
  /** Row-major, `weights[j * cols + i]`. */
  readonly weights: readonly number[];
  readonly anchor: readonly [x: number, y: number];
  readonly name: string;
}

export function kernelData(kernel: Kernel): KernelData {
  return {
    cols: kernel.cols,
    rows: kernel.rows,
    weights: Array.from(kernel.weights),
    anchor: [kernel.anchorX, kernel.anchorY],
    name: kernel.name,
  };
}

/** The kernel again; throws KernelError when the data does not describe one. */
export function kernelFromData({ cols, rows, weights, anchor, name }: KernelData): Kernel {
  return new Kernel(cols, rows, weights, { anchor, name });
}
