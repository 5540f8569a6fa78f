// A hidden page skips frames instead of queueing them: no frame is drawn while
// the tab is hidden, and the frames the camera showed meanwhile count as dropped.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPage, type TestPage } from '../support/page.js';

let t: TestPage;
let other: TestPage;
beforeAll(async () => {
  t = await openPage('test/browser/video.html');
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

test('a hidden tab draws nothing and counts the frames it skipped as dropped', async () => {
  await t.page.evaluate(async () => {
    const { filterWebcam } = window.kernelgl;
    const cam = await filterWebcam(document.createElement('canvas'), 'sobel_x', { camera: { width: 160, height: 120 } });
    Object.assign(window, { hiddenCam: cam });
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
  type Cam = import('../../src/index.js').WebcamFilter;
  const stats = () =>
    t.page.evaluate(() => ({ ...(window as unknown as { hiddenCam: Cam }).hiddenCam.filter.stats, hidden: document.hidden }));
  const visible = await stats();
  other = await openPage('test/browser/video.html');
  await other.page.bringToFront();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const hiddenStart = await stats();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const hiddenEnd = await stats();
  await t.page.bringToFront();
  await new Promise((resolve) => setTimeout(resolve, 800));
  const back = await stats();
  await t.page.evaluate(() => (window as unknown as { hiddenCam: Cam }).hiddenCam.dispose());
  console.log(JSON.stringify({ visible, hiddenStart, hiddenEnd, back }));
  expect(visible.hidden).toBe(false);
  expect(hiddenEnd.hidden).toBe(true);
  expect(hiddenEnd.frames - hiddenStart.frames).toBe(0);
  expect(back.frames).toBeGreaterThan(hiddenEnd.frames);
  expect(back.dropped).toBeGreaterThan(hiddenEnd.dropped);
});
