import { describe, expect, test } from 'vitest';
import { difference, exactPercent, formatPercent } from '../../src/difference.js';

describe('difference: the parity figures of the command, the demo and the tests', () => {
  test('counts differing samples, the largest |diff| and the first differing index', () => {
    expect(difference([1, 2, 3, 4], [1, 2, 3, 4])).toEqual({ samples: 4, differing: 0, maxDiff: 0, first: -1 });
    expect(difference([1, 5, 3, 0], [1, 2, 3, 1])).toEqual({ samples: 4, differing: 2, maxDiff: 3, first: 1 });
    expect(difference(new Float32Array([0.5, 1]), new Float32Array([0.5, 1 + 2 ** -23]))).toEqual({
      samples: 2,
      differing: 1,
      maxDiff: 2 ** -23,
      first: 1,
    });
  });

  test('+0 equals -0; NaN and missing samples differ by Infinity', () => {
    expect(difference([0, -0], [-0, 0]).differing).toBe(0);
    expect(difference([NaN, 1], [NaN, 1])).toEqual({ samples: 2, differing: 1, maxDiff: Infinity, first: 0 });
    expect(difference([1, 2, 3], [1, 2])).toEqual({ samples: 3, differing: 1, maxDiff: Infinity, first: 2 });
  });

  test('the exact percentage is 100 only when every sample is exact, and never rounds up to it', () => {
    expect(exactPercent(difference([1, 2], [1, 2]))).toBe(100);
    expect(exactPercent(difference([], []))).toBe(100);
    expect(exactPercent(difference([1, 2, 3, 4], [1, 2, 3, 5]))).toBe(75);
    expect(formatPercent(100)).toBe('100');
    const oneOff = new Uint8Array(1_000_000);
    oneOff[0] = 1;
    expect(formatPercent(exactPercent(difference(new Uint8Array(1_000_000), oneOff)))).toBe('99.999');
    expect(formatPercent(99.99999)).toBe('99.999');
  });
});
