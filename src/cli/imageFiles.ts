/**
 * Image files in and out: PNG and JPEG decoded to RGBA bytes in Node (so the
 * GPU and the CPU reference filter the very same pixels), results written as
 * PNG (grayscale for `channels: 'gray'`) and, for `output: 'float'`, as raw
 * float32 with a JSON sidecar that states the layout.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { basename } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { ImageError } from '../errors.js';
import type { RgbaImage } from '../image.js';
import type { Channels, Output } from '../options.js';
import { toOutput } from '../output.js';
import type { ResultData } from '../result.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

/** jpeg-js refuses images above these; ours are generous but keep a corrupt header from allocating gigabytes. */
const JPEG_LIMITS = { maxResolutionInMP: 400, maxMemoryUsageInMB: 4096 };

/** Reads a PNG or JPEG (told apart by content, not name) as 8-bit RGBA. */
export async function readImage(path: string): Promise<RgbaImage> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new ImageError(`cannot read ${JSON.stringify(path)}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
  });
  const starts = (signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(PNG_SIGNATURE)) return decode(path, 'PNG', () => PNG.sync.read(bytes));
  if (starts(JPEG_SIGNATURE)) return decode(path, 'JPEG', () => jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, ...JPEG_LIMITS }));
  throw new ImageError(`${JSON.stringify(path)} is neither a PNG nor a JPEG file; kernelgl reads PNG and JPEG.`);
}

function decode(path: string, format: string, read: () => { width: number; height: number; data: Uint8Array }): RgbaImage {
  try {
    const { width, height, data } = read();
    return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (error) {
    throw new ImageError(`${JSON.stringify(path)} is not a readable ${format} file (${(error as Error).message}).`);
  }
}

/** A filtered image as the command writes it. */
export interface ResultImage {
  readonly width: number;
  readonly height: number;
  readonly data: ResultData;
}

/**
 * Writes `<base>.png` (grayscale for gray results, RGBA otherwise; float
 * results rounded and clamped as `saturate` does) and, for float results,
 * `<base>.f32` plus `<base>.f32.json`. Returns the paths written.
 */
export async function writeResult(base: string, result: ResultImage, channels: Channels, output: Output): Promise<string[]> {
  const bytes = result.data instanceof Float32Array ? (toOutput(result.data, 'saturate') as Uint8ClampedArray) : result.data;
  const written = [`${base}.png`];
  await writeFile(written[0]!, encodePng(result.width, result.height, bytes, channels === 'gray'));
  if (output === 'float' && result.data instanceof Float32Array) {
    written.push(`${base}.f32`, `${base}.f32.json`);
    await writeFile(`${base}.f32`, littleEndian(result.data));
    await writeFile(`${base}.f32.json`, `${JSON.stringify(floatLayout(basename(`${base}.f32`), result), null, 2)}\n`);
  }
  return written;
}

function encodePng(width: number, height: number, rgba: Uint8ClampedArray | Uint8Array, gray: boolean): Buffer {
  const png = new PNG({ width, height, colorType: gray ? 0 : 6, inputColorType: gray ? 0 : 6, inputHasAlpha: !gray });
  // Gray results hold R = G = B, so the red channel is the gray value.
  png.data = gray ? Buffer.from(rgba.filter((_, k) => k % 4 === 0)) : Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png, { colorType: gray ? 0 : 6, inputColorType: gray ? 0 : 6, inputHasAlpha: !gray });
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
    layout: 'RGBA float32, little-endian, row-major, top row first: the sample of pixel (x, y), channel c is at index (y * width + x) * 4 + c',
  };
}
