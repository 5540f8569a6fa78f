/**
 * The nonlinear part of the report: the times beside opencv.js, where the
 * time goes (the CPU's passes, the GPU's readback), the erode rectangles
 * side by side, and the output check.
 */
import { parseFilterSpec } from '../src/filterSpec.js';
import type { NonlinearFilter } from '../src/filters.js';
import { formatTable, type Column } from '../src/tooling/table.js';
import { sizeName } from './args.js';
import { Footnotes, formatMs, formatRatio, percent, untimedText } from './format.js';
import {
  agrees,
  cpuRest,
  gpuReadback,
  kindOf,
  nonlinearOutcome,
  nonlinearRatio,
  NONLINEAR_SIZES,
  passesTotal,
  tolerance,
  type NonlinearRow,
  type Tolerance,
} from './nonlinear.js';
import type { NonlinearChannels, NonlinearEngine, NonlinearOutcome } from './protocol.js';
import { median } from './results.js';

const CHANNEL_TITLES: Record<NonlinearChannels, string> = { rgba: 'RGBA', rgb: 'RGB', gray: 'gray' };
/** The columns of the times table, and their titles. */
const TIMED: readonly [NonlinearEngine, string][] = [
  ['gpu', 'kernelgl GPU'],
  ['resident', 'GPU, no readback'],
  ['cpuFilter', 'kernelgl `cpuFilter`'],
  ['opencv', 'opencv.js'],
];
const CHECKED: readonly [NonlinearEngine, string][] = [
  ['gpu', 'kernelgl GPU'],
  ['cpuPasses', 'CPU passes alone'],
  ['opencv', 'opencv.js'],
];

export function nonlinearSections(rows: readonly NonlinearRow[], runs: number, notes: Footnotes): string[] {
  const rect = rectangleTable(rows);
  return [
    `## Median, morphology, bilateral (${NONLINEAR_SIZES.map(sizeName).join(', ')})`,
    `Median ms per frame over ${runs} rounds; each call takes the frame's bytes and returns the filtered bytes, but "no readback" ` +
      '(`gpu.render` then `sync`: upload and filter). In each round every engine makes one call, in turn, after one untimed call each. ' +
      "opencv.js runs `medianBlur`, `erode` or `morphologyEx` with `getStructuringElement`'s element, and `bilateralFilter`, " +
      "each with kernelgl's default border for the kind (OpenCV's default). Gray: kernelgl converts the RGBA frame to luma inside the call; " +
      "opencv.js gets that luma, one byte a pixel. **RGB** (bilateral): opencv.js's `bilateralFilter` takes 1 or 3 channels, so every " +
      "engine filters red, green and blue (kernelgl `channels: 'rgb'`, alpha copied; opencv.js gets the RGB bytes, computed once). " +
      "The plan is `describePlan`'s; reads is `plan.reads`, the samples the filter's definition reads per output sample (the CPU's " +
      "van Herk passes and the GPU's doubling passes for long lines read fewer). Ratios: opencv.js's ms / kernelgl's ms, the median " +
      'over the rounds; above 1, kernelgl is faster.',
    timesTable(rows, notes),
    '### Where the time goes',
    "CPU passes: each pass of the plan, computed by the functions `cpuFilter` runs for it (src/cpu/nonlinear.ts) on float32 planes made beforehand, timed alone (median ms, all channels). The rest of `cpuFilter`: its ms less the passes', by round: the channels into planes, the finish, the bytes out. GPU readback: `filter`'s ms less `render` + `sync`'s, by round.",
    breakdownTable(rows),
    ...(rect ? ['### Erode with a rectangle, side by side', rect] : []),
    '### Output check',
    "Each result against `cpuFilter`'s over the whole frame, borders included (the kinds' default borders are OpenCV's): the samples compared, " +
      'the largest difference in levels, the largest share of samples that differ, the least share the filter changed. ' +
      'A row outside the allowed difference, or unchanged, is footnoted in the times table.',
    checkTable(rows),
  ];
}

function rowKey(row: NonlinearRow): string[] {
  return [sizeName(row.size), CHANNEL_TITLES[row.channels], row.filter];
}

function timesTable(rows: readonly NonlinearRow[], notes: Footnotes): string {
  const columns: Column[] = [
    { title: 'size' },
    { title: 'channels' },
    { title: 'filter' },
    { title: 'plan' },
    { title: 'reads', align: 'right' },
    ...TIMED.map(([, title]): Column => ({ title, align: 'right' })),
    { title: '`cpuFilter` vs opencv.js', align: 'right' },
    { title: 'GPU vs opencv.js', align: 'right' },
  ];
  return formatTable(
    columns,
    rows.map((row) => {
      const { reply } = row;
      if ('error' in reply) return [...rowKey(row), `error${notes.ref(`error: ${reply.error}`)}`];
      return [
        ...rowKey(row),
        reply.plan.text,
        String(reply.plan.reads),
        ...TIMED.map(([engine]) => outcomeText(row, engine, reply.engines[engine], notes)),
        formatRatio(nonlinearRatio(row, 'cpuFilter', 'opencv')),
        formatRatio(nonlinearRatio(row, 'gpu', 'opencv')),
      ];
    }),
    'markdown',
  );
}

function outcomeText(row: NonlinearRow, engine: NonlinearEngine, outcome: NonlinearOutcome, notes: Footnotes): string {
  if (outcome.status !== 'measured') return untimedText(outcome, notes);
  const { check } = outcome;
  const note =
    check === null || agrees(check, tolerance(row.filter, engine))
      ? ''
      : notes.ref(
          `check failed: ${check.maxDiff} levels from \`cpuFilter\`, ${percent(check.differing)} of samples differ, ${percent(check.changed)} changed from the input.`,
        );
  return `${formatMs(median(outcome.times))}${note}`;
}

