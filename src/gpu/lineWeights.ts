/**
 * A pass's weights laid out for the shaders that sum it. The convolve
 * shader walks the window as lines of taps: the rows, or the single column
 * of a vertical 1D pass (a loop per one-tap row would cost more than the
 * taps). Each line is a row of RGBA32F texels: four weights per texel while
 * four remain, then one per texel in `.x`, so a long line costs a weight
 * fetch per four taps and a short one no padding taps. The packed gray
 * interior takes a row's taps in groups of four aligned to its texels.
 */
import type { PlanPass } from '../plan.js';

/** How the convolve shader walks a pass: the uniforms, and the weights texture's size. */
export interface LineShape {
  readonly lines: number;
  readonly taps: number;
  /** From one tap of a line to the next. */
  readonly step: readonly [number, number];
  /** The weights texture: `width x lines` RGBA32F texels. */
  readonly width: number;
}

export interface LineLayout extends LineShape {
  readonly texels: Float32Array;
}

export function lineShape(pass: PlanPass): LineShape {
  const column = pass.cols === 1 && pass.rows > 1;
  const [lines, taps] = column ? [1, pass.rows] : [pass.rows, pass.cols];
  return { lines, taps, step: column ? [0, 1] : [1, 0], width: (taps >> 2) + (taps & 3) };
}

export function lineLayout(pass: PlanPass): LineLayout {
  const shape = lineShape(pass);
  const { lines, taps, width } = shape;
  const groups = taps >> 2;
  const texels = new Float32Array(width * lines * 4);
  for (let j = 0; j < lines; j++) {
    // Row-major weights: line j's taps are consecutive in both layouts.
    const line = pass.weights.subarray(j * taps, (j + 1) * taps);
    const row = j * width * 4;
    texels.set(line.subarray(0, groups * 4), row);
    for (let r = 0; r < (taps & 3); r++) texels[row + (groups + r) * 4] = line[groups * 4 + r]!;
  }
  return { ...shape, texels };
}

/** The packed interior's walk of a row: where its first tap falls in a texel, and its groups of four taps. */
export interface GroupShape {
  /** `(-anchorX) mod 4`. */
  readonly shift: number;
  /** Groups of four taps per row; the weights texture is `groups x rows` RGBA32F texels. */
  readonly groups: number;
}

export function groupShape(pass: PlanPass): GroupShape {
  const shift = -pass.anchorX & 3;
  return { shift, groups: (shift + pass.cols + 3) >> 2 };
}

/**
 * The row weights regrouped for the packed interior: texel (g, j) holds the
 * weights of taps 4g - shift .. 4g - shift + 3 of row j, zero where there is no tap.
 */
export function groupWeights(pass: PlanPass): Float32Array {
  const { shift, groups } = groupShape(pass);
  const out = new Float32Array(groups * 4 * pass.rows);
  for (let j = 0; j < pass.rows; j++) {
    for (let i = 0; i < pass.cols; i++) out[j * groups * 4 + i + shift] = pass.weights[j * pass.cols + i]!;
  }
  return out;
}
