// Images larger than a tile are filtered in tiles with a halo: the result
// equals the untiled CPU reference bit for bit, seams included, for every
// border mode, plan, channel option, pipeline and source kind.
import { expect, test } from 'vitest';
import { useTestPage } from '../support/page.js';

const page = useTestPage();

test('tiled filters equal the untiled CPU reference for every border, kernel, plan and channel option', async () => {
  const failures = await page().page.evaluate(() => {
    const { GpuFilter, cpuFilter, Kernel } = window.kernelgl;
    const { noiseImage, compare } = window.parity;
    const kernels = [
      'sobel_x',
      'sharpen',
      'gaussian:7:1.5',
      'box:9x4',
      new Kernel(
        4,
        6,
        Array.from({ length: 24 }, (_, k) => (k % 5) - 2),
        { anchor: [3, 0] },
      ),
    ];
    const out: string[] = [];
    for (const tileSize of [16, 23]) {
      const gpu = new GpuFilter({ tileSize });
      // 61x37 splits unevenly into tiles of 16 or 23 pixels less the halo.
      const image = noiseImage(61, 37, tileSize);
      for (const kernel of kernels) {
        for (const border of ['replicate', 'reflect', 'reflect101', 'wrap', 'constant'] as const) {
          for (const channels of ['rgb', 'gray', 'rgba'] as const) {
            for (const plan of ['auto', 'direct'] as const) {
              const options = { border, channels, plan, borderValue: 300.5, output: 'float' as const };
              const d = compare(gpu.filter(image, kernel, options), cpuFilter(image, kernel, options));
              const name = typeof kernel === 'string' ? kernel : 'custom 4x6';
              if (d.differing)
                out.push(`tile ${tileSize} ${name} ${border} ${channels} ${plan}: ${d.differing} differ, first ${JSON.stringify(d.first)}`);
            }
          }
        }
      }
      gpu.dispose();
    }
    return out;
  });
  expect(failures).toEqual([]);
});

test('tiled pipelines (reach added along chains) equal the untiled CPU reference', async () => {
  const failures = await page().page.evaluate(() => {
    const k = window.kernelgl;
    const { noiseImage, compare } = window.parity;
    const gpu = new k.GpuFilter({ tileSize: 20 });
    const image = noiseImage(53, 41, 5);
    const nodes = [k.edgeMagnitude(), k.unsharpMask(0.8, 'gaussian:5'), ['box:3', 'sobel_y', 'gaussian:5']] as const;
    const out: string[] = [];
    for (const node of nodes) {
      for (const border of ['replicate', 'reflect101', 'wrap', 'constant'] as const) {
        for (const channels of ['rgb', 'gray'] as const) {
          const options = { border, channels, output: 'float' as const, borderValue: 17 };
          const d = compare(gpu.pipeline(image, node, options), k.cpuPipeline(image, node, options));
          if (d.differing)
            out.push(`${JSON.stringify(node).slice(0, 40)} ${border} ${channels}: ${d.differing} differ, first ${JSON.stringify(d.first)}`);
        }
      }
    }
    gpu.dispose();
    return out;
  });
  expect(failures).toEqual([]);
});

test('a canvas source is tiled from its sub-rectangles, with the same result as its pixels', async () => {
  const result = await page().page.evaluate(() => {
    const { GpuFilter, cpuFilter } = window.kernelgl;
    const image = window.parity.noiseImage(45, 33, 8);
    for (let p = 3; p < image.data.length; p += 4) image.data[p] = 255; // opaque: a 2D canvas keeps opaque pixels exactly
    const canvas = document.createElement('canvas');
    canvas.width = 45;
    canvas.height = 33;
    canvas.getContext('2d')!.putImageData(new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, 45, 33), 0, 0);
    const gpu = new GpuFilter({ tileSize: 17 });
    const diffs = (['reflect', 'wrap'] as const).map(
      (border) => window.parity.compare(gpu.filter(canvas, 'gaussian:5', { border }), cpuFilter(image, 'gaussian:5', { border })).differing,
    );
    gpu.dispose();
    return diffs;
  });
  expect(result).toEqual([0, 0]);
});

test('tiling errors are clear: a kernel that reaches beyond the tile, a GPU-resident result too large for a texture, a bad tileSize', async () => {
  const messages = await page().page.evaluate(() => {
    const { GpuFilter, kernels } = window.kernelgl;
    const image = window.parity.noiseImage(40, 40, 1);
    const gpu = new GpuFilter({ tileSize: 16 });
    const attempt = (f: () => unknown): string => {
      try {
        f();
        return 'no error';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    const out = [
      attempt(() => gpu.filter(image, kernels.box(17), { plan: 'direct' })),
      attempt(() => gpu.render(image, ['sobel_x'])),
      attempt(() => new GpuFilter({ tileSize: 8 })),
      attempt(() => new GpuFilter({ tileSise: 64 } as never)),
    ];
    gpu.dispose();
    return out;
  });
  expect(messages[0]).toMatch(/^ImageError: .*reaches 16x16 pixels, too far for tiles of 16 pixels/);
  expect(messages[1]).toMatch(/^ImageError: .*does not fit in one 16-pixel texture.*filter\(\) and pipeline\(\) take it in tiles/);
  expect(messages[2]).toMatch(/^OptionError: .*tileSize must be an integer from 16 to/);
  expect(messages[3]).toMatch(/^OptionError: .*unknown GpuFilter option "tileSise"; valid options: canvas, tileSize/);
});
