/**
 * The second table: the fixed per-frame cost of a 1280x720 RGBA frame, and
 * the performance targets, each with its measured value and pass or fail.
 * The benchmark reports targets; it does not fail on a missed one.
 */
import type { Size } from './args.js';
import type { BundleReport } from './bundleSize.js';
import type { Cell } from './cells.js';
import type { BenchChannels, Method } from './protocol.js';
import type { CellTime, Results } from './results.js';

const HD: Size = { width: 1280, height: 720 };
const at = (kernel: string, method: Method, channels: BenchChannels = 'rgba'): Cell => ({ size: HD, channels, kernel, method });

const SPEEDUPS = [
  { kernel: 'large_blur', goal: 8 },
  { kernel: 'box:49', goal: 8 },
  { kernel: 'gaussian:15:3', goal: 5 },
] as const;
const GRAY_KERNELS = ['sharpen', 'gaussian:15:3'] as const;
const GRAY_GOAL = 3;
/** Kernels whose auto time is held to what their texture reads predict from a 3x3 direct pass. */
const READ_KERNELS = ['small_blur', 'large_blur', 'gaussian:15:3', 'box:49'] as const;
const READ_GOAL = 1.3;
const READ_BASE = 'sharpen';
const FIXED_GOAL = 0.25;
/** 30 kB, in bytes (kB = 1000 bytes throughout the report). */
const BUNDLE_GOAL = 30_000;

/** Every cell the fixed-cost table and the targets read. */
export const TARGET_CELLS: readonly Cell[] = [
  at('identity', 'auto'),
  at('identity', 'resident'),
  at('sobel_x', 'auto'),
  at('sobel_x', 'resident'),
  at(READ_BASE, 'direct'),
  ...SPEEDUPS.flatMap(({ kernel }) => [at(kernel, 'auto'), at(kernel, 'direct')]),
  ...GRAY_KERNELS.flatMap((kernel) => [at(kernel, 'auto'), at(kernel, 'auto', 'gray')]),
  ...READ_KERNELS.map((kernel) => at(kernel, 'auto')),
];

/** A measured figure; `approx` when it rests on a capped cell's single call rather than a median. */
export interface Figure {
  readonly value: number;
  readonly approx: boolean;
}

const figure = (time: CellTime | null): Figure | null => (time ? { value: time.ms, approx: time.oneCall } : null);

function combine(a: Figure | null, b: Figure | null, op: (a: number, b: number) => number): Figure | null {
  return a && b ? { value: op(a.value, b.value), approx: a.approx || b.approx } : null;
}

const ratio = (a: Figure | null, b: Figure | null) => combine(a, b, (x, y) => x / y);

export interface CostLine {
  readonly what: string;
  readonly ms: Figure | null;
}

/** Upload and readback of a 1280x720 RGBA frame (an identity filter), against a sobel_x frame. */
export function fixedCost(results: Results): CostLine[] {
  const ms = (cell: Cell) => figure(results.time(cell));
  const identity = ms(at('identity', 'auto'));
  const identityResident = ms(at('identity', 'resident'));
  return [
    { what: 'identity, `filter`: upload + 1-read pass + readback (the fixed cost)', ms: identity },
    { what: 'identity, GPU-resident: upload + 1-read pass, synced', ms: identityResident },
    { what: 'readback alone (the difference)', ms: combine(identity, identityResident, (a, b) => a - b) },
    { what: 'sobel_x, `filter` (auto plan)', ms: ms(at('sobel_x', 'auto')) },
    { what: 'sobel_x, GPU-resident (auto plan)', ms: ms(at('sobel_x', 'resident')) },
  ];
}

export interface TargetLine {
  readonly target: string;
  /** The measured value as text (`≈` when it rests on a capped cell's single call), or null when a cell it needs did not run. */
  readonly measured: string | null;
  readonly goal: string;
  readonly pass: boolean | null;
}

const approx = (f: Figure) => (f.approx ? '≈' : '');

type Goal = '>=' | '<=' | '<';
const MEETS: Record<Goal, (value: number, goal: number) => boolean> = {
  '>=': (value, goal) => value >= goal,
  '<=': (value, goal) => value <= goal,
  '<': (value, goal) => value < goal,
};

/** A target line for a figure against `op goal`; `unit` follows both numbers (`x` for speedups). */
function check(target: string, f: Figure | null, op: Goal, goal: number, unit = ''): TargetLine {
  return { target, measured: f && `${approx(f)}${f.value.toFixed(2)}${unit}`, goal: `${op} ${goal}${unit}`, pass: f && MEETS[op](f.value, goal) };
}

export function checkTargets(results: Results, bundle: BundleReport): TargetLine[] {
  const ms = (cell: Cell) => figure(results.time(cell));
  const base = results.plan(at(READ_BASE, 'direct'));
  const msPerRead = base ? ratio(ms(at(READ_BASE, 'direct')), { value: base.reads, approx: false }) : null;
  const predicted = (kernel: string): Figure | null => {
    const plan = results.plan(at(kernel, 'auto'));
    return plan ? combine(msPerRead, { value: plan.reads, approx: false }, (a, b) => a * b) : null;
  };
  const gzip = 'error' in bundle ? null : bundle.user.gzip;
  return [
    ...SPEEDUPS.map(({ kernel, goal }) =>
      check(`${kernel}: auto vs direct speedup, 1280x720 RGBA`, ratio(ms(at(kernel, 'direct')), ms(at(kernel, 'auto'))), '>=', goal, 'x'),
    ),
    ...GRAY_KERNELS.map((kernel) =>
      check(`${kernel}: gray vs RGBA speedup (auto), 1280x720`, ratio(ms(at(kernel, 'auto')), ms(at(kernel, 'auto', 'gray'))), '>=', GRAY_GOAL, 'x'),
    ),
    ...READ_KERNELS.map((kernel) =>
      check(`${kernel}: auto time / (its reads x ${READ_BASE} direct ms per read), 1280x720 RGBA`, ratio(ms(at(kernel, 'auto')), predicted(kernel)), '<=', READ_GOAL),
    ),
    check('fixed cost (identity `filter`) / sobel_x frame, 1280x720 RGBA', ratio(ms(at('identity', 'auto')), ms(at('sobel_x', 'auto'))), '<', FIXED_GOAL),
    {
      target: 'bundle for `import { GpuFilter, kernels }`, twgl.js and gl-matrix included, gzip -9',
      measured: gzip === null ? null : `${(gzip / 1000).toFixed(1)} kB`,
      goal: `< ${BUNDLE_GOAL / 1000} kB`,
      pass: gzip === null ? null : gzip < BUNDLE_GOAL,
    },
  ];
}
