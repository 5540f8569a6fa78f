import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPage, type TestPage } from '../support/page.js';

let t: TestPage;
beforeAll(async () => {
  t = await openPage('test/browser/video.html');
});
afterAll(async () => t?.close());

test('a still image is shown filtered, pixel for pixel equal to the CPU reference', async () => {
  const out = await t.page.evaluate(async () => {
    const { createFilterCanvas } = window.kernelgl;
    const { testImage, shownPixels, checkSnapshot } = window.live;
    const image = testImage(41, 29, 3);
    let shown: ImageData | null = null;
    const filter = createFilterCanvas({ source: image, kernel: 'sobel_x', output: 'abs', autoStart: false, onFrame: () => (shown = shownPixels(filter.canvas)) });
    const snapshot = await filter.snapshot();
    const check = checkSnapshot(snapshot, shown!);
    filter.dispose();
    return { check, live: window.liveCounts(), size: [filter.canvas.width, filter.canvas.height] };
  });
  console.log(JSON.stringify(out));
  expect(out.check.result.differing).toBe(0);
  expect(out.check.shown!.differing).toBe(0);
});
