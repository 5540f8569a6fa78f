/**
 * Plans for the filters beyond linear kernels (DESIGN.md section 6): what
 * the CPU reference and the GPU both execute, as plain data. A median is
 * one window; morphology is a list of min/max passes (a rectangle as a row
 * pass then a column pass) and, for gradient, tophat and blackhat, one
 * difference; a bilateral filter carries its disc and float32 weight tables.
 */
import { KernelError } from './errors.js';
import type { BilateralFilter, MedianFilter, MorphologyFilter, MorphOp, NonlinearFilter } from './filters.js';
import { f32, float32Rgba, type Rgba } from './float32.js';
import { resolveOptions, DEFAULT_OPTIONS, type Border, type Channels, type Output, type ResolvedOptions } from './options.js';
import { roundHalfEven, saturate } from './output.js';
import { isFull, iterated, reflected, type StructuringElement } from './structuringElement.js';

interface PlanCommon {
  readonly channels: Channels;
  readonly border: Border;
  readonly output: Output;
  /** Float32 `scale` and `delta`: out = v * scale + delta. */
  readonly scale: number;
  readonly delta: number;
  /** Samples read per output sample: the plan's cost. */
  readonly reads: number;
}

export interface MedianPlan extends PlanCommon {
  readonly kind: 'median';
  readonly size: number;
  /** The input value outside the image under `border: 'constant'`. */
  readonly outside: Rgba;
}

/** What a morphology pass reads: the filter's input or an earlier pass. */
export type MorphInput = 'image' | number;

/** One min (erode) or max (dilate) over the 1-cells of a mask placed with its anchor on each pixel. */
export interface MorphPass {
  readonly op: 'erode' | 'dilate';
  readonly cols: number;
  readonly rows: number;
  readonly anchorX: number;
  readonly anchorY: number;
  /** Row-major, 1 where the window holds the cell. */
  readonly mask: Uint8Array;
  /** True when every cell is 1. */
  readonly full: boolean;
  readonly input: MorphInput;
  /** The value outside the image under `border: 'constant'` (the neutral value unless one is given). */
  readonly outside: Rgba;
}

export interface MorphologyPlan extends PlanCommon {
  readonly kind: 'morphology';
  readonly op: MorphOp;
  readonly passes: readonly MorphPass[];
  /** For gradient, tophat and blackhat: the result is `a - b` in float32; otherwise the last pass. */
  readonly difference: { readonly a: MorphInput; readonly b: MorphInput } | null;
}

export interface BilateralPlan extends PlanCommon {
  readonly kind: 'bilateral';
  readonly radius: number;
  /** The disc's offsets `(dx, dy)` as pairs, rows outer, columns inner. */
  readonly offsets: Int32Array;
  /** Float32 `space[k]` for each offset. */
  readonly spaceWeights: Float32Array;
  /** Float32 `color[n]`, n = 0 .. 255 * cn (the colour distance). */
  readonly colorWeights: Float32Array;
  /** The 8-bit input value outside the image under `border: 'constant'`. */
  readonly outside: Rgba;
}

export type NonlinearPlan = MedianPlan | MorphologyPlan | BilateralPlan;

/** The default border of each kind: OpenCV's default for it. */
const DEFAULT_BORDER: Record<NonlinearFilter['kind'], Border> = { median: 'replicate', morphology: 'constant', bilateral: 'reflect101' };

/**
 * What a filter reads: the image's bytes (or luma), or float32 results of
 * earlier pipeline steps. Morphology's neutral border value is the type's
 * extreme, as in OpenCV: 255 or 0 for bytes, the largest float32 otherwise.
 */
export type InputKind = 'bytes' | 'floats';

const MAX_FLOAT32 = 3.4028234663852886e38;

/** Plans `filter` with `options` as given (each kind has its own default border and border value). */
export function nonlinearPlan(filter: NonlinearFilter, given: unknown, input: InputKind): NonlinearPlan {
  const options = resolveOptions(given, { ...DEFAULT_OPTIONS, border: DEFAULT_BORDER[filter.kind] });
  if (options.plan === 'separable' && !(filter.kind === 'morphology' && isFull(filter.element))) {
    throw new KernelError(`${filter.name} has no separable plan (only rectangular structuring elements do); use plan 'auto' or 'direct'.`);
  }
  switch (filter.kind) {
    case 'median':
      return medianPlan(filter, options);
    case 'morphology':
      return morphologyPlan(filter, options, borderValueGiven(given) ? float32Rgba(options.borderValue) : null, input);
    case 'bilateral':
      return bilateralPlan(filter, options);
  }
}

function common(options: ResolvedOptions, reads: number): PlanCommon {
  const { channels, border, output } = options;
  return { channels, border, output, scale: f32(options.scale), delta: f32(options.delta), reads };
}

function medianPlan(filter: MedianFilter, options: ResolvedOptions): MedianPlan {
  return Object.freeze({
    kind: 'median',
    size: filter.size,
    outside: float32Rgba(options.borderValue),
    ...common(options, filter.size ** 2),
  });
}

function borderValueGiven(given: unknown): boolean {
  return typeof given === 'object' && given !== null && (given as { borderValue?: unknown }).borderValue !== undefined;
}

