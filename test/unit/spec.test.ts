import { describe, expect, test } from 'vitest';
import { bank, box, gaussian } from '../../src/bank.js';
import { KernelError } from '../../src/errors.js';
import { Kernel } from '../../src/kernel.js';
import { kernelFromJson, parseKernelSpec, resolveKernel } from '../../src/kernelSpec.js';

const f32 = Math.fround;

/** Shape, anchor, name and weights, for comparing kernels made different ways. */
const summary = (k: Kernel) => ({ cols: k.cols, rows: k.rows, anchor: [k.anchorX, k.anchorY], name: k.name, matrix: k.toMatrix() });

describe('parseKernelSpec', () => {
  test.each(Object.keys(bank))('the bank name %s', (name) => {
    expect(parseKernelSpec(name)).toBe(bank[name as keyof typeof bank]);
  });

  test('surrounding whitespace is ignored', () => {
    expect(parseKernelSpec('  sobel_x \n')).toBe(bank.sobel_x);
    expect(summary(parseKernelSpec(' box:3 '))).toEqual(summary(box(3)));
  });

  test('box:21 and box:5x3', () => {
    const b = parseKernelSpec('box:21');
    expect([b.cols, b.rows, b.anchorX, b.anchorY, b.name]).toEqual([21, 21, 10, 10, 'box:21']);
    expect(b.weights.every((w) => w === f32(1 / 441))).toBe(true);
    const r = parseKernelSpec('box:5x3');
    expect([r.cols, r.rows, r.anchorX, r.anchorY, r.name]).toEqual([5, 3, 2, 1, 'box:5x3']);
    expect(r.weights.every((w) => w === f32(1 / 15))).toBe(true);
    expect(parseKernelSpec('box:1x7').toMatrix()).toEqual(new Array(7).fill([f32(1 / 7)]));
  });

  test('gaussian:15 and gaussian:15:3', () => {
    expect(summary(parseKernelSpec('gaussian:15'))).toEqual({ ...summary(gaussian(15)), name: 'gaussian:15' });
    expect(summary(parseKernelSpec('gaussian:15:3'))).toEqual({ ...summary(gaussian(15, 3)), name: 'gaussian:15:3' });
    expect(summary(parseKernelSpec('gaussian:5:0.5'))).toEqual(summary(gaussian(5, 0.5)));
    expect(summary(parseKernelSpec('gaussian:5:.5'))).toEqual(summary(gaussian(5, 0.5)));
    expect(summary(parseKernelSpec('gaussian:3:1e0'))).toEqual(summary(gaussian(3, 1)));
    // sigma 0 is OpenCV's "derive sigma from the size": the fixed table for 3.
    expect(parseKernelSpec('gaussian:3:0').toMatrix()).toEqual([
      [1 / 16, 1 / 8, 1 / 16],
      [1 / 8, 1 / 4, 1 / 8],
      [1 / 16, 1 / 8, 1 / 16],
    ]);
  });

  test('a JSON matrix', () => {
    const k = parseKernelSpec('[[0, -1, 0], [-1, 5, -1], [0, -1, 0]]');
    expect(summary(k)).toEqual({
      cols: 3,
      rows: 3,
      anchor: [1, 1],
      name: 'custom',
      matrix: [
        [0, -1, 0],
        [-1, 5, -1],
        [0, -1, 0],
      ],
    });
    expect(parseKernelSpec('[[0.1, 2]]', 'mine').toMatrix()).toEqual([[f32(0.1), 2]]);
    expect(parseKernelSpec('[[1, 2]]', 'mine').name).toBe('mine');
  });

  test('a JSON object with matrix, anchor and name', () => {
    const k = parseKernelSpec('{"matrix": [[1, 2], [3, 4]], "anchor": [0, 1], "name": "corner"}');
    expect(summary(k)).toEqual({
      cols: 2,
      rows: 2,
      anchor: [0, 1],
      name: 'corner',
      matrix: [
        [1, 2],
        [3, 4],
      ],
    });
    const unnamed = parseKernelSpec('{"matrix": [[1, 2, 3]]}', 'fallback');
    expect(summary(unnamed)).toEqual({ cols: 3, rows: 1, anchor: [1, 0], name: 'fallback', matrix: [[1, 2, 3]] });
  });

  /** Every malformed spec must end in a KernelError, never another exception type. */
  const MALFORMED: readonly (readonly [string, unknown, string])[] = [
    ['empty string', '', 'non-empty string'],
    ['blank string', '   ', 'non-empty string'],
    ['a number', 42, 'non-empty string'],
    ['null', null, 'non-empty string'],
    ['undefined', undefined, 'non-empty string'],
    ['an array', [[1]], 'non-empty string'],
    ['an object', { matrix: [[1]] }, 'non-empty string'],
    ['an unknown name', 'blur', 'no kernel named'],
    ['a name of the wrong case', 'Sobel_X', 'no kernel named'],
    ['an inherited property name', 'constructor', 'no kernel named'],
    ['box without size', 'box', 'box spec'],
    ['box: with empty size', 'box:', 'box spec'],
    ['box:0', 'box:0', 'box spec'],
    ['box:abc', 'box:abc', 'box spec'],
    ['box:-3', 'box:-3', 'box spec'],
    ['box:2.5', 'box:2.5', 'box spec'],
    ['box:05', 'box:05', 'box spec'],
    ['box:5x', 'box:5x', 'box spec'],
    ['box:5x3x2', 'box:5x3x2', 'box spec'],
    ['box:3:3', 'box:3:3', 'box spec'],
    ['box: 3', 'box: 3', 'box spec'],
    ['box larger than allowed', 'box:9999', 'box size'],
    ['gaussian without size', 'gaussian', 'gaussian spec'],
    ['gaussian:0', 'gaussian:0', 'gaussian spec'],
    ['gaussian:x', 'gaussian:x', 'gaussian spec'],
    ['gaussian:15:-x', 'gaussian:15:-x', 'gaussian spec'],
    ['gaussian:15:-1', 'gaussian:15:-1', 'gaussian spec'],
    ['gaussian:15:', 'gaussian:15:', 'gaussian spec'],
    ['gaussian:15:NaN', 'gaussian:15:NaN', 'gaussian spec'],
    ['gaussian:15:Infinity', 'gaussian:15:Infinity', 'gaussian spec'],
    ['gaussian:15:3:1', 'gaussian:15:3:1', 'gaussian spec'],
    ['gaussian sigma that overflows', 'gaussian:15:1e999', 'sigma'],
    ['gaussian larger than allowed', 'gaussian:1000', 'gaussian size'],
    ['bad JSON', '[[1, 2]', 'does not parse'],
    ['bad JSON object', '{matrix: [[1]]}', 'does not parse'],
    ['trailing garbage', '[[1]] x', 'does not parse'],
    ['JSON empty matrix', '[]', 'non-empty array of rows'],
    ['JSON empty row', '[[]]', 'row 0'],
    ['JSON flat array', '[1, 2, 3]', 'row 0'],
    ['JSON ragged matrix', '[[1, 2], [3]]', 'same length'],
    ['JSON string weight', '[[1, "2"]]', 'must be a number'],
    ['JSON null weight', '[[1, null]]', 'must be a number'],
    ['JSON nested too deep', '[[[1]]]', 'must be a number'],
    ['JSON weight beyond float32', '[[1e39]]', 'finite'],
    ['JSON weight overflowing float64', '[[1e999]]', 'finite'],
    ['JSON object without matrix', '{}', 'non-empty array of rows'],
    ['JSON object with unknown field', '{"matrix": [[1]], "scale": 2}', 'unknown kernel field "scale"'],
    ['JSON object with __proto__', '{"matrix": [[1]], "__proto__": {"anchor": [0, 0]}}', 'unknown kernel field'],
    ['JSON object with a bad anchor', '{"matrix": [[1, 2]], "anchor": [2, 0]}', 'anchor'],
    ['JSON object with a string anchor', '{"matrix": [[1, 2]], "anchor": "0,0"}', 'anchor'],
    ['JSON object with a numeric name', '{"matrix": [[1]], "name": 3}', 'name must be a string'],
    ['JSON object with a matrix string', '{"matrix": "[[1]]"}', 'non-empty array of rows'],
  ];

  test.each(MALFORMED)('%s gives a KernelError', (_, spec, phrase) => {
    let error: unknown;
    try {
      parseKernelSpec(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KernelError);
    expect((error as Error).message).toContain(phrase);
  });
});

describe('kernelFromJson', () => {
  test('a matrix, named by the second argument', () => {
    expect(summary(kernelFromJson([[1, 2, 3]], 'row'))).toEqual({ cols: 3, rows: 1, anchor: [1, 0], name: 'row', matrix: [[1, 2, 3]] });
    expect(kernelFromJson([[1]]).name).toBe('custom');
  });

  test('an object: its own name wins over the argument', () => {
    expect(kernelFromJson({ matrix: [[1, 2]], anchor: [1, 0], name: 'own' }, 'given').name).toBe('own');
    expect(kernelFromJson({ matrix: [[1, 2]] }, 'given').name).toBe('given');
  });

  test('anything else is a KernelError', () => {
    for (const value of [null, 3, 'x', true, undefined]) {
      expect(() => kernelFromJson(value)).toThrow(KernelError);
    }
    expect(() => kernelFromJson({ matrix: [[1]], extra: 1 })).toThrow(/unknown kernel field "extra"/);
  });
});

describe('resolveKernel', () => {
  test('a Kernel is returned as is', () => {
    const k = Kernel.from([[1, 2]]);
    expect(resolveKernel(k)).toBe(k);
  });

  test('a string is parsed as a spec', () => {
    expect(resolveKernel('laplacian')).toBe(bank.laplacian);
    expect(summary(resolveKernel('box:5x3'))).toEqual(summary(box(5, 3)));
    expect(summary(resolveKernel('[[1, 2], [3, 4]]'))).toEqual(
      summary(
        Kernel.from([
          [1, 2],
          [3, 4],
        ]),
      ),
    );
  });

  test('a matrix is made a kernel', () => {
    expect(
      summary(
        resolveKernel([
          [0, 1],
          [2, 3],
        ]),
      ),
    ).toEqual({
      cols: 2,
      rows: 2,
      anchor: [1, 1],
      name: 'custom',
      matrix: [
        [0, 1],
        [2, 3],
      ],
    });
  });

  test('malformed input is a KernelError', () => {
    for (const bad of ['', 'nope', 'box:0', [], [[1], [1, 2]], 7, null]) {
      expect(() => resolveKernel(bad as never)).toThrow(KernelError);
    }
  });
});
