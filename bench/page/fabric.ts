/**
 * fabric.js's `Convolute` filter on its WebGL filter backend, a peer of the
 * benchmark. fabric filters images it holds as canvases: each call puts the
 * frame's bytes into the source canvas, filters (fabric uploads the canvas,
 * runs its shader and draws the result into its output canvas) and reads the
 * output canvas back with `getImageData`, bytes in and bytes out as
 * kernelgl's `filter`.
 */
import { FabricImage, filters, getFilterBackend, version, WebGLFilterBackend } from 'fabric';
import type { Kernel } from '../../src/index.js';

/** The matrices fabric 7's Convolute has shaders for (`Convolute_3` to `Convolute_9`): square, odd, 3 to 9 a side, anchored at the centre. */
const SIDES: readonly number[] = [3, 5, 7, 9];

/** fabric's version and filter backend; throws unless it is WebGL (fabric falls back to a canvas 2D backend without telling). */
export function startFabric(): string {
  const backend = getFilterBackend();
  if (!(backend instanceof WebGLFilterBackend)) throw new Error(`fabric.js ${version} chose its canvas 2D filter backend, not WebGL`);
  return `${version}, WebGLFilterBackend (WebGL 1, filter canvas ${backend.tileSize}x${backend.tileSize})`;
}

/** Why fabric's Convolute cannot run `kernel`, or null when it can. */
export function fabricCannot({ cols, rows, anchorX, anchorY }: Kernel): string | null {
  const centred = anchorX === (cols - 1) / 2 && anchorY === (rows - 1) / 2;
  if (cols === rows && SIDES.includes(cols) && centred) return null;
  return `fabric.js ${version}'s Convolute has shaders for square ${SIDES.map((s) => `${s}x${s}`).join(', ')} matrices anchored at the centre only; this kernel is ${cols}x${rows}.`;
}

export class FabricConvolute {
  private readonly context: CanvasRenderingContext2D;
  private readonly image: FabricImage;

  constructor(
    private readonly frame: ImageData,
    kernel: Kernel,
  ) {
    const source = document.createElement('canvas');
    source.width = frame.width;
    source.height = frame.height;
    const context = source.getContext('2d');
    if (!context) throw new Error('the benchmark page has no 2D canvas for fabric.js.');
    this.context = context;
    this.image = new FabricImage(source);
    // opaque: false filters alpha too, as channels: 'rgba' does.
    this.image.filters = [new filters.Convolute({ matrix: Array.from(kernel.weights), opaque: false })];
  }

  run(): Uint8ClampedArray {
    this.context.putImageData(this.frame, 0, 0);
    // Each call is a new frame, as a video's would be: without this fabric filters the texture it cached on the first call.
    this.image.removeTexture(this.image.cacheKey);
    this.image.applyFilters();
    const output = this.image.getElement() as HTMLCanvasElement;
    return output.getContext('2d')!.getImageData(0, 0, this.frame.width, this.frame.height).data;
  }

  dispose(): void {
    this.image.dispose();
  }
}
