// Faults a page meets: lost WebGL contexts (between calls, during a call, many
// times in a row), GPUs without float32 targets, browsers without WebGL2, and
// cross-origin images. Each gets a typed error or a documented fallback, and
// nothing is lost: later calls still equal the CPU reference.
import { expect, test } from 'vitest';
import { useTestPage } from '../support/page.js';

const page = useTestPage();

test('a context lost between calls: filter throws ContextLostError, and after restore equals the CPU reference again (20 times)', async () => {
  const log = await page().page.evaluate(async () => {
    const { GpuFilter, cpuFilter, ContextLostError } = window.kernelgl;
    const canvas = document.createElement('canvas');
    const gpu = new GpuFilter({ canvas });
    const lose = canvas.getContext('webgl2')!.getExtension('WEBGL_lose_context')!;
    const image = window.parity.noiseImage(33, 21, 1);
    const out: string[] = [];
    for (let round = 0; round < 20; round++) {
      const kernel = round % 2 ? 'gaussian:5' : 'sobel_x';
      const lost = new Promise((resolve) => canvas.addEventListener('webglcontextlost', resolve, { once: true }));
      const restored = new Promise((resolve) => canvas.addEventListener('webglcontextrestored', resolve, { once: true }));
      lose.loseContext();
      try {
        gpu.filter(image, kernel);
        out.push(`round ${round}: no error while lost`);
      } catch (error) {
        if (!(error instanceof ContextLostError)) out.push(`round ${round}: ${String(error)}`);
      }
      // The browser restores only a task after the loss event has been delivered.
      await lost;
      await new Promise((resolve) => setTimeout(resolve, 0));
      lose.restoreContext();
      await restored;
      const d = window.parity.compare(
        gpu.filter(image, kernel, { channels: round % 3 ? 'gray' : 'rgb' }),
        cpuFilter(image, kernel, { channels: round % 3 ? 'gray' : 'rgb' }),
      );
      if (d.differing) out.push(`round ${round}: ${d.differing} samples differ after restore`);
    }
    gpu.dispose();
    return out;
  });
  expect(log).toEqual([]);
});

test('a context lost during a call fails that call with ContextLostError, never a result', async () => {
  const outcome = await page().page.evaluate(async () => {
    const { GpuFilter, cpuFilter, ContextLostError } = window.kernelgl;
    const canvas = document.createElement('canvas');
    const gpu = new GpuFilter({ canvas });
    const gl = canvas.getContext('webgl2')!;
    const lose = gl.getExtension('WEBGL_lose_context')!;
    const drawArrays = gl.drawArrays.bind(gl);
    let armed = true;
    gl.drawArrays = (...args: Parameters<typeof drawArrays>) => {
      drawArrays(...args);
      if (armed) {
        armed = false;
        lose.loseContext();
      }
    };
    const image = window.parity.noiseImage(20, 20, 2);
    const lost = new Promise((resolve) => canvas.addEventListener('webglcontextlost', resolve, { once: true }));
    let error = 'no error';
    try {
      gpu.filter(image, 'large_blur');
    } catch (e) {
      error = e instanceof ContextLostError ? 'ContextLostError' : String(e);
    }
    await lost;
    await new Promise((resolve) => setTimeout(resolve, 0));
    const restored = new Promise((resolve) => canvas.addEventListener('webglcontextrestored', resolve, { once: true }));
    lose.restoreContext();
    await restored;
    const after = window.parity.compare(gpu.filter(image, 'large_blur'), cpuFilter(image, 'large_blur')).differing;
    gpu.dispose();
    return { error, after };
  });
  expect(outcome).toEqual({ error: 'ContextLostError', after: 0 });
});

test('precision: float32 here; forced float16 intermediates are reported, warned about once, and stay close', async () => {
  const warnings: string[] = [];
  const onConsole = (m: { type(): string; text(): string }): void => {
    if (m.type() === 'warn' || m.type() === 'warning') warnings.push(m.text());
  };
  page().page.on('console', onConsole);
  const result = await page().page.evaluate(() => {
    const { GpuFilter, cpuFilter } = window.kernelgl;
    const image = window.parity.noiseImage(40, 30, 3);
    const full = new GpuFilter();
    const precise = full.precision;
    full.dispose();
    const halves = [new GpuFilter({ intermediates: 'float16' }), new GpuFilter({ intermediates: 'float16' })];
    const half = halves[0]!;
    // Sobel sums stay below 2048, which float16 holds exactly; a 15x15 Gaussian's do not.
    const sobel = window.parity.compare(
      half.filter(image, 'sobel_x', { output: 'float' }),
      cpuFilter(image, 'sobel_x', { output: 'float' }),
    );
    const blur = window.parity.compare(half.filter(image, 'gaussian:15:3'), cpuFilter(image, 'gaussian:15:3'));
    const info = half.precision;
    halves.forEach((h) => h.dispose());
    return { precise, info, sobel: sobel.differing, blurMax: blur.maxDiff };
  });
  page().page.off('console', onConsole);
  expect(result.precise).toEqual({ intermediates: 'float32', fragmentBits: 23, exact: true });
  expect(result.info).toEqual({ intermediates: 'float16', fragmentBits: 23, exact: false });
  expect(result.sobel).toBe(0);
  expect(result.blurMax).toBeLessThanOrEqual(2);
  expect(warnings.filter((w) => w.includes('float16 intermediates'))).toHaveLength(1);
});

