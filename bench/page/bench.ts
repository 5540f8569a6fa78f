/**
 * The benchmark page: one GpuFilter for the whole run, frames made here from
 * the sample photo, and one `measure` call per cell: a warm-up call, then
 * `runs` calls each timed with `performance.now()` (none when the warm-up
 * went over the cell's budget); one `peers` call per row of the peers table
 * (peers.ts) and one `nonlinear` call per row of the nonlinear table
 * (nonlinear.ts). It uses the public API.
 */
import {
  cpuFilter,
  createFilter,
  GpuFilter,
  isLinear,
  Kernel,
  parseFilterSpec,
  parseKernelSpec,
  type Plan,
  type RgbaImage,
} from '../../src/index.js';
import type { BenchChannels, CellJob, CellReply, Loaded, Method, NonlinearJob, PlanSummary } from '../protocol.js';
import { messageOf } from './errors.js';
import { startFabric } from './fabric.js';
import { Frames, loadPhoto } from './frames.js';
import { loadOpenCv, OpenCvFilter, type OpenCv } from './opencv.js';
import type { Started } from './peerEngines.js';
import { measureNonlinearRow, type NonlinearRow } from './nonlinear.js';
import { measureRow } from './peers.js';
import { startTfjs } from './tfjs.js';

let gpu: GpuFilter | null = null;
let frames: Frames | null = null;
let opencv: OpenCv | null = null;
let started: Started | null = null;

const summary = (plan: Plan): PlanSummary => ({ kind: plan.kind, rank: isLinear(plan) ? plan.rank : 1, reads: plan.reads });

/** One call of the method under test; returns the plan that ran. */
type Call = () => PlanSummary | null;

function kernelglCall(image: RgbaImage, kernel: Kernel, channels: BenchChannels, method: Exclude<Method, 'opencv'>): Call {
  const g = gpu!;
  switch (method) {
    case 'auto':
    case 'direct':
      return () => summary(g.filter(image, kernel, { channels, plan: method }).plan);
    case 'resident':
      return () => {
        const result = g.render(image, [kernel], { channels, plan: 'auto' });
        result.sync();
        result.release();
        const step = result.pipeline.steps[0]!;
        return step.op === 'filter' ? summary(step.plan) : null;
      };
    case 'cpu':
      return () => summary(cpuFilter(image, kernel, { channels }).plan);
  }
}

function time(call: Call, { runs, budgetMs }: CellJob): CellReply {
  const t0 = performance.now();
  const plan = call(); // warm-up: shaders compiled, targets allocated, caches filled
  const warmUpMs = performance.now() - t0;
  const times: number[] = [];
  if (budgetMs !== null && warmUpMs > budgetMs) return { warmUpMs, times, plan };
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    call();
    times.push(performance.now() - start);
  }
  return { warmUpMs, times, plan };
}

function measureOpenCv(job: CellJob, kernel: Kernel): CellReply {
  if (!opencv) return { error: 'opencv.js did not load' };
  const pixels = job.channels === 'gray' ? frames!.luma(job.width, job.height) : frames!.rgba(job.width, job.height).data;
  const filter = new OpenCvFilter(opencv, pixels, job.width, job.height, kernel);
  try {
    return time(() => (filter.run(), null), job);
  } finally {
    filter.delete();
  }
}

/** A row of the nonlinear table: the frame, and what opencv.js gets of it for the row's channels. */
function nonlinearRow(f: Frames, { width, height, channels, filter: spec }: NonlinearJob): NonlinearRow {
  const filter = parseFilterSpec(spec);
  if (filter instanceof Kernel)
    throw new Error(`the nonlinear table takes median, morphology and bilateral filters; got the kernel "${spec}".`);
  const frame = f.rgba(width, height);
  const pixels = channels === 'gray' ? f.luma(width, height) : channels === 'rgb' ? f.rgb(width, height) : frame.data;
  return { frame, pixels, filter, channels };
}

type Made<T> = { readonly value: T; readonly version: string };

/** What `start` made and its version, or the error it threw (the other columns run without that peer). */
async function attempt<T>(start: () => Made<T> | Promise<Made<T>>): Promise<{ value: T | Error; loaded: Loaded }> {
  try {
    const { value, version } = await start();
    return { value, loaded: { version } };
  } catch (error) {
    return { value: error instanceof Error ? error : new Error(messageOf(error)), loaded: { error: messageOf(error) } };
  }
}

window.kernelglBench = {
  async start(setup) {
    try {
      gpu ??= new GpuFilter();
      frames ??= new Frames(await loadPhoto(setup.photo));
      const cv = await attempt(async () => {
        const loaded = await loadOpenCv(setup.opencv);
        return { value: loaded.cv, version: loaded.version };
      });
      const fabric = await attempt(() => ({ value: true as const, version: startFabric() }));
      const tfjs = await attempt(async () => ({ value: true as const, version: await startTfjs() }));
      opencv = cv.value instanceof Error ? null : cv.value;
      started = { gpu, auto: createFilter({ backend: 'auto' }), opencv: cv.value, fabric: fabric.value, tfjs: tfjs.value };
      return {
        renderer: gpu.renderer,
        opencv: cv.loaded,
        fabric: fabric.loaded,
        tfjs: tfjs.loaded,
        auto: { backend: started.auto.backend, reason: started.auto.reason },
      };
    } catch (error) {
      return { error: messageOf(error) };
    }
  },
  peers(job) {
    if (!started || !frames) return { error: 'the benchmark page was not started.' };
    try {
      const row = {
        frame: frames.rgba(job.width, job.height),
        luma: frames.luma(job.width, job.height),
        kernel: parseKernelSpec(job.kernel),
        channels: job.channels,
      };
      return { engines: measureRow(row, started, job) };
    } catch (error) {
      return { error: messageOf(error) };
    }
  },
  nonlinear(job) {
    if (!started || !frames) return { error: 'the benchmark page was not started.' };
    try {
      return measureNonlinearRow(nonlinearRow(frames, job), started, job);
    } catch (error) {
      return { error: messageOf(error) };
    }
  },
  measure(job) {
    if (!gpu || !frames) return { error: 'the benchmark page was not started.' };
    try {
      const kernel = parseKernelSpec(job.kernel);
      if (job.method === 'opencv') return measureOpenCv(job, kernel);
      return time(kernelglCall(frames.rgba(job.width, job.height), kernel, job.channels, job.method), job);
    } catch (error) {
      return { error: messageOf(error) };
    }
  },
};
