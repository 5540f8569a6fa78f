// The passes' program variants (src/gpu/variants.ts, programParts.ts) against
// the CPU reference, bit for bit: windows on both sides of the size up to
// which loop bounds are compiled in (MAX_UNROLLED_TAPS taps), as 2D windows,
// rows and columns, in colour and packed gray, with sums that start from an
// earlier pass (rank 2), on images smaller than the kernel and with border
// strips, whole and in tiles.
import { expect, test } from 'vitest';
import { MAX_UNROLLED_TAPS } from '../../src/gpu/programParts.js';
import type { FilterOptions } from '../../src/options.js';
import type { ImageSpec, ParityCase, ParityFailure } from './parity.js';
import { describeFailure } from './parity.js';
import { BORDER_VALUE, SMALL_IMAGES } from './cases.js';
import { useTestPage } from '../support/page.js';

const N = MAX_UNROLLED_TAPS;

/** Each kernel with the plan that gives it the window named. */
const KERNELS: readonly (readonly [string, FilterOptions])[] = [
  ['box:8', { plan: 'direct' }], // 8x8 = N taps: compiled bounds
  ['box:9', { plan: 'direct' }], // 81 taps: bounds as uniforms
  [`box:${N}x1`, {}], // one line of N taps
  [`box:${N + 1}x1`, {}],
  [`box:1x${N}`, {}], // one column
  [`box:1x${N + 1}`, {}],
  [`gaussian:${N - 1}`, {}], // float weights, a row and a column pass
  [`gaussian:${N + 1}`, {}],
  ['laplacian', { plan: 'separable' }], // rank 2: column passes that start from a sum
];

const IMAGES: readonly ImageSpec[] = [...SMALL_IMAGES, { kind: 'noise', width: 97, height: 71, seed: 21 }];

const OPTIONS: readonly FilterOptions[] = [
  { border: 'reflect101', channels: 'rgb' },
  { border: 'constant', borderValue: BORDER_VALUE, channels: 'rgba', mode: 'convolve' },
  { border: 'wrap', channels: 'gray' },
  { border: 'constant', borderValue: BORDER_VALUE, channels: 'gray' },
];

function cases(): ParityCase[] {
  return KERNELS.flatMap(([kernel, plan]) =>
    IMAGES.flatMap((image) =>
      OPTIONS.map((options) => ({ kernel, image, options: { ...options, ...plan }, outputs: ['saturate', 'float', 'abs'] as const })),
    ),
  );
}

const page = useTestPage();

test('variants on both sides of the unrolling limit equal the CPU reference', async () => {
  const failures = await page().page.evaluate((cs) => window.parity.checkParity(cs), cases());
  expect({ failing: failures.length, first: failures.slice(0, 5).map(describeFailure) }).toEqual({ failing: 0, first: [] });
});

test('and in tiles of 24 pixels', async () => {
  // Tiles take kernels that reach less than a tile.
  const tiled = cases().filter(
    (c) => c.image.kind === 'noise' && c.image.width > 24 && ['box:8', 'box:9', 'laplacian'].includes(c.kernel as string),
  );
  const failures = await page().page.evaluate(async (cs) => {
    const tiles = new window.kernelgl.GpuFilter({ tileSize: 24 });
    try {
      return await window.parity.checkParity(cs, tiles);
    } finally {
      tiles.dispose();
    }
  }, tiled);
  expect({ failing: failures.length, first: failures.slice(0, 5).map((f: ParityFailure) => describeFailure(f)) }).toEqual({
    failing: 0,
    first: [],
  });
});