test('without WebGL2: createFilter falls back to the CPU with one warning, or throws when the GPU was required', async () => {
  const warnings: string[] = [];
  const onConsole = (m: { type(): string; text(): string }): void => {
    if (m.type() === 'warn' || m.type() === 'warning') warnings.push(m.text());
  };
  page().page.on('console', onConsole);
  const result = await page().page.evaluate(() => {
    const { createFilter, cpuFilter, WebGLUnavailableError } = window.kernelgl;
    const prototypes = [HTMLCanvasElement.prototype, OffscreenCanvas.prototype] as unknown as {
      getContext: (...a: unknown[]) => unknown;
    }[];
    const originals = prototypes.map((p) => p.getContext);
    prototypes.forEach((p, k) => {
      p.getContext = function (this: unknown, type: unknown, ...rest: unknown[]) {
        return type === 'webgl2' ? null : originals[k]!.call(this, type, ...rest);
      };
    });
    try {
      const image = window.parity.noiseImage(16, 9, 4);
      const auto = [createFilter(), createFilter({ backend: 'auto' })];
      const same = window.parity.compare(auto[0]!.filter(image, 'sharpen'), cpuFilter(image, 'sharpen')).differing;
      let required = 'no error';
      try {
        createFilter({ backend: 'gpu' });
      } catch (error) {
        required = error instanceof WebGLUnavailableError ? `WebGLUnavailableError: ${error.message}` : String(error);
      }
      return { backends: auto.map((f) => `${f.backend} ${f.reason}`), same, required };
    } finally {
      prototypes.forEach((p, k) => (p.getContext = originals[k]!));
    }
  });
  page().page.off('console', onConsole);
  expect(result.backends).toEqual(['cpu no-webgl2', 'cpu no-webgl2']);
  expect(result.same).toBe(0);
  expect(result.required).toMatch(/^WebGLUnavailableError: kernelgl: .*no WebGL2 context/);
  expect(warnings.filter((w) => w.includes('Falling back to the CPU engine'))).toHaveLength(1);
});

test("auto picks the CPU engine on this software renderer; 'gpu' and 'cpu' are taken as asked; all give the same bytes", async () => {
  const result = await page().page.evaluate(() => {
    const { createFilter } = window.kernelgl;
    const image = window.parity.noiseImage(23, 11, 8);
    const filters = [createFilter(), createFilter({ backend: 'gpu' }), createFilter({ backend: 'cpu' })];
    const [auto, gpu, cpu] = filters.map((f) => f.filter(image, 'gaussian:5:1.2', { border: 'reflect' }));
    const chosen = filters.map((f) => ({ backend: f.backend, reason: f.reason, renderer: f.renderer }));
    filters.forEach((f) => f.dispose());
    return { chosen, autoVsGpu: window.parity.compare(auto!, gpu!).differing, cpuVsGpu: window.parity.compare(cpu!, gpu!).differing };
  });
  expect(result.chosen).toEqual([
    { backend: 'cpu', reason: 'software-renderer', renderer: expect.stringContaining('SwiftShader') },
    { backend: 'gpu', reason: 'requested', renderer: expect.stringContaining('SwiftShader') },
    { backend: 'cpu', reason: 'requested', renderer: null },
  ]);
  expect(result).toMatchObject({ autoVsGpu: 0, cpuVsGpu: 0 });
});

test('a cross-origin image taints: filtering it is an ImageError that says how to serve it', async () => {
  const message = await page().page.evaluate(async () => {
    const { GpuFilter } = window.kernelgl;
    // The page is served from 127.0.0.1; localhost is another origin.
    const url = new URL('/demo/samples/coins.png', location.href);
    url.hostname = 'localhost';
    const img = new Image();
    img.src = url.href;
    await img.decode();
    const gpu = new GpuFilter();
    try {
      gpu.filter(img, 'sobel_x');
      return 'no error';
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    } finally {
      gpu.dispose();
    }
  });
  expect(message).toMatch(/^ImageError: kernelgl: the image is cross-origin .*crossOrigin="anonymous"/);
});

test('at the bottom of the float range the GPU flushes subnormals to zero, and so does the CPU reference', async () => {
  const results = await page().page.evaluate(() => {
    const { GpuFilter, cpuFilter } = window.kernelgl;
    const pixel = { width: 1, height: 1, data: new Uint8ClampedArray([160, 0, 0, 255]) };
    const gpu = new GpuFilter();
    const cases = [
      { kernel: [[1e-40]], options: { output: 'float' as const } },
      { kernel: [[1e-40]], options: { scale: 1e38 } },
      { kernel: [[2]], options: { output: 'float' as const, scale: 1e-41 } },
      { kernel: [[1e-30]], options: { output: 'float' as const, scale: 1e-10 } },
    ];
    const out = cases.map(({ kernel, options }) => [gpu.filter(pixel, kernel, options).data[0], cpuFilter(pixel, kernel, options).data[0]]);
    gpu.dispose();
    return out;
  });
  // 160 * 1e-40 and 320 * 1e-41 are subnormal; 160 * 1e-30 * 1e-10 = 1.6e-38 is normal.
  const normal = Math.fround(Math.fround(160 * Math.fround(1e-30)) * Math.fround(1e-10));
  expect(results).toEqual([
    [0, 0],
    [0, 0],
    [0, 0],
    [normal, normal],
  ]);
});
