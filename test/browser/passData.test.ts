// What a run keeps and what it frees (src/gpu/weights.ts, heldTargets.ts).
// Weight textures are kept by pass content across runs, so a pipeline
// planned afresh for every call (as GpuFilter plans) uploads its weights on
// the first call only, even with two filters in it. A target goes back to
// the pool after its last reader, so a rank-2 separable filter makes three
// targets, not one per pass. And plans replaced every run (a kernel slider)
// take over the textures of earlier ones: the count of WebGL objects stays flat.
import { expect, test } from 'vitest';
import { useTestPage } from '../support/page.js';

const testPage = useTestPage('test/browser/engine.html');

test('edge magnitude (two filters) uploads its weights once, in colour and gray', async () => {
  for (const channels of ['rgb', 'gray'] as const) {
    const runs = await testPage().page.evaluate((channels) => {
      const { countPerRun, pipelines } = window.engineChecks;
      return countPerRun([pipelines.edgeMagnitude, pipelines.edgeMagnitude, pipelines.edgeMagnitude], { channels });
    }, channels);
    expect(runs[0]!.floatUploads, channels).toBeGreaterThan(0);
    expect(runs.slice(1), channels).toEqual([
      { floatUploads: 0, textures: 0, framebuffers: 0 },
      { floatUploads: 0, textures: 0, framebuffers: 0 },
    ]);
  }
});

test('a rank-2 separable filter (four passes) makes three targets: each row pass is freed after its column pass', async () => {
  const runs = await testPage().page.evaluate(() => {
    const { countPerRun, pipelines } = window.engineChecks;
    return countPerRun([pipelines.laplacianRank2, pipelines.laplacianRank2], { channels: 'rgba' });
  });
  // Two float32 targets take turns; the last pass writes the 8-bit result. Four weight textures.
  expect(runs).toEqual([
    { floatUploads: 4, textures: 3 + 4, framebuffers: 3 },
    { floatUploads: 0, textures: 0, framebuffers: 0 },
  ]);
});

test('ten gaussians in turn: each uploads its weights into the textures of the one before', async () => {
  const runs = await testPage().page.evaluate(() => {
    const { countPerRun, pipelines } = window.engineChecks;
    return countPerRun(pipelines.boxes, { channels: 'rgb' });
  });
  expect(runs[0]).toEqual({ floatUploads: 2, textures: 2 + 2, framebuffers: 2 });
  for (const run of runs.slice(1)) expect(run).toEqual({ floatUploads: 2, textures: 0, framebuffers: 0 });
});
