/**
 * What a pass's program is built with and given, in parts that belong
 * together: each part is the `#define`s that choose a variant's code
 * (variants.ts) and the uniforms that code then reads, so a program is only
 * given what it has (the browser test uniforms.test.ts checks each one).
 * A define names a shape or a role, never a kernel value.
 */
import type { Border } from '../options.js';
import { isLinear, type Plan, type PlanPass } from '../plan.js';
import { BORDER_CODES, OUTPUT_CODES } from './codes.js';
import type { HeldTargets } from './heldTargets.js';
import { groupShape, lineShape } from './lineWeights.js';
import type { Region } from './regions.js';
import type { Resources } from './resources.js';
import type { Job } from './execute.js';
import type { VariantFile } from './shaders.js';
import type { RenderTarget } from './targets.js';

export interface Part {
  readonly defines: readonly string[];
  readonly uniforms: Readonly<Record<string, unknown>>;
}

/**
 * Windows of up to this many taps are built with constant loop bounds,
 * which the compiler unrolls; larger ones share one program per kind, with
 * the bounds as uniforms, so that no shader grows with the kernel.
 */
export const MAX_UNROLLED_TAPS = 64;

/** The program of `file` with `parts`, and its uniforms. */
export function region(r: Resources, file: VariantFile, ...parts: readonly Part[]): Region {
  return {
    program: r.variants.program({ file, defines: parts.flatMap((p) => p.defines) }),
    uniforms: Object.assign({}, ...parts.map((p) => p.uniforms)) as Record<string, unknown>,
  };
}

/** Uniforms only. */
export function uniforms(values: Record<string, unknown>): Part {
  return { defines: [], uniforms: values };
}

/**
 * A step's end: FINISH applies the plan's unit, scale and delta (the last
 * pass of a filter); FINAL_OUTPUT converts to the output format (the last
 * pass of all), with SOURCE_ALPHA where RGB results take the source's alpha.
 */
export function endPart({ r, pipeline }: Job, plan: Plan | null, finish: boolean, final: boolean): Part {
  const alpha = final && pipeline.channels === 'rgb';
  return {
    defines: [
      ...(finish ? ['FINISH'] : []),
      ...(final ? [`FINAL_OUTPUT ${OUTPUT_CODES[pipeline.output]}`] : []),
      ...(alpha ? ['SOURCE_ALPHA'] : []),
    ],
    uniforms: {
      ...(finish ? { u_unit: plan && isLinear(plan) ? plan.unit : 1, u_scale: plan?.scale ?? 1, u_delta: plan?.delta ?? 0 } : {}),
      ...(alpha ? { u_image: r.source.handle } : {}),
    },
  };
}

/** Where a pass's window sits, and START when its sum starts from an earlier pass's result rather than 0. */
export function sumPart(pass: PlanPass, held: HeldTargets<number>): Part {
  const start = pass.start === null ? null : held.get(pass.start);
  return {
    defines: start ? ['START'] : [],
    uniforms: { u_anchor: [pass.anchorX, pass.anchorY], ...(start ? { u_start: start.texture } : {}) },
  };
}

/** The convolve shader's walk of `pass`, lines of taps, and their weights. */
export function linePart({ r }: Job, pass: PlanPass): Part {
  const { lines, taps, step } = lineShape(pass);
  const weights = { u_lineWeights: r.weights.texture(pass, 'lines') };
  if (lines * taps > MAX_UNROLLED_TAPS) return uniforms({ ...weights, u_lines: lines, u_taps: taps, u_step: step });
  return { defines: [`LINES ${lines}`, `TAPS ${taps}`, ...(step[1] === 1 ? ['COLUMN'] : [])], uniforms: weights };
}

/**
 * The packed row shader's window; the interior also walks its rows in
 * groups of four taps (`interior`), the edges tap by tap from `u_tapWeights`.
 */
export function packedRowPart({ r }: Job, pass: PlanPass, interior: boolean): Part {
  const { groups } = groupShape(pass);
  const weights = interior ? { u_groupWeights: r.weights.texture(pass, 'groups') } : { u_tapWeights: r.weights.texture(pass, 'taps') };
  if (pass.cols * pass.rows > MAX_UNROLLED_TAPS)
    return uniforms({ ...weights, u_window: [pass.cols, pass.rows], ...(interior ? { u_groups: groups } : {}) });
  return { defines: [`COLS ${pass.cols}`, `ROWS ${pass.rows}`, `GROUPS ${groups}`], uniforms: weights };
}

/**
 * MAP_BORDERS: how the edge programs map coordinates outside the image.
 * `u_outside` is an input texel: RGBA, or four packed gray elements that
 * all take the constant (the gray plan's value is its first channel).
 */
export function borderPart(job: Job, plan: Plan, pass: PlanPass): Part {
  return edgePart(job, plan.border, pass.outside);
}

/** MAP_BORDERS for any pass: its border mode, and its input outside the image (as `borderPart`). */
export function edgePart({ pipeline, size }: Job, border: Border, outside: PlanPass['outside']): Part {
  const o = outside[0];
  return {
    defines: ['MAP_BORDERS'],
    uniforms: {
      u_border: BORDER_CODES[border],
      u_imageSize: [size.width, size.height],
      u_outside: pipeline.channels === 'gray' ? [o, o, o, o] : outside,
    },
  };
}

/**
 * What a median, morphology or bilateral pass reads (shaders/window.glsl):
 * the uploaded image (IMAGE_INPUT), or a float32 result, PACKED for gray.
 */
export function windowPart({ r }: Job, input: RenderTarget | 'source'): Part {
  if (input === 'source') return { defines: ['IMAGE_INPUT'], uniforms: { u_image: r.source.handle } };
  return { defines: input.packed ? ['PACKED'] : [], uniforms: { u_input: input.texture } };
}

/** The uploaded source image, read by the passes over it and by the copy. */
export function imagePart({ r }: Job): Part {
  return uniforms({ u_image: r.source.handle });
}

/** A float32 result of an earlier pass or step, as a pass's input. */
export function inputPart(input: RenderTarget): Part {
  return uniforms({ u_input: input.texture });
}
