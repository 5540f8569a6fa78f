/**
 * WorkerFilter: the filter canvas run off the main thread. The page's
 * `<canvas>` hands its drawing to a worker (transferControlToOffscreen),
 * where a FilterCanvas draws VideoFrames: read straight from a camera track
 * through MediaStreamTrackProcessor where the browser has it, else taken
 * from a `<video>` on the page each frame and posted. A busy page then costs
 * no filter frames. The filtered frames are also available as a track.
 */
import { DisposedError, GpuError, type KernelglError } from '../errors.js';
import type { FilterLike } from '../filterSpec.js';
import { DisplayFollower } from './canvasSize.js';
import { displaySize } from './displaySize.js';
import type { LiveOptions } from './displayOptions.js';
import type { FrameSnapshot } from './filterCanvas.js';
import workerSource from 'virtual:kernelgl/filter-worker';
import { watchVideo } from './frameLoop.js';
import type { FrameStats } from './frameStats.js';
import { LiveSettings } from './liveSettings.js';
import { errorFromData, filterData, snapshotFromData, type FromWorker, type ToWorker } from './workerProtocol.js';

export interface WorkerFilterOptions extends LiveOptions {
  /** The filter: a Kernel, a spec such as `'sobel_x'` or `'median:5'`, a matrix, or a filter made by `filters`. */
  kernel: FilterLike;
  /** Called when the worker cannot draw a frame or apply a change. @defaultValue reports to console.error */
  onError?: (error: KernelglError) => void;
}

interface TrackProcessor {
  readonly readable: ReadableStream<VideoFrame>;
}
interface TrackGenerator extends MediaStreamTrack {
  readonly writable: WritableStream<VideoFrame>;
}
type Constructor<T> = new (init: object) => T;
const breakoutBox = globalThis as {
  MediaStreamTrackProcessor?: Constructor<TrackProcessor>;
  MediaStreamTrackGenerator?: Constructor<TrackGenerator>;
};

/** How long `dispose` waits for the worker to free its objects before terminating it. */
const DISPOSE_GRACE_MS = 2000;

const EMPTY_STATS: FrameStats = Object.freeze({ fps: 0, gpuMs: null, gpuTiming: 'none', frames: 0, dropped: 0, width: 0, height: 0 });

export class WorkerFilter {
  readonly canvas: HTMLCanvasElement;
  /** Resolves with the renderer's name once the worker's filter is built; rejects if it cannot be. */
  readonly ready: Promise<string>;
  private readonly worker: Worker;
  private readonly onError: (error: KernelglError) => void;
  private readonly display: DisplayFollower;
  private latest: FrameStats = EMPTY_STATS;
  /** Checked here, so mistakes throw at the call and not later in the worker. */
  private live: LiveSettings;
  private snapshots = new Map<number, { resolve: (s: FrameSnapshot) => void; reject: (e: unknown) => void }>();
  private nextId = 0;
  private stopFeeding: (() => void) | null = null;
  private track: Promise<MediaStreamTrack> | null = null;
  private trackReply: ((track: MediaStreamTrack | null) => void) | null = null;
  private disposed = false;
  private settleReady!: { resolve(renderer: string): void; reject(error: unknown): void };

  constructor(canvas: HTMLCanvasElement, { kernel, onError, ...options }: WorkerFilterOptions) {
    this.live = LiveSettings.of(kernel, options);
    this.canvas = canvas;
    // The layout is here on the page: each new size goes to the worker as a fixed one.
    this.display = new DisplayFollower(canvas, (resolution) => this.post({ type: 'options', options: { resolution } }));
    this.onError = onError ?? ((error) => console.error(error));
    this.ready = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
    this.ready.catch(() => undefined);
    const offscreen = canvas.transferControlToOffscreen();
    this.worker = startWorker();
    this.worker.onmessage = ({ data }: MessageEvent<FromWorker>) => this.receive(data);
    this.worker.onerror = (event) => this.fail(workerFailure(event));
    this.post({ type: 'init', canvas: offscreen, kernel: filterData(this.live.kernel), options: this.workerOptions() }, [offscreen]);
    this.display.follow(this.live.display.resolution);
  }

  /** The latest frame statistics the worker reported (a few times a second). */
  get stats(): FrameStats {
    return this.latest;
  }

  /** Changes the kernel or filter from the next frame on; an invalid one, or one the plan option cannot run, throws here and changes nothing. */
  setKernel(kernel: FilterLike): void {
    this.usable();
    this.live = this.live.withKernel(kernel);
    this.post({ type: 'kernel', kernel: filterData(this.live.kernel) });
  }

  /** Changes some options from the next frame on; invalid values throw here and change nothing. */
  setOptions(options: LiveOptions): void {
    this.usable();
    this.live = this.live.withOptions(options);
    this.display.follow(this.live.display.resolution);
    this.post({ type: 'options', options: this.workerOptions() });
  }

  /**
   * Shows the frames of a camera track or a `<video>`. A track goes to the
   * worker as a stream of frames where MediaStreamTrackProcessor exists;
   * otherwise each new frame of the video (or of a video made for the
   * track) is posted. Replaces what was fed before.
   */
  feed(source: MediaStreamTrack | HTMLVideoElement): void {
    this.usable();
    this.unfeed();
    if (source instanceof MediaStreamTrack && breakoutBox.MediaStreamTrackProcessor) {
      const { readable } = new breakoutBox.MediaStreamTrackProcessor({ track: source });
      this.post({ type: 'frames', readable }, [readable]);
      this.stopFeeding = () => this.post({ type: 'unfeed' });
      return;
    }
    const video = source instanceof MediaStreamTrack ? playTrack(source) : source;
    const stopWatching = watchVideo(video, () => this.push(new VideoFrame(video)));
    this.stopFeeding = () => {
      stopWatching();
      if (video !== source) video.srcObject = null;
    };
  }

