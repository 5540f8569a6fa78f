/**
 * KERNEL arguments to named filters: kernels, medians, morphology and
 * bilateral filters. The name becomes part of every output file name (in its
 * file-safe form, `box-21`, `median-5`): a bank kernel or a spec keeps its
 * own name (`sobel_x`, `box:21`, `erode:rect:5`), inline JSON is `custom1`,
 * `custom2`, ... in order (a matrix or a morphology object alike), and a
 * `.json` file is named after the file.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { KernelError } from '../errors.js';
import { filterFromJson, parseFilterSpec, renamed, type Filter } from '../filterSpec.js';
import { reason } from '../reason.js';
import { fileSafeName } from './fileNames.js';

/** Parses every KERNEL argument; throws KernelError for the first bad one. */
export function resolveKernelArgs(args: readonly string[]): Filter[] {
  let inline = 0;
  const filters = args.map((arg) => {
    const spec = arg.trim();
    if (extname(spec).toLowerCase() === '.json') return kernelFile(spec);
    if (spec.startsWith('[') || spec.startsWith('{')) {
      const name = `custom${++inline}`;
      return renamed(parseFilterSpec(spec, name), name);
    }
    return parseFilterSpec(spec);
  });
  checkOwnFiles(filters);
  return filters;
}

/** Throws KernelError when two filters would write the same output files. */
function checkOwnFiles(kernels: readonly Filter[]): void {
  const byFile = new Map<string, string>();
  for (const { name } of kernels) {
    const file = fileSafeName(name);
    // Windows and macOS (by default) ignore case, so `Ridge` and `ridge` would overwrite each other.
    const other = byFile.get(file.toLowerCase());
    if (other === name) {
      throw new KernelError(
        `the kernel ${JSON.stringify(name)} is given twice; each kernel names its output files, so give each one once.`,
      );
    }
    if (other !== undefined) {
      const otherFile = fileSafeName(other);
      const clash =
        otherFile === file
          ? `would both write <input>.${file}.png`
          : `would write <input>.${otherFile}.png and <input>.${file}.png, one file on Windows and macOS`;
      throw new KernelError(
        `the kernels ${JSON.stringify(other)} and ${JSON.stringify(name)} ${clash}; rename the kernel file so that each kernel has files of its own.`,
      );
    }
    byFile.set(file.toLowerCase(), name);
  }
}

function kernelFile(path: string): Filter {
  const name = basename(path, extname(path));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KernelError(
      `cannot read the kernel file ${JSON.stringify(path)}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new KernelError(
      `the kernel file ${JSON.stringify(path)} is not valid JSON (${(error as Error).message}); it must hold a matrix, { "matrix": [[...]], "anchor": [x, y] } or { "morph": "erode", "element": [[...]] }.`,
    );
  }
  try {
    return renamed(filterFromJson(value, name), name);
  } catch (error) {
    throw new KernelError(`in the kernel file ${JSON.stringify(path)}: ${reason(error)}`);
  }
}
