// Capturing a live display canvas outside its frame callback: drawImage and
// toBlob give the frame shown, equal to the CPU reference. A canvas without a
// preserved drawing buffer is cleared once composited, and captures blank.
import type { ElementHandle } from 'puppeteer-core';
import { expect, test } from 'vitest';
import { useTestPage } from '../support/page.js';

const page = useTestPage('test/browser/video.html');

/** The test image (opaque, so captures keep RGB exactly), its kernel and options. */
const CASE = { width: 41, height: 29, seed: 3, kernel: 'sobel_x', options: { output: 'abs' } } as const;

/**
 * Waits until the page has composited `canvas` a few times, then captures
 * it by drawImage and by toBlob, and compares both with the CPU reference.
 */
async function capture(canvas: ElementHandle<HTMLCanvasElement>) {
  return canvas.evaluate(async (canvas, { width, height, seed, kernel, options }) => {
    const { cpuFilter } = window.kernelgl;
    const { testImage, shownPixels } = window.live;
    const { compare } = window.parity;
    for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const drawn = shownPixels(canvas);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve));
    const bitmap = await createImageBitmap(blob!);
    const decoded = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    decoded.drawImage(bitmap, 0, 0);
    const cpu = cpuFilter(testImage(width, height, seed), kernel, options);
    const check = (shown: ImageData) => ({
      opaque: shown.data.filter((v, k) => (k & 3) === 3 && v === 255).length,
      ...compare({ width: shown.width, data: Uint8ClampedArray.from(shown.data) }, cpu),
    });
    return {
      size: [canvas.width, canvas.height],
      drawImage: check(drawn),
      toBlob: check(decoded.getImageData(0, 0, bitmap.width, bitmap.height)),
    };
  }, CASE);
}

/** What a capture of the exact frame looks like: every pixel opaque and equal to the reference. */
const EXACT = {
  size: [CASE.width, CASE.height],
  drawImage: { opaque: CASE.width * CASE.height, differing: 0 },
  toBlob: { opaque: CASE.width * CASE.height, differing: 0 },
};

test('a filter canvas captured after its frame shows that frame', async () => {
  const filter = await page().page.evaluateHandle(({ width, height, seed, kernel, options }) => {
    const { testImage } = window.live;
    const filter = window.kernelgl.createFilterCanvas({ source: testImage(width, height, seed), kernel, ...options });
    // In the page, so it is composited as a shown canvas is.
    document.body.append(filter.canvas);
    return filter;
  }, CASE);
  const out = await capture(await filter.evaluateHandle((filter) => filter.canvas));
  await filter.evaluate((filter) => {
    filter.dispose();
    filter.canvas.remove();
  });
  expect(out).toMatchObject(EXACT);
});

test('a <kernel-filter> canvas captured after its frame shows that frame', async () => {
  const element = await page().page.evaluateHandle(async ({ width, height, seed, kernel, options }) => {
    const { testImage, pngUrl, mountFilter, settle } = window.live;
    const element = mountFilter({ src: pngUrl(testImage(width, height, seed)), kernel, ...options }, width, height);
    await settle(element);
    return element;
  }, CASE);
  const canvas = (await element.$('pierce/canvas[part="canvas"]')) as ElementHandle<HTMLCanvasElement>;
  const out = await capture(canvas);
  await element.evaluate((element) => element.remove());
  expect(out).toMatchObject(EXACT);
});
