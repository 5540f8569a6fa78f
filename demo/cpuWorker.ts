// Runs the CPU reference off the page's thread for the parity view: filters
// the frame's exact input bytes with the frame's settings, compares with the
// GPU result and paints the difference heat map.
import { Kernel, cpuFilter, toOutput, type ResolvedOptions } from '../src/index.js';

export interface ParityRequest {
  readonly source: ImageData;
  readonly gpu: Uint8ClampedArray | Float32Array;
  readonly kernel: { cols: number; rows: number; weights: Float32Array; anchor: [number, number] };
  readonly options: ResolvedOptions;
}

export interface ParityReply {
  readonly cpuView: ImageData;
  readonly heat: ImageData;
  readonly maxDiff: number;
  readonly differing: number;
  readonly samples: number;
  readonly cpuMs: number;
}

const scope = globalThis as unknown as { onmessage: (event: MessageEvent<ParityRequest>) => void; postMessage(reply: ParityReply): void };

scope.onmessage = ({ data }) => {
  const { source, gpu, kernel, options } = data;
  const start = performance.now();
  const cpu = cpuFilter(source, new Kernel(kernel.cols, kernel.rows, kernel.weights, { anchor: kernel.anchor }), options);
  const cpuMs = performance.now() - start;
  const { heat, maxDiff, differing } = heatMap(gpu, cpu.data, source.width, source.height);
  const view = cpu.data instanceof Float32Array ? toOutput(cpu.data, 'saturate') : cpu.data;
  scope.postMessage({ cpuView: new ImageData(new Uint8ClampedArray(view), source.width, source.height), heat, maxDiff, differing, samples: gpu.length, cpuMs });
};

/** Dark where GPU and CPU agree; red to yellow as the largest channel difference of a pixel grows. */
function heatMap(gpu: ArrayLike<number>, cpu: ArrayLike<number>, width: number, height: number) {
  const heat = new ImageData(width, height);
  let maxDiff = 0;
  let differing = 0;
  const pixelDiff = new Float64Array(width * height);
  for (let k = 0; k < gpu.length; k++) {
    const d = Math.abs(gpu[k]! - cpu[k]!);
    if (d > 0 || Number.isNaN(d)) differing++;
    const v = Number.isNaN(d) ? Infinity : d;
    pixelDiff[k >> 2] = Math.max(pixelDiff[k >> 2]!, v);
    maxDiff = Math.max(maxDiff, v);
  }
  for (let p = 0; p < pixelDiff.length; p++) {
    const d = pixelDiff[p]!;
    const t = d === 0 ? 0 : Math.min(1, 0.35 + (0.65 * d) / Math.max(maxDiff, 1));
    heat.data.set(d === 0 ? [22, 27, 34, 255] : [255, Math.round(60 + 180 * t), 40, 255], 4 * p);
  }
  return { heat, maxDiff, differing };
}
