/**
 * The targets of a run's steps (a pipeline's, or a filter's passes), each
 * held only while a later step still reads it: it goes back to the pool
 * right after its last reader, so a rank-r plan holds the two or three
 * targets its next pass reads rather than all 2r, and the pool can hand the
 * freed ones to the passes that follow.
 */
import type { RenderTarget, TargetPool } from './targets.js';

/** `K`: a step's index, or what else steps read (the packed luma). */
export class HeldTargets<K extends number | string> {
  private readonly held = new Map<K | number, RenderTarget>();
  private readonly lastRead = new Map<K | number, number>();

  /** `reads[k]`: what step k reads. */
  constructor(
    private readonly pool: TargetPool,
    reads: readonly (readonly (K | number)[])[],
  ) {
    reads.forEach((keys, step) => keys.forEach((key) => this.lastRead.set(key, step)));
  }

  /** Holds `target` under `key` until its last reader has run. */
  put(key: K, target: RenderTarget): void {
    this.held.set(key, target);
  }

  /** The target under `key`, which a step reads. */
  get(key: K | number): RenderTarget {
    const target = this.held.get(key);
    if (!target) throw new Error(`internal: no target held for step input ${key}.`);
    return target;
  }

  /**
   * Runs steps 0 .. count - 1 in order, holding what each makes, and returns
   * the last one's target; everything else is given back, also when a step throws.
   */
  run(count: number, step: (k: number) => RenderTarget): RenderTarget {
    try {
      for (let k = 0; k < count; k++) {
        this.held.set(k, step(k));
        this.releaseReadLastBy(k);
      }
      const result = this.get(count - 1);
      this.held.delete(count - 1);
      return result;
    } finally {
      this.held.forEach((target) => this.pool.release(target));
      this.held.clear();
    }
  }

  private releaseReadLastBy(step: number): void {
    this.held.forEach((target, key) => {
      if (this.lastRead.get(key) !== step) return;
      this.pool.release(target);
      this.held.delete(key);
    });
  }
}
