/**
 * Where `cpuFilter`'s time goes on a median, morphology or bilateral plan:
 * each pass of the plan, computed by the functions `cpuFilter` runs for it
 * (src/cpu/nonlinear.ts) on float32 planes of the frame's channels made
 * beforehand, timed alone and summed over the channels. What the call spends
 * besides (the channels into planes, the finish, the bytes out) is the
 * difference from `cpuFilter`'s own time. The library times no passes, so
 * this walks the plan itself as the engines do: a pass reads the image or
 * an earlier pass, and a morphology difference is float32 `a - b`.
 */
import { bilateralPlanes, medianPlane, morphPass, type PlaneSize } from '../../src/cpu/nonlinear.js';
import { luma, type RgbaImage } from '../../src/image.js';
import type { BilateralPlan, MedianPlan, MorphInput, MorphologyPlan, NonlinearPlan } from '../../src/nonlinearPlan.js';
import type { NonlinearChannels, PassTimes } from '../protocol.js';

/** One pass over every channel: reads `planes` (the input channels), writes its own. */
interface Pass {
  readonly name: string;
  readonly run: (planes: readonly Float32Array[]) => void;
  readonly out: readonly Float32Array[];
}

export class CpuPasses {
  private readonly input: Float32Array[];
  private readonly size: PlaneSize;
  private readonly passes: Pass[];
  /** Each call's ms per pass, the untimed first call's included. */
  private readonly laps: number[][] = [];

  constructor(plan: NonlinearPlan, frame: RgbaImage, channels: NonlinearChannels) {
    this.size = { width: frame.width, height: frame.height };
    this.input = channelPlanes(frame, channels);
    this.passes = this.plan(plan);
  }

  /** The passes, each timed; returns the last pass's planes as bytes, channels interleaved, for the check. */
  run(): Uint8ClampedArray {
    this.laps.push(
      this.passes.map(({ run }) => {
        const start = performance.now();
        run(this.input);
        return performance.now() - start;
      }),
    );
    return interleave(this.passes[this.passes.length - 1]!.out);
  }

  /** Each pass's ms in the timed rounds (every call but the first, which was untimed). */
  passTimes(): PassTimes[] {
    return this.passes.map(({ name }, k) => ({ name, times: this.laps.slice(1).map((lap) => lap[k]!) }));
  }

  private planes(): Float32Array[] {
    return this.input.map(() => new Float32Array(this.size.width * this.size.height));
  }

  private plan(plan: NonlinearPlan): Pass[] {
    switch (plan.kind) {
      case 'median':
        return [this.median(plan)];
      case 'bilateral':
        return [this.bilateral(plan)];
      case 'morphology':
        return this.morphology(plan);
    }
  }

  private median(plan: MedianPlan): Pass {
    const out = this.planes();
    const run = (input: readonly Float32Array[]) =>
      input.forEach((plane, c) => medianPlane(plan, plan.outside[c]!, plane, out[c]!, this.size));
    return { name: `median ${plan.size}x${plan.size}`, run, out };
  }

  private bilateral(plan: BilateralPlan): Pass {
    const out = this.planes();
    return { name: `bilateral, ${plan.reads} taps`, run: (input) => bilateralPlanes(plan, input, out, this.size, Math.fround), out };
  }

  private morphology(plan: MorphologyPlan): Pass[] {
    const passes: Pass[] = [];
    const read = (from: MorphInput, input: readonly Float32Array[]) => (from === 'image' ? input : passes[from]!.out);
    for (const pass of plan.passes) {
      const out = this.planes();
      const run = (input: readonly Float32Array[]) =>
        read(pass.input, input).forEach((plane, c) => morphPass(pass, plan.border, pass.outside[c]!, plane, out[c]!, this.size));
      passes.push({ name: `${pass.op} ${pass.cols}x${pass.rows}${pass.full ? '' : ' mask'}`, run, out });
    }
    const { difference } = plan;
    if (difference) {
      const out = this.planes();
      const run = (input: readonly Float32Array[]) => {
        const [a, b] = [read(difference.a, input), read(difference.b, input)];
        out.forEach((plane, c) => {
          for (let p = 0; p < plane.length; p++) plane[p] = a[c]![p]! - b[c]![p]!;
        });
      };
      passes.push({ name: 'difference', run, out });
    }
    return passes;
  }
}

/** The channels a plan filters, as float32 planes: the luma for gray (as the library computes it), else R, G, B (and A). */
function channelPlanes({ width, height, data }: RgbaImage, channels: NonlinearChannels): Float32Array[] {
  const n = width * height;
  if (channels === 'gray') return [Float32Array.from({ length: n }, (_, p) => luma(data[4 * p]!, data[4 * p + 1]!, data[4 * p + 2]!))];
  return Array.from({ length: channels === 'rgb' ? 3 : 4 }, (_, c) => Float32Array.from({ length: n }, (_, p) => data[4 * p + c]!));
}

/** Planes as bytes, interleaved: rounded half to even and clamped, as kernelgl's saturating output. */
function interleave(planes: readonly Float32Array[]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(planes[0]!.length * planes.length);
  planes.forEach((plane, c) => plane.forEach((v, p) => (out[p * planes.length + c] = v)));
  return out;
}