  /** Stops feeding frames (the last one stays shown). */
  unfeed(): void {
    this.stopFeeding?.();
    this.stopFeeding = null;
  }

  /** Sends one frame to be shown; it is transferred, and closed by the worker. */
  push(frame: VideoFrame): void {
    if (this.disposed) frame.close();
    this.usable();
    this.post({ type: 'frame', frame }, [frame]);
  }

  /**
   * The filtered frames as a MediaStreamTrack: a MediaStreamTrackGenerator
   * written by the worker, a VideoTrackGenerator made in the worker, or else
   * the canvas's captureStream(). Made once; ended by dispose.
   */
  outputTrack(): Promise<MediaStreamTrack> {
    this.usable();
    this.track ??= this.makeTrack();
    return this.track;
  }

  /** The next frame drawn with its exact input bytes and settings (see FilterCanvas.snapshot). */
  snapshot(): Promise<FrameSnapshot> {
    this.usable();
    const id = this.nextId++;
    const promise = new Promise<FrameSnapshot>((resolve, reject) => this.snapshots.set(id, { resolve, reject }));
    this.post({ type: 'snapshot', id });
    return promise;
  }

  /** Stops feeding, ends the output track, and lets the worker free everything before it is terminated. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.unfeed();
    this.display.stop();
    this.post({ type: 'dispose' });
    this.disposed = true;
    void this.track?.then(
      (track) => track.stop(),
      () => undefined,
    );
    this.trackReply?.(null);
    this.snapshots.forEach(({ reject }) => reject(new DisposedError('this WorkerFilter')));
    this.snapshots.clear();
    this.settleReady.reject(new DisposedError('this WorkerFilter'));
    const terminate = setTimeout(() => this.worker.terminate(), DISPOSE_GRACE_MS);
    this.worker.addEventListener('message', ({ data }: MessageEvent<FromWorker>) => {
      if (data.type !== 'disposed') return;
      clearTimeout(terminate);
      this.worker.terminate();
    });
  }

  private async makeTrack(): Promise<MediaStreamTrack> {
    if (breakoutBox.MediaStreamTrackGenerator) {
      const generator = new breakoutBox.MediaStreamTrackGenerator({ kind: 'video' });
      this.post({ type: 'output', writable: generator.writable }, [generator.writable]);
      return generator;
    }
    const made = await new Promise<MediaStreamTrack | null>((resolve) => {
      this.trackReply = resolve;
      this.post({ type: 'output', writable: null });
    });
    this.trackReply = null;
    return made ?? this.canvas.captureStream().getVideoTracks()[0]!;
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        this.settleReady.resolve(message.renderer);
        return;
      case 'stats':
        this.latest = message.stats;
        return;
      case 'snapshot':
        this.snapshots.get(message.id)?.resolve(snapshotFromData(message.snapshot));
        this.snapshots.delete(message.id);
        return;
      case 'snapshot-failed':
        this.snapshots.get(message.id)?.reject(errorFromData(message.error));
        this.snapshots.delete(message.id);
        return;
      case 'track':
        this.trackReply?.(message.track);
        return;
      case 'error':
        this.fail(errorFromData(message.error));
        return;
      case 'disposed':
        return;
    }
  }

  private fail(error: KernelglError): void {
    this.settleReady.reject(error);
    this.onError(error);
  }

  /** `display` resolution is measured here, where the layout is, and sent as a fixed size. */
  private workerOptions(): LiveOptions {
    const { given } = this.live;
    return given.resolution === 'display' ? { ...given, resolution: displaySize(this.canvas) } : given;
  }

  private post(message: ToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private usable(): void {
    if (this.disposed) throw new DisposedError('this WorkerFilter');
  }
}

/** Runs a FilterCanvas in a worker on `canvas`: `const wf = createWorkerFilter(canvas, { kernel: 'sobel_x' }); wf.feed(track)`. */
export function createWorkerFilter(canvas: HTMLCanvasElement, options: WorkerFilterOptions): WorkerFilter {
  return new WorkerFilter(canvas, options);
}

let workerUrl: string | null = null;

/** The worker runs from a blob: URL of its inlined source, made on first use and kept for the page's lifetime. */
function startWorker(): Worker {
  workerUrl ??= URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  return new Worker(workerUrl, { name: 'kernelgl filter' });
}

/**
 * An error event of the worker as a GpuError. One without a message is a
 * worker that never started: the script is inlined, so the usual cause is a
 * Content-Security-Policy that refuses `blob:` workers.
 */
function workerFailure(event: ErrorEvent): GpuError {
  if (event.message) return new GpuError(`the filter worker failed: ${event.message}`);
  return new GpuError(
    'the filter worker could not start. It runs from a blob: URL: if the page sets a Content-Security-Policy, allow `worker-src blob:`; otherwise use createFilterCanvas on the main thread.',
  );
}

/** A muted `<video>` (not in the document) playing `track`, to take frames from. */
function playTrack(track: MediaStreamTrack): HTMLVideoElement {
  const video = document.createElement('video');
  Object.assign(video, { muted: true, playsInline: true, srcObject: new MediaStream([track]) });
  void video.play().catch(() => undefined);
  return video;
}
