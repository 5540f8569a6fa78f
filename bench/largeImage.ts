#!/usr/bin/env node
/**
 * `node dist/node/bench/largeImage.js [WxH...]`: the built `kernelgl` command
 * on large photos (8000x6000 and 12000x8500, about 100 megapixels, unless
 * sizes are given), on the GPU and with --cpu, with wall time and peak memory.
 * Too slow for the test suites; run it by hand after changes to the command,
 * the exchange server or the tiling (Linux: it samples `ps`).
 *
 * Peak memory is sampled every 200 ms: the command's Node process, and the
 * sum of the resident sets of its browser's processes (which counts pages
 * they share once per process, so it is an upper bound).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { packageFile } from '../src/tooling/packageFile.js';
import { formatTable } from '../src/tooling/table.js';

const DEFAULT_SIZES = ['8000x6000', '12000x8500'];
const SAMPLE_MS = 200;
const COMMAND = packageFile('dist/node/src/cli/main.js');

interface Measured {
  readonly status: number | null;
  readonly seconds: number;
  /** Peak resident sets in MB. */
  readonly nodeMb: number;
  readonly browserMb: number;
  readonly totalMb: number;
}

async function main(argv: readonly string[]): Promise<number> {
  const sizes = (argv.length > 0 ? argv : DEFAULT_SIZES).map(parseSize);
  const dir = await mkdtemp(join(tmpdir(), 'kernelgl-large-'));
  const rows: string[][] = [];
  try {
    for (const [width, height] of sizes) {
      const input = join(dir, `noise${width}x${height}.png`);
      await writeNoisePng(input, width, height);
      for (const engine of ['gpu', 'cpu'] as const) {
        process.stderr.write(`largeImage: ${width}x${height} on the ${engine}...\n`);
        const m = await measure([input, '-k', 'sobel_x', '-o', join(dir, 'out'), ...(engine === 'cpu' ? ['--cpu'] : [])]);
        rows.push([
          `${width}x${height}`,
          engine,
          m.status === 0 ? 'ok' : `exit ${m.status}`,
          m.seconds.toFixed(1),
          ...[m.nodeMb, m.browserMb, m.totalMb].map(String),
        ]);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const right = (title: string) => ({ title, align: 'right' as const });
  const titles = [
    { title: 'size' },
    { title: 'engine' },
    { title: 'result' },
    right('wall s'),
    right('Node MB'),
    right('browser MB'),
    right('total MB'),
  ];
  process.stdout.write(`${formatTable(titles, rows)}\n`);
  return rows.every((r) => r[2] === 'ok') ? 0 : 1;
}

function parseSize(text: string): [number, number] {
  const match = /^(\d+)x(\d+)$/.exec(text);
  if (!match) throw new Error(`largeImage: a size is WIDTHxHEIGHT, such as 12000x8500; got ${JSON.stringify(text)}.`);
  return [Number(match[1]), Number(match[2])];
}

/** Noise (xorshift), which PNG cannot squeeze: the decoder does all its work, as on a photo. */
async function writeNoisePng(path: string, width: number, height: number): Promise<void> {
  const rgb = Buffer.allocUnsafe(width * height * 3);
  let seed = 0x2545f491;
  for (let i = 0; i < rgb.length; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    rgb[i] = seed & 0xff;
  }
  await sharp(rgb, { raw: { width, height, channels: 3 }, limitInputPixels: false })
    .png({ compressionLevel: 1 })
    .toFile(path);
}

/** Runs the command with `args`, sampling the memory of it and its descendants until it exits. */
function measure(args: readonly string[]): Promise<Measured> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [COMMAND, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  const peak = { node: 0, browser: 0 };
  const timer = setInterval(() => {
    const rss = treeRss(child.pid!);
    peak.node = Math.max(peak.node, rss.node);
    peak.browser = Math.max(peak.browser, rss.descendants);
  }, SAMPLE_MS);
  return new Promise((resolve) => {
    child.once('exit', (status) => {
      clearInterval(timer);
      const mb = (kb: number) => Math.round(kb / 1024);
      resolve({
        status,
        seconds: (performance.now() - t0) / 1000,
        nodeMb: mb(peak.node),
        browserMb: mb(peak.browser),
        totalMb: mb(peak.node + peak.browser),
      });
    });
  });
}

/** Resident set in kB of process `pid` and the sum over its descendants. */
function treeRss(pid: number): { node: number; descendants: number } {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const rss = new Map(table.map(([p, , r]) => [p!, r!]));
  const children = new Map<number, number[]>();
  for (const [p, parent] of table) children.set(parent!, [...(children.get(parent!) ?? []), p!]);
  let descendants = 0;
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    descendants += rss.get(next) ?? 0;
    stack.push(...(children.get(next) ?? []));
  }
  return { node: rss.get(pid) ?? 0, descendants };
}

process.exitCode = await main(process.argv.slice(2));
