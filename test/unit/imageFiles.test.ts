// The command's image files: every fixture decodes to the very bytes OpenCV's
// imread gives (test/fixtures/images/expected.json, made by OpenCV, not by
// this code), and every output format reads back as written.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readImage, writeResult } from '../../src/cli/imageFiles.js';
import { OUTPUT_FORMATS } from '../../src/cli/imageFormats.js';
import { noiseImage } from '../support/noise.js';

const FIXTURES = 'test/fixtures/images';

interface Expected {
  readonly width: number;
  readonly height: number;
  readonly source: string;
  readonly rgba: string;
}

const expected = JSON.parse(await readFile(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>;

describe('reading', () => {
  test.each(Object.keys(expected))('%s decodes to OpenCV imread bytes (or its known pixels)', async (name) => {
    const want = expected[name]!;
    const warnings: string[] = [];
    const image = await readImage(join(FIXTURES, name), (w) => warnings.push(w));
    expect([image.width, image.height]).toEqual([want.width, want.height]);
    expect(Buffer.from(image.data).toString('base64')).toBe(want.rgba);
    expect(warnings).toHaveLength(name.includes('16') ? 1 : 0);
  });

  test('an EXIF-rotated JPEG comes out upright (7x5 stored, 5x7 shown)', async () => {
    for (const name of ['exif6.jpg', 'exif5.jpg']) {
      const stored = await sharp(join(FIXTURES, name), { autoOrient: false }).metadata();
      expect([stored.width, stored.height, stored.orientation]).toEqual([7, 5, Number(name[4])]);
      const image = await readImage(join(FIXTURES, name), () => {});
      expect([image.width, image.height]).toEqual([5, 7]);
    }
  });

  test('a damaged file is named by its format, anything else is not an image', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kernelgl-bad-'));
    const png = await readFile(join(FIXTURES, 'rgb8.png'));
    await writeFile(join(dir, 'cut.png'), png.subarray(0, 40));
    await writeFile(join(dir, 'cut.jpg'), (await readFile(join(FIXTURES, 'baseline.jpg'))).subarray(0, 300));
    await writeFile(join(dir, 'text.png'), 'plain text');
    await expect(readImage(join(dir, 'cut.png'), () => {})).rejects.toThrow(/"[^"]*cut\.png" is not a readable PNG file \(/);
    await expect(readImage(join(dir, 'cut.jpg'), () => {})).rejects.toThrow(
      /"[^"]*cut\.jpg" is not a readable JPEG file \(.*premature end/,
    );
    await expect(readImage(join(dir, 'text.png'), () => {})).rejects.toThrow(
      /"[^"]*text\.png" is not an image file kernelgl reads \(PNG, JPEG, WebP, TIFF, AVIF or GIF\)\./,
    );
    await rm(dir, { recursive: true });
  });

  test('the fixtures cover every format and bit depth the command reads', () => {
    const names = Object.keys(expected).join(' ');
    for (const kind of ['.png', '16.png', 'palette', 'graya8', 'progressive.jpg', 'cmyk.jpg', '.webp', '.tif', '16.tif', '.avif', '.gif'])
      expect(names).toContain(kind);
  });
});

describe('writing', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kernelgl-files-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test.each(OUTPUT_FORMATS)('%s: RGBA and gray results read back exactly, under the extension of the format', async (format) => {
    const noise = noiseImage(9, 6, 3);
    const image = { ...noise, data: new Uint8ClampedArray(noise.data) };
    const [rgba] = await writeResult(join(dir, 'rgba'), image, 'rgb', 'saturate', format);
    expect(rgba).toBe(join(dir, `rgba.${format}`));
    expect(Buffer.from((await readImage(rgba!, () => {})).data).equals(Buffer.from(image.data))).toBe(true);
    const gray = image.data.map((v, i) => image.data[i - (i % 4)]! | (i % 4 === 3 ? 255 : 0));
    const [grayFile] = await writeResult(join(dir, 'gray'), { ...image, data: gray }, 'gray', 'saturate', format);
    const written = await sharp(grayFile).metadata();
    expect(written.channels).toBe(format === 'webp' ? 3 : 1);
    const back = await readImage(grayFile!, () => {});
    expect(Buffer.from(back.data).equals(Buffer.from(gray.map((v, i) => (i % 4 === 3 ? 255 : v))))).toBe(true);
  });

  test('float results also write .f32 and its sidecar', async () => {
    const floats = new Float32Array([-20, 20.7, 61.4, 102.1, 142.8, 183.2, 224.9, 300]);
    const written = await writeResult(join(dir, 'float'), { width: 2, height: 1, data: floats }, 'rgba', 'float', 'tiff');
    expect(written).toEqual(['tiff', 'f32', 'f32.json'].map((ext) => join(dir, `float.${ext}`)));
    const back = await readImage(written[0]!, () => {});
    expect([...back.data]).toEqual([0, 21, 61, 102, 143, 183, 225, 255]);
  });
});
