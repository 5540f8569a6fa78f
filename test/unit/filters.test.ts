// The filters beyond linear kernels as a user names them (DESIGN.md section
// 6): structuring elements exactly as OpenCV's getStructuringElement builds
// them, specs and builders that make the same filters, plans that say what
// runs (each kind's default border, OpenCV's iterations rule), and clear,
// typed errors for everything malformed.
import { beforeAll, describe, expect, test } from 'vitest';
import { cpuFilter } from '../../src/cpu/filter.js';
import { KernelError, OptionError } from '../../src/errors.js';
import { filters } from '../../src/filters.js';
import { filterFromJson, parseFilterSpec, renamed, resolveFilter } from '../../src/filterSpec.js';
import { Kernel } from '../../src/kernel.js';
import { planFilter, type Plan } from '../../src/plan.js';
import { elementMatrix, iterated, shapeElement, SHAPES } from '../../src/structuringElement.js';
import { noiseImage } from '../support/noise.js';
import { loadOpenCv, type Cv } from '../support/opencv.js';

let cv: Cv;
beforeAll(async () => {
  ({ cv } = await loadOpenCv());
});

describe('structuring elements', () => {
  const CV_SHAPES = { rect: 'MORPH_RECT', cross: 'MORPH_CROSS', ellipse: 'MORPH_ELLIPSE' } as const;

  test('every shape and size 1..15 x 1..15 is getStructuringElement', () => {
    for (const shape of SHAPES) {
      for (let cols = 1; cols <= 15; cols++) {
        for (let rows = 1; rows <= 15; rows++) {
          const theirs = cv.getStructuringElement(cv[CV_SHAPES[shape]], new cv.Size(cols, rows));
          const expected = Array.from({ length: rows }, (_, j) => Array.from(theirs.data.subarray(j * cols, (j + 1) * cols)));
          theirs.delete();
          expect(elementMatrix(shapeElement(shape, cols, rows)), `${shape} ${cols}x${rows}`).toEqual(expected);
        }
      }
    }
  });

  test('a cross follows its anchor', () => {
    const theirs = cv.getStructuringElement(cv.MORPH_CROSS, new cv.Size(5, 4), new cv.Point(1, 3));
    const expected = Array.from({ length: 4 }, (_, j) => Array.from(theirs.data.subarray(j * 5, (j + 1) * 5)));
    theirs.delete();
    expect(elementMatrix(shapeElement('cross', 5, 4, [1, 3]))).toEqual(expected);
  });

  test('a full element iterated is one larger rectangle; others repeat', () => {
    const { element, times } = iterated(shapeElement('rect', 3, 5, [0, 4]), 3);
    expect([element.cols, element.rows, element.anchorX, element.anchorY, times]).toEqual([7, 13, 0, 12, 1]);
    expect(iterated(shapeElement('cross', 3, 3), 3).times).toBe(3);
  });
});

