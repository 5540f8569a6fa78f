/**
 * The messages between a WorkerFilter and its worker, as plain data that
 * structured clone carries: filters in their one plain form (kernelData.ts),
 * errors as their class name and message (made typed again on arrival).
 */
import { ContextLostError, GpuError, ImageError, KernelError, KernelglError, OptionError, WebGLUnavailableError } from '../errors.js';
import type { RgbaImage } from '../image.js';
import { filterData, filterFromData, type FilterData } from '../kernelData.js';
import type { FilterOptions } from '../options.js';
import { reason } from '../reason.js';
import type { FilterResult } from '../result.js';
import type { LiveOptions } from './displayOptions.js';
import type { FrameSnapshot } from './filterCanvas.js';
import type { FrameStats } from './frameStats.js';

// Re-exported: the page and the worker speak through this module alone.
export { filterData, filterFromData, type FilterData };

export interface ErrorData {
  readonly name: string;
  readonly message: string;
}

export interface SnapshotData {
  readonly source: RgbaImage;
  readonly result: FilterResult;
  readonly kernel: FilterData;
  readonly options: FilterOptions;
}

/** Page to worker. */
export type ToWorker =
  | { readonly type: 'init'; readonly canvas: OffscreenCanvas; readonly kernel: FilterData; readonly options: LiveOptions }
  | { readonly type: 'kernel'; readonly kernel: FilterData }
  | { readonly type: 'options'; readonly options: LiveOptions }
  /** A stream of frames (a MediaStreamTrackProcessor's readable) to read and show. */
  | { readonly type: 'frames'; readonly readable: ReadableStream<VideoFrame> }
  /** Stop reading the stream of frames. */
  | { readonly type: 'unfeed' }
  /** One frame posted by the page. */
  | { readonly type: 'frame'; readonly frame: VideoFrame }
  /** Where to write each filtered frame (a MediaStreamTrackGenerator's writable), or none: make a VideoTrackGenerator if the worker has one. */
  | { readonly type: 'output'; readonly writable: WritableStream<VideoFrame> | null }
  | { readonly type: 'snapshot'; readonly id: number }
  | { readonly type: 'dispose' };

/** Worker to page. */
export type FromWorker =
  | { readonly type: 'ready'; readonly renderer: string }
  | { readonly type: 'stats'; readonly stats: FrameStats }
  | { readonly type: 'snapshot'; readonly id: number; readonly snapshot: SnapshotData }
  | { readonly type: 'snapshot-failed'; readonly id: number; readonly error: ErrorData }
  /** The filtered track made in the worker, or null when the worker cannot make one. */
  | { readonly type: 'track'; readonly track: MediaStreamTrack | null }
  | { readonly type: 'error'; readonly error: ErrorData }
  | { readonly type: 'disposed' };

export function snapshotData({ source, result, kernel, options }: FrameSnapshot): SnapshotData {
  return { source, result, kernel: filterData(kernel), options };
}

export function snapshotFromData(data: SnapshotData): FrameSnapshot {
  return { ...data, kernel: filterFromData(data.kernel) };
}

export function errorData(error: unknown): ErrorData {
  const { name, message } = error instanceof Error ? error : new GpuError(String(error));
  return { name, message };
}

const TYPED: Readonly<Record<string, new (message: string) => KernelglError>> = {
  KernelError,
  OptionError,
  ImageError,
  WebGLUnavailableError,
  ContextLostError,
  GpuError,
};

/** The error again, as its kernelgl class (GpuError for anything else). */
export function errorFromData({ name, message }: ErrorData): KernelglError {
  const Type = TYPED[name] ?? GpuError;
  return new Type(reason(message));
}
