/**
 * Image files in and out, with sharp (libvips). Inputs are decoded to 8-bit
 * RGBA in Node, exactly as OpenCV's `imread` decodes them (see
 * openCvSamples.ts), so the GPU and the CPU reference filter the very same
 * pixels a cv2.filter2D user would. Results are written as PNG (the
 * default), lossless WebP or TIFF, grayscale where the format has it for
 * `channels: 'gray'`, and for `output: 'float'` also as raw float32 with a
 * JSON sidecar that states the layout.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { basename, dirname, join } from 'node:path';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { ImageError } from '../errors.js';
import type { RgbaImage } from '../image.js';
import type { Channels, Output } from '../options.js';
import { toOutput } from '../output.js';
import type { ResultData } from '../result.js';
import { READABLE_FORMATS, type OutputFormat } from './imageFormats.js';
import { jpegCmykToRgba, tiffCmykToRgba, toEightBits } from './openCvSamples.js';

/** libvips's names of the formats the command reads (AVIF is a kind of HEIF to it), with ours. */
const READABLE: Readonly<Record<string, string>> = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP', tiff: 'TIFF', heif: 'AVIF', gif: 'GIF' };

/** Generous, but keeps a corrupt header from allocating gigabytes (400 MP is 1.6 GB of RGBA). */
const MAX_INPUT_PIXELS = 400_000_000;

/**
 * Reads an image file (its format told by content, not name) as 8-bit RGBA,
 * upright as its EXIF orientation says. Only the first frame of an animation
 * or page of a document is read. `warn` hears of what is not read as it is
 * (16-bit samples).
 */
export async function readImage(path: string, warn: (message: string) => void): Promise<RgbaImage> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new ImageError(`cannot read ${JSON.stringify(path)}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
  });
  const unreadable = (format: string, error: unknown) =>
    new ImageError(
      `${JSON.stringify(path)} is not a readable ${format} file (${(error as Error).message.split('\n')[0]!.replace(/[:\s]+$/, '')}).`,
    );
  const metadata = await sharp(bytes)
    .metadata()
    .catch((error: unknown) => {
      const signed = SIGNATURES.find(([, signature]) => signature.test(bytes.subarray(0, 12).toString('latin1')));
      if (signed) throw unreadable(signed[0], error);
      return null;
    });
  const format = metadata && READABLE[metadata.format];
  if (!format) throw new ImageError(`${JSON.stringify(path)} is not an image file kernelgl reads (${READABLE_FORMATS}).`);
  try {
    return await decode(bytes, metadata, warn);
  } catch (error) {
    throw unreadable(format, error);
  }
}

/** How each readable format starts: names a file whose header libvips cannot read. */
const SIGNATURES: readonly (readonly [string, RegExp])[] = [
  ['PNG', /^\x89PNG/],
  ['JPEG', /^\xff\xd8\xff/],
  ['WebP', /^RIFF[^]{4}WEBP/],
  ['TIFF', /^(II\*\0|MM\0\*)/],
  ['AVIF', /^[^]{4}ftypavi[fs]/],
  ['GIF', /^GIF8[79]a/],
];

async function decode(bytes: Buffer, metadata: Metadata, warn: (message: string) => void): Promise<RgbaImage> {
  // OpenCV ignores embedded colour profiles; libvips would convert with them.
  const image = sharp(bytes, { failOn: 'error', ignoreIcc: true, autoOrient: true, limitInputPixels: MAX_INPUT_PIXELS });
  if (metadata.space === 'cmyk') {
    const { width, height, data } = await rawPixels(image.pipelineColourspace('cmyk').toColourspace('cmyk'));
    const rgba = metadata.format === 'jpeg' ? jpegCmykToRgba(data) : tiffCmykToRgba(data);
    return { width, height, data: rgba };
  }
  if (metadata.depth === 'ushort') {
    warn(`16-bit samples read at 8 bits, as OpenCV's imread does by default; kernelgl filters 8-bit images.`);
    const { data, info } = await image.toColourspace('rgb16').ensureAlpha(1).raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
    const samples = new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);
    return { width: info.width, height: info.height, data: toEightBits(samples, metadata.format) };
  }
  return rawPixels(image.toColourspace('srgb').ensureAlpha(1));
}

