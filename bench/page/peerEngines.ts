/**
 * The engines of one row of the peers table, each one call that takes the
 * row's frame as bytes and returns the filtered bytes: kernelgl through its
 * public API (and the CPU reference through `executePlan`), then opencv.js,
 * fabric.js and TF.js. A peer that cannot run the row says why instead.
 */
import { executePlan } from '../../src/cpu/execute.js';
import { cpuFilter, type GpuFilter, type ImageFilter, type Kernel } from '../../src/index.js';
import { resolveOptions } from '../../src/options.js';
import { toOutput } from '../../src/output.js';
import { makePlan } from '../../src/plan.js';
import type { BenchChannels, PeerEngine } from '../protocol.js';
import { FabricConvolute, fabricCannot } from './fabric.js';
import { OpenCvFilter, type OpenCv } from './opencv.js';
import { Cannot, type RowEngine } from './rounds.js';
import { TfDepthwise } from './tfjs.js';

type Bytes = Uint8Array | Uint8ClampedArray;

/** One frame, bytes in and filtered bytes out; `dispose` leaves the page's GpuFilter and `auto` filter. */
export interface Engine extends RowEngine<Bytes> {
  /** The result comes through a 2D canvas, which premultiplies alpha (see agreement.ts). */
  readonly premultiplied: boolean;
}

export interface Row {
  readonly frame: ImageData;
  /** The frame's OpenCV luma, which opencv.js and TF.js get for gray (kernelgl converts the frame itself). */
  readonly luma: Uint8Array;
  readonly kernel: Kernel;
  readonly channels: BenchChannels;
}

/** What the page started: kernelgl's filters, and each peer or why it did not start. */
export interface Started {
  readonly gpu: GpuFilter;
  readonly auto: ImageFilter;
  readonly opencv: OpenCv | Error;
  readonly fabric: true | Error;
  readonly tfjs: true | Error;
}

const kept = (run: () => Bytes): Engine => ({ run, dispose: () => {}, premultiplied: false });

/** The engine `name` set up for `row`; throws when it did not start or could not be set up. */
export function makeEngine(name: PeerEngine, row: Row, started: Started): Engine | Cannot {
  const { frame, luma, kernel, channels } = row;
  const gray = channels === 'gray';
  switch (name) {
    case 'gpu':
      return kept(() => started.gpu.filter(frame, kernel, { channels }).data);
    case 'cpuFilter':
      return kept(() => cpuFilter(frame, kernel, { channels }).data);
    case 'reference':
      return kept(() => referenceFilter(frame, kernel, channels));
    case 'auto':
      return kept(() => started.auto.filter(frame, kernel, { channels }).data);
    case 'opencv': {
      const filter = new OpenCvFilter(ready(started.opencv), gray ? luma : frame.data, frame.width, frame.height, kernel);
      return { run: () => filter.run(), dispose: () => filter.delete(), premultiplied: false };
    }
    case 'fabric': {
      if (gray) return new Cannot('channels', 'fabric.js filters RGBA canvases; it has no one-channel input.');
      const cannot = fabricCannot(kernel);
      if (cannot) return new Cannot('kernel', cannot);
      ready(started.fabric);
      const filter = new FabricConvolute(frame, kernel);
      return { run: () => filter.run(), dispose: () => filter.dispose(), premultiplied: true };
    }
    case 'tfjs': {
      ready(started.tfjs);
      const filter = new TfDepthwise(gray ? luma : frame, frame.width, frame.height, kernel);
      return { run: () => filter.run(), dispose: () => filter.dispose(), premultiplied: false };
    }
  }
}

/** The CPU reference itself, whatever engine `cpuFilter` runs: plan, `executePlan` in float32, bytes. */
function referenceFilter(frame: ImageData, kernel: Kernel, channels: BenchChannels): Bytes {
  const plan = makePlan(kernel, resolveOptions({ channels }));
  return toOutput(executePlan(plan, frame, 'float32'), plan.output) as Bytes;
}

function ready<T>(peer: T | Error): T {
  if (peer instanceof Error) throw peer;
  return peer;
}
