/**
 * What the fast engine asks of the code that does its per-sample work: room
 * for a frame's planes, a pass's interior and a plan's finish. Two
 * implementations give the same bits: plain JavaScript (jsLoops.ts) and
 * WebAssembly SIMD (simdLoops.ts), whose planes live in its own memory.
 */

/** The planes a pass reads and writes, `width * height` samples each. */
export interface PassPlanes {
  readonly input: Float32Array;
  /** The running sum the pass starts from, or null to start at 0. */
  readonly start: Float32Array | null;
  readonly out: Float32Array;
  readonly width: number;
  readonly height: number;
}

/** A window's taps in summing order, as offsets from the output sample into the input plane. */
export interface Taps {
  readonly offsets: Int32Array;
  readonly weights: Float32Array;
}

/** Output samples `[x0, x1) x [y0, y1)` whose windows lie wholly inside the image. */
export interface Interior {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The float32 constants of a plan's finish `((v * unit) * scale) + delta`. */
export interface Finish {
  readonly unit: number;
  readonly scale: number;
  readonly delta: number;
}

export interface Loops {
  /** `'simd'` where the work runs in WebAssembly, `'js'` otherwise. */
  readonly kind: 'simd' | 'js';
  /**
   * Makes room for `count` planes of `length` samples and passes of up to
   * `taps` taps; false where that much does not fit. Planes handed out
   * before are invalid afterwards.
   */
  reserve(count: number, length: number, taps: number): boolean;
  /** Plane number `slot` of the last reservation (its old contents left in place). */
  plane(slot: number): Float32Array;
  /**
   * `out = start + sum of taps` over `interior`, each sample summed in tap
   * order with float32 rounding after every multiply and add. `exact`: the
   * caller has proven that nothing is rounded, so any arithmetic that is
   * exact on these values will do.
   */
  sumInterior(taps: Taps, planes: PassPlanes, interior: Interior, exact: boolean): void;
  /** `v = ((v * unit) * scale) + delta` for every sample of `plane`, rounded after each step. */
  finish(plane: Float32Array, constants: Finish): void;
  /**
   * `saturate(v)` (output.ts; of |v| when `abs`) of every sample of `plane`,
   * into a byte plane of the loops' own that the next call overwrites.
   */
  bytes(plane: Float32Array, abs: boolean): Uint8Array;
}
