/**
 * The cells of a benchmark run: every size, channel layout, kernel and
 * method asked for, plus the cells the targets need, in the order they run
 * (smallest size first, so the page scales the photo once per size, and so
 * the time budget can stop a row before its larger sizes).
 */
import { sizeName, type BenchCommand, type Size } from './args.js';
import { BENCH_CHANNELS, METHODS, type BenchChannels, type Method } from './protocol.js';

export interface Cell {
  readonly size: Size;
  readonly channels: BenchChannels;
  readonly kernel: string;
  readonly method: Method;
}

export const cellKey = (c: Cell): string => `${sizeName(c.size)}/${c.channels}/${c.kernel}/${c.method}`;

/** A row of cells across sizes: the same channels, kernel and method. */
const seriesKey = (c: Cell): string => `${c.channels}/${c.kernel}/${c.method}`;

const pixels = ({ width, height }: Size) => width * height;

/** The main table's cells and `extra` cells (the targets'), each once, in run order. */
export function planCells(command: BenchCommand, extra: readonly Cell[]): Cell[] {
  const matrix = command.sizes.flatMap((size) =>
    BENCH_CHANNELS.flatMap((channels) =>
      command.kernels.flatMap((kernel) => METHODS.map((method) => ({ size, channels, kernel, method }))),
    ),
  );
  const cells = new Map<string, Cell>();
  for (const cell of [...matrix, ...extra]) if (!cells.has(cellKey(cell))) cells.set(cellKey(cell), cell);
  // A stable sort: the matrix order within a size, the extras after it.
  return [...cells.values()].sort((a, b) => pixels(a.size) - pixels(b.size));
}

/**
 * Seconds a call of a cell the targets need may take before it is capped:
 * more than other cells get, so the fixed-cost table rests on medians, but not the
 * minutes of a 49x49 direct pass in software WebGL.
 */
const TARGET_CAP_SECONDS = 30;

/** The most one call a run cannot do without (a target's cell, a peers row) may take under a budget of `seconds`, in ms. */
export const keptLimitMs = (seconds: number): number => Math.max(seconds, TARGET_CAP_SECONDS) * 1000;

/**
 * The time budget that caps cells in software rendering: once one call of a
 * cell takes longer than `seconds`, its timed runs are skipped, and so are
 * the larger sizes of its row. Cells that `keep` (the targets') are never
 * skipped and may take up to TARGET_CAP_SECONDS a call.
 */
export class Budget {
  private readonly over = new Set<string>();

  constructor(
    /** Seconds a call may take; null for no limit. */
    private readonly seconds: number | null,
    private readonly keep: (cell: Cell) => boolean,
  ) {}

  /** The most one call of `cell` may take, in ms, or null for no limit. */
  limitMs(cell: Cell): number | null {
    if (this.seconds === null) return null;
    return this.keep(cell) ? keptLimitMs(this.seconds) : this.seconds * 1000;
  }

  /** Whether `cell` is not run at all because a smaller size of its row went over the budget. */
  skips(cell: Cell): boolean {
    return this.over.has(seriesKey(cell)) && !this.keep(cell);
  }

  /**
   * Records how long one call of `cell` took: over `seconds`, the larger
   * sizes of its row are skipped (a target's too). True when the call was
   * over the cell's own limit, so it made no timed runs.
   */
  record(cell: Cell, callMs: number): boolean {
    if (this.seconds !== null && callMs > this.seconds * 1000) this.over.add(seriesKey(cell));
    const limit = this.limitMs(cell);
    return limit !== null && callMs > limit;
  }

  /** Why `cell`, which went over its limit, shows one call's time. */
  overReason(cell: Cell): string {
    return `one call took longer than ${this.limitMs(cell)! / 1000} s (the time shown is that call, set-up included, not a median), so its timed runs and its larger sizes were skipped`;
  }

  /** Why a cell was not run. */
  get skipReason(): string {
    return `a smaller size with the same kernel, channels and method took longer than ${this.seconds} s a call`;
  }
}
