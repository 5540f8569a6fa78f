/**
 * The source image on the GPU: an RGBA8UI texture read with texelFetch as
 * exact integers. Uploads go straight from typed arrays or DOM sources, with
 * no flip, premultiply or colour conversion; the texture is reused while the
 * size stays the same (one texSubImage2D per video frame).
 */
import { ImageError, describe } from '../errors.js';
import { checkImage, checkSize, type RgbaImage } from '../image.js';
import { segments, type Area } from './tiling.js';

/** Everything `GpuFilter` can read pixels from. */
export type GpuImageSource =
  RgbaImage | ImageData | ImageBitmap | HTMLImageElement | HTMLCanvasElement | HTMLVideoElement | OffscreenCanvas | VideoFrame;

type DomSource = Exclude<GpuImageSource, RgbaImage | ImageData>;

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The pixel size of any source, checked. */
export function sourceSize(source: GpuImageSource): Size {
  const size = domSize(source) ?? checkImage(source);
  checkSize(size.width, size.height);
  return { width: size.width, height: size.height };
}

/**
 * Whether `source` can be read now: false for an `<img>` still loading (or
 * broken) and a `<video>` with no frame yet, which a live filter waits for;
 * true for every other source, so a malformed one is read and reports its
 * error.
 */
export function hasFrame(source: GpuImageSource): boolean {
  if (typeof HTMLImageElement !== 'undefined' && source instanceof HTMLImageElement) return source.complete && source.naturalWidth > 0;
  if (typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement) {
    return source.readyState >= source.HAVE_CURRENT_DATA && source.videoWidth > 0;
  }
  return true;
}

function domSize(source: GpuImageSource): Size | null {
  if (typeof HTMLImageElement !== 'undefined' && source instanceof HTMLImageElement) {
    if (!source.complete)
      throw new ImageError('the <img> has not finished loading; wait for its load event (or await img.decode()) first.');
    return { width: source.naturalWidth, height: source.naturalHeight };
  }
  if (typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement) {
    if (source.readyState < source.HAVE_CURRENT_DATA)
      throw new ImageError('the <video> has no frame yet; wait for its loadeddata event first.');
    return { width: source.videoWidth, height: source.videoHeight };
  }
  if (typeof VideoFrame !== 'undefined' && source instanceof VideoFrame)
    return { width: source.displayWidth, height: source.displayHeight };
  if (isDomSource(source)) return { width: (source as ImageBitmap).width, height: (source as ImageBitmap).height };
  return null;
}

function isDomSource(source: GpuImageSource): source is DomSource {
  return (
    (typeof ImageBitmap !== 'undefined' && source instanceof ImageBitmap) ||
    (typeof HTMLCanvasElement !== 'undefined' && source instanceof HTMLCanvasElement) ||
    (typeof OffscreenCanvas !== 'undefined' && source instanceof OffscreenCanvas) ||
    (typeof HTMLImageElement !== 'undefined' && source instanceof HTMLImageElement) ||
    (typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement) ||
    (typeof VideoFrame !== 'undefined' && source instanceof VideoFrame)
  );
}

export class SourceTexture {
  private texture: WebGLTexture | null = null;
  private size: Size = { width: 0, height: 0 };

  constructor(private readonly gl: WebGL2RenderingContext) {}

  /** The texture holding the last upload. */
  get handle(): WebGLTexture {
    if (!this.texture) throw new ImageError('no image was uploaded yet.');
    return this.texture;
  }

  /**
   * Uploads `source`, or the `area` of it (a tile; areas past the image wrap
   * around), and returns the uploaded size, which must fit in `maxSide`.
   */
  upload(source: GpuImageSource, maxSide: number, area?: Area): Size {
    const full = sourceSize(source);
    const { width, height } = area ?? full;
    if (width > maxSide || height > maxSide) {
      throw new ImageError(
        `a ${width}x${height} image exceeds this GPU's texture limit of ${maxSide} pixels a side; scale it down or use cpuFilter.`,
      );
    }
    const { gl } = this;
    if (!this.texture || width !== this.size.width || height !== this.size.height) this.allocate({ width, height });
    gl.bindTexture(gl.TEXTURE_2D, this.texture);
    setUnpackState(gl);
    const pixels = isDomSource(source) ? source : bytesOf(source);
    gl.pixelStorei(gl.UNPACK_ROW_LENGTH, area ? full.width : 0);
    try {
      for (const xs of segments(area?.x ?? 0, width, full.width)) {
        for (const ys of segments(area?.y ?? 0, height, full.height)) {
          gl.pixelStorei(gl.UNPACK_SKIP_PIXELS, xs.from);
          gl.pixelStorei(gl.UNPACK_SKIP_ROWS, ys.from);
          gl.texSubImage2D(
            gl.TEXTURE_2D,
            0,
            xs.to,
            ys.to,
            xs.length,
            ys.length,
            gl.RGBA_INTEGER,
            gl.UNSIGNED_BYTE,
            pixels as ArrayBufferView & TexImageSource,
          );
        }
      }
    } catch (error) {
      throw uploadError(error, source);
    } finally {
      gl.pixelStorei(gl.UNPACK_ROW_LENGTH, 0);
      gl.pixelStorei(gl.UNPACK_SKIP_PIXELS, 0);
      gl.pixelStorei(gl.UNPACK_SKIP_ROWS, 0);
    }
    return { width, height };
  }

  dispose(): void {
    this.gl.deleteTexture(this.texture);
    this.texture = null;
  }

  private allocate(size: Size): void {
    const { gl } = this;
    gl.deleteTexture(this.texture);
    this.texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, this.texture);
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA8UI, size.width, size.height);
    setNearestClamp(gl);
    this.size = size;
  }
}

/** Integer and float data textures are read exactly: no filtering, no wrap. */
export function setNearestClamp(gl: WebGL2RenderingContext): void {
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
}

/** Uploads copy bytes exactly: alignment 1, no flip, no premultiply, no colour conversion. */
export function setUnpackState(gl: WebGL2RenderingContext): void {
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
  gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
  gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
}

function bytesOf({ data }: RgbaImage): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.length);
}

function uploadError(error: unknown, source: GpuImageSource): Error {
  if (error instanceof DOMException && error.name === 'SecurityError') {
    return new ImageError(
      'the image is cross-origin and taints the canvas, so its pixels cannot be read; serve it with CORS headers and set crossOrigin="anonymous" on the <img>/<video>.',
    );
  }
  return new ImageError(`the image (${describe(source)}) could not be uploaded: ${(error as Error).message}`);
}
