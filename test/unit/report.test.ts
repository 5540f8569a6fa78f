// The report at scale: for a run of many results it stays one light page,
// one row per result, thumbnails written once per file, no full-size copies.
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Row } from '../../src/cli/filterAll.js';
import { writeResult } from '../../src/cli/imageFiles.js';
import { writeReport } from '../../src/cli/report.js';
import { THUMBNAIL_SIDE } from '../../src/cli/thumbnails.js';
import { difference } from '../../src/difference.js';
import { parseFilterSpec } from '../../src/filterSpec.js';
import { resolveOptions } from '../../src/options.js';
import { parseKernelSpec } from '../../src/kernelSpec.js';
import { noiseImage } from '../support/noise.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kernelgl-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const KERNELS = Array.from({ length: 25 }, (_, i) => parseKernelSpec(`box:${i + 1}`));
const INPUTS = 4;

async function run(out: string, engines: readonly ('gpu' | 'cpu')[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (let n = 0; n < INPUTS; n++) {
    const noise = noiseImage(320, 200, n);
    const image = { ...noise, data: new Uint8ClampedArray(noise.data) };
    const [path] = await writeResult(join(dir, `photo${n}`), image, 'rgb', 'saturate', 'png');
    const input = { path: path!, stem: `photo${n}` };
    for (const kernel of KERNELS) {
      const runs: Row['runs'] = {};
      for (const engine of engines) {
        await mkdir(join(out, engine), { recursive: true });
        const [png] = await writeResult(
          join(out, engine, `${input.stem}.${kernel.name.replace(':', '-')}`),
          image,
          'rgb',
          'saturate',
          'png',
        );
        runs[engine] = { plan: 'direct, 1 pass', border: 'replicate', ms: 1.5, png: png!, files: [png!] };
      }
      const parity = engines.length === 2 ? difference(image.data, image.data) : null;
      rows.push({ input, width: image.width, height: image.height, kernel, runs, parity });
    }
  }
  return rows;
}

const report = (out: string, rows: Row[]) =>
  writeReport({ dir: out, rows, engines: { gpu: 'a GPU', cpu: 'the CPU' }, problems: [], options: resolveOptions({}), date: new Date(0) });

test('a run of 100 results with both engines: one row each with parity figures, thumbnails once per file, a light page', async () => {
  const out = join(dir, 'both');
  const rows = await run(out, ['gpu', 'cpu']);
  const path = await report(out, rows);
  expect(path).toBe(join(out, 'report.html'));
  const html = await readFile(path, 'utf8');
  expect(html).toContain('100 of 100 results bit-exact');
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  expect(body.match(/<tr>/g)).toHaveLength(100);
  expect(body.match(/<td class="n">0<\/td><td class="n">100<\/td><\/tr>/g)).toHaveLength(100);
  // Each thumbnail links to its full-size file; the original links to the input itself, not a copy.
  expect(body).toContain('<a href="gpu/photo0.box-3.png"><img src="thumbs/gpu/photo0.box-3.webp"');
  expect(body).toContain(`<a href="../photo1.png"><img src="thumbs/inputs/photo1.webp"`);
  expect((await readdir(out)).sort()).toEqual(['cpu', 'gpu', 'report.html', 'thumbs']);
  const thumbs = [...(await readdir(join(out, 'thumbs/gpu'))), ...(await readdir(join(out, 'thumbs/cpu')))];
  expect(thumbs).toHaveLength(200);
  expect(await readdir(join(out, 'thumbs/inputs'))).toHaveLength(INPUTS);
  const { width, height } = await sharp(join(out, 'thumbs/inputs/photo0.webp')).metadata();
  expect([width, height]).toEqual([THUMBNAIL_SIDE, 100]);
  expect((await stat(path)).size).toBeLessThan(100 * 1024);
});

test('with one engine the report has its pictures and timings and no parity columns', async () => {
  const out = join(dir, 'cpu');
  const html = await readFile(await report(out, await run(out, ['cpu'])), 'utf8');
  expect(html).toContain('100 results.');
  expect(html).not.toContain('% exact');
  expect(html).not.toContain('GPU ms');
  expect(html.match(/<img /g)).toHaveLength(200);
});

test('a filter beyond kernels shows its plan and the border it ran with; without --border the options say each filter has its own', async () => {
  const out = join(dir, 'median');
  await mkdir(out, { recursive: true });
  const noise = noiseImage(8, 6, 1);
  const [png] = await writeResult(
    join(out, 'photo.median-5'),
    { ...noise, data: new Uint8ClampedArray(noise.data) },
    'rgb',
    'saturate',
    'png',
  );
  const input = { path: png!, stem: 'photo' };
  const runs = { cpu: { plan: 'median 5x5', border: 'replicate' as const, ms: 1, png: png!, files: [png!] } };
  const rows: Row[] = [{ input, width: 8, height: 6, kernel: parseFilterSpec('median:5'), runs, parity: null }];
  const html = await readFile(
    await writeReport({ dir: out, rows, engines: { cpu: 'the CPU' }, problems: [], options: {}, date: new Date(0) }),
    'utf8',
  );
  expect(html).toContain('<td>median:5</td><td>median 5x5<br><small>border replicate</small></td>');
  expect(html).toContain(
    "<dt>options</dt><dd>border each filter's own, mode correlate, channels rgb, output saturate, scale 1, delta 0</dd>",
  );
});
