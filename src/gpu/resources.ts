/**
 * The WebGL objects an engine owns, made and freed as one set: after a lost
 * context the whole set is rebuilt.
 */
import { floatInternalFormat, type FloatFormat } from './context.js';
import { createPrograms, deletePrograms, type Programs } from './programs.js';
import { SourceTexture } from './source.js';
import { TargetPool } from './targets.js';
import { ProgramVariants } from './variants.js';
import { WeightTextures } from './weights.js';

export interface Resources {
  readonly programs: Programs;
  readonly variants: ProgramVariants;
  readonly source: SourceTexture;
  readonly weights: WeightTextures;
  readonly targets: TargetPool;
}

export function createResources(gl: WebGL2RenderingContext, intermediates: FloatFormat): Resources {
  const programs = createPrograms(gl);
  let variants: ProgramVariants;
  try {
    variants = new ProgramVariants(gl);
  } catch (error) {
    deletePrograms(gl, programs);
    throw error;
  }
  return {
    programs,
    variants,
    source: new SourceTexture(gl),
    weights: new WeightTextures(gl),
    targets: new TargetPool(gl, floatInternalFormat(gl, intermediates)),
  };
}

export function freeResources(gl: WebGL2RenderingContext, r: Resources): void {
  deletePrograms(gl, r.programs);
  r.variants.dispose();
  r.source.dispose();
  r.weights.dispose();
  r.targets.dispose();
}
