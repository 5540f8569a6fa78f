// The built command on the image fixtures of every format and bit depth
// (test/fixtures/images, made by OpenCV): what it filters is exactly what
// OpenCV's imread decodes (expected.json), on the GPU and the CPU alike, and
// it writes every output format.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cpuFilter } from '../../src/cpu/filter.js';
import { parseKernelSpec } from '../../src/kernelSpec.js';
import { toOutput } from '../../src/output.js';
import { expectBuiltCommand, runCommand } from '../support/command.js';

const FIXTURES = resolve('test/fixtures/images');
const RIDGE = '[[1,2,-1],[3,-4,0],[0,5,-2]]';

interface Expected {
  readonly width: number;
  readonly height: number;
  readonly rgba: string;
}

const expected = JSON.parse(await readFile(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>;
const stem = (name: string) => name.slice(0, name.lastIndexOf('.'));

const kernelgl = (args: readonly string[]) => runCommand(args, dir);

/** A written result's pixels as RGBA (an encoder may drop an alpha channel that is all 255). */
async function pixels(path: string): Promise<{ width: number; height: number; data: Buffer }> {
  const { data, info } = await sharp(path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

let dir: string;
beforeAll(async () => {
  expectBuiltCommand();
  dir = await mkdtemp(join(tmpdir(), 'kernelgl-formats-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('every input format and bit depth', () => {
  const names = Object.keys(expected);
  let gpu: Awaited<ReturnType<typeof kernelgl>>;
  beforeAll(async () => {
    gpu = await kernelgl([FIXTURES, '-k', '[[1]]', '-k', RIDGE, '--border', 'reflect101', '-o', 'gpu']);
  });

  test('the folder is read whole, one 16-bit warning per 16-bit file', () => {
    expect(gpu.stderr).not.toMatch(/failed/);
    expect(gpu.code).toBe(0);
    const warned = gpu.stderr.split('\n').filter((line) => line.includes('16-bit samples read at 8 bits'));
    expect(warned.map((line) => /([\w-]+\.\w+): 16-bit/.exec(line)?.[1]).sort()).toEqual(names.filter((n) => n.includes('16')).sort());
  });

  test.each(names)(
    '%s: the identity kernel gives back OpenCV imread pixels; another kernel equals the CPU reference on them',
    async (name) => {
      const want = expected[name]!;
      const image = { width: want.width, height: want.height, data: new Uint8Array(Buffer.from(want.rgba, 'base64')) };
      const identity = await pixels(join(dir, 'gpu', `${stem(name)}.custom1.png`));
      expect([identity.width, identity.height]).toEqual([want.width, want.height]);
      expect(identity.data.toString('base64'), 'decoded pixels').toBe(want.rgba);
      const ridge = await pixels(join(dir, 'gpu', `${stem(name)}.custom2.png`));
      const reference = toOutput(cpuFilter(image, parseKernelSpec(RIDGE), { border: 'reflect101', output: 'float' }).data, 'saturate');
      expect(Buffer.from(ridge.data).equals(Buffer.from(reference)), 'filtered pixels').toBe(true);
    },
  );

  test('an EXIF-rotated JPEG comes out upright', async () => {
    const { width, height } = await pixels(join(dir, 'gpu', 'exif6.custom1.png'));
    expect([width, height]).toEqual([5, 7]);
  });
});

describe('--format', () => {
  test.each(['webp', 'tiff'])('%s writes lossless files, byte for byte the PNG results, on the CPU too', async (format) => {
    const inputs = ['rgba8.png', 'cmyk.jpg', 'frames.gif'].map((n) => join(FIXTURES, n));
    const outcome = await kernelgl([...inputs, '-k', RIDGE, '--border', 'reflect101', '--format', format, '--cpu', '-o', format]);
    expect(outcome.code).toBe(0);
    const written = (await readdir(join(dir, format))).sort();
    expect(written).toEqual(['cmyk', 'frames', 'rgba8'].map((s) => `${s}.custom1.${format}`));
    for (const file of written) {
      const png = await pixels(join(dir, 'gpu', file.replace('custom1', 'custom2').replace(`.${format}`, '.png')));
      expect((await pixels(join(dir, format, file))).data.equals(png.data), file).toBe(true);
    }
  });

  test('gray results are grayscale TIFFs', async () => {
    const outcome = await kernelgl([
      join(FIXTURES, 'rgb8.png'),
      '-k',
      'sharpen',
      '--channels',
      'gray',
      '--format',
      'tiff',
      '--cpu',
      '-o',
      'gray',
    ]);
    expect(outcome.code).toBe(0);
    const { channels } = await sharp(join(dir, 'gray', 'rgb8.sharpen.tiff')).metadata();
    expect(channels).toBe(1);
  });
});
