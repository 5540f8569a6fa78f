// The filter canvas in a worker: fed by a camera track (MediaStreamTrackProcessor)
// or by frames posted from a <video>, exact against the CPU reference, with
// live changes and a filtered output track; pushed frames are never queued.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPage, type TestPage } from '../support/page.js';

let t: TestPage;
beforeAll(async () => {
  t = await openPage('test/browser/video.html');
});
afterAll(async () => t?.close());

test('a worker filters camera frames read through MediaStreamTrackProcessor; changes apply to the next frames', async () => {
  const out = await t.page.evaluate(async () => {
    const { createWorkerFilter, cpuFilter } = window.kernelgl;
    const { compare } = window.parity;
    const camera = await navigator.mediaDevices.getUserMedia({ video: { width: 160, height: 120 } });
    const [track] = camera.getVideoTracks();
    const canvas = document.createElement('canvas');
    document.body.append(canvas);
    const filter = createWorkerFilter(canvas, { kernel: 'sobel_y', output: 'abs' });
    const renderer = await filter.ready;
    filter.feed(track!);
    const check = async (kernel: string, options: Record<string, string>) => {
      const snapshot = await filter.snapshot();
      const cpu = cpuFilter(snapshot.source, kernel, options);
      return {
        kernel: snapshot.kernel.name,
        differing: compare(snapshot.result, cpu).differing,
        size: [snapshot.result.width, snapshot.result.height],
      };
    };
    const first = await check('sobel_y', { output: 'abs' });
    filter.setKernel('gaussian:7:2');
    filter.setOptions({ output: 'saturate', border: 'wrap', channels: 'gray' });
    const second = await check('gaussian:7:2', { output: 'saturate', border: 'wrap', channels: 'gray' });
    // Filters beyond kernels travel to the worker as their specs; a border no longer given is the kind's own again.
    const opening = '{"morph":"open","element":[[1,1,0],[0,1,1]],"anchor":[1,0],"iterations":2}';
    filter.setKernel(opening);
    const third = await check(opening, { output: 'saturate', border: 'wrap', channels: 'gray' });
    filter.setKernel(window.kernelgl.filters.dilate({ shape: 'ellipse', size: [5, 3] }));
    filter.setOptions({ border: undefined, channels: 'rgb' });
    const fourth = await check('dilate:ellipse:5x3', { output: 'saturate' });
    const output = await filter.outputTrack();
    const video = Object.assign(document.createElement('video'), { muted: true, srcObject: new MediaStream([output]) });
    await video.play();
    await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
    const outputSize = [video.videoWidth, video.videoHeight];
    await new Promise((resolve) => setTimeout(resolve, 400));
    const stats = filter.stats;
    filter.dispose();
    track!.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    return {
      renderer,
      first,
      second,
      third,
      fourth,
      outputSize,
      outputEnded: output.readyState,
      stats,
      processor: 'MediaStreamTrackProcessor' in window,
    };
  });
  expect(out.processor).toBe(true);
  expect(out.first).toEqual({ kernel: 'sobel_y', differing: 0, size: [160, 120] });
  expect(out.second).toEqual({ kernel: 'gaussian:7:2', differing: 0, size: [160, 120] });
  expect(out.third).toEqual({ kernel: 'open:custom', differing: 0, size: [160, 120] });
  expect(out.fourth).toEqual({ kernel: 'dilate:ellipse:5x3', differing: 0, size: [160, 120] });
  expect(out.outputSize).toEqual([160, 120]);
  expect(out.outputEnded).toBe('ended');
  expect(out.stats.frames).toBeGreaterThan(2);
  expect(out.stats.gpuMs).toBeGreaterThan(0);
});

test('a worker filters frames posted from a <video> on the page', async () => {
  const out = await t.page.evaluate(async () => {
    const { createWorkerFilter } = window.kernelgl;
    const { checkSnapshot, nextEvent } = window.live;
    const video = Object.assign(document.createElement('video'), { muted: true, loop: true, src: '/test/fixtures/video/clip.webm' });
    const loaded = nextEvent(video, 'loadeddata');
    await video.play();
    await loaded;
    const canvas = document.createElement('canvas');
    const filter = createWorkerFilter(canvas, { kernel: 'laplacian', border: 'reflect' });
    filter.feed(video);
    const snapshot = await filter.snapshot();
    const differing = checkSnapshot(snapshot).result.differing;
    filter.dispose();
    video.pause();
    return { differing, size: [snapshot.result.width, snapshot.result.height] };
  });
  expect(out).toEqual({ differing: 0, size: [160, 120] });
});

test('frames pushed faster than they are drawn are skipped, not queued, and every one is closed', async () => {
  const out = await t.page.evaluate(async () => {
    const { createFilterCanvas } = window.kernelgl;
    const before = window.liveCounts();
    const filter = createFilterCanvas({ kernel: 'box:3' });
    const source = new OffscreenCanvas(32, 24);
    source.getContext('2d')!.fillRect(4, 4, 8, 8);
    const frames = Array.from({ length: 10 }, (_, k) => new VideoFrame(source, { timestamp: k }));
    frames.forEach((frame) => filter.push(frame));
    const closedBeforeDraw = frames.filter((frame) => frame.format === null).length;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const stats = filter.stats;
    const closed = frames.filter((frame) => frame.format === null).length;
    filter.dispose();
    return {
      closedBeforeDraw,
      closed,
      frames: stats.frames,
      dropped: stats.dropped,
      size: [stats.width, stats.height],
      before,
      after: window.liveCounts(),
    };
  });
  expect(out).toMatchObject({ closedBeforeDraw: 9, closed: 10, frames: 1, dropped: 9, size: [32, 24] });
  expect(out.after).toEqual(out.before);
});
