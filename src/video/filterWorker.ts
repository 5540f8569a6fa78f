/**
 * The worker side of WorkerFilter: a FilterCanvas on the transferred
 * OffscreenCanvas, fed VideoFrames from a stream or from the page, so a busy
 * page does not cost filter frames. Every frame is closed; filtered frames go
 * to the output track's writer when there is one (skipped, never queued,
 * while the writer is full).
 */
import { GpuError } from '../errors.js';
import { FilterCanvas } from './filterCanvas.js';
import type { FrameStats } from './frameStats.js';
import { errorData, filterFromData, snapshotData, type FromWorker, type ToWorker } from './workerProtocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  close(): void;
}

interface TrackGenerator {
  readonly track: MediaStreamTrack;
  readonly writable: WritableStream<VideoFrame>;
}

const scope = globalThis as unknown as WorkerScope;
const STATS_EVERY_MS = 250;

let filter: FilterCanvas<OffscreenCanvas> | null = null;
let canvas: OffscreenCanvas | null = null;
let reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
let writer: WritableStreamDefaultWriter<VideoFrame> | null = null;
let statsPosted = 0;

const post = (message: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(message, transfer);

scope.onmessage = ({ data }) => {
  try {
    handle(data);
  } catch (error) {
    if (data.type === 'frame') data.frame.close();
    post({ type: 'error', error: errorData(error) });
  }
};

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'init':
      canvas = message.canvas;
      filter = new FilterCanvas({
        ...message.options,
        kernel: filterFromData(message.kernel),
        canvas,
        onFrame,
        onError: (error) => post({ type: 'error', error: errorData(error) }),
      });
      post({ type: 'ready', renderer: filter.renderer });
      return;
    case 'kernel':
      live().setKernel(filterFromData(message.kernel));
      return;
    case 'options':
      live().setOptions(message.options);
      return;
    case 'frames':
      void read(message.readable);
      return;
    case 'unfeed':
      void stopReading();
      return;
    case 'frame':
      live().push(message.frame);
      return;
    case 'output':
      openOutput(message.writable);
      return;
    case 'snapshot':
      live()
        .snapshot()
        .then(
          (snapshot) => post({ type: 'snapshot', id: message.id, snapshot: snapshotData(snapshot) }),
          (error: unknown) => post({ type: 'snapshot-failed', id: message.id, error: errorData(error) }),
        );
      return;
    case 'dispose':
      void dispose();
      return;
  }
}

function live(): FilterCanvas<OffscreenCanvas> {
  if (!filter) throw new GpuError('the filter worker was sent work before it was set up (or after it was disposed).');
  return filter;
}

/** Reads frames as fast as they come; the filter keeps only the newest for the next animation frame. */
async function read(readable: ReadableStream<VideoFrame>): Promise<void> {
  await stopReading();
  const current = readable.getReader();
  reader = current;
  for (;;) {
    const { value, done } = await current.read().catch(() => ({ value: undefined, done: true as const }));
    if (done || !value) return;
    if (filter && reader === current) filter.push(value);
    else value.close();
  }
}

async function stopReading(): Promise<void> {
  const current = reader;
  reader = null;
  await current?.cancel().catch(() => undefined);
}

function openOutput(writable: WritableStream<VideoFrame> | null): void {
  const Generator = (globalThis as { VideoTrackGenerator?: new () => TrackGenerator }).VideoTrackGenerator;
  if (writable) {
    writer = writable.getWriter();
  } else if (Generator) {
    const generator = new Generator();
    writer = generator.writable.getWriter();
    post({ type: 'track', track: generator.track }, [generator.track]);
  } else {
    post({ type: 'track', track: null });
  }
}

function onFrame(stats: FrameStats): void {
  if (writer && canvas && (writer.desiredSize ?? 0) > 0) {
    const frame = new VideoFrame(canvas, { timestamp: Math.round(performance.now() * 1000) });
    // The track's sink may close the frame itself; closing twice is harmless.
    writer.write(frame).then(
      () => frame.close(),
      () => frame.close(),
    );
  }
  const now = performance.now();
  if (now - statsPosted >= STATS_EVERY_MS) {
    statsPosted = now;
    post({ type: 'stats', stats });
  }
}

async function dispose(): Promise<void> {
  await stopReading();
  await writer?.close().catch(() => undefined);
  writer = null;
  filter?.dispose();
  filter = null;
  post({ type: 'disposed' });
  scope.close();
}
