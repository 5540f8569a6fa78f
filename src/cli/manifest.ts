/**
 * --manifest FILE.json: one record per input and kernel (and engine) of the
 * run, as JSON, for whatever runs the command at scale. A record lists the
 * files written with the image's size, the plan and its border, the engine and its time;
 * or that the files existed already (--skip-existing); or the error. It is
 * written when some inputs fail too, and it is a plain array, so the
 * manifests of several shards merge by concatenation (jq -s add).
 */
import { writeFile } from 'node:fs/promises';
import { reason } from '../reason.js';
import type { EngineName } from './engines.js';
import type { Failure, Row, Skipped } from './filterAll.js';

export interface ManifestRecord {
  readonly input: string;
  /** Null where the failure is the input's own (unreadable) or the run's (no GPU). */
  readonly kernel: string | null;
  readonly engine: EngineName | null;
  readonly outputs?: readonly string[];
  readonly width?: number;
  readonly height?: number;
  /** What ran, in describePlan's words, and with which border. */
  readonly plan?: string;
  readonly border?: string;
  readonly ms?: number;
  readonly skipped?: true;
  readonly error?: string;
}

export function manifestRecords(rows: readonly Row[], skipped: readonly Skipped[], failures: readonly Failure[]): ManifestRecord[] {
  const written = rows.flatMap((row) =>
    Object.entries(row.runs).map(([engine, run]) => ({
      input: row.input.path,
      kernel: row.kernel.name,
      engine: engine as EngineName,
      outputs: run.files,
      width: row.width,
      height: row.height,
      plan: run.plan,
      border: run.border,
      ms: Math.round(run.ms * 10) / 10,
    })),
  );
  const existing = skipped.map((s) => ({
    input: s.input.path,
    kernel: s.kernel.name,
    engine: s.engine,
    outputs: s.files,
    skipped: true as const,
  }));
  const failed = failures.map((f) => ({
    input: f.input ?? f.subject,
    kernel: f.kernel ?? null,
    engine: f.engine ?? null,
    error: reason(f.error),
  }));
  return [...written, ...existing, ...failed];
}

export async function writeManifest(path: string, records: readonly ManifestRecord[]): Promise<void> {
  await writeFile(path, `${JSON.stringify(records, null, 2)}\n`);
}
