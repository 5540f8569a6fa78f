// <kernel-filter>: built from its attributes, parity of what it shows, live
// attribute changes, typed error events, and everything freed on disconnect.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPage, type TestPage } from '../support/page.js';

let t: TestPage;
beforeAll(async () => {
  t = await openPage('test/browser/video.html');
});
afterAll(async () => t?.close());

test('an image source is shown filtered exactly, and follows kernel, border, mode, channels and output changes', async () => {
  const out = await t.page.evaluate(async () => {
    const { cpuFilter } = window.kernelgl;
    const { testImage, pngUrl, mountFilter, settle, redrawAndRead, checkSnapshot } = window.live;
    const { compare } = window.parity;
    const before = window.liveCounts();
    const image = testImage(64, 48, 7);
    const element = mountFilter({ src: pngUrl(image), kernel: 'sobel_x', output: 'abs' }, 64, 48);
    const ready = await settle(element);
    const steps: Record<string, string>[] = [
      {},
      { kernel: 'gaussian:5:1.2' },
      { border: 'reflect' },
      { kernel: '{"matrix": [[1, 2], [3, -4]], "anchor": [0, 1]}', mode: 'convolve' },
      { channels: 'gray', border: 'constant' },
      { kernel: 'laplacian', output: 'saturate', channels: 'rgb', border: 'wrap' },
    ];
    const given: Record<string, string> = { kernel: 'sobel_x', output: 'abs' };
    const results = [];
    for (const step of steps) {
      for (const [name, value] of Object.entries(step)) element.setAttribute(name, value);
      Object.assign(given, step);
      const { kernel, ...options } = given;
      const cpu = cpuFilter(image, window.kernelgl.parseKernelSpec(kernel!), options);
      const shown = redrawAndRead(element);
      const snapshot = await element.snapshot();
      results.push({
        step,
        shown: compare({ ...cpu, data: Uint8ClampedArray.from(shown.data) }, cpu).differing,
        snapshot: checkSnapshot(snapshot).result.differing,
        sameInput: compare(
          { ...cpu, data: Uint8ClampedArray.from(snapshot.source.data) },
          { ...cpu, data: Uint8ClampedArray.from(image.data) },
        ).differing,
      });
    }
    element.remove();
    return { ready, results, before, after: window.liveCounts() };
  });
  expect(out.ready).toEqual({ ready: { width: 64, height: 48, renderer: expect.stringContaining('') } });
  for (const r of out.results) expect(r, JSON.stringify(r.step)).toMatchObject({ shown: 0, snapshot: 0, sameInput: 0 });
  expect(out.after).toEqual(out.before);
});

test('median, morphology and bilateral specs in the kernel attribute, with each kind its own border until one is given', async () => {
  const out = await t.page.evaluate(async () => {
    const { cpuFilter, parseFilterSpec } = window.kernelgl;
    const { testImage, pngUrl, mountFilter, settle, redrawAndRead, checkSnapshot } = window.live;
    const { compare } = window.parity;
    const image = testImage(40, 30, 9);
    const element = mountFilter({ src: pngUrl(image), kernel: 'median:5' }, 40, 30);
    const ready = await settle(element);
    // Each step sets attributes (null removes one); the result must equal cpuFilter with the attributes as given.
    const steps: Record<string, string | null>[] = [
      {},
      { kernel: 'erode:ellipse:5x3' },
      { border: 'reflect' },
      { border: null },
      { kernel: '{"morph": "gradient", "element": [[0, 1, 0], [1, 1, 1], [0, 1, 0]], "anchor": [1, 1]}', channels: 'gray' },
      { kernel: 'close:rect:3:2', channels: 'rgb' },
      { kernel: 'bilateral:5:40:3' },
      { kernel: 'dilate:cross:3', border: 'constant' },
    ];
    const given: Record<string, string> = { kernel: 'median:5' };
    const results = [];
    for (const step of steps) {
      for (const [name, value] of Object.entries(step)) {
        if (value === null) {
          element.removeAttribute(name);
          delete given[name];
        } else {
          element.setAttribute(name, value);
          given[name] = value;
        }
      }
      const { kernel, ...options } = given;
      const cpu = cpuFilter(image, parseFilterSpec(kernel!), options);
      const shown = redrawAndRead(element);
      const snapshot = await element.snapshot();
      results.push({
        step,
        shown: compare({ ...cpu, data: Uint8ClampedArray.from(shown.data) }, cpu).differing,
        snapshot: checkSnapshot(snapshot).result.differing,
        border: snapshot.result.plan.border,
        settings: element.filter!.settings.options.border,
      });
    }
    element.remove();
    return { ready, results };
  });
  expect(out.ready).toMatchObject({ ready: { width: 40, height: 30 } });
  for (const r of out.results) expect(r, JSON.stringify(r.step)).toMatchObject({ shown: 0, snapshot: 0 });
  const borders = out.results.map((r) => r.border);
  expect(borders).toEqual(['replicate', 'constant', 'reflect', 'constant', 'constant', 'constant', 'reflect101', 'constant']);
  expect(out.results.map((r) => r.settings)).toEqual(borders);
});

