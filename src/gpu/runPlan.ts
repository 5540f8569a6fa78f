/**
 * Executing a plan on the GPU. Colour plans run each pass on RGBA texels;
 * gray plans pack four luma values per texel first, run the passes four
 * pixels at a time, and unpack through the output stage at the end. Either
 * way every pixel sums exactly what the CPU reference sums, in its order.
 */
import type { Plan, PlanPass } from '../plan.js';
import { drawFull, drawRegions, rect, type Rect } from './regions.js';
import type { Resources } from './resources.js';
import type { Size } from './source.js';
import type { RenderTarget, TargetFormat } from './targets.js';

const BORDER_CODES = { replicate: 0, reflect: 1, reflect101: 2, wrap: 3, constant: 4 } as const;
const CHANNEL_CODES = { rgb: 0, rgba: 1, gray: 2 } as const;
const OUTPUT_CODES = { saturate: 0, abs: 1, float: 2 } as const;

/** Runs `plan` over the uploaded source; the caller releases the returned target. */
export function runPlan(gl: WebGL2RenderingContext, r: Resources, plan: Plan, size: Size): RenderTarget {
  return plan.channels === 'gray' ? runGray(gl, r, plan, size) : runColor(gl, r, plan, size);
}

function runColor(gl: WebGL2RenderingContext, r: Resources, plan: Plan, size: Size): RenderTarget {
  const results: RenderTarget[] = [];
  plan.passes.forEach((pass, k) => {
    const last = k === plan.passes.length - 1;
    const target = r.targets.acquire(size.width, size.height, last ? finalFormat(plan) : 'rgba32f');
    const fromImage = pass.input === 'image';
    const uniforms = {
      ...planUniforms(r, plan, last),
      ...passUniforms(r, pass, results, [size.width, size.height], pass.outside),
      u_input: fromImage ? null : results[pass.input as number]!.texture,
      u_weights: r.weights.texture(`${k}`, 'r32f', pass.cols, pass.rows, pass.weights),
    };
    const [inside, edge] = fromImage ? [r.programs.convolveImage, r.programs.convolveImageEdge] : [r.programs.convolveFloat, r.programs.convolveFloatEdge];
    drawRegions(gl, target, interior(pass, size.width, size.height), { program: inside, uniforms }, { program: edge, uniforms });
    results.push(target);
  });
  return releaseAllBut(r, results, results.length - 1);
}

function runGray(gl: WebGL2RenderingContext, r: Resources, plan: Plan, size: Size): RenderTarget {
  const texels = Math.ceil(size.width / 4);
  const luma = r.targets.acquire(texels, size.height, 'rgba32f');
  drawFull(gl, luma, { program: r.programs.packLuma, uniforms: { u_image: r.source.handle, u_width: size.width } });
  const results: RenderTarget[] = [];
  plan.passes.forEach((pass, k) => {
    const target = r.targets.acquire(texels, size.height, 'rgba32f');
    const input = pass.input === 'image' ? luma : results[pass.input]!;
    if (pass.cols === 1) runPackedColumn(gl, r, plan, pass, k, input, results, target, texels);
    else runPackedRow(gl, r, plan, pass, k, input, results, target, size);
    results.push(target);
  });
  const result = r.targets.acquire(size.width, size.height, finalFormat(plan));
  drawFull(gl, result, { program: r.programs.unpack, uniforms: { ...planUniforms(r, plan, true), u_input: results[results.length - 1]!.texture } });
  r.targets.release(luma);
  results.forEach((t) => r.targets.release(t));
  return result;
}

/** Column taps over packed data: each texel holds four independent columns, read as one vec4. */
function runPackedColumn(
  gl: WebGL2RenderingContext,
  r: Resources,
  plan: Plan,
  pass: PlanPass,
  k: number,
  input: RenderTarget,
  results: readonly RenderTarget[],
  target: RenderTarget,
  texels: number,
): void {
  const o = pass.outside[0];
  const uniforms = {
    ...planUniforms(r, plan, false),
    ...passUniforms(r, pass, results, [texels, target.height], [o, o, o, o]),
    u_input: input.texture,
    u_weights: r.weights.texture(`${k}`, 'r32f', 1, pass.rows, pass.weights),
  };
  const { convolveFloat, convolveFloatEdge } = r.programs;
  drawRegions(gl, target, interior(pass, texels, target.height), { program: convolveFloat, uniforms }, { program: convolveFloatEdge, uniforms });
}

