/**
 * The second table: the fixed per-frame cost of a 1280x720 RGBA frame, and
 * the performance targets, each with its measured value and pass or fail.
 * The benchmark reports targets; it does not fail on a missed one.
 */
import type { Size } from './args.js';
import type { BundleReport } from './bundleSize.js';
import type { Cell } from './cells.js';
import type { BenchChannels, Method } from './protocol.js';
import { median, type Figure, type Results } from './results.js';

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

/**
 * Two cells a target compares. They are timed one call each, alternately,
 * round after round: drift on a shared machine then hits both alike, where
 * cells measured minutes apart can differ by half.
 */
export interface Pair {
  readonly a: Cell;
  readonly b: Cell;
}

/** The ms of one call of `a` and one of `b`, round by round (empty when a call failed). */
export interface PairRounds {
  readonly pair: Pair;
  readonly rounds: readonly { readonly a: number; readonly b: number }[];
}

type Goal = '>=' | '<=' | '<';

/** A target measured as the median over rounds of a / b, times `factor` when it has one. */
interface RatioTarget {
  readonly target: string;
  readonly pair: Pair;
  readonly factor?: (results: Results) => number | null;
  readonly op: Goal;
  readonly goal: number;
  readonly unit: '' | 'x';
}

/** `plan reads of READ_BASE / plan reads of kernel`: turns auto ms / base ms into time per read against the base's. */
function readShare(results: Results, kernel: string): number | null {
  const base = results.plan(at(READ_BASE, 'direct'));
  const plan = results.plan(at(kernel, 'auto'));
  return base && plan ? base.reads / plan.reads : null;
}

const RATIO_TARGETS: readonly RatioTarget[] = [
  ...SPEEDUPS.map(({ kernel, goal }): RatioTarget => ({
    target: `${kernel}: auto vs direct speedup, 1280x720 RGBA`,
    pair: { a: at(kernel, 'direct'), b: at(kernel, 'auto') },
    op: '>=',
    goal,
    unit: 'x',
  })),
  ...GRAY_KERNELS.map((kernel): RatioTarget => ({
    target: `${kernel}: gray vs RGBA speedup (auto), 1280x720`,
    pair: { a: at(kernel, 'auto'), b: at(kernel, 'auto', 'gray') },
    op: '>=',
    goal: GRAY_GOAL,
    unit: 'x',
  })),
  ...READ_KERNELS.map((kernel): RatioTarget => ({
    target: `${kernel}: auto time / (its reads x ${READ_BASE} direct ms per read), 1280x720 RGBA`,
    pair: { a: at(kernel, 'auto'), b: at(READ_BASE, 'direct') },
    factor: (results) => readShare(results, kernel),
    op: '<=',
    goal: READ_GOAL,
    unit: '',
  })),
  {
    target: 'fixed cost (identity `filter`) / sobel_x frame, 1280x720 RGBA',
    pair: { a: at('identity', 'auto'), b: at('sobel_x', 'auto') },
    op: '<',
    goal: FIXED_GOAL,
    unit: '',
  },
];

/** The pairs the targets time, alternately, after the main table. */
export const TARGET_PAIRS: readonly Pair[] = RATIO_TARGETS.map((t) => t.pair);

/** Every cell the fixed-cost table and the targets read (for their plans and the fixed-cost table). */
export const TARGET_CELLS: readonly Cell[] = [
  at('identity', 'auto'),
  at('identity', 'resident'),
  at('sobel_x', 'auto'),
  at('sobel_x', 'resident'),
  ...TARGET_PAIRS.flatMap(({ a, b }) => [a, b]),
];

function difference(a: Figure | null, b: Figure | null): Figure | null {
  return a && b ? { value: a.value - b.value, approx: a.approx || b.approx } : null;
}

export interface CostLine {
  readonly what: string;
  readonly ms: Figure | null;
}

/** Upload and readback of a 1280x720 RGBA frame (an identity filter), against a sobel_x frame. */
export function fixedCost(results: Results): CostLine[] {
  const ms = (cell: Cell) => results.time(cell);
  const identity = ms(at('identity', 'auto'));
  const identityResident = ms(at('identity', 'resident'));
  return [
    { what: 'identity, `filter`: upload + copy pass + readback (the fixed cost)', ms: identity },
    { what: 'identity, GPU-resident: upload + copy pass, synced', ms: identityResident },
    { what: 'readback alone (the difference)', ms: difference(identity, identityResident) },
    { what: 'sobel_x, `filter` (auto plan)', ms: ms(at('sobel_x', 'auto')) },
    { what: 'sobel_x, GPU-resident (auto plan)', ms: ms(at('sobel_x', 'resident')) },
  ];
}

export interface TargetLine {
  readonly target: string;
  /** The measured value as text, or null when a call it needs failed. */
  readonly measured: string | null;
  readonly goal: string;
  readonly pass: boolean | null;
}

const MEETS: Record<Goal, (value: number, goal: number) => boolean> = {
  '>=': (value, goal) => value >= goal,
  '<=': (value, goal) => value <= goal,
  '<': (value, goal) => value < goal,
};

/** Each target against its goal; `unit` follows both numbers (`x` for speedups). */
export function checkTargets(results: Results, pairs: readonly PairRounds[], bundle: BundleReport): TargetLine[] {
  const gzip = 'error' in bundle ? null : bundle.user.gzip;
  return [
    ...RATIO_TARGETS.map(({ target, pair, factor, op, goal, unit }): TargetLine => {
      const rounds = pairs.find((p) => p.pair === pair)?.rounds ?? [];
      const scale = factor ? factor(results) : 1;
      const value = rounds.length > 0 && scale !== null ? median(rounds.map((r) => r.a / r.b)) * scale : null;
      return {
        target,
        measured: value === null ? null : `${value.toFixed(2)}${unit}`,
        goal: `${op} ${goal}${unit}`,
        pass: value === null ? null : MEETS[op](value, goal),
      };
    }),
    {
      target: 'bundle for `import { GpuFilter, kernels }`, twgl.js and gl-matrix included, gzip -9',
      measured: gzip === null ? null : `${(gzip / 1000).toFixed(1)} kB`,
      goal: `< ${BUNDLE_GOAL / 1000} kB`,
      pass: gzip === null ? null : gzip < BUNDLE_GOAL,
    },
  ];
}
