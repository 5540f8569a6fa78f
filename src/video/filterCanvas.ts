/**
 * FilterCanvas: a canvas that shows a source filtered on the GPU, and keeps
 * showing it while the source is a playing video. Per new frame: one texture
 * upload, the plan's passes, one draw to the canvas; no readback, and every
 * WebGL object is reused from frame to frame. Kernel and options change live
 * without rebuilding any program.
 */
import { ContextLostError, DisposedError, GpuError, KernelglError, OptionError } from '../errors.js';
import type { Filter, FilterLike } from '../filterSpec.js';
import type { RgbaImage } from '../image.js';
import type { FilterOptions, ResolvedOptions } from '../options.js';
import type { FilterResult } from '../result.js';
import type { GlCanvas } from '../gpu/context.js';
import { Engine } from '../gpu/engine.js';
import { Presenter } from '../gpu/presenter.js';
import { hasFrame, type GpuImageSource, type Size } from '../gpu/source.js';
import { SourcePixels } from '../gpu/sourcePixels.js';
import type { RenderTarget } from '../gpu/targets.js';
import { CanvasSizer } from './canvasSize.js';
import type { LiveOptions, ResolvedDisplay } from './displayOptions.js';
import { FrameMeter, type FrameStats } from './frameStats.js';
import { createGpuTimer, type GpuTimer } from './gpuTimer.js';
import { LatestFrame } from './latestFrame.js';
import { LiveSettings } from './liveSettings.js';
import { SourceFollower } from './sourceFollower.js';

/** What a filter canvas shows: an image, a canvas, a frame, or a `<video>` (followed frame by frame). */
export type FilterSource = GpuImageSource;

export interface FilterCanvasOptions<C extends GlCanvas = HTMLCanvasElement> extends LiveOptions {
  /**
   * The filter: a Kernel, a spec such as `'sobel_x'`, `'gaussian:15:3'` or
   * `'median:5'`, a matrix, or a filter made by `filters`.
   */
  kernel: FilterLike;
  /** What to filter; may be set later with `setSource`, or frames may be pushed with `push(frame)`. @defaultValue null */
  source?: FilterSource | null;
  /** The canvas to draw on (in a worker, an OffscreenCanvas). @defaultValue a new `<canvas>` */
  canvas?: C;
  /** Start drawing at once. @defaultValue true */
  autoStart?: boolean;
  /** Called after each frame is drawn, while the frame is still in the canvas. */
  onFrame?: (stats: FrameStats) => void;
  /** Called when a frame cannot be drawn; the loop stops. @defaultValue reports to console.error */
  onError?: (error: KernelglError) => void;
}

/**
 * One frame as filtered: its exact input bytes, the result, and the settings
 * that made it: `cpuFilter(source, kernel, options)` gives the result again.
 */
export interface FrameSnapshot {
  /** The frame's RGBA bytes exactly as they were filtered. */
  readonly source: RgbaImage;
  readonly result: FilterResult;
  readonly kernel: Filter;
  /**
   * The filter options as given; each filter kind fills in its own defaults
   * (the border the result was made with is `result.plan.border`).
   */
  readonly options: FilterOptions;
}

interface Waiter {
  resolve(snapshot: FrameSnapshot): void;
  reject(error: unknown): void;
}

export class FilterCanvas<C extends GlCanvas = HTMLCanvasElement> {
  /** The canvas drawn on: the one given, typed as given, or the `<canvas>` made for it. */
  readonly canvas: C;
  private readonly engine: Engine;
  private readonly presenter: Presenter;
  private readonly meter: FrameMeter;
  private readonly sizer: CanvasSizer;
  private readonly follower: SourceFollower;
  private readonly pixels = new SourcePixels();
  private readonly pushed = new LatestFrame(
    (frame) => (this.follower.running ? this.draw(frame) : this.meter.drop()),
    () => this.meter.drop(),
  );
  private readonly ownsCanvas: boolean;
  private readonly onFrame: ((stats: FrameStats) => void) | undefined;
  private readonly onError: (error: KernelglError) => void;
  private timer: GpuTimer;
  private live: LiveSettings;
  private waiters: Waiter[] = [];
  private disposed = false;

