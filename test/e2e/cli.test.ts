// The built `kernelgl` command, run as a child process on small generated
// images. Every result is checked against the CPU reference computed here on
// the same decoded pixels: the GPU path must match it bit for bit.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_KERNELS } from '../../src/bank.js';
import { readImage } from '../../src/cli/imageFiles.js';
import { cpuFilter } from '../../src/cpu/filter.js';
import type { RgbaImage } from '../../src/image.js';
import type { Kernel } from '../../src/kernel.js';
import { isSoftwareRenderer } from '../../src/gpu/softwareRenderer.js';
import { kernelFromJson, parseKernelSpec } from '../../src/kernelSpec.js';
import type { FilterOptions } from '../../src/options.js';
import { toOutput } from '../../src/output.js';
import { findBrowser, NO_BROWSER_HELP } from '../../src/tooling/browser.js';
import { expectBuiltCommand, runCommand, runScript } from '../support/command.js';
import { compare } from '../support/compare.js';
import { noiseImage } from '../support/noise.js';

const ENSURE_BROWSER = resolve('dist/node/src/cli/ensureBrowser.js');

const SHARPEN = '[[0,-1,0],[-1,5,-1],[0,-1,0]]';
const RIDGE = {
  matrix: [
    [1, 2],
    [3, -4],
    [0, 5],
  ],
  anchor: [1, 2],
};

const kernelgl = (args: readonly string[], cwd = dir) => runCommand(args, cwd);

let dir: string;

function pngBytes(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  return PNG.sync.write(png);
}

