/**
 * The filters that are not a weighted sum (DESIGN.md section 6): median,
 * morphology and bilateral, as checked, frozen descriptions made by the
 * `filters` builders or parsed from specs (filterSpec.ts). They go wherever
 * a kernel goes; each has a `name` (its spec where one exists, for reports
 * and file names) and a `spec` that parses back to the same filter, which is
 * how it travels to workers and pages.
 */
import { KernelError, describe } from './errors.js';
import { MAX_KERNEL_SIDE, type Anchor } from './kernel.js';
import { elementMatrix, iterated, maskElement, shapeElement, SHAPES, type Shape, type StructuringElement } from './structuringElement.js';

export const MORPH_OPS = ['erode', 'dilate', 'open', 'close', 'gradient', 'tophat', 'blackhat'] as const;
/** OpenCV's `erode`, `dilate` and the `morphologyEx` operations. */
export type MorphOp = (typeof MORPH_OPS)[number];

export interface MedianFilter {
  readonly kind: 'median';
  /** The window's side, odd. */
  readonly size: number;
  readonly name: string;
  readonly spec: string;
}

export interface MorphologyFilter {
  readonly kind: 'morphology';
  readonly op: MorphOp;
  readonly element: StructuringElement;
  /** The shape the element was built as, or `custom` for a given mask. */
  readonly shape: Shape | 'custom';
  readonly iterations: number;
  readonly name: string;
  readonly spec: string;
}

export interface BilateralFilter {
  readonly kind: 'bilateral';
  /** The diameter as given (<= 0: derived from sigmaSpace). */
  readonly diameter: number;
  readonly sigmaColor: number;
  readonly sigmaSpace: number;
  readonly name: string;
  readonly spec: string;
}

export type NonlinearFilter = MedianFilter | MorphologyFilter | BilateralFilter;

/** A structuring element for the morphology builders: a shape and size, or a custom mask. */
export interface ElementOptions {
  /** @defaultValue 'rect' */
  shape?: Shape;
  /** The side, or `[width, height]`. @defaultValue 3 */
  size?: number | readonly [width: number, height: number];
  /** A custom mask (rows of 0 and 1) instead of `shape` and `size`. */
  element?: readonly (readonly (0 | 1 | boolean)[])[];
  /** The cell placed on the output pixel. @defaultValue the centre, `[floor(width/2), floor(height/2)]` */
  anchor?: Anchor;
  /** How many times the element is applied (OpenCV's rule for full elements applies). @defaultValue 1 */
  iterations?: number;
}

/** The largest number of iterations accepted. */
export const MAX_ITERATIONS = 255;

const made = new WeakSet<object>();

function finish<F extends NonlinearFilter>(filter: F): F {
  Object.freeze(filter);
  made.add(filter);
  return filter;
}

/** True for a filter made by `filters` (or parsed from a spec). */
export function isNonlinearFilter(value: unknown): value is NonlinearFilter {
  return typeof value === 'object' && value !== null && made.has(value);
}

/** The same filter under another name (for reports and file names). */
export function renamedFilter<F extends NonlinearFilter>(filter: F, name: string): F {
  return finish({ ...filter, name });
}

/** `medianBlur(src, dst, size)`: the middle value of each `size x size` window. */
export function median(size: number): MedianFilter {
  if (!Number.isInteger(size) || size < 1 || size > MAX_KERNEL_SIDE || size % 2 === 0) {
    throw new KernelError(`a median's size must be an odd integer from 1 to ${MAX_KERNEL_SIDE} (1 copies); got ${describe(size)}.`);
  }
  const spec = `median:${size}`;
  return finish({ kind: 'median', size, name: spec, spec });
}