  constructor({ kernel, source = null, canvas, autoStart = true, onFrame, onError, ...options }: FilterCanvasOptions<C>) {
    this.live = LiveSettings.of(kernel, options);
    this.ownsCanvas = !canvas;
    // Only the default type argument lets `canvas` be left out, so the element made here is a C.
    this.canvas = canvas ?? (newCanvas() as C);
    this.engine = new Engine(this.canvas, { owner: 'FilterCanvas', display: true });
    this.presenter = new Presenter(this.engine);
    this.timer = createGpuTimer(this.engine.gl, (ms) => this.meter.gpuTime(ms));
    this.meter = new FrameMeter(this.timer.kind);
    this.onFrame = onFrame;
    this.onError = onError ?? ((error) => console.error(error));
    this.follower = new SourceFollower(
      source,
      (frame) => this.draw(frame),
      (count) => this.meter.drop(count),
    );
    // A new layout size cleared the canvas, so the current frame is drawn again at it.
    this.sizer = new CanvasSizer(this.canvas, () => this.redraw());
    this.canvas.addEventListener('webglcontextrestored', this.onRestored);
    this.sizer.apply(this.live.display.resolution);
    if (autoStart) this.start();
  }

  /** Frame statistics: fps, GPU ms per frame, frames drawn and dropped. */
  get stats(): FrameStats {
    return this.meter.snapshot(performance.now());
  }

  /** The renderer's name, for reports. */
  get renderer(): string {
    return this.engine.renderer;
  }

  /** The current filter, and the options resolved (the border is the filter kind's default unless one was given). */
  get settings(): { readonly kernel: Filter; readonly options: ResolvedOptions; readonly display: ResolvedDisplay } {
    const { kernel, options, display } = this.live;
    return { kernel, options, display };
  }

  /** Shows another source (null: none); a `<video>` is followed frame by frame while started. */
  setSource(source: FilterSource | null): void {
    this.usable();
    this.follower.setSource(source);
  }

  /** Filters with another kernel or filter from the next frame on (a still source is redrawn now). */
  setKernel(kernel: FilterLike): void {
    this.usable();
    this.live = this.live.withKernel(kernel);
    this.follower.refresh();
  }

  /**
   * Changes some options, filter or display, from the next frame on; those not
   * given keep their values. Invalid values throw and change nothing.
   */
  setOptions(options: LiveOptions): void {
    this.usable();
    this.live = this.live.withOptions(options);
    this.sizer.apply(this.live.display.resolution);
    this.follower.refresh();
  }

  /** Starts drawing: a still source now, a video on each new frame. */
  start(): void {
    this.usable();
    this.follower.start();
  }

  /** Stops following the video (the last frame stays on the canvas). */
  stop(): void {
    this.follower.stop();
  }

  /**
   * Draws `frame` now, or the source's current frame when none is given.
   * Pushed frames are not closed here: the caller owns them.
   */
  render(frame?: FilterSource): void {
    this.usable();
    if (!frame) this.redraw();
    else if (hasFrame(frame)) this.draw(frame);
  }

  /**
   * Shows a frame from a stream (a camera track's VideoFrames, say) at the
   * next animation frame, then closes it. Frames are never queued: one pushed
   * before the previous was drawn replaces it, and the older is closed and
   * counted as dropped.
   */
  push(frame: VideoFrame): void {
    if (this.disposed) frame.close();
    this.usable();
    this.pushed.offer(frame);
  }

  /**
   * The next frame drawn, with its exact input bytes and the settings that
   * filtered it, for checks against the CPU reference. A source that can be
   * drawn again is drawn now; with pushed frames, the next one drawn.
   */
  snapshot(): Promise<FrameSnapshot> {
    this.usable();
    const promise = new Promise<FrameSnapshot>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.redraw();
    return promise;
  }