function grayPngBytes(width: number, height: number, seed: number): Buffer {
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(noiseImage(width, height, seed).data.subarray(0, width * height));
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

/** Decodes a fixture as the command does: as OpenCV's imread (formats.test.ts checks that against OpenCV itself). */
function decoded(path: string): Promise<RgbaImage> {
  return readImage(join(dir, path), () => {});
}

/** Checks a written PNG against the CPU reference; `pngColorType` is the PNG header's colour type. */
async function expectResult(file: string, input: string, kernel: Kernel, options: FilterOptions, pngColorType = 6): Promise<void> {
  const bytes = await readFile(file);
  expect(bytes[25], `${file} colour type`).toBe(pngColorType);
  const png = PNG.sync.read(bytes);
  const image = await decoded(input);
  const reference = cpuFilter(image, kernel, { ...options, output: 'float' });
  const expected = toOutput(reference.data, options.output === 'abs' ? 'abs' : 'saturate');
  expect([png.width, png.height]).toEqual([image.width, image.height]);
  expect(compare({ width: png.width, data: new Uint8ClampedArray(png.data) }, { data: expected }), file).toMatchObject({ differing: 0 });
}

beforeAll(async () => {
  expectBuiltCommand();
  dir = await mkdtemp(join(tmpdir(), 'kernelgl-e2e-'));
  await mkdir(join(dir, 'set'));
  await mkdir(join(dir, 'empty'));
  await writeFile(join(dir, 'set/noise.png'), pngBytes(noiseImage(23, 17, 1)));
  await writeFile(join(dir, 'set/gray.png'), grayPngBytes(19, 13, 2));
  const photo = noiseImage(21, 15, 3);
  await writeFile(
    join(dir, 'set/photo.jpg'),
    jpeg.encode({ width: photo.width, height: photo.height, data: Buffer.from(photo.data) }, 90).data,
  );
  await writeFile(join(dir, 'set/notes.txt'), 'not an image; folder inputs skip it\n');
  await writeFile(join(dir, 'ridge.json'), JSON.stringify(RIDGE));
  await writeFile(join(dir, 'Ridge.json'), JSON.stringify(RIDGE));
  await writeFile(join(dir, 'box-5x3.json'), JSON.stringify(RIDGE));
  await writeFile(
    join(dir, 'badanchor.json'),
    JSON.stringify({
      matrix: [
        [1, 2],
        [3, 4],
      ],
      anchor: [2, 0],
    }),
  );
  await writeFile(join(dir, 'corrupt.png'), Buffer.concat([pngBytes(noiseImage(8, 8, 4)).subarray(0, 40), Buffer.from('garbage')]));
  await writeFile(join(dir, 'fake.jpg'), 'plain text, not a JPEG\n');
  await writeFile(join(dir, 'wide.png'), pngBytes(noiseImage(8193, 1, 5)));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('filtering files', () => {
  const kernelArgs = ['-k', 'sobel_x', '-k', 'box:21', '-k', SHARPEN, '-k', 'ridge.json'];
  // By the name each kernel's files have: `box:21` writes `<input>.box-21.png`, valid on every OS.
  const kernels: Record<string, Kernel> = {
    sobel_x: parseKernelSpec('sobel_x'),
    'box-21': parseKernelSpec('box:21'),
    custom1: parseKernelSpec(SHARPEN),
    ridge: kernelFromJson(RIDGE),
  };
  const inputs = { gray: 'set/gray.png', noise: 'set/noise.png', photo: 'set/photo.jpg' };
  const expectedNames = Object.keys(inputs)
    .flatMap((stem) => Object.keys(kernels).map((name) => `${stem}.${name}.png`))
    .sort();

  test('a folder of PNG and JPEG files, with bank, generator, inline JSON and JSON-file kernels, equals the CPU reference', async () => {
    const outcome = await kernelgl(['set', ...kernelArgs, '-o', 'outA']);
    expect(outcome.stderr).not.toMatch(/failed/);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^GPU: /);
    expect(outcome.stderr).toContain('[12/12]');
    // The table keeps the kernel's own name beside the file it wrote.
    expect(outcome.stdout).toMatch(/^gray +box:21 .*gray\.box-21\.png$/m);
    expect((await readdir(join(dir, 'outA'))).sort()).toEqual(expectedNames);
    for (const [stem, input] of Object.entries(inputs)) {
      for (const [name, kernel] of Object.entries(kernels)) await expectResult(join(dir, 'outA', `${stem}.${name}.png`), input, kernel, {});
    }
  });

  test('--cpu writes the very same bytes as the GPU path', async () => {
    const outcome = await kernelgl(['set', ...kernelArgs, '-o', 'outC', '--cpu']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^CPU: /);
    expect((await readdir(join(dir, 'outC'))).sort()).toEqual(expectedNames);
    for (const name of expectedNames) {
      const [gpu, cpu] = await Promise.all([readFile(join(dir, 'outA', name)), readFile(join(dir, 'outC', name))]);
      expect(gpu.equals(cpu), name).toBe(true);
    }
  });

  test('--engine gpu and cpu run what they name; auto runs the CPU where WebGL is software, says so, and writes the same bytes', async () => {
    const gpu = await kernelgl(['set', ...kernelArgs, '-o', 'outGpu', '--engine', 'gpu']);
    const cpu = await kernelgl(['set', ...kernelArgs, '-o', 'outCpu', '--engine', 'cpu']);
    const auto = await kernelgl(['set', ...kernelArgs, '-o', 'outAuto', '--engine', 'auto']);
    expect([gpu.code, cpu.code, auto.code]).toEqual([0, 0, 0]);
    expect(gpu.stdout).toMatch(/^GPU: .*\n\n.* GPU ms /);
    expect(cpu.stdout).toMatch(/^CPU: .*\n\n.* CPU ms /);
    const renderer = /^GPU: (.*)$/m.exec(gpu.stdout)![1]!;
    if (isSoftwareRenderer(renderer)) {
      expect(auto.stdout).toMatch(/^CPU: .*\n\n.* CPU ms /);
      expect(auto.stderr).toContain(`--engine auto: the browser renders WebGL in software (${renderer}); filtering on the CPU`);
    } else {
      expect(auto.stdout).toMatch(/^GPU: .*\n\n.* GPU ms /);
    }
    for (const name of expectedNames) {
      const [a, b, c] = await Promise.all(['outGpu', 'outCpu', 'outAuto'].map((out) => readFile(join(dir, out, name))));
      expect(a!.equals(b!) && a!.equals(c!), name).toBe(true);
    }
  });

  test('gray channels write grayscale PNGs; float output writes .f32 files holding the reference floats', async () => {
    const options: FilterOptions = { channels: 'gray', output: 'float', border: 'reflect', mode: 'convolve', scale: 0.5, delta: -3 };
    const args = ['--channels', 'gray', '--output', 'float', '--border', 'reflect', '--mode', 'convolve', '--scale', '0.5', '--delta=-3'];
    const specs = { custom1: '[[1,2,1]]', custom2: '[[2],[1],[-1]]', 'gaussian-5-1.5': 'gaussian:5:1.5' };
    const outcome = await kernelgl([
      'set/noise.png',
      'set/gray.png',
      ...Object.values(specs).flatMap((s) => ['-k', s]),
      ...args,
      '-o',
      'outB',
    ]);
    expect(outcome.code).toBe(0);
    const names = ['noise', 'gray'].flatMap((stem) =>
      Object.keys(specs).flatMap((k) => ['png', 'f32', 'f32.json'].map((ext) => `${stem}.${k}.${ext}`)),
    );
    expect((await readdir(join(dir, 'outB'))).sort()).toEqual(names.sort());
    for (const stem of ['noise', 'gray']) {
      const input = `set/${stem}.png`;
      const image = await decoded(input);
      for (const [name, spec] of Object.entries(specs)) {
        const kernel = parseKernelSpec(spec);
        const base = join(dir, 'outB', `${stem}.${name}`);
        await expectResult(`${base}.png`, input, kernel, options, 0);
        const bytes = await readFile(`${base}.f32`);
        const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        const reference = cpuFilter(image, kernel, options);
        expect(compare({ width: image.width, data: floats }, reference), `${base}.f32`).toMatchObject({
          samples: image.width * image.height * 4,
          differing: 0,
        });
        expect(JSON.parse(await readFile(`${base}.f32.json`, 'utf8'))).toMatchObject({
          width: image.width,
          height: image.height,
          channels: 4,
        });
      }
    }
  });

  test('with only kernels it filters the bundled rocket photo, wherever it is run from', async () => {
    const cwd = await mkdtemp(join(dir, 'cwd-'));
    const outcome = await kernelgl(['-k', 'sharpen', '--cpu'], cwd);
    expect(outcome.code).toBe(0);
    expect(await readdir(join(cwd, 'out'))).toEqual(['rocket.sharpen.png']);
  });
});

describe('runs at scale', () => {
  interface Record {
    readonly input: string;
    readonly kernel: string | null;
    readonly engine: string | null;
    readonly outputs?: string[];
    readonly width?: number;
    readonly height?: number;
    readonly skipped?: true;
    readonly error?: string;
  }
  const manifest = async (path: string) => JSON.parse(await readFile(join(dir, path), 'utf8')) as Record[];
  const twoKernels = ['-k', 'sobel_x', '-k', 'box:3', '--cpu'];

  test('--skip-existing recomputes only the results whose files are missing, says how many it skipped, and touches no other file', async () => {
    expect((await kernelgl(['set', ...twoKernels, '-o', 'outSkip'])).code).toBe(0);
    const names = (await readdir(join(dir, 'outSkip'))).sort();
    expect(names).toHaveLength(6);
    const before = await Promise.all(names.map((name) => stat(join(dir, 'outSkip', name), { bigint: true })));
    await rm(join(dir, 'outSkip', 'noise.sobel_x.png'));
    const again = await kernelgl(['set', ...twoKernels, '-o', 'outSkip', '--skip-existing', '--manifest', 'skip.json']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('kernelgl: 1 result written to outSkip; 5 skipped (their files exist).');
    expect(again.stderr.match(/^kernelgl: \[\d\/6\] .*$/gm)).toEqual([
      expect.stringMatching(/^kernelgl: \[\d\/6\] noise sobel_x \(cpu\) /),
    ]);
    expect((await readdir(join(dir, 'outSkip'))).sort()).toEqual(names);
    for (const [i, name] of names.entries()) {
      if (name === 'noise.sobel_x.png') continue;
      expect((await stat(join(dir, 'outSkip', name), { bigint: true })).mtimeNs, name).toBe(before[i]!.mtimeNs);
    }
    await expectResult(join(dir, 'outSkip', 'noise.sobel_x.png'), 'set/noise.png', parseKernelSpec('sobel_x'), {});
    const records = await manifest('skip.json');
    expect(records.filter((r) => !r.skipped).map((r) => r.outputs)).toEqual([[join('outSkip', 'noise.sobel_x.png')]]);
    expect(records.filter((r) => r.skipped)).toHaveLength(5);
  });

  test('--manifest records every file written with its size, and every error, even when the run fails', async () => {
    const outcome = await kernelgl(['set', 'missing.png', 'corrupt.png', ...twoKernels, '-o', 'outMan', '--manifest', 'run.json']);
    expect(outcome.code).toBe(1);
    const records = await manifest('run.json');
    const written = records.filter((r) => r.outputs);
    expect(written.flatMap((r) => r.outputs!.map((o) => o.replace(/^outMan[\\/]/, ''))).sort()).toEqual(
      (await readdir(join(dir, 'outMan'))).sort(),
    );
    for (const record of written) {
      const image = await decoded(record.input);
      expect([record.width, record.height, record.engine], record.input).toEqual([image.width, image.height, 'cpu']);
      expect(record.outputs![0]).toBe(
        join('outMan', `${/([^/\\]+)\.\w+$/.exec(record.input)![1]}.${record.kernel!.replace(':', '-')}.png`),
      );
    }
    expect(written).toHaveLength(6);
    const errors = records.filter((r) => r.error);
    expect(errors.map((r) => r.input).sort()).toEqual(['corrupt.png', 'missing.png']);
    expect(errors.find((r) => r.input === 'missing.png')!.error).toContain('no such file or folder');
  });

  test('--shard K/N: the shards of a folder are disjoint, cover it, and do not depend on where the folder is', async () => {
    await mkdir(join(dir, 'many'));
    await mkdir(join(dir, 'elsewhere', 'copy'), { recursive: true });
    const names = Array.from({ length: 12 }, (_, i) => `tile${i}.png`);
    for (const [i, name] of names.entries()) {
      const bytes = pngBytes(noiseImage(5, 4, 100 + i));
      await writeFile(join(dir, 'many', name), bytes);
      await writeFile(join(dir, 'elsewhere', 'copy', name), bytes);
    }
    const shards: string[][] = [];
    for (const k of [1, 2, 3]) {
      const outcome = await kernelgl([
        'many',
        '-k',
        'sobel_x',
        '--cpu',
        '-o',
        `outShard${k}`,
        '--shard',
        `${k}/3`,
        '--manifest',
        `shard${k}.json`,
      ]);
      expect(outcome.code).toBe(0);
      const inputs = (await manifest(`shard${k}.json`)).map((r) => r.input.replace(/^many[\\/]/, ''));
      expect(outcome.stderr).toContain(`(shard ${k}/3: ${inputs.length} of 12 inputs)`);
      expect((await readdir(join(dir, `outShard${k}`))).sort()).toEqual(inputs.map((name) => name.replace('.png', '.sobel_x.png')).sort());
      shards.push(inputs);
    }
    expect(shards.flat().sort()).toEqual([...names].sort());
    expect(new Set(shards.flat()).size).toBe(12);
    expect(shards.every((shard) => shard.length < 12)).toBe(true);
    const moved = await kernelgl(
      [join('..', 'many'), '-k', 'sobel_x', '--cpu', '-o', 'outMoved', '--shard', '2/3', '--manifest', 'moved.json'],
      join(dir, 'elsewhere'),
    );
    expect(moved.code).toBe(0);
    const movedNames = (await readdir(join(dir, 'elsewhere', 'outMoved'))).map((name) => name.replace('.sobel_x.png', '.png'));
    expect(movedNames.sort()).toEqual([...shards[1]!].sort());
  });

  test('--shard refuses what is not K/N with 1 <= K <= N', async () => {
    for (const shard of ['0/3', '4/3', '1', 'a/b']) {
      const outcome = await kernelgl(['set', '--cpu', '--shard', shard]);
      expect(outcome.code, shard).toBe(2);
      expect(outcome.stderr).toContain(`shard must be K/N with 1 <= K <= N (e.g. 2/8 for the second of eight machines); got "${shard}".`);
    }
  });
});

describe('errors', () => {
  test('bad inputs are reported one by one and the good ones are still written', async () => {
    const outcome = await kernelgl([
      'set/noise.png',
      'missing.png',
      'corrupt.png',
      'fake.jpg',
      'empty',
      'wide.png',
      '-k',
      'sharpen',
      '-o',
      'outD',
    ]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('kernelgl: missing.png: cannot read "missing.png": no such file or folder.');
    expect(outcome.stderr).toMatch(/kernelgl: corrupt\.png: "corrupt\.png" is not a readable PNG file/);
    expect(outcome.stderr).toContain(
      'kernelgl: fake.jpg: "fake.jpg" is not an image file kernelgl reads (PNG, JPEG, WebP, TIFF, AVIF or GIF).',
    );
    expect(outcome.stderr).toContain('kernelgl: empty: the folder "empty" holds no image files kernelgl reads');
    expect(outcome.stderr).toContain('4 failed');
    // 8193 pixels wide is more than a 4096-pixel tile: the GPU filters it in tiles, with the untiled result.
    expect(await readdir(join(dir, 'outD'))).toEqual(['noise.sharpen.png', 'wide.sharpen.png']);
    await expectResult(join(dir, 'outD', 'noise.sharpen.png'), 'set/noise.png', parseKernelSpec('sharpen'), {});
    await expectResult(join(dir, 'outD', 'wide.sharpen.png'), 'wide.png', parseKernelSpec('sharpen'), {});
  });

  test.each([
    [
      ['--bogus'],
      "unknown option '--bogus'; valid options: -k/--kernel, -o/--out, --format, --border, --mode, --channels, --output, --scale, --delta, --engine, --cpu, --skip-existing, --manifest, --shard, -h/--help",
    ],
    [['--engine', 'fast'], `engine must be one of 'auto', 'gpu', 'cpu'; got "fast".`],
    [['--engine', 'gpu', '--cpu'], '--cpu means --engine cpu, but --engine gpu was given too; give one.'],
    [['-k'], "Option '-k, --kernel <value>' argument missing"],
    [['--border', 'mirror'], `border must be one of 'replicate', 'reflect', 'reflect101', 'wrap', 'constant'; got "mirror".`],
    [['--channels', 'bgr'], `channels must be one of 'rgb', 'rgba', 'gray'; got "bgr".`],
    [['--scale', 'big'], 'scale must be a finite number within float32 range (|v| < 3.4e38); got "big".'],
    [['-k', 'sobel_z'], 'no kernel named "sobel_z"; named kernels: small_blur, large_blur, sharpen'],
    [['-k', 'box:0'], '"box:0" is not a box spec'],
    [['-k', '[[1,2],[3]]'], 'kernel rows must all have the same length; row 0 has 2, row 1 has 1.'],
    [['-k', 'nothere.json'], 'cannot read the kernel file "nothere.json": no such file.'],
    [['-k', 'badanchor.json'], 'in the kernel file "badanchor.json": anchor must be [x, y] with integers 0 <= x < 2'],
    [['-k', 'box:3', '-k', 'box:3'], 'the kernel "box:3" is given twice'],
    [['-k', 'box:5x3', '-k', 'box-5x3.json'], 'the kernels "box:5x3" and "box-5x3" would both write <input>.box-5x3.png'],
    [
      ['-k', 'ridge.json', '-k', 'Ridge.json'],
      'the kernels "ridge" and "Ridge" would write <input>.ridge.png and <input>.Ridge.png, one file on Windows and macOS',
    ],
  ])('%j is refused before anything runs', async (args, message) => {
    const outcome = await kernelgl(['set/noise.png', '-o', 'never', ...args]);
    expect(outcome.stderr).toContain(message);
    expect(outcome.stderr).toMatch(/^kernelgl: /);
    expect(outcome.code).toBe(2);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  test('--help prints the usage', async () => {
    const outcome = await kernelgl(['--help']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^Usage: kernelgl \[INPUT\.\.\.\] \[-k KERNEL\]\.\.\. \[-o OUTDIR\]/);
    for (const flag of [
      '--kernel',
      '--out',
      '--format',
      '--border',
      '--mode',
      '--channels',
      '--output',
      '--scale',
      '--delta',
      '--engine',
      '--cpu',
      '--help',
    ]) {
      expect(outcome.stdout).toContain(flag);
    }
  });
});

test('with no arguments it runs the demo: GPU and CPU results, equal byte for byte, and a report', async () => {
  const cwd = await mkdtemp(join(dir, 'demo-'));
  const outcome = await kernelgl([], cwd);
  expect(outcome.stderr).not.toMatch(/failed/);
  expect(outcome.code).toBe(0);
  const names = DEMO_KERNELS.map((k) => `rocket.${k}.png`).sort();
  expect((await readdir(join(cwd, 'out/gpu'))).sort()).toEqual(names);
  expect((await readdir(join(cwd, 'out/cpu'))).sort()).toEqual(names);
  for (const name of names) {
    const [gpu, cpu] = await Promise.all([readFile(join(cwd, 'out/gpu', name)), readFile(join(cwd, 'out/cpu', name))]);
    expect(gpu.equals(cpu), name).toBe(true);
  }
  const report = await readFile(join(cwd, 'out/report.html'), 'utf8');
  expect(report).toContain('6 of 6 results bit-exact');
  // Thumbnails that link to the full-size results; no copy of the original.
  expect(report).toContain('<a href="gpu/rocket.large_blur.png"><img src="thumbs/gpu/rocket.large_blur.webp"');
  expect(report).toContain('<a href="cpu/rocket.large_blur.png"><img src="thumbs/cpu/rocket.large_blur.webp"');
  expect(report).toContain('<img src="thumbs/inputs/rocket.webp"');
  expect((await readdir(join(cwd, 'out'))).sort()).toEqual(['cpu', 'gpu', 'report.html', 'thumbs']);
  const tableRows = outcome.stdout.split('\n').filter((line) => DEMO_KERNELS.some((k) => line.startsWith(`${k} `)));
  expect(tableRows).toHaveLength(6);
  for (const row of tableRows) expect(row).toMatch(/\s0\s+100$/);
});

describe('browser check run by npm install', () => {
  test('names the browser it finds', async () => {
    const found = findBrowser();
    expect(found, 'these tests need a browser').not.toBeNull();
    const outcome = await runScript(ENSURE_BROWSER, [], dir, { PUPPETEER_EXECUTABLE_PATH: found!.path });
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe(`kernelgl: the GPU path uses ${found!.path} (from PUPPETEER_EXECUTABLE_PATH).\n`);
  });

  test('pointed at a browser that does not exist, it explains and still exits 0', async () => {
    const outcome = await runScript(ENSURE_BROWSER, [], dir, {
      PUPPETEER_EXECUTABLE_PATH: join(dir, 'no-such-browser'),
      KERNELGL_SKIP_BROWSER_INSTALL: '1',
    });
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toContain('which does not exist');
    expect(outcome.stderr).toContain(NO_BROWSER_HELP);
  });
});