async function rawPixels(image: Sharp): Promise<RgbaImage & { data: Uint8Array }> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

const PNG_COMPRESSION_LEVEL = 1;

/** A filtered image as the command writes it. */
export interface ResultImage {
  readonly width: number;
  readonly height: number;
  readonly data: ResultData;
}

/**
 * Writes `<base>.<format>` (float results rounded and clamped as `saturate`
 * does) and, for float results, `<base>.f32` plus `<base>.f32.json`.
 * Returns the paths written, the image first.
 */
export async function writeResult(
  base: string,
  result: ResultImage,
  channels: Channels,
  output: Output,
  format: OutputFormat,
): Promise<string[]> {
  const bytes = result.data instanceof Float32Array ? (toOutput(result.data, 'saturate') as Uint8ClampedArray) : result.data;
  const written = resultFiles(base, format, output);
  await whole(written[0]!, (path) => encoder(pixels(result.width, result.height, bytes, channels === 'gray'), format).toFile(path));
  if (output === 'float' && result.data instanceof Float32Array) {
    const floats = result.data;
    await whole(`${base}.f32`, (path) => writeFile(path, littleEndian(floats)));
    await whole(`${base}.f32.json`, (path) =>
      writeFile(path, `${JSON.stringify(floatLayout(basename(`${base}.f32`), result), null, 2)}\n`),
    );
  }
  return written;
}

/**
 * Writes `path` under a temporary name and renames it when complete, so
 * that a run stopped half way leaves no truncated file for --skip-existing
 * to take as done.
 */
async function whole(path: string, write: (partial: string) => Promise<unknown>): Promise<void> {
  const partial = join(dirname(path), `.${basename(path)}.partial`);
  try {
    await write(partial);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** The files writeResult writes for `base`, the image first. */
export function resultFiles(base: string, format: OutputFormat, output: Output): string[] {
  return output === 'float' ? [`${base}.${format}`, `${base}.f32`, `${base}.f32.json`] : [`${base}.${format}`];
}

/** RGBA bytes, or for gray results one channel: gray results hold R = G = B, so the red channel is the gray value. */
function pixels(width: number, height: number, rgba: Uint8ClampedArray | Uint8Array, gray: boolean): Sharp {
  if (!gray) return sharp(rgba, { raw: { width, height, channels: 4 } });
  // libvips takes one raw band for sRGB unless told, and would write three.
  return sharp(
    rgba.filter((_, k) => k % 4 === 0),
    { raw: { width, height, channels: 1 } },
  ).toColourspace('b-w');
}

/** Lossless in every format; WebP has no grayscale, so gray results become R = G = B there. */
function encoder(image: Sharp, format: OutputFormat): Sharp {
  switch (format) {
    case 'png':
      // cv2.imwrite's default level: a third of the time of libvips' usual 6 (9 ms against 30 for a 640x480 photo's edges), for files about 40% larger.
      return image.png({ compressionLevel: PNG_COMPRESSION_LEVEL });
    case 'webp':
      // `exact` keeps the colour of transparent pixels, which libwebp would otherwise change.
      return image.webp({ lossless: true, exact: true });
    case 'tiff':
      return image.tiff({ compression: 'deflate', predictor: 'horizontal' });
  }
}

function littleEndian(floats: Float32Array): Buffer {
  const bytes = Buffer.from(floats.slice().buffer);
  return endianness() === 'BE' ? bytes.swap32() : bytes;
}

/** The sidecar that makes a `.f32` file self-describing. */
function floatLayout(file: string, result: ResultImage) {
  return {
    file,
    width: result.width,
    height: result.height,
    channels: 4,
    layout:
      'RGBA float32, little-endian, row-major, top row first: the sample of pixel (x, y), channel c is at index (y * width + x) * 4 + c',
  };
}
