// What the consumer suite checks inside each page, through the API the page
// put on `window.kernelgl` from the installed package. Each function runs in
// the page (page.evaluate), so it is self-contained.

/** GpuFilter against cpuFilter on a seeded image: the number of samples that differ, per case. */
export function gpuAgainstCpu(): Record<string, number> {
  const k = window.kernelgl;
  const width = 61;
  const height = 47;
  const image = new ImageData(width, height);
  let seed = 12345;
  for (let i = 0; i < image.data.length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    image.data[i] = i % 4 === 3 ? 255 : seed % 256;
  }
  const cases = {
    'sobel_x abs gray': ['sobel_x', { output: 'abs', channels: 'gray' }],
    'gaussian:7:2 reflect101': ['gaussian:7:2', { border: 'reflect101' }],
    '2x2 convolve float rgba': [
      [
        [1, 2],
        [3, -4],
      ],
      { mode: 'convolve', output: 'float', channels: 'rgba' },
    ],
  } as const;
  const gpu = new k.GpuFilter();
  const differing: Record<string, number> = {};
  try {
    for (const [name, [kernel, options]] of Object.entries(cases)) {
      const a = gpu.filter(image, kernel, options).data;
      const b = k.cpuFilter(image, kernel, options).data;
      differing[name] = a.length === b.length ? a.filter((v, i) => v !== b[i]).length : -1;
    }
  } finally {
    gpu.dispose();
  }
  return differing;
}

/** The error a misspelt option name gives. */
export function badOptionError(): { name: string; code: string; isOptionError: boolean; message: string } {
  const k = window.kernelgl;
  const gpu = new k.GpuFilter();
  try {
    gpu.filter(new ImageData(4, 4), 'sharpen', { bordr: 'wrap' } as never);
    return { name: 'none', code: 'none', isOptionError: false, message: 'no error' };
  } catch (error) {
    const e = error as InstanceType<typeof k.KernelglError>;
    return { name: e.name, code: e.code, isOptionError: e instanceof k.OptionError, message: e.message };
  } finally {
    gpu.dispose();
  }
}

/** Non-black pixels of what `drawImage` and `toBlob` capture from a canvas, outside any frame callback. */
interface Captures {
  readonly drawn: number[];
  readonly blob: number;
  /** Bytes that differ between the first and the last drawn capture. */
  readonly changed: number;
}

/**
 * A `<kernel-filter>` captured a few times, half a second apart: the one
 * declared in the page's HTML at `selector`, or else a new `webcam` one on
 * the fake camera (a moving pattern), once it fired `ready`.
 */
export async function elementCaptures(selector: string | null): Promise<Captures> {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const made = selector === null;
  const el = made ? document.createElement('kernel-filter') : (document.querySelector(selector) as HTMLElementTagNameMap['kernel-filter']);
  const ready = new Promise((resolve, reject) => {
    el.addEventListener('ready', resolve, { once: true });
    el.addEventListener('error', (event) => reject(event.error), { once: true });
  });
  if (made) {
    el.setAttribute('webcam', '');
    el.setAttribute('kernel', 'sobel_x');
    el.setAttribute('output', 'abs');
    document.body.append(el);
  }
  try {
    if (!el.canvas) await ready;
    const canvas = el.canvas!;
    const lit = (data: Uint8ClampedArray) => data.filter((v, i) => i % 4 !== 3 && v > 0).length;
    const pixels = (source: CanvasImageSource) => {
      const copy = Object.assign(document.createElement('canvas'), { width: canvas.width, height: canvas.height });
      const g = copy.getContext('2d')!;
      g.drawImage(source, 0, 0);
      return g.getImageData(0, 0, copy.width, copy.height).data;
    };
    const shots: Uint8ClampedArray[] = [];
    for (let i = 0; i < 3; i++) {
      await pause(400);
      shots.push(pixels(canvas));
    }
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve));
    const fromBlob = pixels(await createImageBitmap(blob!));
    const first = shots[0]!;
    const last = shots[shots.length - 1]!;
    return { drawn: shots.map(lit), blob: lit(fromBlob), changed: first.filter((v, i) => v !== last[i]).length };
  } finally {
    if (made) el.remove();
  }
}

/**
 * `createWorkerFilter` fed the fake camera's track: frames drawn after a
 * second, and a snapshot's result against `cpuFilter` of its own input.
 */
export async function workerOnCamera(): Promise<{ renderer: string; frames: number; snapshotDiffering: number; lit: number }> {
  const k = window.kernelgl;
  const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
  document.body.append(canvas);
  const worker = k.createWorkerFilter(canvas, { kernel: 'sobel_x', output: 'abs' });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
  try {
    const renderer = await worker.ready;
    worker.feed(stream.getVideoTracks()[0]!);
    const { source, result, kernel, options } = await worker.snapshot();
    const expected = k.cpuFilter(source, kernel, options).data;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return {
      renderer,
      frames: worker.stats.frames,
      snapshotDiffering: result.data.filter((v, i) => v !== expected[i]).length,
      lit: result.data.filter((v, i) => i % 4 !== 3 && v > 0).length,
    };
  } finally {
    worker.dispose();
    stream.getTracks().forEach((track) => track.stop());
    canvas.remove();
  }
}

/** How `createWorkerFilter` fails where the worker cannot start: `ready`'s rejection, and what `onError` heard. */
export async function workerRefused(): Promise<{ name: string; message: string; reported: string[] }> {
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const reported: string[] = [];
  const worker = window.kernelgl.createWorkerFilter(canvas, { kernel: 'sobel_x', onError: (error) => reported.push(error.name) });
  try {
    await worker.ready;
    return { name: 'none', message: 'the worker started', reported };
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message, reported };
  } finally {
    worker.dispose();
    canvas.remove();
  }
}
