/**
 * The WebGL objects an engine owns, made and freed as one set: after a lost
 * context the whole set is rebuilt.
 */
import * as twgl from 'twgl.js';
import { floatInternalFormat, type FloatFormat } from './context.js';
import { createPrograms, deletePrograms, type Programs } from './programs.js';
import { SourceTexture } from './source.js';
import { TargetPool } from './targets.js';
import { WeightTextures } from './weights.js';

export interface Resources {
  readonly programs: Programs;
  readonly source: SourceTexture;
  readonly weights: WeightTextures;
  readonly targets: TargetPool;
  /** Bound to `u_start` when a pass starts from 0, so no sampler is left without a texture. */
  readonly zero: WebGLTexture;
}

export function createResources(gl: WebGL2RenderingContext, intermediates: FloatFormat): Resources {
  const programs = createPrograms(gl);
  const zero = twgl.createTexture(gl, {
    internalFormat: gl.RGBA32F,
    width: 1,
    height: 1,
    src: new Float32Array(4),
    minMag: gl.NEAREST,
    wrap: gl.CLAMP_TO_EDGE,
    auto: false,
  });
  return { programs, source: new SourceTexture(gl), weights: new WeightTextures(gl), targets: new TargetPool(gl, floatInternalFormat(gl, intermediates)), zero };
}

export function freeResources(gl: WebGL2RenderingContext, r: Resources): void {
  deletePrograms(gl, r.programs);
  r.source.dispose();
  r.weights.dispose();
  r.targets.dispose();
  gl.deleteTexture(r.zero);
}
