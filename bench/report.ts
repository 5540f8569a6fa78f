/**
 * The benchmark's markdown report: what ran where, the bundle sizes, and the
 * tables the run measured: the timings, the fixed cost and the targets; the
 * peers; the nonlinear filters (nonlinearReport.ts).
 */
import { formatTable, type Column } from '../src/tooling/table.js';
import { formatMs, formatRatio, Footnotes, percent, untimedText } from './format.js';
import type { NonlinearRow } from './nonlinear.js';
import { nonlinearSections } from './nonlinearReport.js';
import { sizeName, type BenchCommand } from './args.js';
import type { BundleReport, BundleSizes, ByteSize } from './bundleSize.js';
import type { Cell } from './cells.js';
import { AGREE_LEVELS, outcomeOf, PEERS, peerRatio, plausible, RATIO_ENGINES, type PeerRow } from './peers.js';
import {
  BENCH_CHANNELS,
  METHODS,
  PEER_ENGINES,
  type BenchChannels,
  type Method,
  type PeerEngine,
  type PeerOutcome,
  type PlanSummary,
} from './protocol.js';
import { median, type Results } from './results.js';
import { checkTargets, fixedCost, type PairRounds } from './targets.js';

export interface RunInfo {
  readonly command: BenchCommand;
  readonly renderer: string;
  /** OpenCV's, fabric.js's and TF.js's versions and backends, or why they did not start. */
  readonly opencv: string;
  readonly fabric: string;
  readonly tfjs: string;
  /** The backend `createFilter({ backend: 'auto' })` chose, and why. */
  readonly auto: { readonly backend: 'gpu' | 'cpu'; readonly reason: string };
  readonly userAgent: string;
  readonly photo: string;
  readonly date: Date;
  readonly seconds: number;
}

const METHOD_TITLES: Record<Method, string> = {
  auto: 'auto',
  direct: 'direct',
  resident: 'GPU-resident',
  cpu: 'CPU (`cpuFilter`)',
  opencv: 'opencv.js filter2D',
};
const CHANNEL_TITLES: Record<BenchChannels, string> = { rgba: 'RGBA', gray: 'gray' };
const ENGINE_TITLES: Record<PeerEngine, string> = {
  gpu: 'kernelgl GPU',
  cpuFilter: 'kernelgl `cpuFilter`',
  reference: 'kernelgl CPU reference',
  auto: 'kernelgl `auto`',
  opencv: 'opencv.js (CPU, WASM)',
  fabric: 'fabric.js (WebGL)',
  tfjs: 'TF.js (WebGL)',
};
const RATIO_TITLES: Record<(typeof RATIO_ENGINES)[number] | (typeof PEERS)[number], string> = {
  gpu: 'GPU',
  cpuFilter: '`cpuFilter`',
  auto: '`auto`',
  opencv: 'opencv.js',
  fabric: 'fabric.js',
  tfjs: 'TF.js',
};

const formatRate = (mpx: number): string => mpx.toFixed(mpx < 10 ? 2 : mpx < 100 ? 1 : 0);
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

function planText(plan: PlanSummary | null): string {
  if (!plan) return '—';
  return `${plan.kind === 'separable' ? `separable r${plan.rank}` : 'direct'}, ${plan.reads} read${plan.reads === 1 ? '' : 's'}`;
}

/** What a run measured: the tables it was asked for (see `--tables`); the others are empty. */
export interface Measured {
  readonly results: Results;
  readonly pairs: readonly PairRounds[];
  readonly peers: readonly PeerRow[];
  readonly nonlinear: readonly NonlinearRow[];
}

