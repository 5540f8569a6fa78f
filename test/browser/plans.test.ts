// Every plan keeps parity (DESIGN.md section 2): separable and direct plans,
// packed gray passes and pipelines give the CPU reference's result bit for
// bit, and integer kernels give the same bytes whichever plan runs. Pipelines
// allocate no WebGL object after their first run.
import { expect, test } from 'vitest';
import { useTestPage } from '../support/page.js';
import type { ByteData } from '../../src/result.js';

const page = useTestPage();

test('bank and random low-rank kernels: every plan equals the CPU reference; integer kernels agree across plans', async () => {
  const failures = await page().page.evaluate(() => {
    const { GpuFilter, cpuFilter, bank, Kernel } = window.kernelgl;
    const { random, noiseImage, compare } = window.parity;
    const next = random(77);
    const int = (): number => Math.floor(next() * 9) - 4;
    const lowRank = (cols: number, rows: number, rank: number, scale: number): InstanceType<typeof Kernel> => {
      const terms = Array.from({ length: rank }, () => ({ c: Array.from({ length: rows }, int), r: Array.from({ length: cols }, int) }));
      const w = Array.from(
        { length: cols * rows },
        (_, k) => scale * terms.reduce((s, u) => s + u.c[Math.floor(k / cols)]! * u.r[k % cols]!, 0),
      );
      return new Kernel(cols, rows, w, { anchor: [Math.floor(next() * cols), Math.floor(next() * rows)] });
    };
    const kernels = [...Object.values(bank), ...[1, 2, 3].flatMap((rank) => [lowRank(9, 7, rank, 1), lowRank(11, 8, rank, 0.137)])];
    const gpu = new GpuFilter();
    const out: string[] = [];
    for (const [w, h] of [
      [1, 1],
      [2, 9],
      [13, 4],
      [41, 23],
    ] as const) {
      const image = noiseImage(w, h, w * 97 + h);
      for (const kernel of kernels) {
        for (const border of ['replicate', 'reflect', 'reflect101', 'wrap', 'constant'] as const) {
          for (const channels of ['rgb', 'gray'] as const) {
            const bytes: Record<string, ByteData> = {};
            for (const plan of ['auto', 'direct', 'separable'] as const) {
              const options = { border, channels, plan, borderValue: 9, output: 'float' as const };
              const label = `${kernel.name} ${kernel.cols}x${kernel.rows} on ${w}x${h} ${border} ${channels} ${plan}`;
              let cpu;
              try {
                cpu = cpuFilter(image, kernel, options);
              } catch {
                continue; // plan 'separable' on a kernel that does not split (an error, tested in unit tests)
              }
              const d = compare(gpu.filter(image, kernel, options), cpu);
              if (d.differing) out.push(`${label}: ${d.differing} differ, first ${JSON.stringify(d.first)}`);
              bytes[plan] = cpuFilter(image, kernel, { ...options, output: 'saturate' }).data;
            }
            if (kernel.isInteger && bytes.separable && compare({ width: w, data: bytes.separable }, { data: bytes.direct! }).differing) {
              out.push(`${kernel.name} on ${w}x${h} ${border} ${channels}: separable and direct bytes differ for an integer kernel`);
            }
          }
        }
      }
    }
    gpu.dispose();
    return out;
  });
  expect(failures).toEqual([]);
});

test('unit taps (copied, not convolved) and shifted taps equal the CPU reference with scale, delta and every output', async () => {
  const failures = await page().page.evaluate(() => {
    const { GpuFilter, cpuFilter, kernels, Kernel } = window.kernelgl;
    const { noiseImage, compare } = window.parity;
    const impulse = (x: number, y: number, anchor: [number, number]) => {
      const w = Array.from({ length: 9 }, (_, k) => (k === y * 3 + x ? 1 : 0));
      return new Kernel(3, 3, w, { anchor, name: `impulse ${x},${y} @${anchor.join(',')}` });
    };
    const taps = [kernels.identity, new Kernel(1, 1, [1]), impulse(2, 1, [1, 1]), impulse(1, 1, [0, 2]), new Kernel(1, 1, [-2])];
    const gpu = new GpuFilter();
    const out: string[] = [];
    const image = noiseImage(37, 11, 5);
    for (const kernel of taps) {
      for (const border of ['replicate', 'constant'] as const) {
        for (const channels of ['rgba', 'rgb', 'gray'] as const) {
          for (const output of ['saturate', 'abs', 'float'] as const) {
            for (const [scale, delta] of [
              [1, 0],
              [0.37, 3.5],
              [-1.5, 0],
            ] as const) {
              const options = { border, channels, output, scale, delta, borderValue: 200 };
              const d = compare(gpu.filter(image, kernel, options), cpuFilter(image, kernel, options));
              if (d.differing)
                out.push(`${kernel.name} ${JSON.stringify(options)}: ${d.differing} differ, first ${JSON.stringify(d.first)}`);
            }
          }
        }
      }
    }
    gpu.dispose();
    return out;
  });
  expect(failures).toEqual([]);
});

