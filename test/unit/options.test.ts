import { describe, expect, test } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { BORDERS, CHANNELS, DEFAULT_OPTIONS, MODES, OUTPUTS, PLAN_CHOICES, finite, oneOf, resolveOptions } from '../../src/options.js';

/** Expects `run` to throw an OptionError whose message contains every phrase. */
function expectOptionError(run: () => unknown, ...phrases: string[]): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(OptionError);
  for (const phrase of phrases) expect((error as Error).message).toContain(phrase);
}

const NAMES = ['border', 'borderValue', 'mode', 'channels', 'output', 'scale', 'delta', 'plan'];

describe('resolveOptions: defaults', () => {
  test('DEFAULT_OPTIONS states the contract', () => {
    expect(DEFAULT_OPTIONS).toEqual({
      border: 'replicate',
      borderValue: [0, 0, 0, 0],
      mode: 'correlate',
      channels: 'rgb',
      output: 'saturate',
      scale: 1,
      delta: 0,
      plan: 'auto',
    });
    expect(Object.isFrozen(DEFAULT_OPTIONS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_OPTIONS.borderValue)).toBe(true);
  });

  test('no options, {} and undefined values all give the defaults', () => {
    expect(resolveOptions()).toEqual(DEFAULT_OPTIONS);
    expect(resolveOptions({})).toEqual(DEFAULT_OPTIONS);
    expect(resolveOptions(undefined)).toEqual(DEFAULT_OPTIONS);
    expect(resolveOptions(Object.fromEntries(NAMES.map((n) => [n, undefined])))).toEqual(DEFAULT_OPTIONS);
  });

  test('the result is frozen and does not alias the input', () => {
    const given = { borderValue: [1, 2, 3, 4], border: 'wrap' };
    const resolved = resolveOptions(given);
    given.borderValue[0] = 99;
    given.border = 'constant';
    expect(resolved.borderValue).toEqual([1, 2, 3, 4]);
    expect(resolved.border).toBe('wrap');
    expect(Object.isFrozen(resolved)).toBe(true);
  });
});

describe('resolveOptions: every valid value', () => {
  const cases: readonly (readonly [string, readonly string[], readonly string[]])[] = [
    ['border', BORDERS, ['replicate', 'reflect', 'reflect101', 'wrap', 'constant']],
    ['mode', MODES, ['correlate', 'convolve']],
    ['channels', CHANNELS, ['rgb', 'rgba', 'gray']],
    ['output', OUTPUTS, ['saturate', 'abs', 'float']],
    ['plan', PLAN_CHOICES, ['auto', 'direct', 'separable']],
  ];

  test.each(cases)('%s', (name, exported, contract) => {
    expect([...exported]).toEqual(contract);
    for (const value of contract) {
      expect(resolveOptions({ [name]: value })).toEqual({ ...DEFAULT_OPTIONS, [name]: value });
    }
  });

  test('scale and delta: any finite number within float32 range, kept exactly', () => {
    for (const v of [0, -1, 0.1, 1 / 3, 3e38, -3.4028234663852886e38, -1e-300]) {
      expect(resolveOptions({ scale: v, delta: v })).toEqual({ ...DEFAULT_OPTIONS, scale: v, delta: v });
    }
    // Beyond float32 range the engines' float32 arithmetic would give Infinity, and 0 * Infinity NaN.
    for (const v of [1e39, -1e300, Number.MAX_VALUE]) {
      expect(() => resolveOptions({ scale: v })).toThrow(/scale must be a finite number within float32 range/);
    }
  });

  test('borderValue: a number for every channel, or [r, g, b, a]', () => {
    expect(resolveOptions({ borderValue: 7 }).borderValue).toEqual([7, 7, 7, 7]);
    expect(resolveOptions({ borderValue: -2.5 }).borderValue).toEqual([-2.5, -2.5, -2.5, -2.5]);
    expect(resolveOptions({ borderValue: [1, 2.5, 300, -4] }).borderValue).toEqual([1, 2.5, 300, -4]);
    expect(Object.isFrozen(resolveOptions({ borderValue: 7 }).borderValue)).toBe(true);
  });

  test('all options at once', () => {
    const all = {
      border: 'constant',
      borderValue: [9, 8, 7, 6],
      mode: 'convolve',
      channels: 'gray',
      output: 'float',
      scale: 2,
      delta: -3,
      plan: 'direct',
    };
    expect(resolveOptions(all)).toEqual(all);
  });
});

describe('resolveOptions: errors', () => {
  test('non-object options', () => {
    for (const bad of [null, 3, 'border', true, [], [['border', 'wrap']], () => ({})]) {
      expectOptionError(() => resolveOptions(bad), 'options must be an object');
    }
  });

  test('unknown option names: the message lists the valid ones', () => {
    for (const name of ['borders', 'Border', 'precision', 'anchor', 'kernel', 'toString']) {
      expectOptionError(() => resolveOptions({ [name]: 1 }), `unknown option "${name}"`, ...NAMES);
    }
    // An unknown name is reported even when its value is undefined.
    expectOptionError(() => resolveOptions({ bordr: undefined }), 'unknown option "bordr"');
  });

  test.each([
    ['border', BORDERS, ['clamp', 'REPLICATE', 'reflect_101', '', 0, null]],
    ['mode', MODES, ['convolution', 'flip', 1]],
    ['channels', CHANNELS, ['rgbx', 'grey', 'RGB', 3]],
    ['output', OUTPUTS, ['uint8', 'clamp', true]],
    ['plan', PLAN_CHOICES, ['fast', 'separate', {}]],
  ] as const)('wrong %s values: the message lists the allowed values', (name, allowed, values) => {
    for (const value of values) {
      expectOptionError(() => resolveOptions({ [name]: value }), name, ...allowed.map((a) => `'${a}'`));
    }
  });

  test('non-finite or non-numeric scale and delta', () => {
    for (const name of ['scale', 'delta']) {
      for (const bad of [NaN, Infinity, -Infinity, '2', null, [1], 1n]) {
        expectOptionError(() => resolveOptions({ [name]: bad }), `${name} must be a finite number`);
      }
    }
  });

  test('bad borderValue forms', () => {
    for (const bad of [NaN, Infinity, -Infinity])
      expectOptionError(() => resolveOptions({ borderValue: bad }), 'borderValue must be a finite number');
    for (const bad of ['7', null, [], [1, 2, 3], [1, 2, 3, 4, 5], { r: 1 }, new Float32Array(4)]) {
      expectOptionError(() => resolveOptions({ borderValue: bad }), 'borderValue', '[r, g, b, a]');
    }
    expectOptionError(() => resolveOptions({ borderValue: [1, 2, NaN, 4] }), 'borderValue[2]', 'finite');
    expectOptionError(() => resolveOptions({ borderValue: [1, 2, 3, Infinity] }), 'borderValue[3]');
    expectOptionError(() => resolveOptions({ borderValue: ['1', 2, 3, 4] }), 'borderValue[0]');
  });
});

describe('the validators', () => {
  test('oneOf names the option and lists the allowed values', () => {
    expect(oneOf('fruit', 'pear', ['apple', 'pear'])).toBe('pear');
    expectOptionError(() => oneOf('fruit', 'plum', ['apple', 'pear']), 'fruit', "'apple', 'pear'", '"plum"');
  });

  test('finite', () => {
    expect(finite('x', -0.5)).toBe(-0.5);
    expectOptionError(() => finite('x', NaN), 'x must be a finite number', 'NaN');
  });
});
