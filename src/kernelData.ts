/**
 * Filters as plain data, the one form in which they leave a thread: posted
 * to a worker, passed to a page through the DevTools protocol (JSON, hence
 * numbers rather than a Float32Array), or written into a test case. A
 * kernel travels as its float32 weights, so the round trip is exact; a
 * median, morphology or bilateral filter as its spec, which parses back to
 * the same filter, and its name.
 */
import { parseFilterSpec, renamed, type Filter } from './filterSpec.js';
import { Kernel } from './kernel.js';

export interface KernelData {
  readonly cols: number;
  readonly rows: number;
  /** Row-major, `weights[j * cols + i]`. */
  readonly weights: readonly number[];
  readonly anchor: readonly [x: number, y: number];
  readonly name: string;
}

/** A median, morphology or bilateral filter as data: its spec and its name (which may differ, `renamed`). */
export interface NonlinearFilterData {
  readonly spec: string;
  readonly name: string;
}

/** Any filter as data. */
export type FilterData = KernelData | NonlinearFilterData;

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

export function filterData(filter: Filter): FilterData {
  return filter instanceof Kernel ? kernelData(filter) : { spec: filter.spec, name: filter.name };
}

/** The filter again; throws KernelError when the data does not describe one. */
export function filterFromData(data: FilterData): Filter {
  if (!isNonlinearData(data)) return kernelFromData(data);
  const filter = parseFilterSpec(data.spec);
  return filter.name === data.name ? filter : renamed(filter, data.name);
}

/** True for the data of a median, morphology or bilateral filter (a kernel's has weights instead of a spec). */
function isNonlinearData(data: FilterData): data is NonlinearFilterData {
  return 'spec' in data;
}
