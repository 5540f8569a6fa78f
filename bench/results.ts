/** What each cell gave: its timings and plan, the cap that stopped it, or the error it ran into. */
import type { Size } from './args.js';
import { cellKey, type Cell } from './cells.js';
import type { PlanSummary } from './protocol.js';

export type Outcome =
  | {
      readonly status: 'measured';
      /** Each timed run, ms per frame. */
      readonly times: readonly number[];
      readonly medianMs: number;
      /** Megapixels per second at the median. */
      readonly mpxPerS: number;
      readonly plan: PlanSummary | null;
    }
  | {
      readonly status: 'capped';
      readonly reason: string;
      /** The one (warm-up) call's ms when the cell made one; null when it was not run. */
      readonly callMs: number | null;
      readonly plan: PlanSummary | null;
    }
  | { readonly status: 'failed'; readonly error: string };

export type CellResult = Cell & { readonly outcome: Outcome };

/** A cell's ms: the median of its timed runs, or (`approx`) the single call of a capped cell. */
export interface Figure {
  readonly value: number;
  readonly approx: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function measured(size: Size, times: readonly number[], plan: PlanSummary | null): Outcome {
  const medianMs = median(times);
  return { status: 'measured', times, medianMs, mpxPerS: (size.width * size.height) / 1e3 / medianMs, plan };
}

/** The results of a run, looked up by cell. */
export class Results {
  private readonly byKey = new Map<string, CellResult>();

  constructor(readonly all: readonly CellResult[]) {
    for (const result of all) this.byKey.set(cellKey(result), result);
  }

  get(cell: Cell): CellResult | undefined {
    return this.byKey.get(cellKey(cell));
  }

  time(cell: Cell): Figure | null {
    const outcome = this.get(cell)?.outcome;
    if (outcome?.status === 'measured') return { value: outcome.medianMs, approx: false };
    if (outcome?.status === 'capped' && outcome.callMs !== null) return { value: outcome.callMs, approx: true };
    return null;
  }

  /** The plan a kernelgl cell ran, or null. */
  plan(cell: Cell): PlanSummary | null {
    const outcome = this.get(cell)?.outcome;
    return outcome?.status === 'measured' || outcome?.status === 'capped' ? outcome.plan : null;
  }
}
