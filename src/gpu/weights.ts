/**
 * Pass weights as float textures holding the plan's very float32 weights,
 * in the layout a shader reads (lineWeights.ts), and the other float tables
 * passes read (a structuring element's runs, a bilateral filter's weights).
 * A texture is kept by content and layout across runs, so a pass that runs
 * again (every frame of a video, or a new plan of the same kernel) uploads
 * nothing, and two passes of one pipeline never take each other's place. There are only as
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

/** A table's texels: one, two or four float32 channels each, row-major. */
export interface Table {
  readonly channels: 1 | 2 | 4;
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

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
  /** Content keys, made once per owner: plans are frozen. */
  private readonly keys = new WeakMap<object, string>();
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
    return this.table(`${layout} ${this.contentKey(pass, () => weightsKey(pass))}`, () => layoutTable(pass, layout));
  }

  /**
   * The table whose content `key` names, made by `make` and uploaded when it
   * is not held already. Build keys with `contentKey`.
   */
  table(key: string, make: () => Table): WebGLTexture {
    const held = this.entries.get(key);
    // Re-inserted below: the most recently used come last.
    this.entries.delete(key);
    const entry = held ?? { texture: this.upload(make(), this.vacantTexture()), run: -1 };
    if (entry.run !== this.run) {
      entry.run = this.run;
      this.usedThisRun++;
    }
    this.entries.set(key, entry);
    return entry.texture;
  }

  /** The key of `owner`'s content, made by `make` once per owner (a frozen plan or pass, or its data). */
  contentKey(owner: object, make: () => string): string {
    let key = this.keys.get(owner);
    if (key === undefined) {
      key = make();
      this.keys.set(owner, key);
    }
    return key;
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

  private upload({ channels, width, height, data }: Table, texture: WebGLTexture): WebGLTexture {
    const { gl } = this;
    const [internalFormat, format] = channels === 1 ? [gl.R32F, gl.RED] : channels === 2 ? [gl.RG32F, gl.RG] : [gl.RGBA32F, gl.RGBA];
    gl.bindTexture(gl.TEXTURE_2D, texture);
    setUnpackState(gl);
    gl.texImage2D(gl.TEXTURE_2D, 0, internalFormat, width, height, 0, format, gl.FLOAT, data);
    return texture;
  }
}

/** Float32 values by their bits (so -0 and 0 differ, as they may in a sum). */
export function bitsKey(values: Float32Array): string {
  return new Uint32Array(values.buffer, values.byteOffset, values.length).join(',');
}

/** Everything the weight layouts depend on. */
function weightsKey(pass: PlanPass): string {
  return `${pass.cols}x${pass.rows}@${pass.anchorX}:${bitsKey(pass.weights)}`;
}

function layoutTable(pass: PlanPass, layout: WeightLayout): Table {
  if (layout === 'taps') return { channels: 1, width: pass.cols, height: pass.rows, data: pass.weights };
  if (layout === 'groups') return { channels: 4, width: groupShape(pass).groups, height: pass.rows, data: groupWeights(pass) };
  const { width, lines, texels } = lineLayout(pass);
  return { channels: 4, width, height: lines, data: texels };
}