/** The passes of erode and dilate, and what each operation makes of them (OpenCV's morphologyEx). */
function morphologyPlan(filter: MorphologyFilter, options: ResolvedOptions, value: Rgba | null, kind: InputKind): MorphologyPlan {
  const oriented = options.mode === 'convolve' ? reflected(filter.element) : filter.element;
  const { element, times } = iterated(oriented, filter.iterations);
  const passes: MorphPass[] = [];
  const apply = (op: 'erode' | 'dilate', input: MorphInput): number => {
    const outside = value ?? neutral(op, kind);
    let from = input;
    for (let t = 0; t < times; t++) from = addPasses(passes, op, element, from, outside, options.plan);
    return from as number;
  };
  let difference: MorphologyPlan['difference'] = null;
  switch (filter.op) {
    case 'erode':
    case 'dilate':
      apply(filter.op, 'image');
      break;
    case 'open':
      apply('dilate', apply('erode', 'image'));
      break;
    case 'close':
      apply('erode', apply('dilate', 'image'));
      break;
    case 'gradient':
      difference = { a: apply('dilate', 'image'), b: apply('erode', 'image') };
      break;
    case 'tophat':
      difference = { a: 'image', b: apply('dilate', apply('erode', 'image')) };
      break;
    case 'blackhat':
      difference = { a: apply('erode', apply('dilate', 'image')), b: 'image' };
      break;
  }
  const reads = passes.reduce((n, p) => n + countOnes(p.mask), 0) + (difference ? 2 : 0);
  return Object.freeze({
    kind: 'morphology',
    op: filter.op,
    passes: Object.freeze(passes.map((p) => Object.freeze(p))),
    difference: difference && Object.freeze(difference),
    ...common(options, reads),
  });
}

/** OpenCV's `morphologyDefaultBorderValue()` for a type: the value that never wins. */
function neutral(op: 'erode' | 'dilate', kind: InputKind): Rgba {
  const v = kind === 'bytes' ? (op === 'erode' ? 255 : 0) : op === 'erode' ? MAX_FLOAT32 : -MAX_FLOAT32;
  return Object.freeze([v, v, v, v] as const);
}

/** One application of `element`: a row pass then a column pass for a rectangle (unless plan 'direct'), else one masked pass. */
function addPasses(
  passes: MorphPass[],
  op: 'erode' | 'dilate',
  element: StructuringElement,
  input: MorphInput,
  outside: Rgba,
  plan: ResolvedOptions['plan'],
): number {
  const { cols, rows, anchorX, anchorY, mask } = element;
  const add = (window: Pick<MorphPass, 'cols' | 'rows' | 'anchorX' | 'anchorY' | 'mask' | 'input'>): number =>
    passes.push({ op, ...window, full: !window.mask.includes(0), outside }) - 1;
  if (!isFull(element) || plan === 'direct' || cols === 1 || rows === 1) return add({ cols, rows, anchorX, anchorY, mask, input });
  const row = add({ cols, rows: 1, anchorX, anchorY: 0, mask: new Uint8Array(cols).fill(1), input });
  return add({ cols: 1, rows, anchorX: 0, anchorY, mask: new Uint8Array(rows).fill(1), input: row });
}

function countOnes(mask: Uint8Array): number {
  return mask.reduce((n, v) => n + v, 0);
}

/** Weights below this are 0, so that no product of two table entries is subnormal (DESIGN.md section 6). */
const SMALLEST_WEIGHT = 2 ** -60;

function bilateralPlan(filter: BilateralFilter, options: ResolvedOptions): BilateralPlan {
  const sigmaColor = filter.sigmaColor <= 0 ? 1 : filter.sigmaColor;
  const sigmaSpace = filter.sigmaSpace <= 0 ? 1 : filter.sigmaSpace;
  const radius = Math.max(filter.diameter > 0 ? filter.diameter >> 1 : roundHalfEven(sigmaSpace * 1.5), 1);
  const spaceCoeff = -0.5 / (sigmaSpace * sigmaSpace);
  const colorCoeff = -0.5 / (sigmaColor * sigmaColor);
  const offsets: number[] = [];
  const space: number[] = [];
  for (let i = -radius; i <= radius; i++) {
    for (let j = -radius; j <= radius; j++) {
      const r = Math.sqrt(i * i + j * j);
      if (r > radius) continue;
      offsets.push(j, i);
      space.push(weight(r * r * spaceCoeff));
    }
  }
  const cn = options.channels === 'gray' ? 1 : options.channels === 'rgb' ? 3 : 4;
  const colorWeights = Float32Array.from({ length: 255 * cn + 1 }, (_, n) => weight(n * n * colorCoeff));
  const outside = options.borderValue.map(saturate) as unknown as Rgba;
  return Object.freeze({
    kind: 'bilateral',
    radius,
    offsets: Int32Array.from(offsets),
    spaceWeights: Float32Array.from(space),
    colorWeights,
    outside: Object.freeze(outside),
    ...common(options, space.length),
  });
}

/** `(float)exp(x)` with entries below SMALLEST_WEIGHT taken as 0. */
function weight(x: number): number {
  const w = Math.fround(Math.exp(x));
  return w < SMALLEST_WEIGHT ? 0 : w;
}
