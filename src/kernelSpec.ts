/**
 * Kernel specs as text, the way people type them on a command line or in an
 * element attribute: a bank name (`sobel_x`), a generator (`box:21`,
 * `box:5x3`, `gaussian:15`, `gaussian:15:3`) or JSON (a matrix, or
 * `{ "matrix": [[...]], "anchor": [x, y] }`). Text is parsed as data only.
 */
import { box, byName, gaussian, type BankName } from './bank.js';
import { KernelError, describe } from './errors.js';
import { Kernel, type Anchor } from './kernel.js';

/** A side or count as spec text: 1 to 9999, no sign or leading zero (limits are checked by value). */
export const SIZE = /^[1-9]\d{0,3}$/;
// Unambiguous, so a long run of digits is matched in linear time (`\d+\.?\d*` backtracks quadratically).
const NUMBER = /^[+]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** Parses a kernel spec; `name` names JSON kernels (default `custom`). */
export function parseKernelSpec(text: unknown, name = 'custom'): Kernel {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new KernelError(
      `a kernel spec must be a non-empty string such as "sobel_x", "box:21", "gaussian:15:3" or "[[1,2,1]]"; got ${describe(text)}.`,
    );
  }
  const spec = text.trim();
  if (spec.startsWith('[') || spec.startsWith('{')) return kernelFromJson(parseJson(spec), name);
  const [head, ...args] = spec.split(':');
  if (head === 'box') return boxSpec(spec, args);
  if (head === 'gaussian') return gaussianSpec(spec, args);
  return byName(spec);
}

/** A kernel from parsed JSON: a matrix, or `{ matrix, anchor?, name? }`. */
export function kernelFromJson(value: unknown, name = 'custom'): Kernel {
  if (Array.isArray(value)) return Kernel.from(value, { name });
  if (value !== null && typeof value === 'object') {
    const { matrix, anchor, name: given, ...rest } = value as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) {
      throw new KernelError(`unknown kernel field ${describe(extra[0])}; a kernel object has "matrix", "anchor" and "name".`);
    }
    return Kernel.from(matrix, { anchor: anchor as Anchor | undefined, name: given === undefined ? name : (given as string) });
  }
  throw new KernelError(`a JSON kernel must be a matrix or { "matrix": [[...]], "anchor": [x, y] }; got ${describe(value)}.`);
}

/** JSON text, or a KernelError that shows how a kernel is written. */
export function parseJson(spec: string): unknown {
  try {
    return JSON.parse(spec);
  } catch (error) {
    throw new KernelError(
      `kernel JSON does not parse (${(error as Error).message}); write a matrix such as [[0,-1,0],[-1,5,-1],[0,-1,0]].`,
    );
  }
}

function boxSpec(spec: string, args: string[]): Kernel {
  const dims = args.length === 1 ? args[0]!.split('x') : [];
  if ((dims.length === 1 || dims.length === 2) && dims.every((d) => SIZE.test(d))) {
    const [cols, rows] = dims.map(Number);
    return box(cols!, rows ?? cols!);
  }
  throw new KernelError(`${describe(spec)} is not a box spec; write box:N or box:COLSxROWS, e.g. box:21 or box:5x3.`);
}

function gaussianSpec(spec: string, args: string[]): Kernel {
  const [size, sigma] = args;
  if ((args.length === 1 || args.length === 2) && SIZE.test(size ?? '') && (sigma === undefined || NUMBER.test(sigma))) {
    return gaussian(Number(size), sigma === undefined ? 0 : Number(sigma));
  }
  throw new KernelError(`${describe(spec)} is not a gaussian spec; write gaussian:N or gaussian:N:SIGMA, e.g. gaussian:15:3.`);
}

/**
 * A kernel spec as text. Bank names are listed so editors complete them;
 * `string & {}` keeps every other spec (`box:21`, JSON, a string typed by a
 * user) accepted without collapsing the list into plain `string`.
 */
export type KernelSpec = BankName | (string & {});

/** What every filter entry point accepts as a kernel: a Kernel, a spec string or a matrix. */
export type KernelLike = Kernel | KernelSpec | readonly (readonly number[])[];

/** Turns any KernelLike into a Kernel. */
export function resolveKernel(kernel: KernelLike): Kernel {
  if (kernel instanceof Kernel) return kernel;
  if (typeof kernel === 'string') return parseKernelSpec(kernel);
  return Kernel.from(kernel);
}
