// The bytes a snapshot filtered are its own: they stay as filtered when the
// caller's image changes afterwards (the CPU fallback, which only reads, takes
// a byte image as it is).
import { expect, test } from 'vitest';
import { useTestPage } from '../support/page.js';

const page = useTestPage('test/browser/video.html');

test("a snapshot of a byte image keeps the bytes it filtered after the caller's image changes", async () => {
  const out = await page().page.evaluate(async () => {
    const { createFilterCanvas, cpuFilter } = window.kernelgl;
    const image = window.live.testImage(13, 7, 9);
    const original = Uint8ClampedArray.from(image.data);
    const filter = createFilterCanvas({ source: image, kernel: 'sharpen', autoStart: false });
    const snapshot = await filter.snapshot();
    image.data.fill(0);
    const kept = snapshot.source.data.every((value, k) => value === original[k]);
    const { differing } = window.parity.compare(snapshot.result, cpuFilter({ width: 13, height: 7, data: original }, 'sharpen'));
    filter.dispose();
    return { kept, differing };
  });
  expect(out).toEqual({ kept: true, differing: 0 });
});