  /** Stops the loop and frees every WebGL object. Idempotent; later calls throw DisposedError. */
  dispose(): void {
    if (this.disposed) return;
    this.stop();
    this.disposed = true;
    this.sizer.dispose();
    this.canvas.removeEventListener('webglcontextrestored', this.onRestored);
    this.pushed.dispose();
    this.timer.dispose();
    this.engine.dispose();
    this.pixels.dispose();
    this.waiters.splice(0).forEach((w) => w.reject(new DisposedError('this FilterCanvas')));
    // A canvas made here is nobody else's: give its context back now rather than at garbage collection.
    if (this.ownsCanvas) this.engine.gl.getExtension('WEBGL_lose_context')?.loseContext();
    this.follower.setSource(null);
  }

  /** Draws the source's current frame, when it has one. */
  private redraw(): void {
    const { frame } = this.follower;
    if (frame) this.draw(frame);
  }

  private draw(frame: FilterSource): void {
    if (this.engine.contextLost) {
      this.meter.drop();
      return;
    }
    try {
      this.drawFrame(frame);
    } catch (error) {
      if (error instanceof ContextLostError) return;
      this.fail(error);
    }
  }

  private drawFrame(frame: FilterSource): void {
    const waiters = this.waiters.splice(0);
    const { plan, kernel, filterOptions: options } = this.live;
    try {
      // The snapshot's bytes are copied: they must stay the ones filtered, whatever the caller's image does next.
      const pixels = waiters.length > 0 ? this.pixels.copy(frame) : null;
      const { size, target } = this.filterAndPresent(pixels ?? frame);
      try {
        if (pixels) {
          const result = { width: size.width, height: size.height, data: this.engine.read(target), plan };
          const snapshot = { source: pixels, result, kernel, options };
          waiters.forEach((w) => w.resolve(snapshot));
        }
      } finally {
        this.engine.release(target);
      }
      this.meter.frame(performance.now(), size.width, size.height);
    } catch (error) {
      waiters.forEach((w) => w.reject(error));
      throw error;
    }
    this.onFrame?.(this.stats);
  }

  /** Upload, filter and draw to the canvas, timed; returns the held result target. */
  private filterAndPresent(frame: FilterSource): { size: Size; target: RenderTarget } {
    const { plan, display } = this.live;
    this.timer.begin();
    try {
      const size = this.engine.upload(frame);
      this.sizer.fit(size);
      const target = this.engine.run(plan, size);
      try {
        this.presenter.draw(target, display);
      } catch (error) {
        this.engine.release(target);
        throw error;
      }
      return { size, target };
    } finally {
      this.timer.end();
    }
  }

  private fail(error: unknown): void {
    this.stop();
    this.onError(
      error instanceof KernelglError ? error : new GpuError(`a frame could not be drawn: ${(error as Error)?.message ?? String(error)}`),
    );
  }

  private usable(): void {
    if (this.disposed) throw new DisposedError('this FilterCanvas');
  }

  private readonly onRestored = (): void => {
    // Queries and fences of the lost context are gone; the engine has rebuilt its own objects.
    this.timer.dispose();
    this.timer = createGpuTimer(this.engine.gl, (ms) => this.meter.gpuTime(ms));
    this.follower.refresh();
  };
}

/** Makes a FilterCanvas: `createFilterCanvas({ source: video, kernel: 'sobel_x', output: 'abs' })`. */
export function createFilterCanvas<C extends GlCanvas = HTMLCanvasElement>(options: FilterCanvasOptions<C>): FilterCanvas<C> {
  return new FilterCanvas(options);
}

function newCanvas(): HTMLCanvasElement {
  if (typeof document !== 'undefined') return document.createElement('canvas');
  throw new OptionError('there is no document here to make a <canvas> in; pass `canvas` (an OffscreenCanvas in a worker).');
}
