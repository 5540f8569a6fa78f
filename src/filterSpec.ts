/**
 * Filter specs: kernel specs (kernelSpec.ts) extended to the filters beyond
 * linear kernels (DESIGN.md section 6, "Specs"): `median:5`,
 * `erode:rect:5`, `dilate:ellipse:7x5`, `close:ellipse:9:2`,
 * `bilateral:9:75:75`, and JSON `{ "morph": "erode", "element": [[...]] }`.
 * Text is parsed as data only.
 */
import { KernelError, describe } from './errors.js';
import {
  bilateral,
  isNonlinearFilter,
  median,
  morphology,
  renamedFilter,
  MORPH_OPS,
  type MorphOp,
  type NonlinearFilter,
} from './filters.js';
import { Kernel, type Anchor } from './kernel.js';
import { kernelFromJson, parseJson, parseKernelSpec, resolveKernel, SIZE, type KernelLike } from './kernelSpec.js';
import { SHAPES, type Shape } from './structuringElement.js';

/** A filter: a linear kernel, or a median, morphology or bilateral filter. */
export type Filter = Kernel | NonlinearFilter;

/** What every filter entry point accepts: a kernel (or anything that makes one), a filter, or a filter spec. */
export type FilterLike = KernelLike | NonlinearFilter;

const INTEGER = /^[+-]?\d{1,4}$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** Parses a filter spec; `name` names JSON kernels (default `custom`). */
export function parseFilterSpec(text: unknown, name = 'custom'): Filter {
  if (typeof text !== 'string') return parseKernelSpec(text, name);
  const spec = text.trim();
  if (spec.startsWith('{') || spec.startsWith('[')) return filterFromJson(parseJson(spec), name);
  const [head, ...args] = spec.split(':');
  if (head === 'median') return medianSpec(spec, args);
  if (head === 'bilateral') return bilateralSpec(spec, args);
  if ((MORPH_OPS as readonly string[]).includes(head!)) return morphologySpec(spec, head as MorphOp, args);
  return parseKernelSpec(spec, name);
}

/** A filter from parsed JSON: a kernel (see kernelFromJson), or `{ morph, element, anchor?, iterations? }`. */
export function filterFromJson(value: unknown, name = 'custom'): Filter {
  if (value === null || typeof value !== 'object' || !('morph' in value)) return kernelFromJson(value, name);
  const { morph, element, anchor, iterations, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) {
    throw new KernelError(
      `unknown morphology field ${describe(extra)}; a morphology object has "morph", "element", "anchor" and "iterations".`,
    );
  }
  if (element === undefined) {
    throw new KernelError(
      'a morphology object needs "element", rows of 0 and 1, e.g. { "morph": "erode", "element": [[0,1,0],[1,1,1],[0,1,0]] }.',
    );
  }
  return morphology(morph as MorphOp, {
    element: element as [],
    anchor: anchor as Anchor | undefined,
    iterations: iterations as number | undefined,
  });
}

/** Turns any FilterLike into a Kernel or a nonlinear filter. */
export function resolveFilter(filter: FilterLike): Filter {
  if (isNonlinearFilter(filter)) return filter;
  if (typeof filter === 'string') return parseFilterSpec(filter);
  return resolveKernel(filter);
}

/** The same filter under another name. */
export function renamed(filter: Filter, name: string): Filter {
  return filter instanceof Kernel ? filter.renamed(name) : renamedFilter(filter, name);
}

function medianSpec(spec: string, args: string[]): Filter {
  if (args.length === 1 && SIZE.test(args[0]!)) return median(Number(args[0]));
  throw new KernelError(`${describe(spec)} is not a median spec; write median:K with K odd, e.g. median:5.`);
}

function bilateralSpec(spec: string, args: string[]): Filter {
  const [d, color, space] = args;
  if (args.length === 3 && INTEGER.test(d!) && NUMBER.test(color!) && NUMBER.test(space!)) {
    return bilateral(Number(d), Number(color), Number(space));
  }
  throw new KernelError(
    `${describe(spec)} is not a bilateral spec; write bilateral:D:SIGMACOLOR:SIGMASPACE, e.g. bilateral:9:75:75 (D <= 0 derives it from SIGMASPACE).`,
  );
}

function morphologySpec(spec: string, op: MorphOp, args: string[]): Filter {
  const [shape, size, iterations] = args;
  const dims = size?.split('x') ?? [];
  const ok =
    (args.length === 2 || args.length === 3) &&
    (SHAPES as readonly string[]).includes(shape!) &&
    (dims.length === 1 || dims.length === 2) &&
    dims.every((v) => SIZE.test(v)) &&
    (iterations === undefined || SIZE.test(iterations));
  if (!ok) {
    throw new KernelError(
      `${describe(spec)} is not a spec for ${op}; write ${op}:SHAPE:W[xH][:ITERATIONS] with SHAPE one of ${SHAPES.join(', ')}, e.g. ${op}:ellipse:7x5 or ${op}:rect:5:2.`,
    );
  }
  const [cols, rows] = dims.map(Number);
  return morphology(op, {
    shape: shape as Shape,
    size: [cols!, rows ?? cols!],
    iterations: iterations === undefined ? 1 : Number(iterations),
  });
}
