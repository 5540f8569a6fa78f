#!/usr/bin/env node
/**
 * `npm run bench`: times kernelgl in headless Chromium against its CPU
 * reference and opencv.js, then beside opencv.js, fabric.js and TF.js in the
 * peers table, and (`--tables nonlinear`) its median, morphology and
 * bilateral filters beside opencv.js; prints markdown tables on stdout,
 * writes bench/results.json, and shows progress on stderr. See bench/README.md.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { reason } from '../src/reason.js';
import { AppPage } from '../src/tooling/appPage.js';
import { packageFile } from '../src/tooling/packageFile.js';
import { Progress } from '../src/tooling/progress.js';
import { parseBenchCommand, sizeName, USAGE, type BenchCommand } from './args.js';
import { bundleSizes, type BundleReport } from './bundleSize.js';
import { Budget, cellKey, planCells, type Cell } from './cells.js';
import { PEER_SIZE, peerJobs, type PeerRow } from './peers.js';
import type { BenchStarted, CellJob, CellReply, Loaded } from './protocol.js';
import { formatMs } from './format.js';
import { nonlinearJobs, NONLINEAR_SIZES, type NonlinearRow } from './nonlinear.js';
import { markdownReport, type Measured, type RunInfo } from './report.js';
import { measured, Results, type CellResult, type Outcome } from './results.js';
import { checkTargets, fixedCost, TARGET_CELLS, TARGET_PAIRS, type Pair, type PairRounds } from './targets.js';

const BENCH_PAGE = 'bench/page/index.html';
const PHOTO = 'demo/samples/hubble_deep_field.jpg';
const RESULTS_FILE = 'bench/results.json';
/** Software rendering can hold one draw for many seconds; the watchdog would take that for a hung GPU. */
const BROWSER_ARGS = ['--disable-gpu-watchdog'];

