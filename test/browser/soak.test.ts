// Soak: 10,000 frames of 48x32 through a FilterCanvas as fast as software
// WebGL draws them, a new picture every frame, with the kernel and options
// changed every few frames through every bank kernel, generators, borders,
// modes, channels, outputs, plans, scale, delta and border values, and
// GpuFilter.filter / pipeline / render calls interleaved on a second context.
// After the first full cycle of settings, live WebGL objects (counted per kind
// by the page's create*/delete* wrappers) stay exactly flat and the JS heap
// after a forced GC stays flat; every checked frame, the last one included,
// equals the CPU reference bit for bit; and everything is freed at the end.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CDPSession } from 'puppeteer-core';
import { heapAfterGc, useTestPage } from '../support/page.js';
import { withoutPendingSync } from './glCounter.js';

const FRAMES = 10_000;
/** Settings change every this many frames. */
const CHANGE_EVERY = 4;
/**
 * The settings below repeat with periods 16 (kernels), 5, 4, 3 and 2, so the
 * whole sequence repeats every lcm = 240 changes: 960 frames.
 */
const CYCLE = 240 * CHANGE_EVERY;
/** Where counts and heap are measured (and the frame checked against the CPU): after the first cycle, then every 2,000 frames. */
const CHECKPOINTS = [CYCLE, 2000, 4000, 6000, 8000, FRAMES];
/** Frames run per page.evaluate call. */
const CHUNK = 500;
/**
 * Growth of the JS heap (after GC) between the first cycle and the end that
 * counts as flat: 2 MB over 9,040 frames is about 220 bytes per frame, far
 * less than one leaked frame (6 KB of pixels) or one leaked result.
 */
const HEAP_TOLERANCE_BYTES = 2_000_000;

const testPage = useTestPage('test/browser/video.html');
let cdp: CDPSession;
beforeAll(async () => {
  cdp = await testPage().page.createCDPSession();
});
afterAll(async () => cdp?.detach());

/** What the page reports at a checkpoint. */
interface Checkpoint {
  readonly frames: number;
  readonly counts: Record<string, number>;
  /** Samples of the checkpoint frame that differ from the CPU reference, and whether its input was the picture given. */
  readonly differing: number;
  readonly sameInput: boolean;
  /** GpuFilter results (filter, pipeline, render) compared so far, and how many differed from the CPU reference. */
  readonly gpuCalls: number;
  readonly gpuDiffering: number;
  readonly settings: string;
}

interface SoakWindow {
  soak: { run(until: number): Promise<Checkpoint>; end(): { frames: number; glError: number; counts: Record<string, number> } };
}

