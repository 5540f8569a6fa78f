import { describe, expect, test } from 'vitest';
import { bank, gaussian } from '../../src/bank.js';
import { KernelError } from '../../src/errors.js';
import { Kernel } from '../../src/kernel.js';
import { kernelData, kernelFromData } from '../../src/kernelData.js';
import { reason } from '../../src/reason.js';

describe('kernelData: the one plain form of a kernel', () => {
  test('a kernel survives the round trip through JSON and structured clone exactly', () => {
    const odd = new Kernel(3, 2, [0.1, -1e-30, 2 ** -126, 1 / 3, 7, -0.5], { anchor: [2, 0], name: 'odd' });
    for (const kernel of [odd, gaussian(15, 3), bank.sobel_x.renamed('gx')]) {
      for (const data of [JSON.parse(JSON.stringify(kernelData(kernel))), structuredClone(kernelData(kernel))]) {
        const back = kernelFromData(data);
        expect([back.cols, back.rows, back.anchorX, back.anchorY, back.name]).toEqual([
          kernel.cols,
          kernel.rows,
          kernel.anchorX,
          kernel.anchorY,
          kernel.name,
        ]);
        expect(Array.from(back.weights)).toEqual(Array.from(kernel.weights));
      }
    }
  });

  test('data that describes no kernel is refused as a KernelError', () => {
    expect(() => kernelFromData({ cols: 2, rows: 1, weights: [1, 2], anchor: [2, 0], name: 'x' })).toThrow(KernelError);
    expect(() => kernelFromData({ cols: 2, rows: 2, weights: [1, 2], anchor: [0, 0], name: 'x' })).toThrow(KernelError);
  });
});

describe('reason: a message without the kernelgl: prefix', () => {
  test('of an error, of a message, and only at the start', () => {
    expect(reason(new KernelError('bad anchor'))).toBe('bad anchor');
    expect(reason('kernelgl: from a worker')).toBe('from a worker');
    expect(reason(new Error('plain; kernelgl: stays'))).toBe('plain; kernelgl: stays');
  });
});