test('fit and mirror place the image with the display transform', async () => {
  const out = await t.page.evaluate(async () => {
    const { testImage, pngUrl, mountFilter, settle, redrawAndRead } = window.live;
    const image = testImage(16, 8, 11);
    const element = mountFilter({ src: pngUrl(image), kernel: 'identity' }, 32, 32);
    await settle(element);
    const pixel = (shown: ImageData, x: number, y: number) =>
      Array.from(shown.data.subarray((y * shown.width + x) * 4, (y * shown.width + x) * 4 + 4));
    const source = (x: number, y: number) => Array.from(image.data.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 4));
    const contain = redrawAndRead(element);
    element.setAttribute('mirror', '');
    const mirrored = redrawAndRead(element);
    element.setAttribute('fit', 'cover');
    element.removeAttribute('mirror');
    const cover = redrawAndRead(element);
    element.setAttribute('fit', 'fill');
    const fill = redrawAndRead(element);
    element.remove();
    return {
      // contain: 16x8 scaled 2x to 32x16, centred: rows 8..23.
      contain: {
        corner: pixel(contain, 0, 8),
        expected: source(0, 0),
        above: pixel(contain, 0, 7),
        last: pixel(contain, 31, 23),
        expectedLast: source(15, 7),
      },
      mirrored: { corner: pixel(mirrored, 0, 8), expected: source(15, 0) },
      // cover: scaled 4x to 64x32, centred: canvas x 0 is image x 4.
      cover: { corner: pixel(cover, 0, 0), expected: source(4, 0) },
      // fill: 2x across, 4x down.
      fill: { corner: pixel(fill, 31, 31), expected: source(15, 7), inner: pixel(fill, 5, 9), expectedInner: source(2, 2) },
    };
  });
  expect(out.contain.corner).toEqual(out.contain.expected);
  expect(out.contain.last).toEqual(out.contain.expectedLast);
  expect(out.contain.above).toEqual([0, 0, 0, 0]);
  expect(out.mirrored.corner).toEqual(out.mirrored.expected);
  expect(out.cover.corner).toEqual(out.cover.expected);
  expect(out.fill.corner).toEqual(out.fill.expected);
  expect(out.fill.inner).toEqual(out.fill.expectedInner);
});

test('bad attributes fire error events with typed kernelgl errors and keep the last good settings', async () => {
  const out = await t.page.evaluate(async () => {
    const { testImage, pngUrl, mountFilter, settle, nextEvent } = window.live;
    const errorOf = async (element: HTMLElement, change: () => void) => {
      const event = nextEvent(element, 'error');
      change();
      const { error } = (await event) as ErrorEvent;
      return { name: error.name, code: error.code, message: error.message };
    };
    const element = mountFilter({ src: pngUrl(testImage(8, 8, 1)), kernel: 'sharpen' }, 8, 8);
    await settle(element);
    const errors = [
      await errorOf(element, () => element.setAttribute('kernel', 'no_such_kernel')),
      await errorOf(element, () => element.setAttribute('kernel', '[[1, 2], [3]]')),
      await errorOf(element, () => element.setAttribute('kernel', 'alert(1)')),
      await errorOf(element, () => element.setAttribute('kernel', 'median:4')),
      await errorOf(element, () => element.setAttribute('kernel', 'erode:disc:5')),
      await errorOf(element, () => element.setAttribute('kernel', '{"morph": "erode", "element": [[0, 0]]}')),
      await errorOf(element, () => element.setAttribute('border', 'mirror')),
      await errorOf(element, () => element.setAttribute('fit', 'stretch')),
    ];
    const kept = element.filter!.settings.kernel.name;
    element.remove();
    const broken = mountFilter({ src: 'data:text/plain,not-an-image', kernel: 'sharpen' }, 8, 8);
    const load = await settle(broken);
    broken.remove();
    const badStart = mountFilter({ kernel: '<img src=x onerror=alert(1)>' }, 8, 8);
    const start = await settle(badStart);
    const markup = badStart.shadowRoot!.innerHTML.includes('onerror');
    badStart.remove();
    return { errors, kept, load, start, markup };
  });
  expect(out.errors.map((e) => e.code)).toEqual([...Array<string>(6).fill('ERR_KERNEL'), 'ERR_OPTION', 'ERR_OPTION']);
  expect(out.errors[3]!.message).toContain('odd integer from 1 to 255');
  expect(out.errors[4]!.message).toContain('SHAPE one of rect, cross, ellipse');
  expect(out.errors[6]!.message).toContain("'reflect101'");
  expect(out.kept).toBe('sharpen');
  expect(out.load.error).toMatchObject({ name: 'ImageError', code: 'ERR_IMAGE' });
  expect(out.start.error).toMatchObject({ name: 'KernelError', code: 'ERR_KERNEL' });
  expect(out.markup).toBe(false);
});

