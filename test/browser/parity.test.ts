// GPU vs CPU reference, bit for bit (DESIGN.md section 1, "Parity"): every
// kernel of the bank under every border, mode and channel option, on
// degenerate and ordinary images, for 8-bit and raw float output.
import { describe, expect, test } from 'vitest';
import { bank } from '../../src/bank.js';
import { BORDERS, CHANNELS, MODES, type FilterOptions, type Output } from '../../src/options.js';
import type { ImageSpec, ParityCase, ParityFailure } from './parity.js';
import { describeFailure } from './parity.js';
import { BORDER_VALUE, LARGE_IMAGES, SMALL_IMAGES, WHOLE_PHOTO } from './cases.js';
import { useTestPage } from '../support/page.js';

const IMAGES: readonly ImageSpec[] = [...SMALL_IMAGES, ...LARGE_IMAGES];

/** Every border, and constant once more with a border value that is not 0 and differs per channel. */
const BORDER_OPTIONS: readonly FilterOptions[] = [
  ...BORDERS.map((border) => ({ border })),
  { border: 'constant', borderValue: BORDER_VALUE },
];

const WHOLE_PHOTO_OPTIONS: readonly FilterOptions[] = [
  { border: 'replicate', mode: 'correlate', channels: 'rgb' },
  { border: 'constant', borderValue: BORDER_VALUE, mode: 'convolve', channels: 'rgba' },
];

/**
 * Every case checks `saturate` and raw `float`. `abs` shares the sum and
 * differs only in the last step, so it runs on every small image but, to
 * keep the suite fast in software WebGL, on the large ones only once per
 * channel option.
 */
function outputsFor(image: ImageSpec, options: FilterOptions): Output[] {
  const small = SMALL_IMAGES.includes(image);
  const abs = small || (options.border === 'reflect101' && options.mode === 'correlate');
  return abs ? ['saturate', 'float', 'abs'] : ['saturate', 'float'];
}

function matrixCases(kernel: string): ParityCase[] {
  const cases: ParityCase[] = [];
  for (const image of IMAGES) {
    for (const border of BORDER_OPTIONS) {
      for (const mode of MODES) {
        for (const channels of CHANNELS) {
          const options = { ...border, mode, channels };
          cases.push({ kernel, image, options, outputs: outputsFor(image, options) });
        }
      }
    }
  }
  for (const options of WHOLE_PHOTO_OPTIONS) {
    cases.push({ kernel, image: WHOLE_PHOTO, options, outputs: ['saturate', 'float'] });
  }
  return cases;
}

const page = useTestPage();

const check = (cases: ParityCase[]): Promise<ParityFailure[]> => page().page.evaluate((cs) => window.parity.checkParity(cs), cases);

describe('GPU equals the CPU reference bit for bit', () => {
  test.each(Object.keys(bank))('%s', async (kernel) => {
    const cases = matrixCases(kernel);
    const failures = await check(cases);
    expect({ failing: failures.length, first: failures.slice(0, 5).map(describeFailure) }).toEqual({ failing: 0, first: [] });
  });
});

describe('the comparison can fail', () => {
  test('compare finds a one-LSB difference in a byte and in a float, and counts +0 equal to -0', async () => {
    const found = await page().page.evaluate(() => {
      const { compare, gpu, noiseImage } = window.parity;
      const image = noiseImage(5, 4, 1);
      const bytes = gpu().filter(image, 'sharpen');
      const floats = gpu().filter(image, 'gaussian:5:1.1', { output: 'float' });
      const byteOff = Uint8ClampedArray.from(bytes.data);
      byteOff[4 * 7 + 2] = byteOff[4 * 7 + 2]! ^ 1;
      const floatOff = Float32Array.from(floats.data);
      const floatBits = new Uint32Array(floatOff.buffer);
      floatBits[4 * 13 + 1] = floatBits[4 * 13 + 1]! ^ 1;
      return {
        byte: compare(bytes, { data: byteOff }),
        float: compare(floats, { data: floatOff }),
        zeros: compare({ width: 1, data: new Float32Array([0, 0, 0, 0]) }, { data: new Float32Array([-0, -0, -0, -0]) }),
      };
    });
    expect(found.byte).toMatchObject({ differing: 1, maxDiff: 1, first: { x: 2, y: 1, c: 2 } });
    expect(found.float).toMatchObject({ differing: 1, first: { x: 3, y: 2, c: 1 } });
    expect(found.float.maxDiff).toBeGreaterThan(0);
    expect(found.float.maxDiff).toBeLessThan(1e-4);
    expect(found.zeros.differing).toBe(0);
  });

  test('checkParity reports the one case whose GPU result is one float32 ulp off', async () => {
    const cases: ParityCase[] = [
      {
        kernel: 'sobel_x',
        image: { kind: 'noise', width: 6, height: 4, seed: 2 },
        options: { border: 'reflect' },
        outputs: ['saturate', 'float'],
      },
      {
        kernel: 'gaussian:5:1.1',
        image: { kind: 'noise', width: 6, height: 4, seed: 3 },
        options: { mode: 'convolve' },
        outputs: ['saturate', 'float'],
      },
    ];
    const failures = await page().page.evaluate((cs) => {
      const { checkParity, gpu } = window.parity;
      // Stands in for the GPU: the gaussian's raw float output comes back with
      // the lowest bit of the second sample of pixel (1, 2) flipped.
      const offByOneUlp = {
        filter: ((image, kernel, options) => {
          const result = gpu().filter(image, kernel, options);
          if (options?.mode !== 'convolve' || options.output !== 'float') return result;
          const data = Float32Array.from(result.data as Float32Array);
          const bits = new Uint32Array(data.buffer);
          bits[4 * (2 * 6 + 1) + 1] = bits[4 * (2 * 6 + 1) + 1]! ^ 1;
          return { ...result, data };
        }) as ReturnType<typeof gpu>['filter'],
      };
      return checkParity(cs, offByOneUlp);
    }, cases);
    expect(failures.map(describeFailure)).toEqual([
      expect.stringMatching(
        /^gaussian:5:1\.1 \{"mode":"convolve"\} output float on 6x4 noise seed 3: 1 of 96 samples differ .*; first at \(1, 2\) channel 1: GPU /,
      ),
    ]);
  });
});
