/**
 * The command's loop: every input decoded once, filtered with every kernel
 * by every engine, each result written as soon as it exists. A failing input
 * is reported and skipped (for the engine that failed), never fatal.
 */
import { join } from 'node:path';
import { difference, type Difference } from '../difference.js';
import type { Kernel } from '../kernel.js';
import type { ResolvedOptions } from '../options.js';
import type { Progress } from '../tooling/progress.js';
import type { EngineName, FilterEngine, Filtered } from './engines.js';
import { fileSafeName } from './fileNames.js';
import { readImage, writeResult } from './imageFiles.js';
import type { OutputFormat } from './imageFormats.js';
import type { InputFile } from './inputs.js';

/** An engine and the folder its results go to. */
export interface Target {
  readonly engine: FilterEngine;
  readonly dir: string;
}

/** What one engine made of one input and kernel. */
export interface Run {
  readonly plan: Filtered['plan'];
  readonly ms: number;
  /** The image file written. */
  readonly png: string;
}

/** One input and kernel, with each engine's run and, when both ran, GPU vs CPU. */
export interface Row {
  readonly input: InputFile;
  readonly width: number;
  readonly height: number;
  readonly kernel: Kernel;
  readonly runs: Partial<Record<EngineName, Run>>;
  readonly parity: Difference | null;
}

export interface Failure {
  /** The input (or the part of the run) that failed. */
  readonly subject: string;
  readonly error: unknown;
}

export async function filterAll(
  inputs: readonly InputFile[],
  kernels: readonly Kernel[],
  options: ResolvedOptions,
  format: OutputFormat,
  targets: readonly Target[],
  progress: Progress,
  onFailure: (failure: Failure) => void,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const input of inputs) {
    const image = await readImage(input.path, (warning) => progress.note(`kernelgl: ${input.path}: ${warning}`)).catch((error: unknown) => {
      onFailure({ subject: input.path, error });
      return null;
    });
    if (!image) {
      progress.skip(kernels.length * targets.length);
      continue;
    }
    const failed = new Set<EngineName>();
    for (const kernel of kernels) {
      const runs: Partial<Record<EngineName, Run>> = {};
      const data: Partial<Record<EngineName, Filtered['data']>> = {};
      for (const { engine, dir } of targets) {
        if (failed.has(engine.name)) {
          progress.skip(1);
          continue;
        }
        progress.begin(`${input.stem} ${kernel.name} (${engine.name})`);
        try {
          const result = await engine.filter(image, kernel, options);
          const [png] = await writeResult(join(dir, `${input.stem}.${fileSafeName(kernel.name)}`), result, options.channels, options.output, format);
          runs[engine.name] = { plan: result.plan, ms: result.ms, png: png! };
          data[engine.name] = result.data;
          progress.end(`${result.ms.toFixed(0)} ms`);
        } catch (error) {
          failed.add(engine.name);
          progress.skip(1);
          onFailure({ subject: `${input.path} (${engine.name})`, error });
        }
      }
      if (Object.keys(runs).length === 0) continue;
      const both = data.gpu && data.cpu ? difference(data.gpu, data.cpu) : null;
      rows.push({ input, width: image.width, height: image.height, kernel, runs, parity: both });
    }
  }
  return rows;
}
