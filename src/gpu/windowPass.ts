/**
 * A pass of a median, morphology or bilateral filter: a window over its
 * input (shaders/window.glsl), drawn as the interior, where the window lies
 * inside the image and no coordinate is mapped, and the edge strips, built
 * with MAP_BORDERS, as the linear passes are (regions.ts). Colour passes
 * compute a pixel's channels per fragment; gray passes four packed pixels.
 */
import type { Border } from '../options.js';
import type { PlanPass } from '../plan.js';
import type { Job } from './execute.js';
import { edgePart, region, windowPart, type Part } from './programParts.js';
import { drawRegions, rect, type Rect } from './regions.js';
import type { VariantFile } from './shaders.js';
import type { Size } from './source.js';
import type { RenderTarget, TargetFormat } from './targets.js';
import type { Reach } from './tiling.js';

/** What a nonlinear pass reads: the uploaded source (RGBA8UI) or a float32 result (packed for gray). */
export type WindowInput = RenderTarget | 'source';

/** How a draw ends: its end part (finishing, converting) and its target's format. */
export interface DrawEnd {
  readonly part: Part;
  readonly format: TargetFormat;
}

export interface WindowDraw {
  readonly file: VariantFile;
  /** The pass's own defines and uniforms. */
  readonly parts: readonly Part[];
  /** How far the window looks from the output pixel. */
  readonly reach: Reach;
  readonly border: Border;
  /** The input outside the image under `border: 'constant'`. */
  readonly outside: PlanPass['outside'];
  /** Texture reads per output texel, for splitting long draws (regions.ts). */
  readonly reads: number;
}

/**
 * Draws `draw` over `input` into a new target, ending as `end` says; the
 * caller releases the target. The target covers `extent` pixels from the
 * image's origin (the image's size, or more where a pass fills a padded
 * domain for later passes); the window is mapped by the border mode
 * wherever it leaves the image.
 */
export function windowPass(job: Job, input: WindowInput, draw: WindowDraw, end: DrawEnd, extent: Size = job.size): RenderTarget {
  const target = targetFor(job, input, end.format, extent);
  const parts = [end.part, windowPart(job, input), ...draw.parts];
  const inside = region(job.r, draw.file, ...parts);
  const edges = region(job.r, draw.file, ...parts, edgePart(job, draw.border, draw.outside));
  drawRegions(job.gl, target, interior(draw.reach, job.size, target.packed), inside, edges, draw.reads);
  return target;
}

/** A target for a pass over `input`, `extent` pixels (the image's size by default), packed like the input. */
export function targetFor(job: Job, input: WindowInput, format: TargetFormat, { width, height }: Size = job.size): RenderTarget {
  const { targets } = job.r;
  return input !== 'source' && input.packed ? targets.acquirePacked(width, height, format) : targets.acquire(width, height, format);
}

/**
 * The texels whose windows lie inside the `width x height` image. A packed
 * texel X holds pixels 4X .. 4X + 3, so it is interior when 4X - left and
 * 4X + 3 + right both are.
 */
function interior(reach: Reach, { width, height }: Size, packed: boolean): Rect {
  const y0 = reach.top;
  const y1 = height - reach.bottom;
  if (!packed) return rect(reach.left, y0, width - reach.right, y1);
  const first = Math.ceil(reach.left / 4);
  return rect(first, y0, Math.max(first, Math.floor((width - 4 - reach.right) / 4) + 1), y1);
}