export function markdownReport(info: RunInfo, measured: Measured, bundle: BundleReport): string {
  const notes = new Footnotes();
  const { tables, runs } = info.command;
  const sections = [
    header(info),
    '## Bundle size',
    'error' in bundle ? `Not measured: ${bundle.error}` : bundleTable(bundle),
    ...(tables.includes('timings') ? timingsSections(info, measured, bundle, notes) : []),
    ...(tables.includes('peers') ? peersSections(info, measured.peers, notes) : []),
    ...(tables.includes('nonlinear') ? nonlinearSections(measured.nonlinear, runs, notes) : []),
    notes.toString(),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

/** The timings table, the fixed cost and the targets. */
function timingsSections(info: RunInfo, { results, pairs }: Measured, bundle: BundleReport, notes: Footnotes): string[] {
  return [
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
  ];
}

function peersSections(info: RunInfo, peers: readonly PeerRow[], notes: Footnotes): string[] {
  return [
    '## Peers (1280x720)',
    `Median ms per frame over ${info.command.runs} rounds; each call takes the frame's bytes and returns the filtered bytes ` +
      '(upload and readback included). In each round every engine makes one call, in turn, after one untimed call each. ' +
      '`cpuFilter` is the CPU engine the public `cpuFilter` runs; the CPU reference is `executePlan` itself; ' +
      `\`auto\` is \`createFilter({ backend: 'auto' })\`, which chose **${info.auto.backend}** here (${info.auto.reason}). Gray: kernelgl converts the RGBA frame ` +
      "to luma inside the call; opencv.js and TF.js get that luma, one byte a pixel. TF.js pads with zeros (`padding: 'same'`), " +
      'the others replicate the edge.',
    peersTable(peers, notes),
    `Ratios: the peer's ms / kernelgl's ms, the median over the rounds (both timed in each); above 1, kernelgl is faster.`,
    ratiosTable(peers),
    `Output check: each engine's result against the CPU reference's, away from the borders by the kernel's reach ` +
      `(samples compared, the largest difference in levels, the share of samples the filter changed); a difference over ${AGREE_LEVELS} ` +
      'or an unchanged result is footnoted in the table.',
    checksTable(peers),
  ];
}

function header(info: RunInfo): string {
  return [
    '# kernelgl benchmark',
    '',
    `- renderer: ${info.renderer}`,
    `- browser: ${info.userAgent}`,
    `- OpenCV: ${info.opencv}`,
    `- fabric.js: ${info.fabric}`,
    `- TF.js: ${info.tfjs}`,
    `- \`createFilter({ backend: 'auto' })\` chose: ${info.auto.backend} (${info.auto.reason})`,
    `- frames: ${info.photo} stretched to each size`,
    `- run: ${info.date.toISOString()}, ${(info.seconds / 60).toFixed(1)} min, tables ${info.command.tables.join(', ')}, ` +
      `${info.command.runs} timed runs a cell, ` +
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
    checkTargets(results, pairs, bundle).map((t) => [
      t.target,
      t.measured ?? '—',
      t.goal,
      t.pass === null ? 'not measured' : t.pass ? 'pass' : 'FAIL',
    ]),
    'markdown',
  );
}

function peersTable(peers: readonly PeerRow[], notes: Footnotes): string {
  const columns: Column[] = [
    { title: 'channels' },
    { title: 'kernel' },
    ...PEER_ENGINES.map((e): Column => ({ title: ENGINE_TITLES[e], align: 'right' })),
  ];
  const rows = peers.map((row) => [
    CHANNEL_TITLES[row.channels],
    row.kernel,
    ...PEER_ENGINES.map((engine) =>
      'error' in row.engines ? `error${notes.ref(`error: ${row.engines.error}`)}` : peerText(row.engines[engine], notes),
    ),
  ]);
  return formatTable(columns, rows, 'markdown');
}

function peerText(outcome: PeerOutcome, notes: Footnotes): string {
  switch (outcome.status) {
    case 'measured': {
      const ok = plausible(outcome.check);
      const note =
        ok === null
          ? notes.ref(
              'not checked: the result comes through a 2D canvas, which premultiplies alpha, and this filter leaves no pixel opaque.',
            )
          : ok
            ? ''
            : notes.ref(
                `check failed: ${outcome.check.maxDiff} levels from the CPU reference, ${percent(outcome.check.changed)} of samples changed.`,
              );
      return `${formatMs(median(outcome.times))}${note}`;
    }
    default:
      return untimedText(outcome, notes);
  }
}

function ratiosTable(peers: readonly PeerRow[]): string {
  const pairs = RATIO_ENGINES.flatMap((kernelgl) => PEERS.map((peer) => ({ kernelgl, peer })));
  return formatTable(
    [
      { title: 'channels' },
      { title: 'kernel' },
      ...pairs.map(({ kernelgl, peer }): Column => ({ title: `${RATIO_TITLES[kernelgl]} vs ${RATIO_TITLES[peer]}`, align: 'right' })),
    ],
    peers.map((row) => [
      CHANNEL_TITLES[row.channels],
      row.kernel,
      ...pairs.map(({ kernelgl, peer }) => {
        return formatRatio(peerRatio(row, kernelgl, peer));
      }),
    ]),
    'markdown',
  );
}

/** Per engine over the rows it ran: samples compared, the largest difference, the least share changed. */
function checksTable(peers: readonly PeerRow[]): string {
  const rows = PEER_ENGINES.map((engine) => {
    const checks = peers.flatMap((row) => {
      const outcome = outcomeOf(row, engine);
      return outcome?.status === 'measured' && outcome.check.compared > 0 ? [outcome.check] : [];
    });
    if (checks.length === 0) return [ENGINE_TITLES[engine], '0', '—', '—', '—'];
    return [
      ENGINE_TITLES[engine],
      `${checks.length} of ${peers.length}`,
      `${(checks.reduce((sum, c) => sum + c.compared, 0) / 1e6).toFixed(1)} M`,
      String(Math.max(...checks.map((c) => c.maxDiff))),
      percent(Math.min(...checks.map((c) => c.changed))),
    ];
  });
  return formatTable(
    [
      { title: 'engine' },
      { title: 'rows checked' },
      { title: 'samples', align: 'right' },
      { title: 'max difference', align: 'right' },
      { title: 'least changed', align: 'right' },
    ],
    rows,
    'markdown',
  );
}
