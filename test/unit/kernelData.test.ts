import { describe, expect, test } from 'vitest';
import { bank, gaussian } from '../../src/bank.js';
import { KernelError } from '../../src/errors.js';
import { filters } from '../../src/filters.js';
import { parseFilterSpec, renamed, type Filter } from '../../src/filterSpec.js';
import { Kernel } from '../../src/kernel.js';
import { filterData, filterFromData, kernelData, kernelFromData } from '../../src/kernelData.js';
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

describe('filterData: any filter as plain data', () => {
  const through = (filter: Filter): Filter[] =>
    [JSON.parse(JSON.stringify(filterData(filter))), structuredClone(filterData(filter))].map(filterFromData);

  test('median, every morphology form and bilateral come back as the same filter, with their names', () => {
    const cases: Filter[] = [
      filters.median(5),
      filters.erode({ shape: 'ellipse', size: [7, 5] }),
      parseFilterSpec('close:ellipse:9:2'),
      parseFilterSpec('{"morph":"tophat","element":[[0,1,0],[1,1,1],[0,1,0]],"anchor":[0,1],"iterations":2}'),
      filters.dilate({ shape: 'cross', size: 5, anchor: [0, 4] }),
      filters.bilateral(9, 75, 75),
      filters.bilateral(-1, 20.5, 1.25),
      renamed(filters.median(3), 'despeckle'),
      renamed(parseFilterSpec('gradient:rect:3x5'), 'custom1'),
    ];
    for (const filter of cases) {
      for (const back of through(filter)) {
        // A shape with its anchor off centre travels as its mask (a JSON spec), so it comes back labelled `custom`; the element is the same.
        const label = 'shape' in back && back.spec.startsWith('{') ? { shape: (filter as typeof back).shape } : {};
        expect({ ...back, ...label }).toEqual(filter);
        expect(back.name).toBe(filter.name);
      }
    }
  });

  test('a kernel goes as KernelData, exactly', () => {
    const kernel = new Kernel(2, 1, [1 / 3, -7], { anchor: [1, 0], name: 'k' });
    expect(filterData(kernel)).toEqual(kernelData(kernel));
    for (const back of through(kernel)) {
      expect(back).toBeInstanceOf(Kernel);
      expect(Array.from((back as Kernel).weights)).toEqual(Array.from(kernel.weights));
      expect(back.name).toBe('k');
    }
  });

  test('a spec that describes no filter is refused as a KernelError', () => {
    expect(() => filterFromData({ spec: 'median:4', name: 'x' })).toThrow(KernelError);
    expect(() => filterFromData({ spec: '{"morph":"erode"}', name: 'x' })).toThrow(KernelError);
  });
});

describe('reason: a message without the kernelgl: prefix', () => {
  test('of an error, of a message, and only at the start', () => {
    expect(reason(new KernelError('bad anchor'))).toBe('bad anchor');
    expect(reason('kernelgl: from a worker')).toBe('from a worker');
    expect(reason(new Error('plain; kernelgl: stays'))).toBe('plain; kernelgl: stays');
  });
});
