/**
 * Program variants: the passes' programs, each built from a fragment shader
 * file with `#define`s that name a pass's shape (constant loop bounds) and
 * its place in the run (whether its sum starts from an earlier result, how
 * it ends), so that no pass runs a loop bound it could have had as a
 * constant or a branch it does not need. Defines never carry a kernel
 * value: weights arrive as textures and uniforms.
 *
 * Variants are built when first drawn and kept in a fixed set of program
 * objects, made up front: a new variant relinks the least recently used
 * one. So however many kernels a video goes through, the engine holds the
 * same WebGL objects from its first frame to `dispose`, and a run that
 * needs more variants than there are slots stays correct (GL draws with the
 * program as it was linked when the draw was issued), only slower.
 */
import type * as twgl from 'twgl.js';
import { compileShader, createShader, linkProgram } from './programs.js';
import { FULLSCREEN_VERTEX, SHADER_FILES, type VariantFile } from './shaders.js';

export interface Variant {
  readonly file: VariantFile;
  readonly defines: readonly string[];
}

/**
 * Slots: enough for a video that goes through many kernels and options to
 * keep them all (the soak test's 240 settings use fewer), so changing back
 * costs no compile; unlinked slots cost next to nothing.
 */
const SLOTS = 128;

interface Slot {
  readonly program: WebGLProgram;
  readonly fragment: WebGLShader;
  /** The variant linked into it, or null. */
  key: string | null;
  info: twgl.ProgramInfo | null;
}

export class ProgramVariants {
  private readonly vertex: WebGLShader;
  /** Least recently used first. */
  private readonly slots: Slot[] = [];

  constructor(private readonly gl: WebGL2RenderingContext) {
    this.vertex = createShader(gl, gl.VERTEX_SHADER, 'fullscreen');
    compileShader(gl, this.vertex, FULLSCREEN_VERTEX, 'fullscreen', SHADER_FILES);
    for (let k = 0; k < SLOTS; k++) {
      const slot = { program: gl.createProgram(), fragment: createShader(gl, gl.FRAGMENT_SHADER, 'variant'), key: null, info: null };
      gl.attachShader(slot.program, this.vertex);
      gl.attachShader(slot.program, slot.fragment);
      this.slots.push(slot);
    }
  }

  /** The program of `variant`, built now if it is not held. */
  program(variant: Variant): twgl.ProgramInfo {
    const key = `${variant.file} ${variant.defines.join(' ')}`;
    const held = this.slots.findIndex((s) => s.key === key);
    const slot = held >= 0 ? this.slots.splice(held, 1)[0]! : this.link(this.slots.shift()!, variant, key);
    this.slots.push(slot);
    return slot.info!;
  }

  dispose(): void {
    for (const { program, fragment } of this.slots) {
      this.gl.deleteProgram(program);
      this.gl.deleteShader(fragment);
    }
    this.gl.deleteShader(this.vertex);
    this.slots.length = 0;
  }

  private link(slot: Slot, { file, defines }: Variant, key: string): Slot {
    slot.key = null;
    slot.info = null;
    try {
      compileShader(this.gl, slot.fragment, SHADER_FILES.source(file, ...defines), file, SHADER_FILES);
      slot.info = linkProgram(this.gl, slot.program, file);
    } catch (error) {
      // Unlinked, it is the first to be taken again.
      this.slots.unshift(slot);
      throw error;
    }
    slot.key = key;
    return slot;
  }
}
