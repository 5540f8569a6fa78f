// The targets of a run's steps go back to the pool right after their last
// reader (src/gpu/heldTargets.ts), the last step's result excepted, and all
// of them when a step throws.
import { expect, test } from 'vitest';
import { HeldTargets } from '../../src/gpu/heldTargets.js';
import type { RenderTarget, TargetPool } from '../../src/gpu/targets.js';

/** A pool that hands out numbered targets and logs what comes back. */
function fakePool() {
  const log: string[] = [];
  const pool = { release: (t: RenderTarget) => log.push(`release ${(t as unknown as { id: string }).id}`) } as unknown as TargetPool;
  const target = (id: string) => ({ id }) as unknown as RenderTarget;
  return { pool, log, target };
}

test('a rank-2 separable plan: each row pass is given back after its column pass, each column pass after the next', () => {
  const { pool, log, target } = fakePool();
  // Passes: row 0, column 1 (reads 0), row 2, column 3 (reads 2, starts from 1).
  const held = new HeldTargets<number>(pool, [[], [0], [], [2, 1]]);
  const result = held.run(4, (k) => {
    log.push(`run ${k}`);
    return target(`t${k}`);
  });
  expect(log).toEqual(['run 0', 'run 1', 'release t0', 'run 2', 'run 3', 'release t1', 'release t2']);
  expect((result as unknown as { id: string }).id).toBe('t3');
});

test('an input put before the steps goes back after its last reader', () => {
  const { pool, log, target } = fakePool();
  const held = new HeldTargets<number | 'source'>(pool, [['source'], ['source'], [0, 1]]);
  held.put('source', target('luma'));
  held.run(3, (k) => {
    log.push(`run ${k}`);
    return target(`t${k}`);
  });
  expect(log).toEqual(['run 0', 'run 1', 'release luma', 'run 2', 'release t0', 'release t1']);
});

test('when a step throws, everything held goes back', () => {
  const { pool, log, target } = fakePool();
  const held = new HeldTargets<number>(pool, [[], [], [0, 1]]);
  expect(() =>
    held.run(3, (k) => {
      if (k === 2) throw new Error('lost');
      return target(`t${k}`);
    }),
  ).toThrow('lost');
  expect(log.sort()).toEqual(['release t0', 'release t1']);
});
