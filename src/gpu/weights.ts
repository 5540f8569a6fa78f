/**
 * Pass weights as float textures, cached by a key per pass, holding the
 * plan's very float32 weights: RGBA32F, four to a texel (see lineWeights.ts
 * and the packed row pass), or R32F `cols x rows` for packed edges. A
 * texture is re-uploaded only when its contents change.
 */
import { setNearestClamp, setUnpackState } from './source.js';

export type WeightFormat = 'r32f' | 'rgba32f';

interface Entry {
  readonly texture: WebGLTexture;
  format: WeightFormat | null;
  width: number;
  height: number;
  data: Float32Array;
}

export class WeightTextures {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly gl: WebGL2RenderingContext) {}

  /** The texture under `key` holding `data` as `width x height` texels of `format`. */
  texture(key: string, format: WeightFormat, width: number, height: number, data: Float32Array): WebGLTexture {
    const entry = this.entries.get(key) ?? this.create(key);
    if (entry.format !== format || entry.width !== width || entry.height !== height || !sameValues(entry.data, data)) {
      const { gl } = this;
      gl.bindTexture(gl.TEXTURE_2D, entry.texture);
      setUnpackState(gl);
      const [internal, layout] = format === 'r32f' ? [gl.R32F, gl.RED] : [gl.RGBA32F, gl.RGBA];
      gl.texImage2D(gl.TEXTURE_2D, 0, internal, width, height, 0, layout, gl.FLOAT, data);
      Object.assign(entry, { format, width, height, data: data.slice() });
    }
    return entry.texture;
  }

  dispose(): void {
    this.entries.forEach((entry) => this.gl.deleteTexture(entry.texture));
    this.entries.clear();
  }

  private create(key: string): Entry {
    const { gl } = this;
    const texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, texture);
    setNearestClamp(gl);
    const entry: Entry = { texture, format: null, width: 0, height: 0, data: new Float32Array(0) };
    this.entries.set(key, entry);
    return entry;
  }
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((w, k) => Object.is(w, b[k]));
}
