/**
 * Pass weights as float textures holding the plan's very float32 weights,
 * in the layout a shader reads (lineWeights.ts). A texture is kept by pass
 * content and layout across runs, so a pass that runs again (every frame
 * of a video, or a new plan of the same kernel) uploads nothing, and two
 * passes of one pipeline never take each other's place. There are only as
 * many textures as one run has needed at most (up to MAX_TEXTURES): a new
 * pass takes over the least recently used texture, so plans replaced every
 * frame leave the number of WebGL objects flat, and `dispose` frees them.
 */
import type { PlanPass } from '../plan.js';
import { groupShape, groupWeights, lineLayout } from './lineWeights.js';
import { setNearestClamp, setUnpackState } from './source.js';

/**
 * `lines`: the convolve shader's lines of taps (RGBA32F); `groups`: the packed
 * interior's groups of four (RGBA32F); `taps`: one R32F texel per tap, `cols x rows`.
 */
export type WeightLayout = 'lines' | 'groups' | 'taps';

/** At most this many textures are kept: more than a pipeline of a few filters needs, a few kB each. */
const MAX_TEXTURES = 64;

interface Entry {
  readonly texture: WebGLTexture;
  /** The run that last used it (-1: none yet). */
  run: number;
}

export class WeightTextures {
  /** By layout and content, least recently used first. */
  private readonly entries = new Map<string, Entry>();
  /** Each pass's content key, made once: plans are frozen. */
  private readonly keys = new WeakMap<PlanPass, string>();
  private run = 0;
  private usedThisRun = 0;

  constructor(private readonly gl: WebGL2RenderingContext) {}

  /** Marks the start of a run: textures its passes use are not handed to its other passes. */
  startRun(): void {
    this.run++;
    this.usedThisRun = 0;
  }

  /** `pass`'s weights in `layout`, uploaded when they are not held already. */
  texture(pass: PlanPass, layout: WeightLayout): WebGLTexture {
    const key = `${layout} ${this.contentKey(pass)}`;
    const held = this.entries.get(key);
    // Re-inserted below: the most recently used come last.
    this.entries.delete(key);
    const entry = held ?? { texture: this.upload(pass, layout, this.vacantTexture()), run: -1 };
    if (entry.run !== this.run) {
      entry.run = this.run;
      this.usedThisRun++;
    }
    this.entries.set(key, entry);
    return entry.texture;
  }

  dispose(): void {
    this.entries.forEach(({ texture }) => this.gl.deleteTexture(texture));
    this.entries.clear();
  }

  /**
   * A texture to upload into: a new one while this run needs more than
   * there are, else the least recently used, whose pass will upload again
   * if it comes back. (Past MAX_TEXTURES a long run reuses its own earlier
   * passes' textures: their draws have been issued, and GL keeps the order.)
   */
  private vacantTexture(): WebGLTexture {
    const oldest = this.entries.entries().next().value;
    if (oldest && (this.usedThisRun < this.entries.size || this.entries.size >= MAX_TEXTURES)) {
      this.entries.delete(oldest[0]);
      return oldest[1].texture;
    }
    const texture = this.gl.createTexture();
    this.gl.bindTexture(this.gl.TEXTURE_2D, texture);
    setNearestClamp(this.gl);
    return texture;
  }

  /** Everything the layouts depend on, the weights by their bits (so -0 and 0 differ, as they may in a sum). */
  private contentKey(pass: PlanPass): string {
    let key = this.keys.get(pass);
    if (key === undefined) {
      const bits = new Uint32Array(pass.weights.buffer, pass.weights.byteOffset, pass.weights.length);
      key = `${pass.cols}x${pass.rows}@${pass.anchorX}:${bits.join(',')}`;
      this.keys.set(pass, key);
    }
    return key;
  }

  private upload(pass: PlanPass, layout: WeightLayout, texture: WebGLTexture): WebGLTexture {
    const { gl } = this;
    gl.bindTexture(gl.TEXTURE_2D, texture);
    setUnpackState(gl);
    if (layout === 'taps') {
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, pass.cols, pass.rows, 0, gl.RED, gl.FLOAT, pass.weights);
    } else if (layout === 'groups') {
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA32F, groupShape(pass).groups, pass.rows, 0, gl.RGBA, gl.FLOAT, groupWeights(pass));
    } else {
      const { width, lines, texels } = lineLayout(pass);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA32F, width, lines, 0, gl.RGBA, gl.FLOAT, texels);
    }
    return texture;
  }
}
