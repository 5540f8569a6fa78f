/**
 * The pixels of one frame as ImageData, through a reused 2D canvas. A
 * snapshot filters exactly these bytes on the GPU, so the CPU reference can
 * be run on the very same input (a browser may decode or scale a video
 * frame differently for a 2D canvas than for a WebGL upload).
 */
import { ImageError } from '../errors.js';
import { checkImage } from '../image.js';
import { offscreenCanvas } from '../gpu/context.js';
import { sourceSize, type GpuImageSource } from '../gpu/source.js';

type Canvas2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export class FramePixels {
  private canvas: HTMLCanvasElement | OffscreenCanvas | null = null;
  private context: Canvas2D | null = null;

  /** A copy of the frame's RGBA bytes, top row first. */
  grab(source: GpuImageSource): ImageData {
    const { width, height } = sourceSize(source);
    if (!isDrawable(source)) {
      const image = checkImage(source);
      return new ImageData(new Uint8ClampedArray(image.data), width, height);
    }
    const context = this.contextOf(width, height);
    context.clearRect(0, 0, width, height);
    context.drawImage(source, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  }

  /** Lets the canvas's memory go. */
  dispose(): void {
    if (this.canvas) Object.assign(this.canvas, { width: 0, height: 0 });
    this.canvas = null;
    this.context = null;
  }

  private contextOf(width: number, height: number): Canvas2D {
    this.canvas ??= offscreenCanvas();
    if (this.canvas.width !== width || this.canvas.height !== height) Object.assign(this.canvas, { width, height });
    this.context ??= this.canvas.getContext('2d', { willReadFrequently: true }) as Canvas2D | null;
    if (!this.context) throw new ImageError('no 2D canvas context is available here to read frame pixels.');
    return this.context;
  }
}

/** Everything but ImageData and plain `{ width, height, data }` images is drawn through the canvas. */
function isDrawable(source: GpuImageSource): source is Exclude<GpuImageSource, { data: unknown }> {
  return !('data' in source);
}