describe('specs and builders', () => {
  test.each([
    ['median:5', filters.median(5)],
    ['erode:rect:5', filters.erode({ size: 5 })],
    ['dilate:ellipse:7x5', filters.dilate({ shape: 'ellipse', size: [7, 5] })],
    ['close:ellipse:9:2', filters.close({ shape: 'ellipse', size: 9, iterations: 2 })],
    ['open:cross:3', filters.open({ shape: 'cross' })],
    ['bilateral:9:75:75', filters.bilateral(9, 75, 75)],
  ])('%s is the builder filter, and its name and spec', (spec, built) => {
    const parsed = parseFilterSpec(spec);
    expect(parsed).toEqual(built);
    expect([built.name, built.spec]).toEqual([spec, spec]);
    expect(parseFilterSpec(built.spec)).toEqual(built);
  });

  test('JSON morphology with a custom element and anchor round-trips through its spec', () => {
    const parsed = parseFilterSpec('{ "morph": "erode", "element": [[0,1,0],[1,1,1],[0,1,0]], "anchor": [1, 1], "iterations": 2 }');
    expect(parsed).toEqual(
      filters.erode({
        element: [
          [0, 1, 0],
          [1, 1, 1],
          [0, 1, 0],
        ],
        iterations: 2,
      }),
    );
    expect(parseFilterSpec((parsed as { spec: string }).spec)).toEqual(parsed);
    expect(filterFromJson({ morph: 'dilate', element: [[1, 1]], anchor: [0, 0] })).toMatchObject({
      shape: 'custom',
      name: 'dilate:custom',
    });
  });

  test('a shape with an anchor off its centre travels as JSON', () => {
    const off = filters.erode({ shape: 'cross', size: 5, anchor: [0, 0] });
    expect(off.spec.startsWith('{')).toBe(true);
    expect(parseFilterSpec(off.spec)).toMatchObject({ element: off.element, iterations: 1 });
  });

  test('kernel specs still parse as kernels; filters pass through; renamed keeps the filter', () => {
    expect(parseFilterSpec('sobel_x')).toBeInstanceOf(Kernel);
    expect(parseFilterSpec('box:3')).toBeInstanceOf(Kernel);
    const median = filters.median(3);
    expect(resolveFilter(median)).toBe(median);
    expect(renamed(median, 'denoise')).toMatchObject({ kind: 'median', size: 3, name: 'denoise', spec: 'median:3' });
  });

  test.each([
    ['median:4', /odd integer from 1 to 255/],
    ['median:0', /median spec/],
    ['median:5:1', /median:K/],
    ['erode:disk:3', /SHAPE one of rect, cross, ellipse/],
    ['erode:rect', /erode:SHAPE:W\[xH\]\[:ITERATIONS\]/],
    ['dilate:rect:3x', /dilate:SHAPE/],
    ['open:rect:3:0', /open:SHAPE/],
    ['close:rect:300', /integer from 1 to 255/],
    ['tophat:rect:200:2', /larger than 255/],
    ['bilateral:9:75', /bilateral:D:SIGMACOLOR:SIGMASPACE/],
    ['bilateral:x:1:1', /bilateral:D/],
    ['bilateral:0:10:1000', /wider than 255/],
    ['{ "morph": "erode" }', /needs "element"/],
    ['{ "morph": "melt", "element": [[1]] }', /one of erode, dilate, open/],
    ['{ "morph": "erode", "element": [[0, 0]] }', /at least one 1/],
    ['{ "morph": "erode", "element": [[1, 2]] }', /must be 0 or 1/],
    ['{ "morph": "erode", "element": [[1], [1, 1]] }', /must all have 1 cells/],
    ['{ "morph": "erode", "element": [[1]], "anchor": [1, 0] }', /anchor must be \[x, y\]/],
    ['{ "morph": "erode", "element": [[1]], "size": 3 }', /unknown morphology field "size"/],
    ['{ "morph": "erode", "element": [[1]], "iterations": 1.5 }', /iterations must be an integer/],
  ])('%s is refused with a KernelError that shows how', (spec, message) => {
    expect(() => parseFilterSpec(spec)).toThrow(KernelError);
    expect(() => parseFilterSpec(spec)).toThrow(message);
  });

  test('builders refuse bad values by name', () => {
    expect(() => filters.median(2.5)).toThrow(/median's size/);
    expect(() => filters.erode({ size: [3, 0] })).toThrow(/element height/);
    expect(() => filters.erode({ shape: 'disk' as 'rect' })).toThrow(/shape must be one of/);
    expect(() => filters.erode({ shape: 'rect', element: [[1]] })).toThrow(/not both/);
    expect(() => filters.erode({ sise: 3 } as object)).toThrow(/unknown structuring element option "sise"/);
    expect(() => filters.bilateral(9, Number.NaN, 1)).toThrow(/sigmaColor must be a finite number/);
    expect(() => filters.bilateral(2.5, 1, 1)).toThrow(/diameter must be an integer/);
    expect(() => filters.morphology('melt' as 'erode')).toThrow(KernelError);
  });
});

describe('plans', () => {
  const kind = (spec: string, options: object = {}): Plan => planFilter(resolveFilter(spec), options);

  test("each kind's default border is OpenCV's", () => {
    expect(kind('sobel_x').border).toBe('replicate');
    expect(kind('median:3').border).toBe('replicate');
    expect(kind('erode:rect:3').border).toBe('constant');
    expect(kind('bilateral:5:10:10').border).toBe('reflect101');
    expect(kind('bilateral:5:10:10', { border: 'wrap' }).border).toBe('wrap');
  });

  test('morphology: neutral border values per input type, a given value as given', () => {
    const erode = planFilter(resolveFilter('erode:cross:3'), {});
    const floats = planFilter(resolveFilter('dilate:cross:3'), {}, 'floats');
    const given = planFilter(resolveFilter('erode:cross:3'), { borderValue: 7.5 });
    if (erode.kind !== 'morphology' || floats.kind !== 'morphology' || given.kind !== 'morphology') throw new Error('not morphology');
    expect(erode.passes[0]!.outside).toEqual([255, 255, 255, 255]);
    expect(floats.passes[0]!.outside[0]).toBe(-3.4028234663852886e38);
    expect(given.passes[0]!.outside).toEqual([7.5, 7.5, 7.5, 7.5]);
  });

  test('a rectangle is a row pass then a column pass, unless plan is direct; other shapes are one pass per iteration', () => {
    const passes = (spec: string, options: object = {}): string[] => {
      const plan = kind(spec, options);
      return plan.kind === 'morphology' ? plan.passes.map((p) => `${p.op} ${p.cols}x${p.rows}`) : [];
    };
    expect(passes('erode:rect:5x3')).toEqual(['erode 5x1', 'erode 1x3']);
    expect(passes('erode:rect:5x3', { plan: 'direct' })).toEqual(['erode 5x3']);
    expect(passes('dilate:rect:3:2')).toEqual(['dilate 5x1', 'dilate 1x5']);
    expect(passes('open:ellipse:5:2')).toEqual(['erode 5x5', 'erode 5x5', 'dilate 5x5', 'dilate 5x5']);
    expect(passes('erode:cross:3', { mode: 'convolve' })).toEqual(['erode 3x3']);
  });

  test('bilateral: the radius rule and the disc', () => {
    const plan = (spec: string): Plan => kind(spec);
    expect(plan('bilateral:9:1:1')).toMatchObject({ radius: 4, reads: 49 });
    expect(plan('bilateral:0:1:3')).toMatchObject({ radius: 4 });
    expect(plan('bilateral:-1:1:0.2')).toMatchObject({ radius: 1, reads: 5 });
    expect(plan('bilateral:2:1:1')).toMatchObject({ radius: 1 });
  });

  test('options that have no meaning for a kind are refused, others checked as for kernels', () => {
    expect(() => kind('median:3', { plan: 'separable' })).toThrow(/no separable plan/);
    expect(() => kind('erode:ellipse:3', { plan: 'separable' })).toThrow(KernelError);
    expect(kind('erode:rect:3', { plan: 'separable' }).kind).toBe('morphology');
    expect(() => kind('median:3', { border: 'mirror' })).toThrow(OptionError);
    expect(() => kind('median:3', { size: 3 })).toThrow(/unknown option "size"/);
  });

  test('scale and delta apply to the result', () => {
    const image = noiseImage(5, 4, 3);
    const plain = cpuFilter(image, 'median:3', { output: 'float' }).data;
    const scaled = cpuFilter(image, 'median:3', { output: 'float', scale: 0.5, delta: 2 }).data;
    plain.forEach((v, k) => expect(scaled[k], `sample ${k}`).toBe(k % 4 === 3 ? v : Math.fround(Math.fround(v * 0.5) + 2)));
  });
});
