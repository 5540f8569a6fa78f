/**
 * One row of the nonlinear table, timed in the page round by round
 * (rounds.ts): kernelgl's GPU with and without readback, `cpuFilter`, the
 * plan's passes alone (cpuPasses.ts) and opencv.js (openCvNonlinear.ts).
 * Every result is checked against `cpuFilter`'s over the whole frame: each
 * kind's default border is OpenCV's (DESIGN.md section 6), so the borders
 * agree too.
 */
import { cpuFilter, describePlan, GpuError, type GpuFilter, type NonlinearFilter } from '../../src/index.js';
import type { NonlinearPlan } from '../../src/nonlinearPlan.js';
import { planFilter } from '../../src/plan.js';
import {
  NONLINEAR_ENGINES,
  type NonlinearChannels,
  type NonlinearEngine,
  type NonlinearJob,
  type NonlinearOutcome,
  type NonlinearReply,
} from '../protocol.js';
import { agreement, type CheckFrame } from './agreement.js';
import { CpuPasses } from './cpuPasses.js';
import type { OpenCv } from './opencv.js';
import { OpenCvNonlinear } from './openCvNonlinear.js';
import { Cannot, measureEngines, type RowEngine } from './rounds.js';

type Bytes = Uint8Array | Uint8ClampedArray;

export interface NonlinearRow {
  readonly frame: ImageData;
  /** What opencv.js gets: the frame's luma (gray, computed once, as the peers table does), its RGB, or the frame's bytes. */
  readonly pixels: Bytes;
  readonly filter: NonlinearFilter;
  readonly channels: NonlinearChannels;
}

/** What the row's engines run on. */
export interface NonlinearStarted {
  readonly gpu: GpuFilter;
  readonly opencv: OpenCv | Error;
}

/** An engine's call: the bytes it returns (none for `resident`), and for `cpuPasses` each pass's times. */
interface Engine extends RowEngine<Bytes | null> {
  readonly passes?: CpuPasses;
}

export function measureNonlinearRow(row: NonlinearRow, started: NonlinearStarted, job: NonlinearJob): NonlinearReply {
  const plan = planFilter(row.filter, { channels: row.channels }) as NonlinearPlan;
  const engines = measureEngines(
    NONLINEAR_ENGINES,
    (name) => makeEngine(name, row, plan, started),
    job,
    (done) => {
      const cpu = done.get('cpuFilter')!;
      if (!('times' in cpu) || !cpu.result) throw new Error(`cpuFilter did not run: ${JSON.stringify(cpu)}`);
      const expected = cpu.result;
      const frame = checkFrame(row);
      const input = row.channels === 'gray' ? row.pixels : row.frame.data;
      const outcome = (name: NonlinearEngine): NonlinearOutcome => {
        const engine = done.get(name)!;
        if (!('times' in engine)) return engine;
        const { result, times } = engine;
        const check = result && name !== 'cpuFilter' ? agreement(frame, input, expected, result, false) : null;
        return { status: 'measured', times, check, passes: engine.engine.passes?.passTimes() ?? null };
      };
      return Object.fromEntries(NONLINEAR_ENGINES.map((name) => [name, outcome(name)])) as Record<NonlinearEngine, NonlinearOutcome>;
    },
  );
  return { plan: { text: describePlan(plan), reads: plan.reads }, engines };
}

const kept = (run: () => Bytes | null): Engine => ({ run, dispose: () => {} });

function makeEngine(name: NonlinearEngine, row: NonlinearRow, plan: NonlinearPlan, started: NonlinearStarted): Engine {
  const { frame, filter, channels } = row;
  switch (name) {
    case 'gpu':
      return kept(() => onGpu(() => started.gpu.filter(frame, filter, { channels }).data));
    case 'resident':
      return kept(() =>
        onGpu(() => {
          const result = started.gpu.render(frame, [filter], { channels });
          result.sync();
          result.release();
          return null;
        }),
      );
    case 'cpuFilter':
      return kept(() => cpuFilter(frame, filter, { channels }).data);
    case 'cpuPasses': {
      const passes = new CpuPasses(plan, frame, channels);
      return { run: () => passes.run(), dispose: () => {}, passes };
    }
    case 'opencv': {
      if (started.opencv instanceof Error) throw started.opencv;
      const opencv = new OpenCvNonlinear(started.opencv, row.pixels, frame.width, frame.height, filter);
      return { run: () => opencv.run(), dispose: () => opencv.delete() };
    }
  }
}

/** A GPU call; a GpuError (a GpuFilter that does not run this kind of filter) tells that the GPU columns cannot run the row. */
function onGpu<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof GpuError) throw new Cannot('kernel', `GpuFilter threw GpuError: ${error.message}`);
    throw error;
  }
}

/** The whole frame, in the row's samples per pixel. */
function checkFrame({ frame, channels }: NonlinearRow): CheckFrame {
  return { width: frame.width, height: frame.height, samples: channels === 'gray' ? 1 : channels === 'rgb' ? 3 : 4, margin: 0 };
}