test('a video src plays filtered; snapshots of the running video match the CPU reference', async () => {
  const out = await t.page.evaluate(async () => {
    const { mountFilter, settle, checkSnapshot } = window.live;
    const element = mountFilter({ src: '/test/fixtures/video/clip.webm', kernel: 'small_blur', border: 'reflect101' }, 160, 120);
    const ready = await settle(element);
    const first = await element.snapshot();
    const framesBefore = element.stats!.frames;
    await new Promise((r) => setTimeout(r, 500));
    element.setAttribute('kernel', 'scharr_y');
    element.setAttribute('output', 'abs');
    const second = await element.snapshot();
    const frames = element.stats!.frames - framesBefore;
    element.remove();
    return {
      ready,
      first: checkSnapshot(first).result.differing,
      second: checkSnapshot(second).result.differing,
      secondKernel: second.kernel.name,
      secondOutput: second.options.output,
      frames,
    };
  });
  expect(out.ready).toMatchObject({ ready: { width: 160, height: 120 } });
  expect(out).toMatchObject({ first: 0, second: 0, secondKernel: 'scharr_y', secondOutput: 'abs' });
  expect(out.frames).toBeGreaterThan(2);
});

test('the webcam attribute shows the camera filtered; disconnecting ends the camera tracks', async () => {
  const out = await t.page.evaluate(async () => {
    const { mountFilter, settle, checkSnapshot } = window.live;
    const before = window.liveCounts();
    const opened = window.cameraTracks.length;
    const element = mountFilter({ webcam: '', kernel: 'emboss', channels: 'gray', mirror: '' }, 160, 120);
    const ready = await settle(element);
    const snapshot = await element.snapshot();
    const live = window.cameraTracks.slice(opened).map((track) => track.readyState);
    element.remove();
    return {
      ready,
      size: { width: snapshot.source.width, height: snapshot.source.height },
      parity: checkSnapshot(snapshot).result.differing,
      live,
      ended: window.cameraTracks.slice(opened).map((track) => track.readyState),
      before,
      after: window.liveCounts(),
    };
  });
  // The whole outcome, so that an error event in place of ready fails with settle()'s error in the message.
  expect(out.ready).toEqual({ ready: { ...out.size, renderer: expect.stringMatching(/./) } });
  expect(out.parity).toBe(0);
  expect(out.live).toEqual(['live']);
  expect(out.ended).toEqual(['ended']);
  expect(out.after).toEqual(out.before);
});

test('with devicePixelRatio 2 the canvas has two device pixels per CSS pixel, each image pixel a 2x2 block', async () => {
  await t.page.setViewport({ width: 800, height: 600, deviceScaleFactor: 2 });
  try {
    const out = await t.page.evaluate(async () => {
      const { testImage, pngUrl, mountFilter, settle, redrawAndRead, canvasOf } = window.live;
      const image = testImage(20, 10, 4);
      const element = mountFilter({ src: pngUrl(image), kernel: 'identity' }, 20, 10);
      await settle(element);
      const shown = redrawAndRead(element);
      const canvas = canvasOf(element);
      let mismatches = 0;
      for (let y = 0; y < 20; y++) {
        for (let x = 0; x < 40; x++) {
          for (let c = 0; c < 4; c++) if (shown.data[(y * 40 + x) * 4 + c] !== image.data[((y >> 1) * 20 + (x >> 1)) * 4 + c]) mismatches++;
        }
      }
      element.remove();
      return { ratio: devicePixelRatio, size: [canvas.width, canvas.height], mismatches };
    });
    expect(out).toEqual({ ratio: 2, size: [40, 20], mismatches: 0 });
  } finally {
    await t.page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
  }
});
