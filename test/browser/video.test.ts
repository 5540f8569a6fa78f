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
    const filter = createFilterCanvas({
      source: image,
      kernel: 'sobel_x',
      output: 'abs',
      autoStart: false,
      onFrame: () => (shown = shownPixels(filter.canvas)),
    });
    const snapshot = await filter.snapshot();
    const check = checkSnapshot(snapshot, shown!);
    filter.dispose();
    return { check, live: window.liveCounts(), size: [filter.canvas.width, filter.canvas.height] };
  });
  console.log(JSON.stringify(out));
  expect(out.check.result.differing).toBe(0);
  expect(out.check.shown!.differing).toBe(0);
});

test('filterWebcam shows the camera filtered, follows live kernel, border and channel changes, and streams the result', async () => {
  const out = await t.page.evaluate(async () => {
    const { filterWebcam, cpuFilter } = window.kernelgl;
    const { compare } = window.parity;
    const before = window.liveCounts();
    const opened = window.cameraTracks.length;
    const canvas = document.createElement('canvas');
    document.body.append(canvas);
    const cam = await filterWebcam(canvas, 'sobel_x', { output: 'abs', camera: { width: 160, height: 120 } });
    const settings: [string, Record<string, string>][] = [
      ['sobel_x', { output: 'abs' }],
      ['large_blur', { output: 'abs' }],
      ['large_blur', { output: 'abs', border: 'constant' }],
      ['prewitt_y', { output: 'abs', border: 'constant', channels: 'gray' }],
      ['[[0, 0, 0], [0, 0, 1], [0, 0, 0]]', { output: 'saturate', border: 'wrap', channels: 'rgba' }],
    ];
    const checks = [];
    let previous: Record<string, string> = {};
    for (const [kernel, options] of settings) {
      cam.filter.setKernel(kernel);
      cam.filter.setOptions({ ...Object.fromEntries(Object.keys(previous).map((k) => [k, undefined])), ...options });
      previous = options;
      // The next frames of the running camera, not a redraw: wait for two more frames, then take one.
      const frames = cam.filter.stats.frames;
      await new Promise<void>((resolve) => {
        const poll = () => (cam.filter.stats.frames >= frames + 2 ? resolve() : setTimeout(poll, 10));
        poll();
      });
      const snapshot = await cam.filter.snapshot();
      checks.push({ kernel, differing: compare(snapshot.result, cpuFilter(snapshot.source, kernel, options)).differing });
    }
    const output = cam.output();
    const video = Object.assign(document.createElement('video'), { muted: true, srcObject: output });
    await video.play();
    await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
    const outputSize = [video.videoWidth, video.videoHeight];
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const stats = cam.filter.stats;
    cam.dispose();
    cam.dispose();
    canvas.remove();
    return {
      checks,
      outputSize,
      stats,
      tracks: window.cameraTracks.slice(opened).map((track) => track.readyState),
      outputTracks: output.getTracks().map((track) => track.readyState),
      before,
      after: window.liveCounts(),
    };
  });
  for (const check of out.checks) expect(check).toEqual({ kernel: check.kernel, differing: 0 });
  expect(out.outputSize).toEqual([160, 120]);
  expect(out.stats).toMatchObject({ width: 160, height: 120, gpuTiming: expect.stringMatching(/^(fence|timer-query)$/) });
  expect(out.stats.fps).toBeGreaterThan(0);
  expect(out.stats.gpuMs).toBeGreaterThan(0);
  expect(out.tracks).toEqual(['ended']);
  expect(out.outputTracks).toEqual(['ended']);
  expect(out.after).toEqual(out.before);
});

test('a denied camera rejects with an ImageError that says so', async () => {
  const out = await t.page.evaluate(async () => {
    const { filterWebcam } = window.kernelgl;
    const original = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    try {
      await filterWebcam(document.createElement('canvas'), 'sharpen');
      return null;
    } catch (error) {
      const { name, code, message } = error as import('../../src/index.js').KernelglError;
      return { name, code, message };
    } finally {
      navigator.mediaDevices.getUserMedia = original;
    }
  });
  expect(out).toMatchObject({ name: 'ImageError', code: 'ERR_IMAGE' });
  expect(out!.message).toContain('denied');
});

