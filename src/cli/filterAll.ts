/**
 * The command's loop: every input decoded once, filtered with every kernel
 * by every engine, each result written as soon as it exists. It runs as a
 * pipeline, the next input decoding and the last results encoding while the
 * engine filters, for sharp does both on libuv's threads. A failing input
 * is reported and skipped (for the engine that failed), never fatal.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { difference, type Difference } from '../difference.js';
import type { Filter } from '../filterSpec.js';
import type { RgbaImage } from '../image.js';
import { resolveOptions, type Border, type FilterOptions } from '../options.js';
import type { Progress } from '../tooling/progress.js';
import type { EngineName, FilterEngine, Filtered } from './engines.js';
import { fileSafeName } from './fileNames.js';
import { readImage, resultFiles, writeResult } from './imageFiles.js';
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
  readonly border: Border;
  readonly ms: number;
  /** The image file written. */
  readonly png: string;
  /** Every file written, the image first (float output adds its .f32 and sidecar). */
  readonly files: readonly string[];
}

/** One input and kernel, with each engine's run and, when both ran, GPU vs CPU. */
export interface Row {
  readonly input: InputFile;
  readonly width: number;
  readonly height: number;
  readonly kernel: Filter;
  readonly runs: Partial<Record<EngineName, Run>>;
  readonly parity: Difference | null;
}

export interface Failure {
  /** The input (or the part of the run) that failed. */
  readonly subject: string;
  readonly error: unknown;
  /** Where the failure belongs to one input, kernel or engine: for the manifest. */
  readonly input?: string;
  readonly kernel?: string;
  readonly engine?: EngineName;
}

/** A result not made again because its files exist (--skip-existing). */
export interface Skipped {
  readonly input: InputFile;
  readonly kernel: Filter;
  readonly engine: EngineName;
  readonly files: readonly string[];
}

/** What every input goes through, and where outcomes are told. */
export interface FilterRun {
  readonly kernels: readonly Filter[];
  readonly targets: readonly Target[];
  /** As given: each filter kind fills in its own defaults. */
  readonly options: FilterOptions;
  readonly format: OutputFormat;
  /** Leave out the results whose files all exist. */
  readonly skipExisting: boolean;
  readonly progress: Progress;
  readonly onFailure: (failure: Failure) => void;
}

/** The targets one kernel still has to run on for one input. */
interface Step {
  readonly kernel: Filter;
  readonly targets: readonly Target[];
}

export async function filterAll(inputs: readonly InputFile[], run: FilterRun): Promise<{ rows: Row[]; skipped: Skipped[] }> {
  const { options, progress, onFailure } = run;
  const skipped: Skipped[] = [];
  // Only what is left to do is decoded: with --skip-existing a finished input is never read.
  const prepare = async (input: InputFile) => {
    const steps = await stepsLeft(input, run, skipped);
    if (steps.every((step) => step.targets.length === 0)) return { steps, image: null };
    const image = await readImage(input.path, (warning) => progress.note(`kernelgl: ${input.path}: ${warning}`)).catch((error: unknown) => {
      onFailure({ subject: input.path, error, input: input.path });
      return null;
    });
    return { steps, image };
  };
  const writes = new WriteBehind();
  const rows: Promise<Row | null>[] = [];
  let next = inputs[0] ? prepare(inputs[0]) : null;
  for (const [i, input] of inputs.entries()) {
    const { steps, image } = (await next)!;
    // The next input decodes (on libuv's threads) while this one filters.
    next = inputs[i + 1] ? prepare(inputs[i + 1]!) : null;
    const count = steps.reduce((n, step) => n + step.targets.length, 0);
    if (!image) {
      progress.skip(count);
      continue;
    }
    const failed = new Set<EngineName>();
    for (const { kernel, targets } of steps) {
      const runs: Promise<[EngineName, Run] | null>[] = [];
      const data: Partial<Record<EngineName, Filtered['data']>> = {};
      for (const { engine, dir } of targets) {
        if (failed.has(engine.name)) {
          progress.skip(1);
          continue;
        }
        const label = `${input.stem} ${kernel.name} (${engine.name})`;
        progress.begin(label);
        const failure = { subject: `${input.path} (${engine.name})`, input: input.path, kernel: kernel.name, engine: engine.name };
        let result: Filtered;
        try {
          result = await engine.filter(image, kernel, options);
        } catch (error) {
          failed.add(engine.name);
          progress.skip(1);
          onFailure({ ...failure, error });
          continue;
        }
        data[engine.name] = result.data;
        const written = writeRun(resultBase(dir, input, kernel), result, run).then(
          (done): [EngineName, Run] => {
            progress.end(`${result.ms.toFixed(0)} ms`, label);
            return [engine.name, done];
          },
          (error: unknown) => {
            progress.skip(1);
            onFailure({ ...failure, error });
            return null;
          },
        );
        runs.push(written);
        await writes.add(written, result.data.byteLength);
      }
      if (runs.length === 0) continue;
      const parity = data.gpu && data.cpu ? difference(data.gpu, data.cpu) : null;
      rows.push(rowOf(input, image, kernel, runs, parity));
    }
  }
  await writes.drain();
  return { rows: (await Promise.all(rows)).filter((row) => row !== null), skipped };
}

/** Every kernel with the targets it has to run on: all of them, or with --skip-existing those whose files are not all there (the others go to `skipped`). */
async function stepsLeft(input: InputFile, run: FilterRun, skipped: Skipped[]): Promise<Step[]> {
  const steps: Step[] = [];
  for (const kernel of run.kernels) {
    const targets: Target[] = [];
    for (const target of run.targets) {
      const files = resultFiles(resultBase(target.dir, input, kernel), run.format, resolveOptions(run.options).output);
      if (run.skipExisting && (await allExist(files))) {
        skipped.push({ input, kernel, engine: target.engine.name, files });
        run.progress.skip(1);
      } else {
        targets.push(target);
      }
    }
    steps.push({ kernel, targets });
  }
  return steps;
}

async function allExist(paths: readonly string[]): Promise<boolean> {
  const found = await Promise.all(
    paths.map((path) =>
      access(path).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.every(Boolean);
}

const resultBase = (dir: string, input: InputFile, kernel: Filter) => join(dir, `${input.stem}.${fileSafeName(kernel.name)}`);

async function writeRun(base: string, result: Filtered, run: FilterRun): Promise<Run> {
  // Channels and output have one default for every filter kind.
  const { channels, output } = resolveOptions(run.options);
  const files = await writeResult(base, result, channels, output, run.format);
  return { plan: result.plan, border: result.border, ms: result.ms, png: files[0]!, files };
}

/** The row of one input and kernel once its results are written; null when none was. */
async function rowOf(
  input: InputFile,
  image: RgbaImage,
  kernel: Filter,
  runs: Promise<[EngineName, Run] | null>[],
  parity: Difference | null,
): Promise<Row | null> {
  const written = (await Promise.all(runs)).filter((run) => run !== null);
  if (written.length === 0) return null;
  return { input, width: image.width, height: image.height, kernel, runs: Object.fromEntries(written), parity };
}
