// The drawing-buffer size a live filter's `resolution` gives its canvas: a
// fixed size, each frame's size, or the canvas's layout size, followed as
// the layout changes (on the page, for a WorkerFilter's canvas in its worker).
import { expect, test } from 'vitest';
import { useTestPage } from '../support/page.js';

const page = useTestPage('test/browser/video.html');

test("a FilterCanvas takes a fixed size, the frame's size, or its layout size, redrawn when the layout changes", async () => {
  await page().page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
  const out = await page().page.evaluate(async () => {
    const { createFilterCanvas } = window.kernelgl;
    const canvas = document.createElement('canvas');
    canvas.style.cssText = 'display: block; width: 60px; height: 30px';
    document.body.append(canvas);
    const filter = createFilterCanvas({
      canvas,
      source: window.live.testImage(41, 29, 5),
      kernel: 'box:3',
      resolution: { width: 50, height: 40 },
    });
    const size = (): number[] => [canvas.width, canvas.height];
    const relayout = async (width: number): Promise<void> => {
      canvas.style.width = `${width}px`;
      // ResizeObserver reports after the next layout, within that animation frame.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    };
    const fixed = size();
    filter.setOptions({ resolution: 'source' });
    const source = size();
    filter.setOptions({ resolution: 'display' });
    const display = size();
    let frames = filter.stats.frames;
    await relayout(80);
    const followed = { size: size(), redrawn: filter.stats.frames - frames };
    filter.setOptions({ resolution: 'source' });
    frames = filter.stats.frames;
    await relayout(100);
    const unfollowed = { size: size(), redrawn: filter.stats.frames - frames };
    filter.dispose();
    canvas.remove();
    return { fixed, source, display, followed, unfollowed };
  });
  expect(out).toEqual({
    fixed: [50, 40],
    source: [41, 29],
    display: [60, 30],
    followed: { size: [80, 30], redrawn: 1 },
    unfollowed: { size: [41, 29], redrawn: 0 },
  });
});

test("a WorkerFilter follows its canvas's layout on the page and sizes the worker's canvas to it", async () => {
  await page().page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
  const out = await page().page.evaluate(async () => {
    const { createWorkerFilter } = window.kernelgl;
    const canvas = document.createElement('canvas');
    canvas.style.cssText = 'display: block; width: 64px; height: 48px';
    document.body.append(canvas);
    const filter = createWorkerFilter(canvas, { kernel: 'identity', resolution: 'display' });
    await filter.ready;
    const frame = new OffscreenCanvas(32, 24);
    frame.getContext('2d')!.fillRect(4, 4, 8, 8);
    let timestamp = 0;
    const pushing = setInterval(() => filter.push(new VideoFrame(frame, { timestamp: (timestamp += 33_000) })), 30);
    // The output track carries the worker's canvas, so its frames have the canvas's size.
    const video = Object.assign(document.createElement('video'), { muted: true, srcObject: new MediaStream([await filter.outputTrack()]) });
    await video.play();
    const sizeBecomes = async (width: number): Promise<number[]> => {
      for (let k = 0; k < 60 && video.videoWidth !== width; k++) await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
      return [video.videoWidth, video.videoHeight];
    };
    const first = await sizeBecomes(64);
    canvas.style.width = '96px';
    const followed = await sizeBecomes(96);
    filter.setOptions({ resolution: 'source' });
    const source = await sizeBecomes(32);
    clearInterval(pushing);
    filter.dispose();
    canvas.remove();
    return { first, followed, source };
  });
  expect(out).toEqual({ first: [64, 48], followed: [96, 48], source: [32, 24] });
});
