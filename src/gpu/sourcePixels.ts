/**
 * The RGBA bytes of any source, top row first: DOM sources through a reused
 * 2D canvas, byte images as they are. The CPU fallback reads them, and a
 * FilterCanvas snapshot filters exactly them on the GPU, so the CPU reference
 * runs on the very same input (a browser may decode or scale a video frame
 * differently for a 2D canvas than for a WebGL upload).
 */
import { ImageError } from '../errors.js';
import { checkImage, type RgbaImage } from '../image.js';
import { offscreenCanvas } from './context.js';
import { sourceSize, type GpuImageSource } from './source.js';

type Canvas2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
type Drawable = Exclude<GpuImageSource, { data: unknown }>;

export class SourcePixels {
  private canvas: HTMLCanvasElement | OffscreenCanvas | null = null;
  private context: Canvas2D | null = null;

  /** The source's bytes to read now: a byte image itself (not copied), anything else read through the canvas. */
  read(source: GpuImageSource): RgbaImage {
    return isDrawable(source) ? this.draw(source) : checkImage(source);
  }

  /** The source's bytes as they are now, kept even if the caller's image changes later. */
  copy(source: GpuImageSource): ImageData {
    if (isDrawable(source)) return this.draw(source);
    const { width, height, data } = checkImage(source);
    return new ImageData(new Uint8ClampedArray(data), width, height);
  }

  /** Lets the canvas's memory go. */
  dispose(): void {
    if (this.canvas) Object.assign(this.canvas, { width: 0, height: 0 });
    this.canvas = null;
    this.context = null;
  }

  /** getImageData returns new bytes each time, so what is drawn needs no further copy. */
  private draw(source: Drawable): ImageData {
    const { width, height } = sourceSize(source);
    const context = this.contextOf(width, height);
    context.clearRect(0, 0, width, height);
    context.drawImage(source, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  }

  private contextOf(width: number, height: number): Canvas2D {
    this.canvas ??= offscreenCanvas();
    if (this.canvas.width !== width || this.canvas.height !== height) Object.assign(this.canvas, { width, height });
    this.context ??= this.canvas.getContext('2d', { willReadFrequently: true });
    if (!this.context) throw new ImageError('no 2D canvas context is available here to read frame pixels.');
    return this.context;
  }
}

/** Everything but ImageData and plain `{ width, height, data }` images is drawn through the canvas. */
function isDrawable(source: GpuImageSource): source is Drawable {
  return !('data' in source);
}