test('pipelines equal the CPU reference for every node, channel and output', async () => {
  const failures = await page().page.evaluate(() => {
    const k = window.kernelgl;
    const { noiseImage, compare } = window.parity;
    const nodes = {
      sobelMagnitude: k.edgeMagnitude(),
      scharrMagnitudeReflect101: k.edgeMagnitude('scharr_x', 'scharr_y', { border: 'reflect101' }),
      unsharp: k.unsharpMask(1.5, 'gaussian:5:1.2'),
      chain: ['gaussian:5', 'laplacian'],
      absScaled: k.abs(k.filter(k.source, 'laplacian', { scale: 0.5, delta: 3 })),
      sourceOnly: k.source,
      mixOfChains: k.mix(k.filter(k.source, 'box:3'), 0.3, k.filter(k.filter(k.source, 'sobel_x'), 'box:5x1'), -0.7),
    };
    const gpu = new k.GpuFilter();
    const out: string[] = [];
    for (const [w, h] of [
      [1, 1],
      [5, 3],
      [37, 23],
    ] as const) {
      const image = noiseImage(w, h, w * 31 + h);
      for (const [name, node] of Object.entries(nodes)) {
        for (const channels of ['rgb', 'rgba', 'gray'] as const) {
          for (const output of ['saturate', 'abs', 'float'] as const) {
            const options = { channels, output, border: 'reflect' as const };
            const d = compare(gpu.pipeline(image, node, options), k.cpuPipeline(image, node, options));
            if (d.differing) out.push(`${name} ${w}x${h} ${channels} ${output}: ${d.differing} differ, first ${JSON.stringify(d.first)}`);
          }
        }
      }
    }
    gpu.dispose();
    return out;
  });
  expect(failures).toEqual([]);
});

test.each([
  ['a linear pipeline', 'linear'],
  // Counting and selecting medians, a doubling line, a mask, a difference reading the image, bilateral tables.
  ['median, morphology and bilateral steps', 'nonlinear'],
] as const)('%s: no WebGL object is allocated after the first run', async (_, kind) => {
  const created = await page().page.evaluate((kind) => {
    const k = window.kernelgl;
    const canvas = document.createElement('canvas');
    const gpu = new k.GpuFilter({ canvas });
    const gl = canvas.getContext('webgl2')!;
    let count = 0;
    for (const name of ['createTexture', 'createFramebuffer', 'createBuffer', 'createProgram', 'createShader'] as const) {
      const original = gl[name].bind(gl) as () => unknown;
      (gl as unknown as Record<string, unknown>)[name] = () => {
        count++;
        return original();
      };
    }
    const image = window.parity.noiseImage(64, 48, 3);
    const node =
      kind === 'linear'
        ? k.mix(k.source, 2, k.filter(k.filter(k.source, 'gaussian:7:2'), 'sharpen'), -1)
        : ['median:3', 'erode:rect:15', 'tophat:ellipse:5', 'sobel_x', 'median:9', 'bilateral:5:30:3'];
    const counts: number[] = [];
    for (let frame = 0; frame < 12; frame++) {
      gpu.pipeline(image, node, { channels: frame % 2 ? 'gray' : 'rgb' });
      counts.push(count);
    }
    gpu.dispose();
    return counts;
  }, kind);
  expect(created[1]).toBeGreaterThan(0); // the first runs (one rgb, one gray) allocate
  expect(created.slice(2)).toEqual(Array(10).fill(created[1]));
});
