// The benchmark's output checks: what makes a peer's result plausible
// (bench/page/agreement.ts), and that the nonlinear table's opencv.js calls
// (bench/page/openCvNonlinear.ts) and its CPU passes timed alone
// (bench/page/cpuPasses.ts) compute what cpuFilter computes, run here in
// Node on the table's filters and channel layouts.
import { beforeAll, describe, expect, it, test } from 'vitest';
import { NONLINEAR_FILTERS } from '../../bench/args.js';
import { agrees, rowChannels, tolerance } from '../../bench/nonlinear.js';
import { agreement, type CheckFrame } from '../../bench/page/agreement.js';
import { CpuPasses } from '../../bench/page/cpuPasses.js';
import { lumaOf, rgbOf } from '../../bench/page/frames.js';
import type { OpenCv } from '../../bench/page/opencv.js';
import { OpenCvNonlinear } from '../../bench/page/openCvNonlinear.js';
import type { NonlinearChannels } from '../../bench/protocol.js';
import { cpuFilter } from '../../src/cpu/filter.js';
import { parseFilterSpec } from '../../src/filterSpec.js';
import type { NonlinearFilter } from '../../src/filters.js';
import type { NonlinearPlan } from '../../src/nonlinearPlan.js';
import { noiseImage } from '../support/noise.js';
import { loadOpenCv } from '../support/opencv.js';

const rgba = (...pixels: number[][]) => Uint8Array.from(pixels.flat());
const frame = (width: number, height: number, samples: 1 | 3 | 4, margin = 0): CheckFrame => ({ width, height, samples, margin });

describe('agreement', () => {
  it('finds the largest difference, the share of samples that differ and the share changed from the input', () => {
    const input = Uint8Array.of(10, 20, 30, 40);
    const expected = Uint8Array.of(10, 25, 30, 41);
    const actual = Uint8Array.of(10, 26, 30, 40);
    expect(agreement(frame(4, 1, 1), input, expected, actual, false)).toEqual({ compared: 4, maxDiff: 1, differing: 0.5, changed: 0.25 });
  });

  it('leaves out the margin, where borders differ', () => {
    const input = new Uint8Array(9);
    const expected = new Uint8Array(9).fill(5);
    const actual = Uint8Array.of(0, 0, 0, 0, 5, 0, 0, 0, 0);
    expect(agreement(frame(3, 3, 1, 1), input, expected, actual, false)).toEqual({ compared: 1, maxDiff: 0, differing: 0, changed: 1 });
  });

  it('reads gray from the first byte of an RGBA result', () => {
    const luma = Uint8Array.of(1, 2);
    const kernelgl = rgba([7, 7, 7, 255], [8, 8, 8, 255]);
    expect(agreement(frame(2, 1, 1), luma, kernelgl, Uint8Array.of(7, 9), false)).toEqual({
      compared: 2,
      maxDiff: 1,
      differing: 0.5,
      changed: 1,
    });
  });

  it("compares RGB, three bytes a pixel, with an RGBA result's first three", () => {
    const input = rgba([1, 2, 3, 255], [4, 5, 6, 255]);
    const kernelgl = rgba([1, 2, 9, 255], [4, 5, 6, 255]);
    expect(agreement(frame(2, 1, 3), input, kernelgl, Uint8Array.of(1, 2, 9, 4, 5, 7), false)).toEqual({
      compared: 6,
      maxDiff: 1,
      differing: 1 / 6,
      changed: 2 / 6,
    });
  });

  it('compares only pixels the expected result leaves opaque when asked', () => {
    const input = rgba([0, 0, 0, 255], [0, 0, 0, 255]);
    const expected = rgba([50, 60, 70, 0], [5, 6, 7, 255]);
    const premultiplied = rgba([0, 0, 0, 0], [5, 6, 7, 255]);
    expect(agreement(frame(2, 1, 4), input, expected, premultiplied, true)).toEqual({
      compared: 4,
      maxDiff: 0,
      differing: 0,
      changed: 0.75,
    });
    expect(agreement(frame(2, 1, 4), input, expected, premultiplied, false).maxDiff).toBe(70);
  });

  it('refuses arrays that are not 1, 3 or 4 bytes a pixel, or too few for the samples compared', () => {
    expect(() => agreement(frame(2, 1, 1), new Uint8Array(2), new Uint8Array(4), new Uint8Array(2), false)).toThrow(
      /1, 3 or 4 bytes a pixel/,
    );
    expect(() => agreement(frame(2, 1, 4), new Uint8Array(8), new Uint8Array(8), new Uint8Array(6), false)).toThrow(/4 or more/);
  });
});

describe("the nonlinear table's engines equal cpuFilter", () => {
  let cv: OpenCv;
  beforeAll(async () => {
    ({ cv } = await loadOpenCv());
  });

  // Noise is the hard case for bilateral (the most samples near a rounding
  // boundary); 48x40 holds a 31x31 element several times over.
  const image = noiseImage(48, 40, 7);
  const input = (channels: NonlinearChannels) => (channels === 'gray' ? lumaOf(image) : channels === 'rgb' ? rgbOf(image) : image.data);
  const samples = (channels: NonlinearChannels) => (channels === 'gray' ? 1 : channels === 'rgb' ? 3 : 4);
  const rows = NONLINEAR_FILTERS.flatMap((spec) => rowChannels(spec).map((channels) => ({ spec, channels })));

  test.each(rows)('$spec $channels', ({ spec, channels }) => {
    const filter = parseFilterSpec(spec) as NonlinearFilter;
    const expected = cpuFilter(image, filter, { channels });
    const check = (engine: 'opencv' | 'cpuPasses', actual: Uint8Array | Uint8ClampedArray) => {
      const result = agreement(frame(image.width, image.height, samples(channels)), input(channels), expected.data, actual, false);
      expect(agrees(result, tolerance(spec, engine)), `${engine}: ${JSON.stringify(result)}`).toBe(true);
    };
    const opencv = new OpenCvNonlinear(cv, input(channels), image.width, image.height, filter);
    try {
      check('opencv', opencv.run());
    } finally {
      opencv.delete();
    }
    check('cpuPasses', new CpuPasses(expected.plan as NonlinearPlan, image, channels).run());
  });
});
