// The byte conversion against its definition, sample by sample: `saturate`
// (round half to even, then clamp to 0..255) stored in a byte array, which
// stores NaN as 0; `abs` is saturate(|v|). Checked for toOutput (float32 and
// float64 input) and for both loops of the fast engine (their byte planes),
// over every tie from -3.5 to 258.5, the floats next to each tie, -0, NaN,
// the infinities, the float32 extremes and random values.
import { describe, expect, test } from 'vitest';
import { JsLoops } from '../../src/cpu/fast/jsLoops.js';
import { SimdLoops } from '../../src/cpu/fast/simdLoops.js';
import { roundHalfEven, saturate, toOutput } from '../../src/output.js';
import { random } from '../support/noise.js';

/** The float32 values either side of `v`. */
function neighbours(v: number): number[] {
  const bits = new Uint32Array(new Float32Array([v]).buffer)[0]!;
  const step = (delta: number): number => new Float32Array(new Uint32Array([bits + delta]).buffer)[0]!;
  return v > 0 ? [step(-1), step(1)] : v < 0 ? [step(1), step(-1)] : [];
}

const ties = Array.from({ length: 263 }, (_, k) => k - 3.5);
const next = random(5);
const VALUES = [
  ...ties,
  ...ties.flatMap(neighbours),
  ...Array.from({ length: 260 }, (_, k) => k - 2),
  0,
  -0,
  NaN,
  -NaN,
  Infinity,
  -Infinity,
  3.4028234663852886e38,
  -3.4028234663852886e38,
  2 ** -149,
  -(2 ** -149),
  2 ** 31,
  -(2 ** 31),
  1e10,
  -1e10,
  ...Array.from({ length: 2000 }, () => next() * 800 - 300),
];

/** The definition, one sample at a time, stored as the old conversion stored it. */
function definition(values: ArrayLike<number>, abs: boolean): number[] {
  return Array.from(Uint8ClampedArray.from(Array.from(values, (v) => saturate(abs ? Math.abs(v) : v))));
}

describe('toOutput', () => {
  test.each(['saturate', 'abs'] as const)('%s, float32 and float64 input', (output) => {
    for (const raw of [Float32Array.from(VALUES), Float64Array.from(VALUES)]) {
      const bytes = toOutput(raw, output);
      expect(bytes).toBeInstanceOf(Uint8ClampedArray);
      expect(Array.from(bytes)).toEqual(definition(raw, output === 'abs'));
    }
  });

  test('float64 values between float32 ones: ties exactly, and just off them', () => {
    const raw = Float64Array.from([
      0.5,
      0.5 + 2 ** -40,
      1.5 - 2 ** -40,
      2.5,
      254.5,
      254.5 + 2 ** -44,
      255.49999999999997,
      -0.5,
      -0.5 - 2 ** -40,
    ]);
    expect(Array.from(toOutput(raw, 'saturate'))).toEqual([0, 1, 1, 2, 254, 255, 255, 0, 0]);
    expect(Array.from(toOutput(raw, 'abs'))).toEqual([0, 1, 1, 2, 254, 255, 255, 0, 1]);
  });

  test('float output is the float32 values themselves', () => {
    const raw = Float32Array.from(VALUES);
    expect(toOutput(raw, 'float')).toBe(raw);
    expect(Array.from(toOutput(Float64Array.from([0.1, -0, NaN]), 'float'))).toEqual([Math.fround(0.1), -0, NaN]);
  });

  test('roundHalfEven', () => {
    expect([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 2.4999999, 254.5].map(roundHalfEven)).toEqual([-2, -2, -0, 0, 2, 2, 4, 2, 254]);
  });
});

describe('the fast engine loops', () => {
  const simd = SimdLoops.create();
  test.each([
    ['js', new JsLoops()],
    ['simd', simd!],
  ] as const)('%s: byte planes of every length (vector body and tail)', (_, loops) => {
    for (const length of [1, 3, 15, 16, 17, VALUES.length]) {
      loops.reserve(1, length, 0);
      const plane = loops.plane(0);
      for (const abs of [false, true]) {
        plane.set(VALUES.slice(0, length));
        expect(Array.from(loops.bytes(plane, abs)), `${length}, abs ${abs}`).toEqual(definition(plane, abs));
      }
    }
  });
});