const msText = (ms: number | null): string => (ms === null ? '—' : formatMs(ms));

function breakdownTable(rows: readonly NonlinearRow[]): string {
  const columns: Column[] = [
    { title: 'size' },
    { title: 'channels' },
    { title: 'filter' },
    { title: 'CPU passes, ms each' },
    { title: 'passes', align: 'right' },
    { title: 'rest of `cpuFilter`', align: 'right' },
    { title: 'GPU readback', align: 'right' },
  ];
  return formatTable(
    columns,
    rows.map((row) => {
      const passes = nonlinearOutcome(row, 'cpuPasses');
      const each =
        passes?.status === 'measured' && passes.passes
          ? passes.passes.map(({ name, times }) => `${name} ${formatMs(median(times))}`).join(' + ')
          : '—';
      return [...rowKey(row), each, msText(medianMs(passesTotal(row))), msText(cpuRest(row)), msText(gpuReadback(row))];
    }),
    'markdown',
  );
}

/** The side of an erode with a full square element applied once, or null for any other filter. */
function rectangleSide(spec: string): number | null {
  const filter = parseFilterSpec(spec) as NonlinearFilter;
  if (filter.kind !== 'morphology' || filter.op !== 'erode' || filter.shape !== 'rect' || filter.iterations !== 1) return null;
  return filter.element.cols === filter.element.rows ? filter.element.cols : null;
}

type OutcomeOf = (row: NonlinearRow) => NonlinearOutcome | null;

/** The rectangle table's engines: the timed columns, and the CPU passes' sum. */
const RECTANGLE_ENGINES: readonly [string, OutcomeOf][] = [
  ...TIMED.map(([engine, title]): [string, OutcomeOf] => [title, (row) => nonlinearOutcome(row, engine)]),
  ['CPU passes', passesTotal],
];

const medianMs = (outcome: NonlinearOutcome | null): number | null => (outcome?.status === 'measured' ? median(outcome.times) : null);

/** Each engine's median ms for the erode rectangles, smallest to largest, and largest / smallest; null for fewer than two sides. */
function rectangleTable(rows: readonly NonlinearRow[]): string | null {
  const groups = new Map<string, Map<number, NonlinearRow>>();
  for (const row of rows) {
    const side = rectangleSide(row.filter);
    const key = `${sizeName(row.size)} ${row.channels}`;
    if (side !== null) groups.set(key, (groups.get(key) ?? new Map<number, NonlinearRow>()).set(side, row));
  }
  const sides = [...new Set([...groups.values()].flatMap((bySide) => [...bySide.keys()]))].sort((a, b) => a - b);
  if (sides.length < 2) return null;
  const lines = [...groups.values()].flatMap((bySide) => {
    const { size, channels } = bySide.values().next().value!;
    return RECTANGLE_ENGINES.map(([title, outcomeOf]) => {
      const ms = sides.map((side) => {
        const row = bySide.get(side);
        return row ? medianMs(outcomeOf(row)) : null;
      });
      const [smallest, largest] = [ms[0]!, ms[ms.length - 1]!];
      const growth = smallest !== null && largest !== null ? largest / smallest : null;
      return [sizeName(size), CHANNEL_TITLES[channels], title, ...ms.map(msText), formatRatio(growth)];
    });
  });
  const columns: Column[] = [
    { title: 'size' },
    { title: 'channels' },
    { title: 'engine' },
    ...sides.map((side): Column => ({ title: `rect ${side}`, align: 'right' })),
    { title: `${sides[sides.length - 1]} / ${sides[0]}`, align: 'right' },
  ];
  return formatTable(columns, lines, 'markdown');
}

const toleranceText = ({ maxDiff, share }: Tolerance): string =>
  maxDiff === 0 ? 'exact' : `within ${maxDiff}${share === undefined ? '' : ` in under ${percent(share)} of samples`}`;

/** Per engine and filter kind: what was compared and the worst of it, against what DESIGN.md allows. */
function checkTable(rows: readonly NonlinearRow[]): string {
  const kinds = [...new Set(rows.map((row) => kindOf(row.filter)))];
  const lines = CHECKED.flatMap(([engine, title]) =>
    kinds.map((kind) => {
      const ofKind = rows.filter((row) => kindOf(row.filter) === kind);
      const checks = ofKind.flatMap((row) => {
        const outcome = nonlinearOutcome(row, engine);
        return outcome?.status === 'measured' && outcome.check ? [{ row, check: outcome.check }] : [];
      });
      const allowed = toleranceText(tolerance(ofKind[0]!.filter, engine));
      if (checks.length === 0) return [title, kind, `0 of ${ofKind.length}`, '—', '—', '—', '—', allowed, '—'];
      const pass = checks.every(({ row, check }) => agrees(check, tolerance(row.filter, engine)));
      return [
        title,
        kind,
        `${checks.length} of ${ofKind.length}`,
        `${(checks.reduce((sum, { check }) => sum + check.compared, 0) / 1e6).toFixed(1)} M`,
        String(Math.max(...checks.map(({ check }) => check.maxDiff))),
        percent(Math.max(...checks.map(({ check }) => check.differing))),
        percent(Math.min(...checks.map(({ check }) => check.changed))),
        allowed,
        pass ? 'pass' : 'FAIL',
      ];
    }),
  );
  return formatTable(
    [
      { title: 'engine' },
      { title: 'filters' },
      { title: 'rows checked' },
      { title: 'samples', align: 'right' },
      { title: 'max difference', align: 'right' },
      { title: 'most differing', align: 'right' },
      { title: 'least changed', align: 'right' },
      { title: 'allowed' },
      { title: 'result' },
    ],
    lines,
    'markdown',
  );
}
