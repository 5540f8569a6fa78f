/**
 * INPUT arguments to image files: a file stands for itself, a folder for the
 * image files directly in it (by extension, sorted by name). Problems are collected
 * per argument, so one bad input never stops the others.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { ImageError } from '../errors.js';
import { INPUT_EXTENSIONS, READABLE_FORMATS } from './imageFormats.js';

export interface InputFile {
  readonly path: string;
  /** The file name without its extension: the first part of every output name. */
  readonly stem: string;
}

export interface InputProblem {
  readonly path: string;
  readonly error: Error;
}

export async function expandInputs(args: readonly string[]): Promise<{ files: InputFile[]; problems: InputProblem[] }> {
  const files: InputFile[] = [];
  const problems: InputProblem[] = [];
  for (const arg of args) {
    try {
      for (const path of await imagePaths(arg)) {
        const file = { path, stem: basename(path, extname(path)) };
        const clash = files.find((f) => f.stem === file.stem);
        if (clash)
          problems.push({
            path,
            error: new ImageError(
              `its results would overwrite those of ${JSON.stringify(clash.path)} (both are named ${JSON.stringify(file.stem)}); rename one or run them separately.`,
            ),
          });
        else files.push(file);
      }
    } catch (error) {
      problems.push({ path: arg, error: error as Error });
    }
  }
  return { files, problems };
}

async function imagePaths(arg: string): Promise<string[]> {
  const info = await stat(arg).catch((error: NodeJS.ErrnoException) => {
    throw new ImageError(`cannot read ${JSON.stringify(arg)}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}.`);
  });
  if (!info.isDirectory()) return [arg];
  const names = (await readdir(arg, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && INPUT_EXTENSIONS.includes(extname(entry.name).toLowerCase()))
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0)
    throw new ImageError(
      `the folder ${JSON.stringify(arg)} holds no image files kernelgl reads (${READABLE_FORMATS}: ${INPUT_EXTENSIONS.join(', ')}).`,
    );
  return names.map((name) => join(arg, name));
}
