/**
 * A pass's weights laid out for the convolve shader, which walks the window
 * as lines of taps: the rows, or the single column of a vertical 1D pass (a
 * loop per one-tap row would cost more than the taps). Each line is a row of
 * RGBA32F texels: four weights per texel while four remain, then one per
 * texel in `.x`, so a long line costs a weight fetch per four taps and a
 * short one no padding taps.
 */
import type { PlanPass } from '../plan.js';

export interface LineLayout {
  readonly lines: number;
  readonly taps: number;
  /** From one tap of a line to the next. */
  readonly step: readonly [number, number];
  /** The weights texture: `width x lines` RGBA32F texels. */
  readonly width: number;
  readonly texels: Float32Array;
}

export function lineLayout(pass: PlanPass): LineLayout {
  const column = pass.cols === 1 && pass.rows > 1;
  const [lines, taps] = column ? [1, pass.rows] : [pass.rows, pass.cols];
  const groups = taps >> 2;
  const width = groups + (taps & 3);
  const texels = new Float32Array(width * lines * 4);
  for (let j = 0; j < lines; j++) {
    // Row-major weights: line j's taps are consecutive in both layouts.
    const line = pass.weights.subarray(j * taps, (j + 1) * taps);
    const row = j * width * 4;
    texels.set(line.subarray(0, groups * 4), row);
    for (let r = 0; r < (taps & 3); r++) texels[row + (groups + r) * 4] = line[groups * 4 + r]!;
  }
  return { lines, taps, step: column ? [0, 1] : [1, 0], width, texels };
}
