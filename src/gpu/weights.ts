/**
 * Pass weights as R32F textures, one per pass slot, holding the plan's very
 * float32 weights. A slot is re-uploaded only when its weights change.
 */
import { setNearestClamp, setUnpackState } from './source.js';

interface Slot {
  texture: WebGLTexture;
  cols: number;
  rows: number;
  weights: Float32Array;
}

export class WeightTextures {
  private readonly slots: Slot[] = [];

  constructor(private readonly gl: WebGL2RenderingContext) {}

  /** The texture of slot `index` holding `weights` (`cols x rows`, row-major). */
  texture(index: number, cols: number, rows: number, weights: Float32Array): WebGLTexture {
    const slot = this.slots[index] ?? this.createSlot(index);
    if (slot.cols !== cols || slot.rows !== rows || !sameWeights(slot.weights, weights)) {
      const { gl } = this;
      gl.bindTexture(gl.TEXTURE_2D, slot.texture);
      setUnpackState(gl);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, cols, rows, 0, gl.RED, gl.FLOAT, weights);
      Object.assign(slot, { cols, rows, weights: weights.slice() });
    }
    return slot.texture;
  }

  dispose(): void {
    this.slots.splice(0).forEach((slot) => this.gl.deleteTexture(slot.texture));
  }

  private createSlot(index: number): Slot {
    const { gl } = this;
    const texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, texture);
    setNearestClamp(gl);
    const slot = { texture, cols: 0, rows: 0, weights: new Float32Array(0) };
    this.slots[index] = slot;
    return slot;
  }
}

function sameWeights(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((w, k) => Object.is(w, b[k]));
}