/** Erosion, dilation or a `morphologyEx` operation with a structuring element. */
export function morphology(op: MorphOp, options: ElementOptions = {}): MorphologyFilter {
  if (!(MORPH_OPS as readonly unknown[]).includes(op)) {
    throw new KernelError(`a morphology operation must be one of ${MORPH_OPS.join(', ')}; got ${describe(op)}.`);
  }
  const { shape, size, element, anchor, iterations = 1, ...rest } = checkObject(options);
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) {
    throw new KernelError(`unknown structuring element option ${describe(unknown)}; use shape, size, element, anchor and iterations.`);
  }
  if (!Number.isInteger(iterations) || (iterations as number) < 1 || (iterations as number) > MAX_ITERATIONS) {
    throw new KernelError(`iterations must be an integer from 1 to ${MAX_ITERATIONS}; got ${describe(iterations)}.`);
  }
  const n = iterations as number;
  if (element !== undefined) {
    if (shape !== undefined || size !== undefined)
      throw new KernelError('give a structuring element as shape and size, or as element, not both.');
    const built = maskElement(element, anchor as Anchor | undefined);
    iterated(built, n);
    const spec = JSON.stringify({ morph: op, element: elementMatrix(built), anchor: [built.anchorX, built.anchorY], iterations: n });
    return finish({ kind: 'morphology', op, element: built, shape: 'custom', iterations: n, name: `${op}:custom`, spec });
  }
  const form = shape ?? 'rect';
  if (!(SHAPES as readonly unknown[]).includes(form)) {
    throw new KernelError(`a structuring element's shape must be one of ${SHAPES.join(', ')}; got ${describe(form)}.`);
  }
  const [cols, rows] = elementSize(size ?? 3);
  const built = shapeElement(form as Shape, cols, rows, anchor as Anchor | undefined);
  // Checked now, not when planned: a full element's iterations make one larger rectangle, which must fit.
  iterated(built, n);
  const centred = built.anchorX === cols >> 1 && built.anchorY === rows >> 1;
  const named = `${op}:${form as Shape}:${cols === rows ? cols : `${cols}x${rows}`}${n > 1 ? `:${n}` : ''}`;
  const spec = centred
    ? named
    : JSON.stringify({ morph: op, element: elementMatrix(built), anchor: [built.anchorX, built.anchorY], iterations: n });
  return finish({ kind: 'morphology', op, element: built, shape: form as Shape, iterations: n, name: named, spec });
}

/** `bilateralFilter(src, dst, diameter, sigmaColor, sigmaSpace)` as OpenCV 4 computes it for 8-bit images. */
export function bilateral(diameter: number, sigmaColor: number, sigmaSpace: number): BilateralFilter {
  if (!Number.isInteger(diameter) || Math.abs(diameter) > MAX_KERNEL_SIDE) {
    throw new KernelError(
      `a bilateral diameter must be an integer up to ${MAX_KERNEL_SIDE} (0 or less: derived from sigmaSpace); got ${describe(diameter)}.`,
    );
  }
  for (const [label, sigma] of [
    ['sigmaColor', sigmaColor],
    ['sigmaSpace', sigmaSpace],
  ] as const) {
    if (typeof sigma !== 'number' || !Number.isFinite(sigma)) {
      throw new KernelError(`a bilateral ${label} must be a finite number (0 or less counts as 1); got ${describe(sigma)}.`);
    }
  }
  if (diameter <= 0 && Math.round(Math.max(sigmaSpace, 1) * 1.5) > MAX_KERNEL_SIDE >> 1) {
    throw new KernelError(
      `a bilateral sigmaSpace of ${sigmaSpace} makes a window wider than ${MAX_KERNEL_SIDE}; give a diameter or a smaller sigma.`,
    );
  }
  const spec = `bilateral:${diameter}:${sigmaColor}:${sigmaSpace}`;
  return finish({ kind: 'bilateral', diameter, sigmaColor, sigmaSpace, name: spec, spec });
}

const morph =
  (op: MorphOp) =>
  (options: ElementOptions = {}): MorphologyFilter =>
    morphology(op, options);

/**
 * Builders for the filters beyond linear kernels; what they return goes
 * wherever a kernel does (`gpu.filter(image, filters.median(5))`).
 */
export const filters = Object.freeze({
  median,
  morphology,
  erode: morph('erode'),
  dilate: morph('dilate'),
  open: morph('open'),
  close: morph('close'),
  gradient: morph('gradient'),
  tophat: morph('tophat'),
  blackhat: morph('blackhat'),
  bilateral,
});

function elementSize(size: unknown): [number, number] {
  if (typeof size === 'number') return [size, size];
  if (Array.isArray(size) && size.length === 2) return [size[0] as number, size[1] as number];
  throw new KernelError(`a structuring element's size must be a number or [width, height]; got ${describe(size)}.`);
}

function checkObject(options: unknown): Record<string, unknown> {
  if (options !== null && typeof options === 'object' && !Array.isArray(options)) return options as Record<string, unknown>;
  throw new KernelError(
    `structuring element options must be an object such as { shape: 'ellipse', size: [7, 5] }; got ${describe(options)}.`,
  );
}
