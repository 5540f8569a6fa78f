/**
 * The benchmark's frames: the sample photo stretched to each size (a photo
 * rather than noise, so the pixels look like what the engine is for; the
 * timings do not depend on the pixel values). One frame is kept at a time:
 * a 3840x2160 RGBA frame is 33 MB.
 */
import { luma, type RgbaImage } from '../../src/image.js';

export async function loadPhoto(url: string): Promise<ImageBitmap> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the benchmark page could not fetch its photo (HTTP ${response.status}).`);
  return createImageBitmap(await response.blob());
}

export class Frames {
  private current: { key: string; image: ImageData; luma: Uint8Array | null; rgb: Uint8Array | null } | null = null;

  constructor(private readonly photo: ImageBitmap) {}

  /** The photo at `width x height`, RGBA (alpha 255); ImageData, which fabric.js and TF.js take as it is. */
  rgba(width: number, height: number): ImageData {
    return this.frame(width, height).image;
  }

  /** The frame's OpenCV luma (what kernelgl's `channels: 'gray'` filters), one byte a pixel. */
  luma(width: number, height: number): Uint8Array {
    const frame = this.frame(width, height);
    frame.luma ??= lumaOf(frame.image);
    return frame.luma;
  }

  /** The frame's red, green and blue, three bytes a pixel (for opencv.js's bilateralFilter, which takes no four channels). */
  rgb(width: number, height: number): Uint8Array {
    const frame = this.frame(width, height);
    frame.rgb ??= rgbOf(frame.image);
    return frame.rgb;
  }

  private frame(width: number, height: number) {
    const key = `${width}x${height}`;
    if (this.current?.key !== key) {
      this.current = null; // let the previous frame go before drawing the next
      this.current = { key, image: this.draw(width, height), luma: null, rgb: null };
    }
    return this.current;
  }

  private draw(width: number, height: number): ImageData {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('the benchmark page has no 2D canvas to scale its photo.');
    context.drawImage(this.photo, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  }
}

/** OpenCV's luma of each pixel, one byte a pixel: what opencv.js gets for gray. */
export function lumaOf({ width, height, data }: RgbaImage): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = luma(data[4 * i]!, data[4 * i + 1]!, data[4 * i + 2]!);
  return out;
}

/** Red, green and blue, three bytes a pixel: what opencv.js gets for RGB. */
export function rgbOf({ width, height, data }: RgbaImage): Uint8Array {
  const out = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) out.set(data.subarray(4 * p, 4 * p + 3), 3 * p);
  return out;
}