test('the display transform maps the image square onto the canvas by fit and mirror', async () => {
  const out = await t.page.evaluate(() => {
    const { displayTransform } = window.internals;
    // Where the image corners (u, v) = (0, 0) and (1, 1) land in clip space.
    const corners = (image: [number, number], canvas: [number, number], fit: 'contain' | 'cover' | 'fill', mirror = false) => {
      const m = displayTransform({ width: image[0], height: image[1] }, { width: canvas[0], height: canvas[1] }, { fit, mirror });
      const at = (u: number, v: number) => [m[0] * u + m[4] * v + m[12], m[1] * u + m[5] * v + m[13]];
      return [...at(0, 0), ...at(1, 1)];
    };
    return {
      same: corners([64, 48], [64, 48], 'contain'),
      containWide: corners([100, 50], [100, 100], 'contain'),
      coverWide: corners([100, 50], [100, 100], 'cover'),
      fill: corners([100, 50], [30, 70], 'fill'),
      mirrored: corners([64, 48], [64, 48], 'fill', true),
    };
  });
  // Top-left of the image at the canvas's top-left (clip y = +1 is the top).
  expect(out.same).toEqual([-1, 1, 1, -1]);
  expect(out.containWide).toEqual([-1, 0.5, 1, -0.5]);
  expect(out.coverWide).toEqual([-2, 1, 2, -1]);
  expect(out.fill).toEqual([-1, 1, 1, -1]);
  expect(out.mirrored).toEqual([1, 1, -1, -1]);
});

test('a lost context skips frames; after the restore the same filter draws exact frames again', async () => {
  const out = await t.page.evaluate(async () => {
    const { createFilterCanvas } = window.kernelgl;
    const { testImage, checkSnapshot, nextEvent } = window.live;
    const filter = createFilterCanvas({ source: testImage(24, 16, 9), kernel: 'scharr_x', output: 'abs' });
    const lose = filter.canvas.getContext('webgl2')!.getExtension('WEBGL_lose_context')!;
    const lost = nextEvent(filter.canvas, 'webglcontextlost');
    lose.loseContext();
    await lost;
    const framesBefore = filter.stats.frames;
    filter.render();
    const whileLost = { frames: filter.stats.frames - framesBefore, dropped: filter.stats.dropped };
    const restored = nextEvent(filter.canvas, 'webglcontextrestored');
    // The browser accepts a restore only in a later task than the loss.
    await new Promise((resolve) => setTimeout(resolve, 0));
    lose.restoreContext();
    await restored;
    filter.setKernel('scharr_y');
    const after = checkSnapshot(await filter.snapshot()).result.differing;
    const kernel = filter.settings.kernel.name;
    filter.dispose();
    return { whileLost, after, kernel };
  });
  expect(out.whileLost).toEqual({ frames: 0, dropped: 1 });
  expect(out).toMatchObject({ after: 0, kernel: 'scharr_y' });
});

test('without requestVideoFrameCallback the loop follows the video on animation frames, once per new frame', async () => {
  const out = await t.page.evaluate(async () => {
    const { createFilterCanvas } = window.kernelgl;
    const { checkSnapshot, nextEvent } = window.live;
    const proto = HTMLVideoElement.prototype as unknown as Record<string, unknown>;
    const saved = Object.getOwnPropertyDescriptor(proto, 'requestVideoFrameCallback')!;
    delete proto.requestVideoFrameCallback;
    try {
      const video = Object.assign(document.createElement('video'), { muted: true, loop: true, src: '/test/fixtures/video/clip.webm' });
      const loaded = nextEvent(video, 'loadeddata');
      await video.play();
      await loaded;
      const filter = createFilterCanvas({ source: video, kernel: 'sobel_y', output: 'abs' });
      let animationFrames = 0;
      const count = () => {
        animationFrames++;
        if (filter.stats.frames < 20) requestAnimationFrame(count);
      };
      requestAnimationFrame(count);
      const media0 = video.getVideoPlaybackQuality().totalVideoFrames;
      while (filter.stats.frames < 20) await new Promise((resolve) => setTimeout(resolve, 20));
      const frames = filter.stats.frames;
      const media = video.getVideoPlaybackQuality().totalVideoFrames - media0;
      const differing = checkSnapshot(await filter.snapshot()).result.differing;
      filter.dispose();
      video.pause();
      return { differing, frames, animationFrames, media };
    } finally {
      Object.defineProperty(proto, 'requestVideoFrameCallback', saved);
    }
  });
  expect(out.differing).toBe(0);
  // At most one draw per new video frame (plus the first), although animation frames come more often.
  expect(out.frames).toBeLessThanOrEqual(out.media + 1);
  expect(out.animationFrames).toBeGreaterThan(out.frames);
});
