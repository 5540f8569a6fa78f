/**
 * KERNEL arguments to named kernels. The name becomes part of every output
 * file name: a bank or generator kernel keeps its own name (`sobel_x`,
 * `box:21`), inline JSON is `custom1`, `custom2`, ... in order, and a `.json`
 * file is named after the file.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { KernelError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import { kernelFromJson, parseKernelSpec } from '../kernelSpec.js';
import { reason } from './reason.js';

/** Parses every KERNEL argument; throws KernelError for the first bad one. */
export function resolveKernelArgs(args: readonly string[]): Kernel[] {
  let inline = 0;
  const kernels = args.map((arg) => {
    const spec = arg.trim();
    if (extname(spec).toLowerCase() === '.json') return kernelFile(spec);
    if (spec.startsWith('[') || spec.startsWith('{')) {
      const name = `custom${++inline}`;
      return parseKernelSpec(spec, name).renamed(name);
    }
    return parseKernelSpec(spec);
  });
  const names = kernels.map((k) => k.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) {
    throw new KernelError(`the kernel ${JSON.stringify(repeated)} is given twice; each kernel names its output files, so give each one once.`);
  }
  return kernels;
}

function kernelFile(path: string): Kernel {
  const name = basename(path, extname(path));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KernelError(`cannot read the kernel file ${JSON.stringify(path)}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new KernelError(
      `the kernel file ${JSON.stringify(path)} is not valid JSON (${(error as Error).message}); it must hold a matrix or { "matrix": [[...]], "anchor": [x, y] }.`,
    );
  }
  try {
    return kernelFromJson(value, name).renamed(name);
  } catch (error) {
    throw new KernelError(`in the kernel file ${JSON.stringify(path)}: ${reason(error)}`);
  }
}
