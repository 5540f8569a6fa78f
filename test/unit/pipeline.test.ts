// Pipeline planning: shared nodes run once, and nesting is bounded so a deep
// tree is a clear error rather than a stack overflow.
import { describe, expect, test } from 'vitest';
import { KernelError } from '../../src/errors.js';
import { abs, edgeMagnitude, filter, magnitude, MAX_PIPELINE_DEPTH, planPipeline, source, type PipelineNode } from '../../src/pipeline.js';

describe('planPipeline', () => {
  test('a node read twice is one step: edge magnitude is two filters and a combiner', () => {
    const x = filter(source, 'sobel_x');
    expect(planPipeline(edgeMagnitude()).steps.map((s) => s.op)).toEqual(['filter', 'filter', 'magnitude']);
    expect(planPipeline(abs(x)).steps.map((s) => s.op)).toEqual(['filter', 'abs']);
    expect(planPipeline(magnitude(x, x)).steps.map((s) => s.op)).toEqual(['filter', 'magnitude']);
  });

  test(`${MAX_PIPELINE_DEPTH} nested nodes plan; deeper is a KernelError, not a stack overflow`, () => {
    const nest = (n: number): PipelineNode =>
      Array.from({ length: n - 1 }).reduce<PipelineNode>((node) => abs(node), filter(source, 'identity'));
    expect(MAX_PIPELINE_DEPTH).toBe(1000);
    expect(planPipeline(nest(1000)).steps).toHaveLength(1000);
    expect(() => planPipeline(nest(1001))).toThrow(KernelError);
    expect(() => planPipeline(nest(5000))).toThrow(/at most 1000 nodes deep/);
  });
});
