/**
 * The command's loop: every input decoded once, filtered with every kernel
 * by every engine, each result written as soon as it exists. It runs as a
 * pipeline, the next input decoding and the last results encoding while the
 * engine filters, for sharp does both on libuv's threads. A failing input
 * is reported and skipped (for the engine that failed), never fatal.
 */
import { join } from 'node:path';
import { difference, type Difference } from '../difference.js';
import type { RgbaImage } from '../image.js';
import type { Kernel } from '../kernel.js';
import type { ResolvedOptions } from '../options.js';
import type { Progress } from '../tooling/progress.js';
import type { EngineName, FilterEngine, Filtered } from './engines.js';
import { fileSafeName } from './fileNames.js';
import { readImage, writeResult } from './imageFiles.js';
import type { OutputFormat } from './imageFormats.js';
import type { InputFile } from './inputs.js';
import { WriteBehind } from './writeBehind.js';

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
  const read = (input: InputFile) =>
    readImage(input.path, (warning) => progress.note(`kernelgl: ${input.path}: ${warning}`)).catch((error: unknown) => {
      onFailure({ subject: input.path, error });
      return null;
    });
  const writes = new WriteBehind();
  const rows: Promise<Row | null>[] = [];
  let next = inputs[0] ? read(inputs[0]) : null;
  for (const [i, input] of inputs.entries()) {
    const image = await next;
    // The next input decodes (on libuv's threads) while this one filters.
    next = inputs[i + 1] ? read(inputs[i + 1]!) : null;
    if (!image) {
      progress.skip(kernels.length * targets.length);
      continue;
    }
    const failed = new Set<EngineName>();
    for (const kernel of kernels) {
      const runs: Promise<[EngineName, Run] | null>[] = [];
      const data: Partial<Record<EngineName, Filtered['data']>> = {};
      for (const { engine, dir } of targets) {
        if (failed.has(engine.name)) {
          progress.skip(1);
          continue;
        }
        const label = `${input.stem} ${kernel.name} (${engine.name})`;
        progress.begin(label);
        const subject = `${input.path} (${engine.name})`;
        let result: Filtered;
        try {
          result = await engine.filter(image, kernel, options);
        } catch (error) {
          failed.add(engine.name);
          progress.skip(1);
          onFailure({ subject, error });
          continue;
        }
        data[engine.name] = result.data;
        const run = writeRun(join(dir, `${input.stem}.${fileSafeName(kernel.name)}`), result, options, format).then(
          (run): [EngineName, Run] => {
            progress.end(`${result.ms.toFixed(0)} ms`, label);
            return [engine.name, run];
          },
          (error: unknown) => {
            progress.skip(1);
            onFailure({ subject, error });
            return null;
          },
        );
        runs.push(run);
        await writes.add(run, result.data.byteLength);
      }
      if (runs.length === 0) continue;
      const parity = data.gpu && data.cpu ? difference(data.gpu, data.cpu) : null;
      rows.push(rowOf(input, image, kernel, runs, parity));
    }
  }
  await writes.drain();
  return (await Promise.all(rows)).filter((row) => row !== null);
}

async function writeRun(base: string, result: Filtered, options: ResolvedOptions, format: OutputFormat): Promise<Run> {
  const [png] = await writeResult(base, result, options.channels, options.output, format);
  return { plan: result.plan, ms: result.ms, png: png! };
}

/** The row of one input and kernel once its results are written; null when none was. */
async function rowOf(input: InputFile, image: RgbaImage, kernel: Kernel, runs: Promise<[EngineName, Run] | null>[], parity: Difference | null): Promise<Row | null> {
  const written = (await Promise.all(runs)).filter((run) => run !== null);
  if (written.length === 0) return null;
  return { input, width: image.width, height: image.height, kernel, runs: Object.fromEntries(written), parity };
}
