/**
 * One run of the command: expand the inputs, start the engines, filter every
 * input with every kernel, write the results, the table and (for the demo)
 * the report.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { exactPercent, formatPercent } from '../difference.js';
import type { Filter } from '../filterSpec.js';
import { reason } from '../reason.js';
import { NO_BROWSER_HELP } from '../tooling/browser.js';
import { Progress } from '../tooling/progress.js';
import { formatTable, type Column } from '../tooling/table.js';
import { EXIT_FAILED, type Command } from './args.js';
import { cpuEngine, type EngineName, type FilterEngine } from './engines.js';
import { autoEngine, type EngineChoice } from './engineChoice.js';
import { filterAll, type Failure, type Row, type Skipped, type Target } from './filterAll.js';
import { ensureBrowser } from './ensureBrowser.js';
import { GpuEngine } from './gpuEngine.js';
import { expandInputs } from './inputs.js';
import { manifestRecords, writeManifest } from './manifest.js';
import { DEFAULT_INPUT } from './paths.js';
import { inShard } from './shard.js';
import { writeReport as writeReportFiles } from './report.js';

export async function run(command: Command, kernels: Filter[]): Promise<number> {
  // The demo compares both engines; any argument that picks inputs, kernels or an engine makes a plain run.
  const compare = command.inputs.length === 0 && command.kernels.length === 0 && command.engine === undefined;
  const failures: Failure[] = [];
  let progress = new Progress(0);
  const fail = (failure: Failure) => {
    failures.push(failure);
    progress.note(`kernelgl: ${failure.subject}: ${reason(failure.error)}`);
  };
  const { files: all, problems } = await expandInputs(command.inputs.length > 0 ? command.inputs : [DEFAULT_INPUT]);
  problems.forEach((p) => fail({ subject: p.path, error: p.error, input: p.path }));
  const { shard } = command;
  const files = shard ? all.filter((file) => inShard(file.path, shard)) : all;
  const note = (line: string) => progress.note(line);
  const engines = files.length === 0 ? [] : await startEngines(compare ? ['gpu', 'cpu'] : [command.engine ?? 'gpu'], fail, note);
  const targets: Target[] = engines.map((engine) => ({ engine, dir: compare ? join(command.outDir, engine.name) : command.outDir }));
  let rows: Row[];
  let skipped: Skipped[];
  try {
    for (const { dir } of targets) await mkdir(dir, { recursive: true });
    progress = new Progress(files.length * kernels.length * targets.length);
    const { options, format, skipExisting } = command;
    ({ rows, skipped } = await filterAll(files, { kernels, targets, options, format, skipExisting, progress, onFailure: fail }));
    progress.finish();
  } finally {
    await Promise.all(engines.map((e) => e.close()));
  }
  if (command.manifest) await writeManifest(command.manifest, manifestRecords(rows, skipped, failures));
  if (compare) await writeReport(command, rows, engines, failures);
  if (rows.length > 0) process.stdout.write(summary(rows, engines, compare));
  const written = rows.reduce((n, r) => n + Object.keys(r.runs).length, 0);
  const failed = failures.length > 0 ? `; ${failures.length} failed (see above)` : '';
  const existing = command.skipExisting ? `; ${skipped.length} skipped (their files exist)` : '';
  const share = shard ? ` (shard ${shard.index}/${shard.count}: ${files.length} of ${all.length} inputs)` : '';
  console.error(`kernelgl: ${written} result${written === 1 ? '' : 's'} written to ${command.outDir}${share}${existing}${failed}.`);
  return failures.length > 0 ? EXIT_FAILED : 0;
}

async function startEngines(
  choices: readonly EngineChoice[],
  fail: (failure: Failure) => void,
  note: (line: string) => void,
): Promise<FilterEngine[]> {
  const engines: FilterEngine[] = [];
  for (const choice of choices) {
    if (choice === 'cpu') engines.push(cpuEngine);
    else if (choice === 'auto') engines.push(await autoEngine(startGpu, cpuEngine, note));
    else
      await startGpu().then(
        (gpu) => engines.push(gpu),
        (error: unknown) => fail({ subject: 'GPU', error }),
      );
  }
  return engines;
}

/** The GPU engine, on the browser found, or on one installed now as `npm install` would. */
async function startGpu(): Promise<FilterEngine> {
  if (!(await ensureBrowser())) throw new Error(NO_BROWSER_HELP);
  return GpuEngine.start();
}

async function writeReport(
  command: Command,
  rows: readonly Row[],
  engines: readonly FilterEngine[],
  failures: readonly Failure[],
): Promise<void> {
  const path = await writeReportFiles({
    dir: command.outDir,
    rows,
    engines: Object.fromEntries(engines.map((e) => [e.name, e.description])),
    problems: failures.map((f) => `${f.subject}: ${reason(f.error)}`),
    options: command.options,
    date: new Date(),
  });
  console.error(`kernelgl: report written to ${path}`);
}

/** The engines, then one line per input and kernel: GPU vs CPU figures for the demo, the file written otherwise. */
function summary(rows: readonly Row[], engines: readonly FilterEngine[], compare: boolean): string {
  const ms = (row: Row, engine: EngineName) => row.runs[engine]?.ms.toFixed(1) ?? '—';
  const plan = (row: Row) => (row.runs.gpu ?? row.runs.cpu)?.plan ?? '—';
  const withInput = !compare || new Set(rows.map((r) => r.input.path)).size > 1;
  const lead: Column[] = [...(withInput ? [{ title: 'input' }] : []), { title: 'kernel' }, { title: 'plan' }];
  const leadCells = (row: Row) => [...(withInput ? [row.input.stem] : []), row.kernel.name, plan(row)];
  const right = (title: string): Column => ({ title, align: 'right' });
  const table = compare
    ? formatTable(
        [...lead, right('GPU ms'), right('CPU ms'), right('max|diff|'), right('% exact')],
        rows.map((r) => [
          ...leadCells(r),
          ms(r, 'gpu'),
          ms(r, 'cpu'),
          r.parity ? String(r.parity.maxDiff) : '—',
          r.parity ? formatPercent(exactPercent(r.parity)) : '—',
        ]),
      )
    : formatTable(
        [...lead, right(`${engines[0]!.name.toUpperCase()} ms`), { title: 'written' }],
        rows.map((r) => [...leadCells(r), ms(r, engines[0]!.name), Object.values(r.runs)[0]!.png]),
      );
  const header = engines.map((e) => `${e.name.toUpperCase()}: ${e.description}`).join('\n');
  return `${header}\n\n${table}\n`;
}
