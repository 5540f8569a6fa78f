import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPage, type TestPage } from '../support/page.js';

let t: TestPage;
beforeAll(async () => {
  t = await openPage();
});
afterAll(async () => t?.close());

test('smoke', async () => {
  const out = await t.page.evaluate(() => {
    const { GpuFilter, cpuFilter, bank } = window.kernelgl;
    const img = window.parity.noiseImage(37, 23, 1);
    const gpu = new GpuFilter();
    const res: unknown[] = [gpu.renderer];
    for (const name of Object.keys(bank)) {
      for (const border of ['replicate', 'reflect', 'reflect101', 'wrap', 'constant'] as const) {
        for (const output of ['saturate', 'float'] as const) {
          const o = { border, output, borderValue: 7, channels: 'rgb' as const };
          const g = gpu.filter(img, name, o);
          const c = cpuFilter(img, name, o);
          const d = window.parity.compare(g, c);
          if (d.differing) res.push({ name, border, output, d });
        }
      }
    }
    gpu.dispose();
    return res;
  });
  console.log(JSON.stringify(out, null, 1));
  expect(out.length).toBe(1);
});
