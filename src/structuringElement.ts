/**
 * Structuring elements for morphology: 0/1 masks with an anchor, built
 * exactly as OpenCV's `getStructuringElement` builds its shapes, or given
 * as a custom mask (DESIGN.md section 6, "Morphology").
 */
import { KernelError, describe } from './errors.js';
import { checkAnchor, checkSide, MAX_KERNEL_SIDE, type Anchor } from './kernel.js';
import { roundHalfEven } from './output.js';

export const SHAPES = ['rect', 'cross', 'ellipse'] as const;
export type Shape = (typeof SHAPES)[number];

export interface StructuringElement {
  readonly cols: number;
  readonly rows: number;
  /** Row-major, 1 where the element holds the cell. */
  readonly mask: Uint8Array;
  readonly anchorX: number;
  readonly anchorY: number;
}

/** `getStructuringElement(shape, Size(cols, rows), anchor)`. */
export function shapeElement(shape: Shape, cols: number, rows: number, anchor?: Anchor): StructuringElement {
  checkSide('the structuring element width', cols);
  checkSide('the structuring element height', rows);
  const [ax, ay] = checkAnchor(anchor ?? [cols >> 1, rows >> 1], cols, rows, 'structuring element');
  const kind = cols === 1 && rows === 1 ? 'rect' : shape;
  const mask = new Uint8Array(cols * rows);
  for (let i = 0; i < rows; i++) {
    const [from, to] = rowSpan(kind, i, cols, rows, ax, ay);
    mask.fill(1, i * cols + from, i * cols + to);
  }
  return freeze({ cols, rows, mask, anchorX: ax, anchorY: ay });
}

/** The ones of row `i`, as `[from, to)`, the way getStructuringElement fills them. */
function rowSpan(shape: Shape, i: number, cols: number, rows: number, ax: number, ay: number): [number, number] {
  if (shape === 'rect' || (shape === 'cross' && i === ay)) return [0, cols];
  if (shape === 'cross') return [ax, ax + 1];
  const r = rows >> 1;
  const c = cols >> 1;
  const dy = i - r;
  if (Math.abs(dy) > r) return [0, 0];
  const inverse = r === 0 ? 0 : 1 / (r * r);
  const dx = roundHalfEven(c * Math.sqrt((r * r - dy * dy) * inverse));
  return [Math.max(c - dx, 0), Math.min(c + dx + 1, cols)];
}

/** A custom element from rows of 0 and 1 (false and true are taken too). */
export function maskElement(matrix: unknown, anchor?: Anchor): StructuringElement {
  if (!Array.isArray(matrix) || matrix.length === 0 || !matrix.every((row) => Array.isArray(row) && row.length > 0)) {
    throw new KernelError(`a structuring element must be rows of 0 and 1, e.g. [[0,1,0],[1,1,1],[0,1,0]]; got ${describe(matrix)}.`);
  }
  const rowsOf = matrix as unknown[][];
  const rows = rowsOf.length;
  const cols = rowsOf[0]!.length;
  checkSide('the structuring element height', rows);
  checkSide('the structuring element width', cols);
  const mask = new Uint8Array(cols * rows);
  for (let j = 0; j < rows; j++) {
    const row = rowsOf[j]!;
    if (row.length !== cols) throw new KernelError(`structuring element rows must all have ${cols} cells; row ${j} has ${row.length}.`);
    for (let i = 0; i < cols; i++) {
      const cell = row[i];
      if (cell !== 0 && cell !== 1 && cell !== true && cell !== false) {
        throw new KernelError(`structuring element cell [${j}][${i}] must be 0 or 1; got ${describe(cell)}.`);
      }
      mask[j * cols + i] = cell === 1 || cell === true ? 1 : 0;
    }
  }
  if (!mask.includes(1)) throw new KernelError('a structuring element needs at least one 1; an empty element has no minimum or maximum.');
  const [ax, ay] = checkAnchor(anchor ?? [cols >> 1, rows >> 1], cols, rows, 'structuring element');
  return freeze({ cols, rows, mask, anchorX: ax, anchorY: ay });
}

/** True when every cell is 1. */
export function isFull(element: StructuringElement): boolean {
  return !element.mask.includes(0);
}

/** The element reflected through its centre with its anchor (what `mode: 'convolve'` applies). */
export function reflected(element: StructuringElement): StructuringElement {
  const { cols, rows, mask, anchorX, anchorY } = element;
  return freeze({ cols, rows, mask: mask.slice().reverse(), anchorX: cols - 1 - anchorX, anchorY: rows - 1 - anchorY });
}

/**
 * OpenCV's rule for iterations: a full element applied `iterations` times
 * is one rectangle, `(cols-1)*n + 1` by `(rows-1)*n + 1`, anchored at
 * `(ax*n, ay*n)`; other elements are applied `iterations` times in turn.
 */
export function iterated(element: StructuringElement, iterations: number): { element: StructuringElement; times: number } {
  if (iterations === 1 || !isFull(element)) return { element, times: iterations };
  const cols = (element.cols - 1) * iterations + 1;
  const rows = (element.rows - 1) * iterations + 1;
  if (cols > MAX_KERNEL_SIDE || rows > MAX_KERNEL_SIDE) {
    throw new KernelError(
      `a ${element.cols}x${element.rows} rectangle with ${iterations} iterations is one ${cols}x${rows} rectangle, larger than ${MAX_KERNEL_SIDE}; use fewer iterations.`,
    );
  }
  return { element: shapeElement('rect', cols, rows, [element.anchorX * iterations, element.anchorY * iterations]), times: 1 };
}

/** The element as rows of 0 and 1. */
export function elementMatrix({ cols, rows, mask }: StructuringElement): number[][] {
  return Array.from({ length: rows }, (_, j) => Array.from(mask.subarray(j * cols, (j + 1) * cols)));
}

function freeze(element: StructuringElement): StructuringElement {
  return Object.freeze(element);
}
