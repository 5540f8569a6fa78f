/**
 * Splitting a pass's target into the interior, where every tap of the
 * kernel lies inside the input, and the edge strips around it. The interior
 * runs a program without any border mapping (the bulk of the pixels); only
 * the strips pay for mapping coordinates by the border mode.
 */
import * as twgl from 'twgl.js';
import type { RenderTarget } from './targets.js';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The rectangle [x0, x1) x [y0, y1), clipped to be empty rather than negative. */
export function rect(x0: number, y0: number, x1: number, y1: number): Rect {
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/** The strips of a `width x height` target around `interior` (none when it fills the target). */
export function edgeStrips(width: number, height: number, interior: Rect): Rect[] {
  if (interior.width === 0 || interior.height === 0) return [rect(0, 0, width, height)];
  const top = interior.y + interior.height;
  const right = interior.x + interior.width;
  return [
    rect(0, 0, width, interior.y),
    rect(0, top, width, height),
    rect(0, interior.y, interior.x, top),
    rect(right, interior.y, width, top),
  ].filter((r) => r.width > 0 && r.height > 0);
}

export interface Region {
  readonly program: twgl.ProgramInfo;
  readonly uniforms: Record<string, unknown>;
}

/**
 * At most this many texture reads per draw call: a long pass (a big kernel
 * on a big image) is drawn in bands with a flush between them, so that no
 * single draw runs for seconds and trips a GPU watchdog or stalls the page.
 */
export const READS_PER_DRAW = 2 ** 25;

/** `r` cut into bands of whole rows, each within READS_PER_DRAW for `readsPerPixel`. */
export function bands(r: Rect, readsPerPixel: number): Rect[] {
  const rows = Math.max(1, Math.floor(READS_PER_DRAW / Math.max(1, r.width * readsPerPixel)));
  const out: Rect[] = [];
  for (let y = r.y; y < r.y + r.height; y += rows) out.push(rect(r.x, y, r.x + r.width, Math.min(y + rows, r.y + r.height)));
  return out;
}

/**
 * Draws the interior with one program and the edge strips with another,
 * into `target`, in bands for passes of `readsPerPixel` reads.
 */
export function drawRegions(
  gl: WebGL2RenderingContext,
  target: RenderTarget,
  interiorRect: Rect,
  interior: Region,
  edge: Region,
  readsPerPixel: number,
): void {
  twgl.bindFramebufferInfo(gl, target.info);
  gl.enable(gl.SCISSOR_TEST);
  const draw = ({ program, uniforms }: Region, rects: readonly Rect[]): void => {
    if (rects.length === 0) return;
    gl.useProgram(program.program);
    twgl.setUniforms(program, uniforms);
    const parts = rects.flatMap((r) => bands(r, readsPerPixel));
    for (const r of parts) {
      gl.scissor(r.x, r.y, r.width, r.height);
      gl.drawArrays(gl.TRIANGLES, 0, 3);
      if (parts.length > 1) gl.flush();
    }
  };
  draw(interior, interiorRect.width > 0 && interiorRect.height > 0 ? [interiorRect] : []);
  draw(edge, edgeStrips(target.width, target.height, interiorRect));
  gl.disable(gl.SCISSOR_TEST);
}

/** Draws one program over the whole target. */
export function drawFull(gl: WebGL2RenderingContext, target: RenderTarget, region: Region): void {
  twgl.bindFramebufferInfo(gl, target.info);
  gl.useProgram(region.program.program);
  twgl.setUniforms(region.program, region.uniforms);
  gl.drawArrays(gl.TRIANGLES, 0, 3);
}
