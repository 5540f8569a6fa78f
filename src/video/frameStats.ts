/**
 * Frame statistics of a live filter: frames per second over the last second,
 * GPU milliseconds per frame, frames drawn and frames dropped. Kept in fixed
 * rings, so measuring allocates nothing per frame.
 */

/** How `gpuMs` was measured: a GPU timer query, a fence polled from the CPU (an upper bound), or not yet. */
export type GpuTiming = 'timer-query' | 'fence' | 'none';

export interface FrameStats {
  /** Frames drawn per second, over the last second. */
  readonly fps: number;
  /** GPU time per frame (upload, filter, present) in ms, the median of recent measurements; null before the first. */
  readonly gpuMs: number | null;
  readonly gpuTiming: GpuTiming;
  /** Frames drawn since start. */
  readonly frames: number;
  /** Frames that arrived but were skipped (a newer one came first, the page was hidden or the source skipped them). */
  readonly dropped: number;
  /** The size of the last frame drawn. */
  readonly width: number;
  readonly height: number;
}

const FPS_WINDOW_MS = 1000;
const TIMES = 240;
const GPU_SAMPLES = 30;

export class FrameMeter {
  private readonly times = new Float64Array(TIMES);
  private readonly gpu = new Float64Array(GPU_SAMPLES);
  private timeCount = 0;
  private gpuCount = 0;
  private frames = 0;
  private dropped = 0;
  private size = { width: 0, height: 0 };

  constructor(private readonly gpuTiming: GpuTiming) {}

  /** Records a frame drawn at `now` (ms, performance.now()). */
  frame(now: number, width: number, height: number): void {
    this.times[this.timeCount++ % TIMES] = now;
    this.frames++;
    if (width !== this.size.width || height !== this.size.height) this.size = { width, height };
  }

  /** Records `count` frames skipped. */
  drop(count = 1): void {
    this.dropped += count;
  }

  /** Records the GPU time of one frame. */
  gpuTime(ms: number): void {
    this.gpu[this.gpuCount++ % GPU_SAMPLES] = ms;
  }

  /** The statistics now. */
  snapshot(now: number): FrameStats {
    return {
      fps: this.fps(now),
      gpuMs: this.gpuCount === 0 ? null : median(this.gpu.subarray(0, Math.min(this.gpuCount, GPU_SAMPLES))),
      gpuTiming: this.gpuCount === 0 ? 'none' : this.gpuTiming,
      frames: this.frames,
      dropped: this.dropped,
      width: this.size.width,
      height: this.size.height,
    };
  }

  private fps(now: number): number {
    const stored = Math.min(this.timeCount, TIMES);
    let count = 0;
    let oldest = now;
    for (let k = 0; k < stored; k++) {
      const t = this.times[k]!;
      if (now - t <= FPS_WINDOW_MS) {
        count++;
        oldest = Math.min(oldest, t);
      }
    }
    // n frames inside the window span n - 1 intervals; with fewer than two there is no rate yet.
    return count < 2 || now === oldest ? 0 : ((count - 1) * 1000) / (now - oldest);
  }
}

/** The median, so one slow frame (the first, which compiles shaders) does not skew the figure. */
function median(values: Float64Array): number {
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