/** Taps along rows over packed data: four taps per texel fetch inside, element-wise mapping at the edges. */
function runPackedRow(
  gl: WebGL2RenderingContext,
  r: Resources,
  plan: Plan,
  pass: PlanPass,
  k: number,
  input: RenderTarget,
  results: readonly RenderTarget[],
  target: RenderTarget,
  size: Size,
): void {
  const shift = -pass.anchorX & 3;
  const groups = (shift + pass.cols + 3) >> 2;
  const uniforms = {
    ...planUniforms(r, plan, false),
    ...passUniforms(r, pass, results, [size.width, size.height], pass.outside),
    u_input: input.texture,
    u_outside: pass.outside[0],
    u_shift: shift,
    u_groups: groups,
    u_lastTexel: input.width - 1,
  };
  const inside = { ...uniforms, u_weights: r.weights.texture(`${k}:groups`, 'rgba32f', groups, pass.rows, groupWeights(pass, shift, groups)) };
  const edge = { ...uniforms, u_weights: r.weights.texture(`${k}`, 'r32f', pass.cols, pass.rows, pass.weights) };
  // Texel X is interior when elements 4X - anchorX .. 4X + 3 + (cols - 1 - anchorX) all lie in the row.
  const first = Math.ceil(pass.anchorX / 4);
  const end = Math.floor((size.width - pass.cols - 3 + pass.anchorX) / 4) + 1;
  const rows = interior(pass, 0, size.height);
  const inner = rect(first, rows.y, Math.max(first, end), rows.y + rows.height);
  drawRegions(gl, target, inner, { program: r.programs.convolvePacked, uniforms: inside }, { program: r.programs.convolvePackedEdge, uniforms: edge });
}

/**
 * The row weights regrouped for the packed interior: texel (g, j) holds the
 * weights of taps 4g - shift .. 4g - shift + 3 of row j, zero where there is no tap.
 */
function groupWeights(pass: PlanPass, shift: number, groups: number): Float32Array {
  const out = new Float32Array(groups * 4 * pass.rows);
  for (let j = 0; j < pass.rows; j++) {
    for (let i = 0; i < pass.cols; i++) out[j * groups * 4 + i + shift] = pass.weights[j * pass.cols + i]!;
  }
  return out;
}

/** Where every tap of `pass` lies inside a `width x height` input. */
function interior(pass: PlanPass, width: number, height: number): Rect {
  return rect(pass.anchorX, pass.anchorY, width - (pass.cols - 1 - pass.anchorX), height - (pass.rows - 1 - pass.anchorY));
}

function passUniforms(r: Resources, pass: PlanPass, results: readonly RenderTarget[], dims: [number, number], outside: readonly number[]) {
  return {
    u_size: [pass.cols, pass.rows],
    u_anchor: [pass.anchorX, pass.anchorY],
    u_dims: dims,
    u_outside: outside,
    u_start: pass.start === null ? r.zero : results[pass.start]!.texture,
    u_hasStart: pass.start !== null,
  };
}

function planUniforms(r: Resources, plan: Plan, final: boolean) {
  return {
    u_image: r.source.handle,
    u_border: BORDER_CODES[plan.border],
    u_channels: CHANNEL_CODES[plan.channels],
    u_final: final,
    u_unit: plan.unit,
    u_scale: plan.scale,
    u_delta: plan.delta,
    u_output: OUTPUT_CODES[plan.output],
  };
}

function finalFormat(plan: Plan): TargetFormat {
  return plan.output === 'float' ? 'rgba32f' : 'rgba8';
}

function releaseAllBut(r: Resources, targets: readonly RenderTarget[], keep: number): RenderTarget {
  targets.forEach((t, k) => k !== keep && r.targets.release(t));
  return targets[keep]!;
}
