// Lifecycle: <kernel-filter> connected and disconnected 100 times, and a filter
// canvas run for 1,000 frames. Live WebGL objects (counted per kind by the
// test page's create*/delete* wrappers) return to where they started and stay
// flat while running; the JS heap after a forced GC stays flat; every camera
// track ends.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CDPSession } from 'puppeteer-core';
import { heapAfterGc, openPage, type TestPage } from '../support/page.js';
import { withoutPendingSync } from './glCounter.js';

/** Growth of the JS heap (after GC) that counts as flat: well under one leaked frame's worth per cycle. */
const HEAP_TOLERANCE_BYTES = 1_500_000;

let t: TestPage;
let cdp: CDPSession;
beforeAll(async () => {
  t = await openPage('test/browser/video.html');
  cdp = await t.page.createCDPSession();
});
afterAll(async () => {
  await cdp?.detach();
  await t?.close();
});

test('connecting and disconnecting <kernel-filter> 100 times leaks no WebGL object, heap or camera track', async () => {
  const cycles = (count: number) =>
    t.page.evaluate(async (count) => {
      const { mountFilter, settle, testImage, pngUrl } = window.live;
      const src = pngUrl(testImage(40, 30, 5));
      const kernels = ['sobel_x', 'large_blur', 'gaussian:9', 'sharpen'];
      for (let k = 0; k < count; k++) {
        // Half wait for the first frame; half are removed at once, while the camera or image is still opening.
        const attributes: Record<string, string> = k % 4 < 2 ? { webcam: '' } : { src };
        const element = mountFilter({ ...attributes, kernel: kernels[k % kernels.length]!, mirror: '' }, 160, 120);
        if (k % 2 === 0) {
          const outcome = await settle(element);
          if (!outcome.ready) throw new Error(`cycle ${k}: ${JSON.stringify(outcome)}`);
        }
        element.remove();
      }
      // Cameras still opening when their element left are stopped as they open.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return window.cameraTracks.map((track) => track.readyState);
    }, count);
  await cycles(4);
  const countsBefore = await t.page.evaluate(() => window.liveCounts());
  const heapBefore = await heapAfterGc(cdp);
  const tracks = await cycles(100);
  const countsAfter = await t.page.evaluate(() => window.liveCounts());
  const heapAfter = await heapAfterGc(cdp);
  console.log(`<kernel-filter> x100: heap ${heapBefore} -> ${heapAfter} bytes (${heapAfter - heapBefore}), ${tracks.length} camera tracks`);
  expect(countsBefore).toEqual({});
  expect(countsAfter).toEqual({});
  expect(tracks.length).toBe(52);
  expect(tracks.filter((state) => state !== 'ended')).toEqual([]);
  expect(heapAfter - heapBefore).toBeLessThan(HEAP_TOLERANCE_BYTES);
});

test('1,000 frames with live kernel and option changes: WebGL objects stay flat while running and return to zero after dispose; the heap stays flat', async () => {
  const setup = await t.page.evaluate(() => {
    const { createFilterCanvas } = window.kernelgl;
    const before = window.liveCounts();
    const source = Object.assign(document.createElement('canvas'), { width: 160, height: 120 });
    const g = source.getContext('2d')!;
    const filter = createFilterCanvas({ source, kernel: 'small_blur', border: 'reflect101', autoStart: false });
    const kernels = ['small_blur', 'sobel_x', 'gaussian:5', 'emboss'];
    const borders = ['reflect101', 'constant', 'wrap'] as const;
    let frame = 0;
    /** Draws `count` frames, each of a different source picture, a few per task. */
    const run = async (count: number) => {
      for (let k = 0; k < count; k++) {
        g.fillStyle = `hsl(${frame % 360} 70% 50%)`;
        g.fillRect(0, 0, 160, 120);
        g.fillStyle = '#fff';
        g.fillRect(frame % 160, (frame * 7) % 120, 20, 20);
        // Kernel and options change live every 50 frames: no WebGL object is left behind.
        if (frame % 50 === 0) {
          filter.setKernel(kernels[(frame / 50) % kernels.length]!);
          filter.setOptions({ border: borders[(frame / 50) % borders.length]!, channels: frame % 100 === 0 ? 'rgb' : 'gray' });
        }
        frame++;
        filter.render();
        if (k % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return window.liveCounts();
    };
    Object.assign(window, { lifecycleRun: run, lifecycleFilter: filter });
    return before;
  });
  type Run = (count: number) => Promise<Record<string, number>>;
  const run = (count: number) => t.page.evaluate((count) => (window as unknown as { lifecycleRun: Run }).lifecycleRun(count), count);
  const warm = await run(100);
  const heapBefore = await heapAfterGc(cdp);
  const during: Record<string, number>[] = [];
  for (let k = 0; k < 9; k++) during.push(await run(100));
  const heapAfter = await heapAfterGc(cdp);
  const end = await t.page.evaluate(() => {
    const filter = (window as unknown as { lifecycleFilter: import('../../src/index.js').FilterCanvas }).lifecycleFilter;
    const stats = filter.stats;
    filter.dispose();
    filter.dispose();
    return { stats, counts: window.liveCounts() };
  });
  console.log(
    `1,000 frames: heap ${heapBefore} -> ${heapAfter} bytes (${heapAfter - heapBefore}); live objects while running ${JSON.stringify(warm)}`,
  );
  expect(setup).toEqual({});
  expect(end.stats.frames).toBe(1000);
  // A fence may be in flight for the GPU timer: 0 or 1; every other kind exactly as after the first frames.
  for (const counts of during) expect(withoutPendingSync(counts)).toEqual(withoutPendingSync(warm));
  expect(warm.Texture).toBeGreaterThan(0);
  expect(end.counts).toEqual({});
  expect(heapAfter - heapBefore).toBeLessThan(HEAP_TOLERANCE_BYTES);
});