test(`${FRAMES.toLocaleString('en')} frames with settings changed every ${CHANGE_EVERY}: WebGL objects and heap flat after the first cycle, every checked frame equal to the CPU reference`, async () => {
  const { page } = testPage();
  const started = performance.now();
  const before = await page.evaluate((CHANGE_EVERY) => {
    const k = window.kernelgl;
    const { compare } = window.parity;
    const before = window.liveCounts();
    const [width, height] = [48, 32];
    const image = new ImageData(width, height);
    const kernels = [
      ...Object.keys(k.bank),
      'box:5x3',
      'gaussian:9:2',
      'gaussian:4',
      '{"matrix": [[1, -2, 1], [2, 0, -2]], "anchor": [2, 1]}',
    ];
    const scales = [
      [1, 0],
      [0.5, 3],
      [2, -2.5],
      [1.5, 0],
    ] as const;
    const borderValues = [0, 128, [10, 200, 30, 255]] as const;
    const pipelines = [
      k.edgeMagnitude(),
      k.unsharpMask(1.5, 'gaussian:5'),
      ['box:3', 'sharpen'],
      k.mix(k.filter(k.source, 'laplacian'), 0.5, k.source, 1),
    ];
    /** The settings of change `s`: each list cycles with its own period (16, 5, 2, 3, 3, 2, 4, 3). */
    const settingsOf = (s: number) => ({
      kernel: kernels[s % kernels.length]!,
      options: {
        border: k.BORDERS[s % 5]!,
        mode: k.MODES[s % 2]!,
        channels: k.CHANNELS[s % 3]!,
        output: k.OUTPUTS[s % 3]!,
        plan: (['auto', 'direct'] as const)[s % 2]!,
        scale: scales[s % 4]![0],
        delta: scales[s % 4]![1],
        borderValue: borderValues[s % 3]! as number | [number, number, number, number],
      },
    });
    /** A new picture every frame: seeded bytes, alpha included (xorshift, so 10,000 pictures cost little). */
    const paint = (frame: number) => {
      let x = (frame * 2654435761) >>> 0 || 1;
      const data = image.data;
      for (let i = 0; i < data.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        data[i] = x & 255;
      }
    };
    let current = settingsOf(0);
    const filter = k.createFilterCanvas({ source: image, kernel: current.kernel, ...current.options, autoStart: false });
    const gpu = new k.GpuFilter();
    let gpuCalls = 0;
    let gpuDiffering = 0;
    /** GpuFilter calls on the same picture, each compared with the CPU reference. */
    const interleave = (frame: number) => {
      const { kernel, options } = current;
      if (frame % 10 === 0) {
        gpuCalls++;
        if (compare(gpu.filter(image, kernel, options), k.cpuFilter(image, kernel, options)).differing) gpuDiffering++;
      }
      if (frame % 50 === 25) {
        const { channels, output } = options;
        const pipeline = pipelines[((frame / 50) % pipelines.length) | 0]!;
        gpuCalls++;
        if (compare(gpu.pipeline(image, pipeline, { channels, output }), k.cpuPipeline(image, pipeline, { channels, output })).differing)
          gpuDiffering++;
      }
      if (frame % 50 === 45) {
        const resident = gpu.render(image, [kernel], options);
        gpuCalls++;
        if (compare({ width: image.width, data: resident.read() }, k.cpuFilter(image, kernel, options)).differing) gpuDiffering++;
        resident.release();
      }
    };
    /** Every 16th frame arrives as a VideoFrame of the picture (drawn, then closed by its owner, the test). */
    const renderVideoFrame = () => {
      const frame = new VideoFrame(image.data, { format: 'RGBA', codedWidth: width, codedHeight: height, timestamp: 0 });
      filter.render(frame);
      frame.close();
    };
    let frame = 0;
    const run = async (until: number) => {
      let differing = -1;
      let sameInput = false;
      for (; frame < until; frame++) {
        paint(frame);
        if (frame % CHANGE_EVERY === 0) {
          current = settingsOf(frame / CHANGE_EVERY);
          filter.setKernel(current.kernel);
          filter.setOptions({ ...current.options, mirror: frame % (4 * CHANGE_EVERY) < 2 * CHANGE_EVERY });
        }
        if (frame === until - 1) {
          // The checkpoint frame is drawn through snapshot(), with its exact input bytes.
          const snapshot = await filter.snapshot();
          differing = compare(snapshot.result, k.cpuFilter(image, current.kernel, current.options)).differing;
          sameInput = snapshot.source.data.every((v, i) => v === image.data[i]);
        } else if (frame % 16 === 15) {
          renderVideoFrame();
        } else {
          filter.render();
        }
        interleave(frame);
        if (frame % 25 === 24) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return {
        frames: filter.stats.frames,
        counts: window.liveCounts(),
        differing,
        sameInput,
        gpuCalls,
        gpuDiffering,
        settings: JSON.stringify(current),
      };
    };
    const end = () => {
      const frames = filter.stats.frames;
      const glError = filter.canvas.getContext('webgl2')!.getError();
      filter.dispose();
      gpu.dispose();
      return { frames, glError, counts: window.liveCounts() };
    };
    (window as unknown as SoakWindow).soak = { run, end };
    return before;
  }, CHANGE_EVERY);

  const checkpoints: (Checkpoint & { heap: number; seconds: number })[] = [];
  let done = 0;
  for (const checkpoint of CHECKPOINTS) {
    let last: Checkpoint | null = null;
    while (done < checkpoint) {
      done = Math.min(done + CHUNK, checkpoint);
      last = await page.evaluate((until) => (window as unknown as SoakWindow).soak.run(until), done);
    }
    const heap = await heapAfterGc(cdp);
    const seconds = (performance.now() - started) / 1000;
    checkpoints.push({ ...last!, heap, seconds });
    console.log(
      `frame ${checkpoint}: ${seconds.toFixed(1)} s, heap ${heap} bytes, live ${JSON.stringify(last!.counts)}, ` +
        `checked frame differing ${last!.differing}, GpuFilter calls ${last!.gpuCalls} (${last!.gpuDiffering} differing)`,
    );
  }
  const end = await page.evaluate(() => (window as unknown as SoakWindow).soak.end());
  const first = checkpoints[0]!;
  const last = checkpoints.at(-1)!;
  console.log(
    `${FRAMES} frames in ${last.seconds.toFixed(1)} s; heap after the first cycle ${first.heap}, at the end ${last.heap} (${last.heap - first.heap} bytes)`,
  );

  expect(before).toEqual({});
  expect(end.frames).toBe(FRAMES);
  expect(end.glError).toBe(0);
  // A fence may be in flight for the GPU timer: 0 or 1; every other kind exactly as after the first cycle.
  for (const c of checkpoints) {
    expect(withoutPendingSync(c.counts), `live objects at frame ${c.frames}`).toEqual(withoutPendingSync(first.counts));
    expect({ frame: c.frames, differing: c.differing, sameInput: c.sameInput }).toEqual({ frame: c.frames, differing: 0, sameInput: true });
  }
  expect(first.counts.Texture).toBeGreaterThan(0);
  expect(first.counts.Framebuffer).toBeGreaterThan(0);
  expect(last.gpuCalls).toBeGreaterThan(1000);
  expect(last.gpuDiffering).toBe(0);
  expect(last.heap - first.heap).toBeLessThan(HEAP_TOLERANCE_BYTES);
  expect(end.counts).toEqual({});
});
