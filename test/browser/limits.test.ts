// Large kernels: 63x63 meets the parity bounds, the largest allowed side
// works, larger ones fail with an error naming the limit, and long passes are
// drawn in bands so no single draw call runs for seconds.
import { expect, test } from 'vitest';
import { useTestPage } from '../support/page.js';

const page = useTestPage();

test('63x63 kernels (box, Gaussian, random) equal the CPU reference under every border', async () => {
  const failures = await page().page.evaluate(() => {
    const { GpuFilter, cpuFilter, Kernel, kernels } = window.kernelgl;
    const { noiseImage, compare, random } = window.parity;
    const next = random(63);
    const big = [
      kernels.box(63),
      kernels.gaussian(63, 9),
      new Kernel(
        63,
        63,
        Array.from({ length: 63 * 63 }, () => next() - 0.5),
        { anchor: [5, 60] },
      ),
    ];
    const image = noiseImage(40, 24, 2);
    const gpu = new GpuFilter();
    const out: string[] = [];
    for (const kernel of big) {
      for (const border of ['replicate', 'reflect', 'reflect101', 'wrap', 'constant'] as const) {
        const options = { border, channels: 'gray' as const, output: 'float' as const };
        const d = compare(gpu.filter(image, kernel, options), cpuFilter(image, kernel, options));
        if (d.differing) out.push(`${kernel.name} ${border}: ${d.differing} differ`);
      }
    }
    gpu.dispose();
    return out;
  });
  expect(failures).toEqual([]);
});

test('a 255x255 kernel (the largest side) works; 256 is refused naming the limit', async () => {
  const result = await page().page.evaluate(() => {
    const { GpuFilter, cpuFilter, Kernel, MAX_KERNEL_SIDE } = window.kernelgl;
    const image = window.parity.noiseImage(12, 8, 4);
    const kernel = new Kernel(
      255,
      255,
      Array.from({ length: 255 * 255 }, (_, k) => ((k * 7919) % 13) - 6),
    );
    const gpu = new GpuFilter();
    const d = window.parity.compare(
      gpu.filter(image, kernel, { border: 'reflect101' }),
      cpuFilter(image, kernel, { border: 'reflect101' }),
    );
    gpu.dispose();
    let refused = '';
    try {
      new Kernel(256, 3, new Array(768).fill(1));
    } catch (error) {
      refused = `${(error as Error).name}: ${(error as Error).message}`;
    }
    return { differing: d.differing, max: MAX_KERNEL_SIDE, refused };
  });
  expect(result.differing).toBe(0);
  expect(result.max).toBe(255);
  expect(result.refused).toMatch(/^KernelError: .*kernel cols must be an integer from 1 to 255; got 256/);
});

test('a long pass is drawn in bands of at most 2^25 reads, with the exact result', async () => {
  const result = await page().page.evaluate(() => {
    const { GpuFilter, Kernel } = window.kernelgl;
    const { borderIndex } = window.internals;
    const canvas = document.createElement('canvas');
    const gpu = new GpuFilter({ canvas });
    const gl = canvas.getContext('webgl2')!;
    let draws = 0;
    const drawArrays = gl.drawArrays.bind(gl);
    gl.drawArrays = (...args: Parameters<typeof drawArrays>) => {
      draws++;
      drawArrays(...args);
    };
    const [w, h, n, r] = [200, 100, 101, 50];
    const image = window.parity.noiseImage(w, h, 6);
    const ones = new Kernel(n, n, new Array(n * n).fill(1));
    const got = gpu.filter(image, ones, { plan: 'direct', channels: 'rgba', output: 'float' }).data;
    gpu.dispose();
    // Expected: exact integer box sums over the replicated image, from a summed-area table.
    let differing = 0;
    for (let c = 0; c < 4; c++) {
      const pw = w + 2 * r;
      const sat = new Float64Array((pw + 1) * (h + 2 * r + 1));
      for (let y = 0; y < h + 2 * r; y++) {
        for (let x = 0; x < pw; x++) {
          const v = image.data[4 * (borderIndex(y - r, h, 'replicate') * w + borderIndex(x - r, w, 'replicate')) + c]!;
          sat[(y + 1) * (pw + 1) + x + 1] = v + sat[y * (pw + 1) + x + 1]! + sat[(y + 1) * (pw + 1) + x]! - sat[y * (pw + 1) + x]!;
        }
      }
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const at = (yy: number, xx: number): number => sat[yy * (pw + 1) + xx]!;
          const sum = at(y + n, x + n) - at(y, x + n) - at(y + n, x) + at(y, x);
          if (got[4 * (y * w + x) + c] !== sum) differing++;
        }
      }
    }
    return { draws, differing };
  });
  expect(result.differing).toBe(0);
  // 200 x 100 pixels x 10201 reads = 2.04e8 reads: at least ceil(2.04e8 / 2^25) = 7 draws for the pass.
  expect(result.draws).toBeGreaterThanOrEqual(7);
});
