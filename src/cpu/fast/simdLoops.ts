/**
 * The fast engine's loops in WebAssembly SIMD (simd.wat): four float32
 * samples per instruction, with the reference's rounding (see simd.wat), so
 * the same bits as jsLoops.ts. The planes live in the instance's memory,
 * which the loops address directly: a pass's taps first, then the planes,
 * then one byte plane.
 *
 * The module is under 1 KB, so it compiles synchronously (browsers allow
 * that on the main thread for small modules), once, on first use; where
 * WebAssembly, its SIMD or compiling (a content security policy) is
 * missing, there is no SimdLoops and the engine uses jsLoops.ts.
 */
import type { Finish, Interior, Loops, PassPlanes, Taps } from './loops.js';
import { SIMD_WASM } from './simdBytes.js';

/** simd.wat's exports. */
interface SimdExports {
  readonly memory: WebAssembly.Memory;
  sumInterior(
    input: number,
    start: number,
    hasStart: number,
    out: number,
    width: number,
    x0: number,
    x1: number,
    y0: number,
    y1: number,
    taps: number,
    n: number,
  ): void;
  finish(plane: number, count: number, unit: number, scale: number, delta: number): void;
  toBytes(plane: number, count: number, dst: number, abs: number): void;
}

const PAGE = 65_536;
/** Planes start on 16-byte boundaries, where vector loads are cheapest. */
const ALIGN = 16;
/** WebAssembly's 32-bit addresses leave 4 GiB; stop well short, where engines may refuse to grow. */
const MAX_BYTES = 2 ** 31;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where it cannot run here. */
function simdModule(): WebAssembly.Module | null {
  if (compiled === undefined) compiled = compile();
  return compiled;
}

function compile(): WebAssembly.Module | null {
  if (typeof WebAssembly !== 'object') return null;
  const bytes = Uint8Array.from(atob(SIMD_WASM), (c) => c.charCodeAt(0));
  try {
    return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    // A content security policy without 'wasm-unsafe-eval' forbids compiling: the JavaScript loops serve.
    return null;
  }
}

/** Whether WebAssembly SIMD runs here (validated and compiled). */
export function simdSupported(): boolean {
  return simdModule() !== null;
}

/** Memory layout of one reservation: where the planes and the byte plane start, and where it ends (in bytes). */
interface Layout {
  readonly planes: number;
  readonly stride: number;
  readonly length: number;
  readonly bytePlane: number;
  readonly end: number;
}

const align = (bytes: number): number => Math.ceil(bytes / ALIGN) * ALIGN;

export class SimdLoops implements Loops {
  readonly kind = 'simd';
  readonly #module: WebAssembly.Module;
  #exports: SimdExports;
  #layout: Layout = { planes: 0, stride: 0, length: 0, bytePlane: 0, end: 0 };
  #views: Float32Array[] = [];

  /** Loops with a memory of their own; null where WebAssembly SIMD does not run here. */
  static create(): SimdLoops | null {
    const module = simdModule();
    return module ? new SimdLoops(module) : null;
  }

  private constructor(module: WebAssembly.Module) {
    this.#module = module;
    this.#exports = this.#instantiate();
  }

  /**
   * Grows the memory to fit, or starts a fresh one when the frame needs under
   * half of what the memory holds: memory cannot shrink, and a new one keeps
   * it within twice the largest frame still in use.
   */
  reserve(count: number, length: number, taps: number): boolean {
    const stride = align(length * 4);
    const planes = align(taps * 8);
    const bytePlane = planes + count * stride;
    const layout = { planes, stride, length, bytePlane, end: bytePlane + align(length) };
    if (layout.end > MAX_BYTES) return false;
    const memory = this.#exports.memory;
    if (layout.end * 2 < memory.buffer.byteLength && memory.buffer.byteLength > PAGE) this.#exports = this.#instantiate();
    const have = this.#exports.memory.buffer.byteLength;
    if (layout.end > have) {
      try {
        this.#exports.memory.grow(Math.ceil((layout.end - have) / PAGE));
      } catch {
        return false;
      }
    }
    this.#layout = layout;
    this.#views = [];
    return true;
  }

  plane(slot: number): Float32Array {
    const { planes, stride, length } = this.#layout;
    return (this.#views[slot] ??= new Float32Array(this.#exports.memory.buffer, planes + slot * stride, length));
  }

  /** Every sum is rounded as the reference rounds; exact passes need no other code. */
  sumInterior({ offsets, weights }: Taps, planes: PassPlanes, { x0, x1, y0, y1 }: Interior): void {
    const n = weights.length;
    const buffer = this.#exports.memory.buffer;
    // The offsets in bytes, then their weights, at address 0.
    new Int32Array(buffer, 0, n).set(offsets.map((offset) => offset * 4));
    new Float32Array(buffer, n * 4, n).set(weights);
    const start = planes.start ? this.#address(planes.start) : 0;
    const { input, out, width } = planes;
    this.#exports.sumInterior(this.#address(input), start, planes.start ? 1 : 0, this.#address(out), width, x0, x1, y0, y1, 0, n);
  }

  finish(plane: Float32Array, { unit, scale, delta }: Finish): void {
    this.#exports.finish(this.#address(plane), plane.length, unit, scale, delta);
  }

  bytes(plane: Float32Array, abs: boolean): Uint8Array {
    const { bytePlane, length } = this.#layout;
    this.#exports.toBytes(this.#address(plane), plane.length, bytePlane, abs ? 1 : 0);
    return new Uint8Array(this.#exports.memory.buffer, bytePlane, length);
  }

  #instantiate(): SimdExports {
    this.#views = [];
    return new WebAssembly.Instance(this.#module).exports as unknown as SimdExports;
  }

  /** A plane's address; only this memory's planes have one. */
  #address(plane: Float32Array): number {
    if (plane.buffer !== this.#exports.memory.buffer) throw new Error('kernelgl: internal error: a plane outside the SIMD memory.');
    return plane.byteOffset;
  }
}