async function main(argv: readonly string[]): Promise<number> {
  let command: BenchCommand;
  try {
    const parsed = parseBenchCommand(argv);
    if (parsed === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    command = parsed;
  } catch (error) {
    console.error(`kernelgl bench: ${reason(error)}`);
    return 2;
  }
  try {
    await run(command);
    return 0;
  } catch (error) {
    console.error(`kernelgl bench: ${reason(error)}`);
    return 1;
  }
}

async function run(command: BenchCommand): Promise<void> {
  const started = performance.now();
  const date = new Date();
  console.error('kernelgl bench: measuring the bundle sizes');
  const bundle = await bundleSizes(packageFile('dist/lib/kernelgl.js')).catch((error: unknown) => ({ error: reason(error) }));
  const { page, userAgent, measured } = await measureInPage(command);
  const info: RunInfo = {
    command,
    renderer: page.renderer,
    opencv: loadedText(page.opencv, ' (opencv.js from @techstark/opencv-js)'),
    fabric: loadedText(page.fabric),
    tfjs: loadedText(page.tfjs),
    auto: page.auto,
    userAgent,
    photo: PHOTO,
    date,
    seconds: (performance.now() - started) / 1000,
  };
  await writeFile(packageFile(RESULTS_FILE), `${JSON.stringify(resultsJson(info, measured, bundle), null, 2)}\n`);
  process.stdout.write(markdownReport(info, measured, bundle));
  console.error(`kernelgl bench: done in ${(info.seconds / 60).toFixed(1)} min; results written to ${RESULTS_FILE}`);
}

/** A peer's version (and `note`), or why it did not run. */
const loadedText = (loaded: Loaded, note = ''): string => ('version' in loaded ? `${loaded.version}${note}` : `not run: ${loaded.error}`);

interface PageResults {
  readonly page: BenchStarted;
  readonly userAgent: string;
  readonly measured: Measured;
}

/**
 * Opens the benchmark page, measures the tables asked for in it (every
 * cell, then the targets' pairs; the peers table; the nonlinear table), and
 * closes it.
 */
async function measureInPage(command: BenchCommand): Promise<PageResults> {
  const app = await AppPage.open(packageFile('dist/app/'), BENCH_PAGE, 'kernelglBench', BROWSER_ARGS);
  try {
    const page = await startPage(app);
    const timings = command.tables.includes('timings');
    const results = timings ? await measureAll(app, command) : [];
    const measured: Measured = {
      results: new Results(results),
      pairs: timings ? await measurePairs(app, command.runs) : [],
      peers: command.tables.includes('peers') ? await measurePeers(app, command) : [],
      nonlinear: command.tables.includes('nonlinear') ? await measureNonlinear(app, command) : [],
    };
    return { page, userAgent: await app.browser.userAgent(), measured };
  } finally {
    await app.close();
  }
}

/** Serves the photo and opencv.js to the page and starts it. */
async function startPage(app: AppPage): Promise<BenchStarted> {
  const opencvPath = createRequire(import.meta.url).resolve('@techstark/opencv-js');
  const setup = {
    photo: app.server.publish(await readFile(packageFile(PHOTO))),
    opencv: app.server.publish(await readFile(opencvPath)),
  };
  console.error('kernelgl bench: starting the page (WebGL2, opencv.js, fabric.js, TF.js)');
  const info = await app.page.evaluate((s) => window.kernelglBench.start(s), setup);
  if ('error' in info) throw new Error(info.error);
  return info;
}

async function measureAll(app: AppPage, command: BenchCommand): Promise<CellResult[]> {
  const cells = planCells(command, TARGET_CELLS);
  const targets = new Set(TARGET_CELLS.map(cellKey));
  const budget = new Budget(command.capSeconds, (cell) => targets.has(cellKey(cell)));
  const progress = new Progress(cells.length);
  const results: CellResult[] = [];
  for (const cell of cells) {
    if (budget.skips(cell)) {
      results.push({ ...cell, outcome: { status: 'capped', reason: budget.skipReason, callMs: null, plan: null } });
      progress.skip(1);
      continue;
    }
    const label = `${sizeName(cell.size)} ${cell.channels} ${cell.kernel} ${cell.method}`;
    progress.begin(label);
    const outcome = await measure(app, cell, command.runs, budget);
    results.push({ ...cell, outcome });
    progress.end(describe(outcome));
    if (outcome.status === 'failed') progress.note(`kernelgl bench: ${label}: ${outcome.error}`);
  }
  progress.finish();
  return results;
}

/**
 * Times the targets' pairs: `rounds` rounds of one call of each side, one
 * after the other, with no budget (their cells ran in the table already).
 */
async function measurePairs(app: AppPage, rounds: number): Promise<PairRounds[]> {
  const progress = new Progress(TARGET_PAIRS.length * rounds);
  const out: PairRounds[] = [];
  for (const pair of TARGET_PAIRS) {
    const label = `targets: ${pairName(pair)}`;
    const times: { a: number; b: number }[] = [];
    try {
      for (let r = 0; r < rounds; r++) {
        progress.begin(label);
        const round = { a: await oneCall(app, pair.a), b: await oneCall(app, pair.b) };
        times.push(round);
        progress.end((round.a / round.b).toFixed(2));
      }
    } catch (error) {
      progress.skip(rounds - times.length);
      progress.note(`kernelgl bench: ${label}: ${reason(error)}`);
      times.length = 0;
    }
    out.push({ pair, rounds: times });
  }
  progress.finish();
  return out;
}

/** Times the peers table, one page call a row (the page alternates the engines within it). */
async function measurePeers(app: AppPage, command: BenchCommand): Promise<PeerRow[]> {
  const jobs = peerJobs(command.runs, command.capSeconds);
  const progress = new Progress(jobs.length);
  const rows: PeerRow[] = [];
  for (const job of jobs) {
    const label = `peers: ${job.channels} ${job.kernel}`;
    progress.begin(label);
    const reply = await app.page.evaluate((j) => window.kernelglBench.peers(j), job).catch((error: unknown) => ({ error: reason(error) }));
    rows.push({ channels: job.channels, kernel: job.kernel, engines: 'error' in reply ? { error: reply.error } : reply.engines });
    progress.end('error' in reply ? 'failed' : 'done');
    if ('error' in reply) progress.note(`kernelgl bench: ${label}: ${reply.error}`);
  }
  progress.finish();
  return rows;
}

/** Times the nonlinear table, one page call a row (the page alternates the engines within it). */
async function measureNonlinear(app: AppPage, command: BenchCommand): Promise<NonlinearRow[]> {
  const jobs = nonlinearJobs(command.filters, command.runs, command.capSeconds);
  const progress = new Progress(jobs.length);
  const rows: NonlinearRow[] = [];
  for (const job of jobs) {
    const label = `nonlinear: ${sizeName(job)} ${job.channels} ${job.filter}`;
    progress.begin(label);
    const reply = await app.page
      .evaluate((j) => window.kernelglBench.nonlinear(j), job)
      .catch((error: unknown) => ({ error: reason(error) }));
    rows.push({ size: { width: job.width, height: job.height }, channels: job.channels, filter: job.filter, reply });
    progress.end('error' in reply ? 'failed' : 'done');
    if ('error' in reply) progress.note(`kernelgl bench: ${label}: ${reply.error}`);
  }
  progress.finish();
  return rows;
}

const pairName = ({ a, b }: Pair): string => `${a.channels} ${a.kernel} ${a.method} / ${b.channels} ${b.kernel} ${b.method}`;

/** The page's warm-up call of `cell`, then `runs` timed calls unless the warm-up took over `budgetMs`. */
function callPage(app: AppPage, { size, channels, kernel, method }: Cell, runs: number, budgetMs: number | null): Promise<CellReply> {
  const job: CellJob = { width: size.width, height: size.height, channels, kernel, method, runs, budgetMs };
  return app.page.evaluate((j) => window.kernelglBench.measure(j), job);
}

/** The ms of one call of `cell`'s method (the page's warm-up call, with no timed runs after it). */
async function oneCall(app: AppPage, cell: Cell): Promise<number> {
  const reply = await callPage(app, cell, 0, null);
  if ('error' in reply) throw new Error(reply.error);
  return reply.warmUpMs;
}

async function measure(app: AppPage, cell: Cell, runs: number, budget: Budget): Promise<Outcome> {
  try {
    const reply = await callPage(app, cell, runs, budget.limitMs(cell));
    if ('error' in reply) return { status: 'failed', error: reason(reply.error) };
    if (budget.record(cell, reply.warmUpMs))
      return { status: 'capped', reason: budget.overReason(cell), callMs: reply.warmUpMs, plan: reply.plan };
    return measured(cell.size, reply.times, reply.plan);
  } catch (error) {
    return { status: 'failed', error: reason(error) };
  }
}

function describe(outcome: Outcome): string {
  switch (outcome.status) {
    case 'measured':
      return `${formatMs(outcome.medianMs)} ms`;
    case 'capped':
      return `capped (one call: ${formatMs(outcome.callMs ?? 0)} ms)`;
    case 'failed':
      return 'failed';
  }
}

function resultsJson(info: RunInfo, { results, pairs, peers, nonlinear }: Measured, bundle: BundleReport) {
  return {
    tables: info.command.tables,
    date: info.date.toISOString(),
    seconds: Math.round(info.seconds),
    renderer: info.renderer,
    userAgent: info.userAgent,
    opencv: info.opencv,
    fabric: info.fabric,
    tfjs: info.tfjs,
    autoBackend: info.auto,
    frames: info.photo,
    runs: info.command.runs,
    capSeconds: info.command.capSeconds,
    bundle,
    fixedCost: fixedCost(results),
    targets: checkTargets(results, pairs, bundle),
    targetRounds: pairs.map(({ pair, rounds }) => ({ a: cellKey(pair.a), b: cellKey(pair.b), rounds })),
    cells: results.all.map(({ size, ...rest }) => ({ size: sizeName(size), ...rest })),
    peers: { size: sizeName(PEER_SIZE), rows: peers },
    nonlinear: {
      sizes: NONLINEAR_SIZES.map(sizeName),
      filters: info.command.filters,
      rows: nonlinear.map(({ size, ...rest }) => ({ size: sizeName(size), ...rest })),
    },
  };
}

process.exitCode = await main(process.argv.slice(2));
