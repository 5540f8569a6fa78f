// Runs the CPU reference off the page's thread for the parity view: filters
// the frame's exact input bytes with the frame's settings, compares with the
// GPU result and paints the difference heat map.
import { cpuFilter, toOutput, type FilterOptions, type RgbaImage } from '../src/index.js';
import { difference, type Difference } from '../src/difference.js';
import { filterFromData, type FilterData } from '../src/kernelData.js';

export interface ParityRequest {
  readonly source: RgbaImage;
  readonly gpu: Uint8ClampedArray | Float32Array;
  readonly kernel: FilterData;
  /** As given: the filter kind fills in its own defaults, as it did on the GPU. */
  readonly options: FilterOptions;
}

export interface ParityReply {
  readonly cpuView: ImageData;
  readonly heat: ImageData;
  readonly difference: Difference;
  readonly cpuMs: number;
}

const scope = globalThis as unknown as {
  onmessage: (event: MessageEvent<ParityRequest>) => void;
  postMessage(reply: ParityReply, transfer: Transferable[]): void;
};

scope.onmessage = ({ data }) => {
  const { source, gpu, kernel, options } = data;
  const start = performance.now();
  const cpu = cpuFilter(source, filterFromData(kernel), options);
  const cpuMs = performance.now() - start;
  const diff = difference(gpu, cpu.data);
  const heat = heatMap(gpu, cpu.data, source.width, source.height, diff.maxDiff);
  const view = cpu.data instanceof Float32Array ? toOutput(cpu.data, 'saturate') : cpu.data;
  // Saturated output is 8-bit; toOutput's type covers float output too.
  const cpuView = new ImageData(view as Uint8ClampedArray<ArrayBuffer>, source.width, source.height);
  scope.postMessage({ cpuView, heat, difference: diff, cpuMs }, [cpuView.data.buffer, heat.data.buffer]);
};

/** Dark where GPU and CPU agree; red to yellow as the largest channel difference of a pixel grows towards `maxDiff`. */
function heatMap(gpu: ArrayLike<number>, cpu: ArrayLike<number>, width: number, height: number, maxDiff: number): ImageData {
  const heat = new ImageData(width, height);
  const pixelDiff = new Float64Array(width * height);
  for (let k = 0; k < gpu.length; k++) {
    const d = Math.abs(gpu[k]! - cpu[k]!);
    pixelDiff[k >> 2] = Math.max(pixelDiff[k >> 2]!, Number.isNaN(d) ? Infinity : d);
  }
  for (let p = 0; p < pixelDiff.length; p++) {
    const d = pixelDiff[p]!;
    const t = d === 0 ? 0 : Math.min(1, 0.35 + (0.65 * d) / Math.max(maxDiff, 1));
    const o = 4 * p;
    heat.data[o] = d === 0 ? 22 : 255;
    heat.data[o + 1] = d === 0 ? 27 : Math.round(60 + 180 * t);
    heat.data[o + 2] = d === 0 ? 34 : 40;
    heat.data[o + 3] = 255;
  }
  return heat;
}
