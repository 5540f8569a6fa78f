/** The benchmark's markdown report: what ran where, the bundle sizes, the timings, the fixed cost and the targets. */
import { formatTable, type Column } from '../src/tooling/table.js';
import { sizeName, type BenchCommand } from './args.js';
import type { BundleReport, BundleSizes, ByteSize } from './bundleSize.js';
import type { Cell } from './cells.js';
import { BENCH_CHANNELS, METHODS, type BenchChannels, type Method, type PlanSummary } from './protocol.js';
import type { Results } from './results.js';
import { checkTargets, fixedCost, type PairRounds } from './targets.js';

export interface RunInfo {
  readonly command: BenchCommand;
  readonly renderer: string;
  /** OpenCV's version, or why it did not load. */
  readonly opencv: string;
  readonly userAgent: string;
  readonly photo: string;
  readonly date: Date;
  readonly seconds: number;
}

const METHOD_TITLES: Record<Method, string> = {
  auto: 'auto',
  direct: 'direct',
  resident: 'GPU-resident',
  cpu: 'CPU reference',
  opencv: 'opencv.js filter2D',
};
const CHANNEL_TITLES: Record<BenchChannels, string> = { rgba: 'RGBA', gray: 'gray' };

/** Milliseconds with three significant digits or so: 0.412, 4.12, 41.2, 412. */
export const formatMs = (ms: number): string => ms.toFixed(ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0);
const formatRate = (mpx: number): string => mpx.toFixed(mpx < 10 ? 2 : mpx < 100 ? 1 : 0);
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

function planText(plan: PlanSummary | null): string {
  if (!plan) return '—';
  return `${plan.kind === 'separable' ? `separable r${plan.rank}` : 'direct'}, ${plan.reads} read${plan.reads === 1 ? '' : 's'}`;
}

/** Footnotes, numbered in order of first use, for capped and failed cells. */
class Footnotes {
  private readonly notes: string[] = [];

  ref(text: string): string {
    const index = this.notes.includes(text) ? this.notes.indexOf(text) : this.notes.push(text) - 1;
    return `[^${index + 1}]`;
  }

  toString(): string {
    return this.notes.map((note, i) => `[^${i + 1}]: ${note}`).join('\n');
  }
}

export function markdownReport(info: RunInfo, results: Results, pairs: readonly PairRounds[], bundle: BundleReport): string {
  const notes = new Footnotes();
  const sections = [
    header(info),
    '## Bundle size',
    'error' in bundle ? `Not measured: ${bundle.error}` : bundleTable(bundle),
    '## Timings',
    `Median ms per frame over ${info.command.runs} timed runs after one warm-up, and Mpx/s in brackets. ` +
      '`auto` and `direct`: `gpu.filter` with that plan (upload + filter + readback); GPU-resident: `gpu.render` + `sync` ' +
      '(upload + filter, no readback); the plan column is the auto plan (kind, rank, texture reads per pixel). ' +
      '`capped` cells went over the time budget of a call (see their footnotes).',
    timingsTable(info.command, results, notes),
    '## Fixed per-frame cost (1280x720 RGBA)',
    costTable(results),
    '## Targets',
    targetsTable(results, pairs, bundle),
    `Measured at 1280x720 after the table: each ratio is the median over ${info.command.runs} rounds of one call of each side, ` +
      'timed one after the other, so that drift on a busy machine hits both alike.',
    notes.toString(),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

function header(info: RunInfo): string {
  return [
    '# kernelgl benchmark',
    '',
    `- renderer: ${info.renderer}`,
    `- browser: ${info.userAgent}`,
    `- OpenCV: ${info.opencv}`,
    `- frames: ${info.photo} stretched to each size`,
    `- run: ${info.date.toISOString()}, ${(info.seconds / 60).toFixed(1)} min, ${info.command.runs} timed runs a cell, ` +
      (info.command.capSeconds === null ? 'uncapped' : `capped at ${info.command.capSeconds} s a call`),
  ].join('\n');
}

function bundleTable(bundle: BundleSizes): string {
  const row = (what: string, size: ByteSize) => [what, kb(size.min), kb(size.gzip)];
  return formatTable(
    [{ title: 'bundle' }, { title: 'min', align: 'right' }, { title: 'gzip -9', align: 'right' }],
    [
      row('dist/lib/kernelgl.js, the whole library (twgl.js, gl-matrix external)', bundle.library),
      row('`import { GpuFilter, kernels }`, tree-shaken, twgl.js + gl-matrix bundled', bundle.user),
    ],
    'markdown',
  );
}

function timingsTable(command: BenchCommand, results: Results, notes: Footnotes): string {
  const columns: Column[] = [
    { title: 'size' },
    { title: 'channels' },
    { title: 'kernel' },
    { title: 'plan (auto)' },
    ...METHODS.map((m): Column => ({ title: METHOD_TITLES[m], align: 'right' })),
  ];
  const rows = command.sizes.flatMap((size) =>
    BENCH_CHANNELS.flatMap((channels) =>
      command.kernels.map((kernel) => {
        const cell = (method: Method): Cell => ({ size, channels, kernel, method });
        return [
          sizeName(size),
          CHANNEL_TITLES[channels],
          kernel,
          planText(results.plan(cell('auto')) ?? results.plan(cell('resident'))),
          ...METHODS.map((method) => cellText(results, cell(method), notes)),
        ];
      }),
    ),
  );
  return formatTable(columns, rows, 'markdown');
}

function cellText(results: Results, cell: Cell, notes: Footnotes): string {
  const outcome = results.get(cell)?.outcome;
  if (!outcome) return '—';
  switch (outcome.status) {
    case 'measured':
      return `${formatMs(outcome.medianMs)} (${formatRate(outcome.mpxPerS)})`;
    case 'capped':
      return `capped${outcome.callMs === null ? '' : ` ≈${formatMs(outcome.callMs)}`}${notes.ref(`capped: ${outcome.reason}.`)}`;
    case 'failed':
      return `error${notes.ref(`error: ${outcome.error}`)}`;
  }
}

function costTable(results: Results): string {
  const lines = fixedCost(results);
  return formatTable(
    [{ title: 'what' }, { title: 'ms', align: 'right' }],
    lines.map((line) => [line.what, line.ms === null ? '—' : `${line.ms.approx ? '≈' : ''}${formatMs(line.ms.value)}`]),
    'markdown',
  );
}

function targetsTable(results: Results, pairs: readonly PairRounds[], bundle: BundleReport): string {
  return formatTable(
    [{ title: 'target' }, { title: 'measured', align: 'right' }, { title: 'goal', align: 'right' }, { title: 'result' }],
    checkTargets(results, pairs, bundle).map((t) => [t.target, t.measured ?? '—', t.goal, t.pass === null ? 'not measured' : t.pass ? 'pass' : 'FAIL']),
    'markdown',
  );
}
