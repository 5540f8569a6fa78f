// The convolve shader's weight layout (src/gpu/lineWeights.ts), checked
// against layouts written out by hand: four weights to a texel while four
// remain, then one per texel in .x; a single column is one line.
import { describe, expect, test } from 'vitest';
import { lineLayout } from '../../src/gpu/lineWeights.js';
import type { PlanPass } from '../../src/plan.js';

function pass(cols: number, rows: number, weights: number[]): PlanPass {
  return { cols, rows, anchorX: 0, anchorY: 0, weights: new Float32Array(weights), input: 'image', start: null, outside: [0, 0, 0, 0] };
}

const texels = (...t: number[][]): number[] => t.flatMap((v) => [...v, 0, 0, 0, 0].slice(0, 4));

describe('lineLayout', () => {
  test('a row of 3 taps: one weight per texel, no padding', () => {
    const layout = lineLayout(pass(3, 1, [1, 2, 3]));
    expect(layout).toMatchObject({ lines: 1, taps: 3, step: [1, 0], width: 3 });
    expect(Array.from(layout.texels)).toEqual(texels([1], [2], [3]));
  });

  test('a row of 6 taps: a group of four, then two single texels', () => {
    const layout = lineLayout(pass(6, 1, [1, 2, 3, 4, 5, 6]));
    expect(layout).toMatchObject({ lines: 1, taps: 6, width: 3 });
    expect(Array.from(layout.texels)).toEqual(texels([1, 2, 3, 4], [5], [6]));
  });

  test('a column of 9 taps is one vertical line', () => {
    const layout = lineLayout(pass(1, 9, [1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(layout).toMatchObject({ lines: 1, taps: 9, step: [0, 1], width: 3 });
    expect(Array.from(layout.texels)).toEqual(texels([1, 2, 3, 4], [5, 6, 7, 8], [9]));
  });

  test('a 5x2 window: a line per row, each laid out alike', () => {
    const layout = lineLayout(pass(5, 2, [1, 2, 3, 4, 5, -1, -2, -3, -4, -5]));
    expect(layout).toMatchObject({ lines: 2, taps: 5, step: [1, 0], width: 2 });
    expect(Array.from(layout.texels)).toEqual(texels([1, 2, 3, 4], [5], [-1, -2, -3, -4], [-5]));
  });

  test('a single tap is one texel', () => {
    const layout = lineLayout(pass(1, 1, [0.5]));
    expect(layout).toMatchObject({ lines: 1, taps: 1, step: [1, 0], width: 1 });
    expect(Array.from(layout.texels)).toEqual(texels([0.5]));
  });
});
