/**
 * Tiling: an image larger than one texture (or than the tile size allows)
 * is filtered in tiles, each with a halo of the pipeline's reach around its
 * output, so every output pixel sees exactly the input it would see untiled.
 *
 * A tile's input is the halo region clipped to the image: where a tile
 * touches the image's edge, its edge is the image's, and the shaders' border
 * mapping there is the untiled one (replicate, reflect, reflect101 and
 * constant only look back as far as the reach). Wrap instead looks across
 * the image, so for wrap the halo is gathered from the far side: the tile
 * holds the periodic extension, which filtering keeps periodic.
 */
import type { Border } from '../options.js';
import type { PipelinePlan } from '../pipeline.js';
import type { Plan, PlanPass } from '../plan.js';

/** A pass's window and what it reads (linear and morphology passes alike). */
type Window = Pick<PlanPass, 'cols' | 'rows' | 'anchorX' | 'anchorY'> & {
  readonly input: 'image' | number;
  readonly start?: number | null;
};
import { ImageError } from '../errors.js';

/** How far a result pixel looks at its input in each direction. */
export interface Reach {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A rectangle in image coordinates; for wrap it may reach past the image. */
export interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Tile {
  /** What is uploaded. */
  readonly input: Area;
  /** What the tile contributes to the result (inside `input`). */
  readonly output: Area;
}

/** A run of `length` indices: input `from..` lands at tile position `to..`. */
export interface Segment {
  readonly from: number;
  readonly to: number;
  readonly length: number;
}

const NONE: Reach = { left: 0, right: 0, top: 0, bottom: 0 };

/** The reach of a pipeline's result: each filter's reach added along its inputs. */
export function pipelineReach(pipeline: PipelinePlan): Reach {
  const reaches: Reach[] = [];
  for (const step of pipeline.steps) {
    reaches.push(
      step.op === 'filter'
        ? add(planReach(step.plan), step.input === 'source' ? NONE : reaches[step.input]!)
        : widest(reaches[step.a]!, reaches[step.b ?? step.a]!),
    );
  }
  return reaches[reaches.length - 1]!;
}

function planReach(plan: Plan): Reach {
  switch (plan.kind) {
    case 'median':
      return square(plan.size >> 1);
    case 'bilateral':
      return square(plan.radius);
    case 'morphology': {
      const reaches = windowReaches(plan.passes);
      const reach = (from: 'image' | number): Reach => (from === 'image' ? NONE : reaches[from]!);
      return plan.difference ? widest(reach(plan.difference.a), reach(plan.difference.b)) : reaches[reaches.length - 1]!;
    }
    default:
      return windowReaches(plan.passes)[plan.passes.length - 1]!;
  }
}

/** The reach of a window `radius` pixels around its centre. */
export function square(radius: number): Reach {
  return { left: radius, right: radius, top: radius, bottom: radius };
}

/** The reach of each of a plan's windows, through the windows it reads. */
function windowReaches(passes: readonly Window[]): Reach[] {
  const reaches: Reach[] = [];
  for (const pass of passes) {
    const own = windowReach(pass);
    const input = pass.input === 'image' ? own : add(own, reaches[pass.input]!);
    reaches.push(pass.start == null ? input : widest(input, reaches[pass.start]!));
  }
  return reaches;
}

/** The reach of a window of `cols x rows` cells placed with its anchor on the output pixel. */
export function windowReach({ cols, rows, anchorX, anchorY }: Pick<Window, 'cols' | 'rows' | 'anchorX' | 'anchorY'>): Reach {
  return { left: anchorX, right: cols - 1 - anchorX, top: anchorY, bottom: rows - 1 - anchorY };
}

function add(a: Reach, b: Reach): Reach {
  return { left: a.left + b.left, right: a.right + b.right, top: a.top + b.top, bottom: a.bottom + b.bottom };
}

function widest(a: Reach, b: Reach): Reach {
  return {
    left: Math.max(a.left, b.left),
    right: Math.max(a.right, b.right),
    top: Math.max(a.top, b.top),
    bottom: Math.max(a.bottom, b.bottom),
  };
}

/** The one border mode a tiled pipeline uses (tiles cannot mix wrap with the others). */
export function pipelineBorder(pipeline: PipelinePlan): Border {
  const borders = new Set(pipeline.steps.flatMap((s) => (s.op === 'filter' ? [s.plan.border] : [])));
  if (borders.has('wrap') && borders.size > 1) {
    throw new ImageError(
      'an image too large for one texture is filtered in tiles, and tiles cannot mix border wrap with other borders in one pipeline; use one border mode, or a smaller image.',
    );
  }
  return borders.has('wrap') ? 'wrap' : 'replicate';
}

/** Tiles covering a `width x height` image, each at most `side` pixels a side with its halo. */
export function planTiles(width: number, height: number, reach: Reach, side: number, border: Border): Tile[] {
  const stepX = side - reach.left - reach.right;
  const stepY = side - reach.top - reach.bottom;
  if (stepX < 1 || stepY < 1) {
    throw new ImageError(
      `the kernel reaches ${reach.left + reach.right}x${reach.top + reach.bottom} pixels, too far for tiles of ${side} pixels; use a smaller kernel or a larger tile size.`,
    );
  }
  const wrap = border === 'wrap';
  const tiles: Tile[] = [];
  for (let y = 0; y < height; y += stepY) {
    for (let x = 0; x < width; x += stepX) {
      const output = { x, y, width: Math.min(stepX, width - x), height: Math.min(stepY, height - y) };
      const [x0, x1] = halo(x, output.width, reach.left, reach.right, width, wrap);
      const [y0, y1] = halo(y, output.height, reach.top, reach.bottom, height, wrap);
      tiles.push({ input: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, output });
    }
  }
  return tiles;
}

/**
 * The input range for outputs `start..start+count-1`. Clipped at an image
 * edge, it keeps at least the reach beyond that edge plus one pixel, so that
 * reflections across the edge land inside the tile even when the tile's
 * output is thin.
 */
function halo(start: number, count: number, before: number, after: number, length: number, wrap: boolean): [number, number] {
  const from = start - before;
  const to = start + count + after;
  if (wrap) return [from, to];
  const hi = Math.min(length, to);
  const lo = hi === length ? Math.max(0, Math.min(from, length - after - 1)) : Math.max(0, from);
  return [lo, lo === 0 ? Math.min(length, Math.max(hi, before + 1)) : hi];
}

/** The runs of image indices that fill tile positions `from..from+count-1`, wrapping around `length`. */
export function segments(from: number, count: number, length: number): Segment[] {
  const out: Segment[] = [];
  for (let to = 0; to < count;) {
    const p = (((from + to) % length) + length) % length;
    const run = Math.min(count - to, length - p);
    out.push({ from: p, to, length: run });
    to += run;
  }
  return out;
}
