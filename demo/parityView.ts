// The split view: the GPU result of the current frame, the CPU reference of
// the very same input bytes, and a heat map of their difference, with the
// parity figures. While live, it checks one frame after another, as fast as
// the CPU reference (in a worker) keeps up.
import { describePlan, Kernel, toOutput, type Filter, type FilterCanvas, type FrameSnapshot } from '../src/index.js';
import { exactPercent, formatPercent } from '../src/difference.js';
import { filterData } from '../src/kernelData.js';
import type { ParityReply, ParityRequest } from './cpuWorker.js';

/** Pause between checks of a moving input, so the CPU worker leaves the page some air. */
const PAUSE_MS = 250;

export class ParityView {
  private readonly worker = new Worker(new URL('./cpuWorker.ts', import.meta.url), { type: 'module' });
  private live = true;
  private busy = false;
  private again = false;
  private timer = 0;

  constructor(
    private readonly filter: FilterCanvas,
    private readonly canvases: { gpu: HTMLCanvasElement; cpu: HTMLCanvasElement; diff: HTMLCanvasElement },
    private readonly figures: HTMLElement,
    private readonly diffCaption: HTMLElement,
    private readonly moving: () => boolean,
  ) {}

  /** Turns live checking on or off. */
  setLive(live: boolean): void {
    this.live = live;
    if (live) this.check();
    else clearTimeout(this.timer);
  }

  /** Checks the current frame (after a change of input, kernel or options); coalesces requests made while busy. */
  check(): void {
    if (!this.live) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    void this.run();
  }

  private async run(): Promise<void> {
    this.busy = true;
    try {
      const snapshot = await this.filter.snapshot();
      const reply = await this.compare(snapshot);
      this.show(snapshot, reply);
    } catch (error) {
      this.figures.replaceChildren(figure('check', `not possible: ${(error as Error).message}`, 'bad'));
    } finally {
      this.busy = false;
    }
    if (this.again || this.moving()) {
      this.again = false;
      this.timer = window.setTimeout(() => this.check(), PAUSE_MS);
    }
  }

  private compare(snapshot: FrameSnapshot): Promise<ParityReply> {
    const { source, result, kernel, options } = snapshot;
    const request: ParityRequest = {
      source,
      gpu: result.data,
      kernel: filterData(kernel),
      options,
    };
    return new Promise((resolve, reject) => {
      this.worker.onmessage = ({ data }: MessageEvent<ParityReply>) => resolve(data);
      this.worker.onerror = (event) => reject(new Error(event.message || 'the CPU reference worker failed'));
      this.worker.postMessage(request);
    });
  }

  private show({ result, kernel }: FrameSnapshot, reply: ParityReply): void {
    const { width, height } = result;
    const gpuView = result.data instanceof Float32Array ? toOutput(result.data, 'saturate') : result.data;
    // Saturated output is 8-bit; toOutput's type covers float output too.
    paint(this.canvases.gpu, new ImageData(gpuView as Uint8ClampedArray<ArrayBuffer>, width, height));
    paint(this.canvases.cpu, reply.cpuView);
    paint(this.canvases.diff, reply.heat);
    const { maxDiff, differing, samples } = reply.difference;
    this.diffCaption.textContent = differing === 0 ? '|GPU − CPU|: identical' : `|GPU − CPU|: ${differing} samples differ`;
    this.figures.replaceChildren(
      figure('max |diff|', String(maxDiff), maxDiff === 0 ? 'good' : 'bad', 'max-diff'),
      figure('exact samples', `${formatPercent(exactPercent(reply.difference))}%`, differing === 0 ? 'good' : 'bad', 'exact'),
      figure('differing', `${differing} of ${samples}`),
      figure('plan', describePlan(result.plan)),
      figure('border', result.plan.border),
      figure('filter', nameOf(kernel)),
      figure('frame', `${width}x${height}, CPU ${Math.round(reply.cpuMs)} ms`),
    );
  }
}

/** A kernel's name and size; the other filters' names hold their sizes (`median:5`). */
function nameOf(filter: Filter): string {
  return filter instanceof Kernel ? `${filter.name} ${filter.cols}x${filter.rows}` : filter.name;
}

function paint(canvas: HTMLCanvasElement, image: ImageData): void {
  if (canvas.width !== image.width || canvas.height !== image.height) Object.assign(canvas, { width: image.width, height: image.height });
  canvas.getContext('2d')!.putImageData(image, 0, 0);
}

function figure(term: string, value: string, tone?: 'good' | 'bad', id?: string): HTMLDivElement {
  const wrapper = document.createElement('div');
  const dt = document.createElement('dt');
  const dd = document.createElement('dd');
  dt.textContent = term;
  dd.textContent = value;
  if (tone) dd.className = tone;
  if (id) dd.id = id;
  wrapper.append(dt, dd);
  return wrapper;
}
